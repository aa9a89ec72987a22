using Bra.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Consultations;

/// <summary>The kind of change the API stored before it signalled; the workflow reads the change itself from storage.</summary>
public enum ConsultationSignalKind
{
    ConsulteesAdded,
    DeadlineMoved,
    Close,
    Cancel,
}

/// <summary>What the API tells a running consultation. Ids only: the data is in Table storage.</summary>
public sealed record ConsultationSignal(ConsultationSignalKind Kind);

/// <summary>What a consultation's orchestration returns when it ends: its stored output, so the values must not change.</summary>
public static class ConsultationOutcome
{
    public const string Closed = "closed";
    public const string Cancelled = "cancelled";

    /// <summary>The output of a generation that continued as new (the engine keeps only the last generation's).</summary>
    public const string Continued = "continued";
}

/// <summary>The schedule as the orchestrator sees it: state, deadline and reminders in UTC.</summary>
public sealed record ConsultationPlan(ConsultationState State, DateTime Deadline, IReadOnlyList<PlannedReminder> Reminders);

public sealed record ReminderRequest(string ConsultationId, string Key);

/// <summary>
/// The workflow's input, and what one generation hands the next: the deadline it planned reminders for and the keys of
/// that deadline's reminders it is done with (sent, or skipped because they were already due when the deadline was first
/// seen). A consultation starts with its id alone.
/// </summary>
public sealed record ConsultationWorkflowInput(string ConsultationId, DateTime? Deadline = null, IReadOnlyList<string>? RemindersDone = null);

/// <summary>
/// One orchestration per consultation (instance id = consultation id), in the shape of every workflow here: each turn
/// reads the plan from storage (the truth; a signal only wakes the workflow) and takes one step. Cancelled: the
/// consultees are told. Closed early or at its deadline: the compilation is made and the owner mailed. Otherwise the
/// first turn of each generation mails a moved deadline to everyone invited so far, invites whoever has not been invited
/// (consultees added or forwarded to since; the ledger leaves out everyone already mailed), then each reminder due goes
/// out, and the generation waits for the next reminder or the deadline against a signal, then continues as new
/// (<see cref="WorkflowWait"/>). Should a turn throw, the workflow records its failure in the consultation
/// (<see cref="RecordWorkflowStop"/>) before it fails.
/// </summary>
public sealed class ConsultationOrchestrator : TaskOrchestrator<ConsultationWorkflowInput, string>
{
    public const string SignalEvent = "ConsultationSignal";

    public override Task<string> RunAsync(TaskOrchestrationContext context, ConsultationWorkflowInput input) =>
        RecordWorkflowStop.OnFailureAsync(context, nameof(ConsultationOrchestrator), input.ConsultationId, () => RunTurnsAsync(context, input));

    private static async Task<string> RunTurnsAsync(TaskOrchestrationContext context, ConsultationWorkflowInput input)
    {
        var logger = context.CreateReplaySafeLogger<ConsultationOrchestrator>();
        var id = input.ConsultationId;
        var remember = input;
        var invited = false;
        while (true)
        {
            var plan = await context.CallActivityAsync<ConsultationPlan>(nameof(LoadConsultationPlan), id, WorkflowRetry.Storage);
            var now = context.CurrentUtcDateTime;
            if (plan.State == ConsultationState.Cancelled)
            {
                await context.CallActivityAsync<int>(nameof(SendConsultationCancellation), id, WorkflowRetry.Mail);
                return ConsultationOutcome.Cancelled;
            }

            if (plan.State == ConsultationState.Closed || now >= plan.Deadline)
            {
                logger.LogInformation("Consultation {ConsultationId} closes", id);
                await context.CallActivityAsync<string?>(nameof(CloseConsultation), id, WorkflowRetry.Mail);
                return ConsultationOutcome.Closed;
            }

            if (remember.Deadline != plan.Deadline)
            {
                // A deadline seen for the first time (at the start, or moved): its reminders already due are skipped (a
                // reminder 7 days ahead of a 2-day consultation). A moved one is mailed to whoever was invited already.
                var moved = remember.Deadline is not null;
                remember = remember with { Deadline = plan.Deadline, RemindersDone = plan.Reminders.Where(r => r.At <= now).Select(r => r.Key).ToList() };
                if (moved)
                {
                    await context.CallActivityAsync<int>(nameof(SendConsultationDeadlineNotice), id, WorkflowRetry.Mail);
                    continue;
                }
            }

            if (!invited)
            {
                await context.CallActivityAsync<int>(nameof(SendConsultationInvitations), id, WorkflowRetry.Mail);
                invited = true;
                continue;
            }

            var done = remember.RemindersDone ?? [];
            var next = plan.Reminders.Where(r => !done.Contains(r.Key, StringComparer.Ordinal)).MinBy(r => r.At);
            if (next is not null && next.At <= now)
            {
                await context.CallActivityAsync<int>(nameof(SendConsultationReminders), new ReminderRequest(id, next.Key), WorkflowRetry.Mail);
                remember = remember with { RemindersDone = [.. done, next.Key] };
                continue;
            }

            await WorkflowWait.ForDueOrSignalAsync<ConsultationSignal>(context, next?.At ?? plan.Deadline, SignalEvent);
            context.ContinueAsNew(remember, preserveUnprocessedEvents: true);
            return ConsultationOutcome.Continued;
        }
    }
}

public sealed class LoadConsultationPlan(ConsultationStore store) : TaskActivity<string, ConsultationPlan>
{
    public override async Task<ConsultationPlan> RunAsync(TaskActivityContext context, string consultationId)
    {
        var (c, _) = await store.GetAsync(consultationId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Consultation {consultationId} does not exist.");
        return new ConsultationPlan(c.State, c.Deadline.UtcDateTime, ConsultationReminders.Plan(c.Deadline, c.Reminders));
    }
}

public sealed class SendConsultationInvitations(ConsultationMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string consultationId) =>
        mailing.InviteAsync(consultationId, CancellationToken.None);
}

public sealed class SendConsultationReminders(ConsultationMailing mailing) : TaskActivity<ReminderRequest, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, ReminderRequest input) =>
        mailing.RemindAsync(input.ConsultationId, input.Key, CancellationToken.None);
}

public sealed class SendConsultationDeadlineNotice(ConsultationMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string consultationId) =>
        mailing.NotifyDeadlineAsync(consultationId, CancellationToken.None);
}

public sealed class SendConsultationCancellation(ConsultationMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string consultationId) =>
        mailing.CancelAsync(consultationId, CancellationToken.None);
}

public sealed class CloseConsultation(ConsultationCloser closer) : TaskActivity<string, string?>
{
    public override Task<string?> RunAsync(TaskActivityContext context, string consultationId) =>
        closer.CloseAsync(consultationId, CancellationToken.None);
}

/// <summary>Keeps a consultation workflow's failure or termination in the consultation's header row.</summary>
public sealed class ConsultationWorkflowStops(ConsultationStore store) : IWorkflowStopRecord
{
    public string Orchestrator => nameof(ConsultationOrchestrator);

    public Task RecordAsync(WorkflowStop stopped, CancellationToken ct) =>
        store.UpdateAsync(stopped.InstanceId, c => c.WorkflowStoppedAt is null ? c with { WorkflowStop = stopped.Kind, WorkflowStoppedAt = stopped.At } : null, ct);
}
