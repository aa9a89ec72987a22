using System.Collections.Concurrent;
using Bra.Core.Links;
using Bra.Functions.Telemetry;
using Microsoft.ApplicationInsights;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.WorkerService;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// The Functions worker's telemetry as the app configures it (<see cref="FunctionsTelemetry"/>), sent to a channel
/// that keeps the items instead of Application Insights: link tokens never leave, and only logs are collected.
/// </summary>
public sealed class FunctionsTelemetryTests
{
    [Fact]
    public async Task Telemetry_LinkPathsInLogsAndRequests_SentWithoutTheToken()
    {
        var channel = new KeepingChannel();
        await using var provider = Services(channel);
        var token = LinkTokens.NewToken();

        provider.GetRequiredService<ILoggerFactory>().CreateLogger("Bra.Core.Test")
            .LogWarning("The page {Path} could not be rendered", "/respond/" + token + "/document");
        provider.GetRequiredService<TelemetryClient>().TrackRequest(new RequestTelemetry
        {
            Name = "GET /sign/" + token,
            Url = new Uri("https://func-x.azurewebsites.net/sign/" + token + "?x=1"),
            ResponseCode = "200",
        });
        provider.GetRequiredService<TelemetryClient>().Flush();

        var trace = Assert.Single(channel.Items.OfType<TraceTelemetry>());
        var request = Assert.Single(channel.Items.OfType<RequestTelemetry>());
        Assert.Equal("The page /respond/{token}/document could not be rendered", trace.Message);
        Assert.Equal("https://func-x.azurewebsites.net/sign/{token}?x=1", request.Url.OriginalString);
        Assert.All(channel.Items.SelectMany(Texts), text => Assert.DoesNotContain(token.Split(LinkTokens.Separator)[1], text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Telemetry_Options_LogsOnlyNoDependenciesCountersLiveMetricsOrSampling()
    {
        await using var provider = Services(new KeepingChannel());
        var options = provider.GetRequiredService<IOptions<ApplicationInsightsServiceOptions>>().Value;

        Assert.False(options.EnableDependencyTrackingTelemetryModule);
        Assert.False(options.EnablePerformanceCounterCollectionModule);
        Assert.False(options.EnableEventCounterCollectionModule);
        Assert.False(options.EnableQuickPulseMetricStream);
        Assert.False(options.EnableAdaptiveSampling);
    }

    private static ServiceProvider Services(ITelemetryChannel channel)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint=http://127.0.0.1:9/",
        }).Build());
        services.AddSingleton(channel);
        services.AddLogging();
        services.AddFunctionsTelemetry();
        return services.BuildServiceProvider();
    }

    private static IEnumerable<string> Texts(ITelemetry item)
    {
        yield return item.Context.Operation.Name ?? "";
        switch (item)
        {
            case TraceTelemetry trace:
                yield return trace.Message;
                break;
            case RequestTelemetry request:
                yield return request.Name;
                yield return request.Url.OriginalString;
                break;
        }

        if (item is ISupportProperties withProperties)
        {
            foreach (var value in withProperties.Properties.Values)
            {
                yield return value;
            }
        }
    }

    private sealed class KeepingChannel : ITelemetryChannel
    {
        public ConcurrentQueue<ITelemetry> Items { get; } = new();

        public bool? DeveloperMode { get; set; }

        public string EndpointAddress { get; set; } = "";

        public void Send(ITelemetry item) => Items.Enqueue(item);

        public void Flush()
        {
        }

        public void Dispose()
        {
        }
    }
}
