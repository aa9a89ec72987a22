using Microsoft.DurableTask.Client;

namespace Bra.Core.Consultations;

public enum CloseOutcome
{
    Closed,
    NotFound,
    NotOpen,
    Conflict,
}

/// <summary>Steering a running consultation, the same for the API and the staff pages: the change goes to storage first, then a signal wakes the workflow.</summary>
public sealed class ConsultationSteering(ConsultationStore store, TimeProvider time, ConsultationSignals signals)
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

        await signals.SendAsync(durable, current.Value.Id, ConsultationSignalKind.Close);
        return (CloseOutcome.Closed, current.Value);
    }
}
