using Bra.Core.People;

namespace Bra.DevHost;

/// <summary>Creates the demo data on start-up (idempotent). A failure is logged, not fatal: storage may come up later.</summary>
public sealed class DemoDataSeeder(DemoPeople people, Bra.Core.Cameras.DemoCameras cameras, Microsoft.DurableTask.Client.DurableTaskClient durable, ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await people.SeedAsync(stoppingToken);
            await cameras.SeedAsync(durable, stoppingToken);
            logger.LogInformation("Demo data is in place");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Demo data could not be created");
        }
    }
}
