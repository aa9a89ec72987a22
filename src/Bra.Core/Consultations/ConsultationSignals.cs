using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Consultations;

/// <summary>
/// Wakes a consultation's workflow after a change was stored: ids only, the workflow reads storage. A signal that fails
/// is logged, not thrown: storage already holds the change, and the workflow reads it at its next step or at the deadline.
/// </summary>
public sealed class ConsultationSignals(ILogger<ConsultationSignals> logger)
{
    public async Task SendAsync(DurableTaskClient durable, string consultationId, ConsultationSignalKind kind)
    {
        try
        {
            await durable.RaiseEventAsync(consultationId, ConsultationOrchestrator.SignalEvent, new ConsultationSignal(kind), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Signal {Signal} to consultation {ConsultationId} failed", kind, consultationId);
        }
    }
}
