using Bra.Core.People;

namespace Bra.DevHost;

/// <summary>Creates the demo data on start-up in Development (idempotent). A failure is logged, not fatal: storage may come up later.</summary>
public sealed class DemoDataSeeder(DemoPeople people, IHostEnvironment environment, ILogger<DemoDataSeeder> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!environment.IsDevelopment())
        {
            return;
        }

        try
        {
            await people.SeedAsync(stoppingToken);
            logger.LogInformation("Demo data is in place");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Demo data could not be created");
        }
    }
}
