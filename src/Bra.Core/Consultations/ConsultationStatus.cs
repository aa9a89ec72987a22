using Bra.Core.Durable;
using Bra.Core.Email;
using Bra.Core.Time;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Consultations;

public sealed record DelegatedToView(string Id, string Name, string Email);

/// <summary>
/// Whether mail reached the provider: <c>pending</c> (not sent yet), <c>sent</c> (invitation accepted), <c>failed</c>
/// (refused for good, not tried again; reminders skip the address) or <c>unknown</c> (sent, no answer; not sent again).
/// </summary>
public enum Delivery
{
    Pending,
    Sent,
    Failed,
    Unknown,
}

public sealed record ConsulteeView(
    string Id, string Name, string Email, string? Organisation, ConsulteeState State, DateTimeOffset? InvitedAt, IReadOnlyList<DateTimeOffset> RemindedAt,
    DateTimeOffset? AnsweredAt, DateTimeOffset? LastAmendedAt, int Versions, Position? Position, bool Late, DelegatedToView? DelegatedTo, string? DelegatedFrom,
    Delivery Delivery = Delivery.Pending, DateTimeOffset? DeliveryFailedAt = null, string? DeliveryError = null);

public sealed record ConsultationCounts(int Total, int Invited, int Answered, int Delegated, int NotAnswered, int Undelivered = 0);

public sealed record ConsultationView(
    string Id, string Title, string? CaseNumber, ConsultationState State, DateTimeOffset Deadline, string DeadlineText, string DocumentId, string DocumentSha256,
    DateTimeOffset CreatedAt, string OwnerName, DateTimeOffset? ClosedAt, DateTimeOffset? CancelledAt, string? CancelReason, IReadOnlyList<string> Reminders,
    ConsultationCounts Counts, IReadOnlyList<ConsulteeView>? Consultees, string? CompilationUrl, string? CompilationSha256,
    DateTimeOffset? WorkflowFailedAt = null);

/// <summary>
/// The status API's view: consultees with their answer state, when each was invited and reminded, and whether their
/// mail was refused (read from the email ledger's partition for the consultation, so sending needs no extra writes).
/// An open consultation whose workflow failed or was terminated shows as <see cref="ConsultationState.Failed"/>. The
/// consultation's record says so first (the workflow records its own failure; <see cref="Consultation.WorkflowStoppedAt"/>),
/// and that outlives the workflow's history, which the history purge deletes. While the record says nothing the
/// workflow should be running, so the engine is asked: a workflow that could not record its failure (storage down for
/// longer than the activity's retries) or was terminated (no workflow code runs) is reported by the engine, and what it
/// reports is kept in the record at once.
/// </summary>
public sealed class ConsultationStatus(ConsultationStore store, EmailLedger ledger, ConsultationWorkflowStops stops, ILogger<ConsultationStatus> logger)
{
    public async Task<ConsultationView?> GetAsync(string id, bool withConsultees, CancellationToken ct, DurableTaskClient? durable = null)
    {
        // The consultation and the email ledger are read side by side.
        var dataRead = store.LoadLatestAsync(id, ct);
        var mailRead = ConsultationStore.IsId(id) ? ledger.SettledAsync(id, ct) : Task.FromResult<IReadOnlyList<SettledEmail>>([]);
        await Task.WhenAll(dataRead, mailRead);
        if (await dataRead is not { } data)
        {
            return null;
        }

        var view = Build(data, await mailRead, withConsultees);
        if (view.State != ConsultationState.Open || durable is null || await StoppedAsync(durable, id, ct) is not { } stop)
        {
            return view;
        }

        await KeepAsync(stop, ct);
        return view with { State = ConsultationState.Failed, WorkflowFailedAt = stop.At };
    }

    /// <summary>Every consultation's view (the list API and the staff pages).</summary>
    public async Task<IReadOnlyList<ConsultationView>> ListAsync(bool withConsultees, CancellationToken ct, DurableTaskClient? durable = null)
    {
        var list = await store.ListAsync(ct);
        var views = await Task.WhenAll(list.Select(x => GetAsync(x.Id, withConsultees, ct, durable)));
        return views.OfType<ConsultationView>().ToList();
    }

