using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Consultations;

public enum CloseOutcome
{
    Closed,
    NotFound,
    NotOpen,
    Conflict,
}

/// <summary>Steering a running consultation, the same for the API and the staff pages: the change goes to storage first, then a signal wakes the workflow.</summary>
public sealed class ConsultationSteering(ConsultationStore store, TimeProvider time, ILogger<ConsultationSteering> logger)
{
    /// <summary>Closes an open consultation before its deadline (ETag-guarded, so a deadline reached meanwhile wins).</summary>
    public async Task<(CloseOutcome Outcome, Consultation? Consultation)> CloseEarlyAsync(string id, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } current)
        {
            return (CloseOutcome.NotFound, null);
        }

        if (current.Value.State != ConsultationState.Open)
        {
            return (CloseOutcome.NotOpen, current.Value);
        }

        if (!await store.TryUpdateAsync(current.Value with { State = ConsultationState.Closed, ClosedAt = time.GetUtcNow() }, current.ETag, ct))
        {
            return (CloseOutcome.Conflict, current.Value);
        }

        await SignalAsync(durable, current.Value.Id, ConsultationSignalKind.Close);
        return (CloseOutcome.Closed, current.Value);
    }

    public async Task SignalAsync(DurableTaskClient durable, string id, ConsultationSignalKind kind)
    {
        try
        {
            await durable.RaiseEventAsync(id, ConsultationOrchestrator.SignalEvent, new ConsultationSignal(kind), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage already holds the change; the workflow reads it at its next step or at the deadline.
            logger.LogWarning(ex, "Signal {Signal} to consultation {ConsultationId} failed", kind, id);
        }
    }
}
