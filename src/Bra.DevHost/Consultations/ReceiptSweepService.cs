using Bra.Core.Consultations;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Consultations;

/// <summary>Sweeps for receipts stored but not mailed, at start and every Receipts:SweepInterval (Functions: a timer trigger).</summary>
public sealed class ReceiptSweepService(ConsultationReceipts receipts, IOptions<ReceiptOptions> options, TimeProvider time, ILogger<ReceiptSweepService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SweepInterval, time);
        do
        {
            try
            {
                await receipts.SweepAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The receipt sweep failed; it runs again after Receipts:SweepInterval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
