using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.People;
using Microsoft.DurableTask.Client;

namespace Bra.DevHost.Demo;

/// <summary>
/// The development host's one seeding entry point. Demo data lives in this folder, in the development host only: the
/// Functions app cannot register or reach it, and the production assembly carries no fictional people or sites.
/// </summary>
public static class DemoData
{
    /// <summary>Registers the demo seeders and the hosted service that runs them on start (Development only).</summary>
    public static IServiceCollection AddDemoData(this IServiceCollection services)
    {
        services.AddSingleton<DemoPeople>();
        services.AddSingleton<DemoCameras>();
        services.AddSingleton<DemoConsultation>();
        return services.AddHostedService<DemoDataSeeder>();
    }
}

/// <summary>
/// Creates the demo data in Development before the host takes requests (idempotent: fixed ids, existing records are
/// kept). A failure is logged, not fatal, so the host still starts and its health check can report storage down.
/// </summary>
public sealed class DemoDataSeeder(DemoPeople people, DemoCameras cameras, DemoConsultation consultation, DurableTaskClient durable, IHostEnvironment environment, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            await people.SeedAsync(timeout.Token);
            await cameras.SeedAsync(durable, timeout.Token);
            await consultation.SeedAsync(durable, timeout.Token);
            logger.LogInformation("Demo data is in place");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Demo data could not be created");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
