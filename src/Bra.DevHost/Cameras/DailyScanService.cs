using Bra.Core.Cameras;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Cameras;

/// <summary>Runs the camera register's daily scan shortly after start (Cameras:DailyScanStartDelay) and then once a day (Functions: a timer trigger).</summary>
public sealed class DailyScanService(CameraDailyScan scan, IOptions<CamerasOptions> options, TimeProvider time, ILogger<DailyScanService> logger)
    : DailyJob(time, logger)
{
    protected override string Name => "camera scan";

    protected override TimeSpan StartDelay => options.Value.DailyScanStartDelay;

    protected override bool Enabled => options.Value.DailyScanEnabled;

    protected override Task RunOnceAsync(CancellationToken ct) => scan.RunAsync(ct);
}
