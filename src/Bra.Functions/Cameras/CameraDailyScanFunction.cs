using Bra.Core.Cameras;
using Microsoft.Azure.Functions.Worker;

namespace Bra.Functions.Cameras;

/// <summary>The camera register's daily scan at 06:00 UTC (the development host runs the same method from a hosted service).</summary>
public sealed class CameraDailyScanFunction(CameraDailyScan scan)
{
    [Function(nameof(CameraDailyScan))]
    public Task<int> CameraDailyScan([TimerTrigger("0 0 6 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        scan.RunAsync(cancellationToken);
}
