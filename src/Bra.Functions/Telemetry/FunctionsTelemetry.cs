using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.Functions.Telemetry;

/// <summary>
/// Application Insights for the worker (the connection string and the Entra authentication string come from the app
/// settings <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> and <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c>): the
/// worker's logs at Warning and above, which the alerts in infra/app/alerts.bicep query. No dependency, performance
/// counter or live-metrics collection, no sampling (an alerted log must not be dropped), and every item passes
/// <see cref="LinkTokenTelemetry"/>. See docs/deploy.md, "What is recorded".
/// </summary>
public static class FunctionsTelemetry
{
    public static IServiceCollection AddFunctionsTelemetry(this IServiceCollection services)
    {
        services.AddApplicationInsightsTelemetryWorkerService(o =>
        {
            o.EnableDependencyTrackingTelemetryModule = false;
            o.EnablePerformanceCounterCollectionModule = false;
            o.EnableEventCounterCollectionModule = false;
            o.EnableQuickPulseMetricStream = false;
            o.EnableAdaptiveSampling = false;
        });
        services.ConfigureFunctionsApplicationInsights();
        services.AddApplicationInsightsTelemetryProcessor<LinkTokenTelemetry>();
        return services;
    }
}