    public static ConsultationView Build(ConsultationData data, IReadOnlyList<SettledEmail> mail, bool withConsultees)
    {
        var c = data.Consultation;
        var byParty = mail.ToLookup(s => s.Party, StringComparer.Ordinal);
        var views = data.Consultees.Select(x =>
        {
            var (last, firstAt, count) = ConsultationData.AnswersOf(x);
            var state = x.DelegatedTo is not null ? ConsulteeState.Delegated
                : count > 0 ? ConsulteeState.Answered
                : c.State == ConsultationState.Open ? ConsulteeState.Invited : ConsulteeState.NotAnswered;
            var rows = byParty[x.Id].ToList();
            var sent = rows.Where(m => m.Outcome is null).ToList();
            var problem = rows.Where(m => m.Outcome == EmailOutcome.Failed).MaxBy(m => m.At) ?? rows.Where(m => m.Outcome == EmailOutcome.Unknown).MaxBy(m => m.At);
            var invitedAt = sent.Where(m => m.Purpose == ConsultationMailing.InvitePurpose).Select(m => (DateTimeOffset?)m.At).FirstOrDefault();
            var delivery = problem?.Outcome switch
            {
                EmailOutcome.Failed => Delivery.Failed,
                EmailOutcome.Unknown => Delivery.Unknown,
                _ => invitedAt is null ? Delivery.Pending : Delivery.Sent,
            };
            return new ConsulteeView(x.Id, x.Name, x.Email, x.Organisation, state, invitedAt,
                sent.Where(m => m.Purpose.StartsWith(ConsultationReminders.PurposePrefix, StringComparison.Ordinal)).Select(m => m.At).Order().ToList(),
                firstAt, count > 1 ? last!.ReceivedAt : null, count, last?.Position, last?.Late == true,
                x.DelegatedTo is { } d ? new DelegatedToView(d.ConsulteeId, d.Name, d.Email) : null, x.DelegatedFromId,
                delivery, problem?.At, problem?.Error);
        }).ToList();
        var counts = new ConsultationCounts(views.Count, views.Count(v => v.State == ConsulteeState.Invited), views.Count(v => v.State == ConsulteeState.Answered),
            views.Count(v => v.State == ConsulteeState.Delegated), views.Count(v => v.State == ConsulteeState.NotAnswered),
            views.Count(v => v.Delivery is Delivery.Failed or Delivery.Unknown));
        var closed = c.State == ConsultationState.Closed;
        var stopped = c.State == ConsultationState.Open && c.WorkflowStoppedAt is not null;
        return new ConsultationView(c.Id, c.Title, c.CaseNumber, stopped ? ConsultationState.Failed : c.State, c.Deadline, SwedishTime.Format(c.Deadline), c.DocumentId, c.DocumentSha256,
            c.CreatedAt, c.OwnerName, c.ClosedAt, c.CancelledAt, c.CancelReason, c.Reminders, counts, withConsultees ? views : null,
            closed ? $"/api/consultations/{c.Id}/compilation" : null, c.CompilationSha256, stopped ? c.WorkflowStoppedAt : null);
    }

    /// <summary>How and when the workflow stopped (failed or terminated); null while it runs, when it completed, or when the engine cannot be asked.</summary>
    private async Task<WorkflowStop?> StoppedAsync(DurableTaskClient durable, string id, CancellationToken ct)
    {
        try
        {
            var instance = await durable.GetInstanceAsync(id, getInputsAndOutputs: false, ct);
            return instance is not null && WorkflowStop.KindOf(instance.RuntimeStatus) is { } kind
                ? new WorkflowStop(nameof(ConsultationOrchestrator), id, kind, instance.LastUpdatedAt)
                : null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The workflow status of consultation {ConsultationId} could not be read", id);
            return null;
        }
    }

    /// <summary>Keeps a stop the engine reported in the consultation's record; should that fail, the next read or the history purge keeps it.</summary>
    private async Task KeepAsync(WorkflowStop stop, CancellationToken ct)
    {
        try
        {
            await stops.RecordAsync(stop, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The workflow stop of consultation {ConsultationId} could not be kept in its record", stop.InstanceId);
        }
    }
}
