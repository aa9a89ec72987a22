using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Consultations;

public enum ConsultationSignalKind
{
    Answered, // No longer raised: answers reach the workflow through storage (kept so histories that hold it still replay).
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
}

/// <summary>The schedule as the orchestrator sees it: state, deadline and reminders in UTC.</summary>
public sealed record ConsultationPlan(ConsultationState State, DateTime Deadline, IReadOnlyList<PlannedReminder> Reminders);

public sealed record ReminderRequest(string ConsultationId, string Key);

/// <summary>
/// One orchestration per consultation (instance id = consultation id). Invites everyone, then loops waiting for
/// either a signal or a durable timer for the next reminder or the deadline, whichever comes first. One signal wait
/// stays pending across iterations (never cancelled, so no event is lost to a cancelled waiter); so does the timer
/// while its instant still holds, and it is cancelled when the plan changes or the workflow ends. No ContinueAsNew: history stays small because signals carry no data.
/// </summary>
public sealed class ConsultationOrchestrator : TaskOrchestrator<string, string>
{
    public const string SignalEvent = "ConsultationSignal";

    internal static readonly TaskOptions MailRetry = Email.MailActivityRetry.Options;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, string consultationId)
    {
        var logger = context.CreateReplaySafeLogger<ConsultationOrchestrator>();
        var plan = await context.CallActivityAsync<ConsultationPlan>(nameof(LoadConsultationPlan), consultationId);
        if (plan.State != ConsultationState.Open)
        {
            return await FinishAsync(context, consultationId, plan.State);
        }

        await context.CallActivityAsync<int>(nameof(SendConsultationInvitations), consultationId, MailRetry);
        var handled = Past(plan, context.CurrentUtcDateTime);
        Task<ConsultationSignal>? signal = null;
        Task? timer = null;
        var timerDue = DateTime.MinValue;
        CancellationTokenSource? timerCancel = null;
        string? outcome = null;
        while (outcome is null)
        {
            var next = plan.Reminders.Where(r => !handled.Contains(r.Key)).MinBy(r => r.At);
            var dueAt = next?.At ?? plan.Deadline;
            if (dueAt <= context.CurrentUtcDateTime)
            {
                if (next is null)
                {
                    // Storage is the truth: a cancellation whose signal was lost still ends as cancelled, with its mail.
                    logger.LogInformation("Consultation {ConsultationId} reached its deadline", consultationId);
                    var final = await context.CallActivityAsync<ConsultationPlan>(nameof(LoadConsultationPlan), consultationId);
                    outcome = await FinishAsync(context, consultationId,
                        final.State == ConsultationState.Cancelled ? ConsultationState.Cancelled : ConsultationState.Closed);
                    continue;
                }

                await context.CallActivityAsync<int>(nameof(SendConsultationReminders), new ReminderRequest(consultationId, next.Key), MailRetry);
                handled.Add(next.Key);
                continue;
            }

            // A pending timer for the same instant is kept (an answer signal does not cost a new timer); a changed plan replaces it.
            if (timer is null || timerDue != dueAt)
            {
                timerCancel?.Cancel();
                timerCancel?.Dispose();
                timerCancel = new CancellationTokenSource();
                timer = context.CreateTimer(dueAt, timerCancel.Token);
                timerDue = dueAt;
            }

            signal ??= context.WaitForExternalEvent<ConsultationSignal>(SignalEvent);
            if (await Task.WhenAny(signal, timer) == timer)
            {
                timer = null;
                continue;
            }

            var kind = (await signal).Kind;
            signal = null;
            switch (kind)
            {
                case ConsultationSignalKind.ConsulteesAdded:
                    await context.CallActivityAsync<int>(nameof(SendConsultationInvitations), consultationId, MailRetry);
                    break;
                case ConsultationSignalKind.DeadlineMoved:
                    plan = await context.CallActivityAsync<ConsultationPlan>(nameof(LoadConsultationPlan), consultationId);
                    if (plan.State != ConsultationState.Open)
                    {
                        outcome = await FinishAsync(context, consultationId, plan.State);
                        break;
                    }

                    handled.UnionWith(Past(plan, context.CurrentUtcDateTime));
                    break;
                case ConsultationSignalKind.Close:
                    outcome = await FinishAsync(context, consultationId, ConsultationState.Closed);
                    break;
                case ConsultationSignalKind.Cancel:
                    outcome = await FinishAsync(context, consultationId, ConsultationState.Cancelled);
                    break;
                default:
                    break;
            }
        }

        timerCancel?.Cancel();
        timerCancel?.Dispose();
        return outcome;
    }

    private static async Task<string> FinishAsync(TaskOrchestrationContext context, string consultationId, ConsultationState state)
    {
        if (state == ConsultationState.Cancelled)
        {
            await context.CallActivityAsync<int>(nameof(SendConsultationCancellation), consultationId, MailRetry);
            return ConsultationOutcome.Cancelled;
        }

        await context.CallActivityAsync<string?>(nameof(CloseConsultation), consultationId, MailRetry);
        return ConsultationOutcome.Closed;
    }

    /// <summary>Reminders already due when the plan is made are skipped (a reminder 7 days ahead of a 2-day consultation).</summary>
    private static HashSet<string> Past(ConsultationPlan plan, DateTime now) =>
        plan.Reminders.Where(r => r.At <= now).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
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
