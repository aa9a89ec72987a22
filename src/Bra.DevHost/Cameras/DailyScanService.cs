using Bra.Core.Cameras;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Cameras;

/// <summary>Runs the camera register's daily scan shortly after start (Cameras:DailyScanStartDelay) and then once a day (Functions: a timer trigger).</summary>
public sealed class DailyScanService(CameraDailyScan scan, IOptions<CamerasOptions> options, TimeProvider time, ILogger<DailyScanService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DailyScanEnabled)
        {
            return;
        }

        await Task.Delay(options.Value.DailyScanStartDelay, time, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await scan.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The daily camera scan failed; it runs again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
