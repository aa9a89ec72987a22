using Bra.Core.Footage;

namespace Bra.DevHost.Footage;

/// <summary>Anchors every site's access log once an hour (Functions: a timer trigger). The first run is an hour after start.</summary>
public sealed class AnchoringService(AccessLogAnchoring anchoring, TimeProvider time, ILogger<AnchoringService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await anchoring.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Anchoring the access logs failed; it runs again in an hour");
            }
        }
    }
}
