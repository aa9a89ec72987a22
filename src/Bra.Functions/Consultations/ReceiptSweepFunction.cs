using Bra.Core.Consultations;
using Microsoft.Azure.Functions.Worker;

namespace Bra.Functions.Consultations;

/// <summary>
/// Every five minutes, mails receipts that were stored but not sent (the instance died after storing an answer). Receipts
/// normally go out right after the answer's response; this is the backstop. The development host sweeps from a hosted service.
/// </summary>
public sealed class ReceiptSweepFunction(ConsultationReceipts receipts)
{
    [Function("ConsultationReceiptSweep")]
    public Task<int> ConsultationReceiptSweep([TimerTrigger("0 */5 * * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        receipts.SweepAsync(cancellationToken);
}
