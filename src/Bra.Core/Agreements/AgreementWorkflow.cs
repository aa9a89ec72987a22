using Bra.Core.Durable;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bra.Core.Agreements;

public enum AgreementSignalKind
{
    Signed,
    Declined,
    Cancelled,
    SignerReplaced,
}

/// <summary>What the API and the signing page tell a running agreement. No data: the orchestrator reads storage.</summary>
public sealed record AgreementSignal(AgreementSignalKind Kind);

public sealed record SignerPlan(string Id, SignerState State, DateTime? InvitedAt, int Reminders);

/// <summary>The agreement as the orchestrator sees it (UTC instants), with the reminder offsets from the settings.</summary>
public sealed record AgreementPlan(
    AgreementState State, bool AllSigned, bool InviteDue, DateTime ExpiresAt, IReadOnlyList<SignerPlan> Signers, TimeSpan FirstReminder,
    TimeSpan ReminderInterval)
{
    /// <summary>The next reminder due before expiry: a signer invited and silent gets one after the first offset, then one per interval.</summary>
    public (SignerPlan Signer, DateTime At)? NextReminder() =>
        Signers.Where(s => s is { State: SignerState.Invited, InvitedAt: not null })
            .Select(s => (Signer: s, At: s.InvitedAt!.Value + FirstReminder + ReminderInterval * s.Reminders))
            .Where(r => r.At < ExpiresAt)
            .OrderBy(r => r.At).ThenBy(r => r.Signer.Id, StringComparer.Ordinal)
            .Cast<(SignerPlan, DateTime)?>().FirstOrDefault();
}

public sealed record AgreementReminder(string AgreementId, string SignerId, int Number);

/// <summary>
/// One orchestration per agreement (instance id = agreement id), in the shape of every workflow here: each turn reads
/// the agreement from storage (the truth; a signal only wakes the workflow) and takes one step: ends it when it is
/// final, completes it when everyone signed, expires it at its expiry, invites whoever's turn it is, reminds whoever is
/// due, or waits for a signal or the next reminder or expiry and continues as new (<see cref="WorkflowWait"/>). Every
/// email goes through the ledger, so replays and retries mail nobody twice. Should a turn throw, the workflow records
/// its failure in the agreement (<see cref="RecordWorkflowStop"/>) before it fails.
/// </summary>
public sealed class AgreementOrchestrator : TaskOrchestrator<string, string>
{
    public const string SignalEvent = "AgreementSignal";

    /// <summary>The output of a generation that continued as new (the engine keeps only the last generation's).</summary>
    public const string Continued = "continued";

    public override Task<string> RunAsync(TaskOrchestrationContext context, string agreementId) =>
        RecordWorkflowStop.OnFailureAsync(context, nameof(AgreementOrchestrator), agreementId, () => RunTurnsAsync(context, agreementId));

    private static async Task<string> RunTurnsAsync(TaskOrchestrationContext context, string agreementId)
    {
        while (true)
        {
            var plan = await context.CallActivityAsync<AgreementPlan>(nameof(LoadAgreementPlan), agreementId, WorkflowRetry.Storage);
            if (plan.State is AgreementState.Declined)
            {
                await context.CallActivityAsync<int>(nameof(NotifyAgreementDeclined), agreementId, WorkflowRetry.Mail);
                return "declined";
            }

            if (plan.State is AgreementState.Cancelled)
            {
                await context.CallActivityAsync<int>(nameof(NotifyAgreementCancelled), agreementId, WorkflowRetry.Mail);
                return "cancelled";
            }

            if (plan.State is AgreementState.Completed or AgreementState.Expired or AgreementState.Failed)
            {
                return plan.State.ToString().ToLowerInvariant();
            }

            if (plan.AllSigned)
            {
                if (await SealAsync(context, agreementId) is { } sealedAs)
                {
                    return sealedAs;
                }

                continue;
            }

            if (context.CurrentUtcDateTime >= plan.ExpiresAt)
            {
                if (await context.CallActivityAsync<AgreementState>(nameof(ExpireAgreement), agreementId, WorkflowRetry.Storage) == AgreementState.Expired)
                {
                    await context.CallActivityAsync<int>(nameof(NotifyAgreementExpired), agreementId, WorkflowRetry.Mail);
                    return "expired";
                }

                continue;
            }

            if (plan.InviteDue)
            {
                await context.CallActivityAsync<int>(nameof(SendAgreementInvitations), agreementId, WorkflowRetry.Mail);
                continue;
            }

            var reminder = plan.NextReminder();
            if (reminder is { } due && due.At <= context.CurrentUtcDateTime)
            {
                await context.CallActivityAsync<int>(nameof(SendAgreementReminder),
                    new AgreementReminder(agreementId, due.Signer.Id, due.Signer.Reminders + 1), WorkflowRetry.Mail);
                continue;
            }

            await WorkflowWait.ForDueOrSignalAsync<AgreementSignal>(context, reminder?.At ?? plan.ExpiresAt, SignalEvent);
            context.ContinueAsNew(agreementId, preserveUnprocessedEvents: true);
            return Continued;
        }
    }

    /// <summary>Everyone signed: check and seal, then mail the signed copy (or tell the sender it failed).</summary>
    private static async Task<string?> SealAsync(TaskOrchestrationContext context, string agreementId)
    {
        var logger = context.CreateReplaySafeLogger<AgreementOrchestrator>();
        var sealedAs = await context.CallActivityAsync<AgreementState>(nameof(CompleteAgreement), agreementId, WorkflowRetry.Storage);
        if (sealedAs == AgreementState.Completed)
        {
            await context.CallActivityAsync<int>(nameof(SendAgreementCompletion), agreementId, WorkflowRetry.Mail);
            logger.LogInformation("Agreement {AgreementId} completed", agreementId);
            return "completed";
        }

        if (sealedAs == AgreementState.Failed)
        {
            await context.CallActivityAsync<int>(nameof(NotifyAgreementFailed), agreementId, WorkflowRetry.Mail);
            logger.LogError("Agreement {AgreementId} failed its document check", agreementId);
            return "failed";
        }

        return null;
    }
}

public sealed class LoadAgreementPlan(AgreementStore store, IOptions<AgreementOptions> options) : TaskActivity<string, AgreementPlan>
{
    public override async Task<AgreementPlan> RunAsync(TaskActivityContext context, string agreementId)
    {
        var data = await store.LoadAsync(agreementId, CancellationToken.None)
            ?? throw new InvalidOperationException($"Agreement {agreementId} does not exist.");
        return new AgreementPlan(data.State, data.AllSigned, AgreementMailing.Due(data).Count > 0, data.Agreement.ExpiresAt.UtcDateTime,
            data.Signers.Select(s => new SignerPlan(s.Id, s.State, s.InvitedAt?.UtcDateTime, s.Reminders)).ToList(),
            options.Value.FirstReminderAfter, options.Value.ReminderInterval);
    }
}

public sealed class SendAgreementInvitations(AgreementMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string agreementId) => mailing.InviteAsync(agreementId, CancellationToken.None);
}

public sealed class SendAgreementReminder(AgreementMailing mailing) : TaskActivity<AgreementReminder, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, AgreementReminder input) =>
        mailing.RemindAsync(input.AgreementId, input.SignerId, input.Number, CancellationToken.None);
}

public sealed class NotifyAgreementDeclined(AgreementMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string agreementId) => mailing.DeclinedAsync(agreementId, CancellationToken.None);
}

public sealed class NotifyAgreementCancelled(AgreementMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string agreementId) => mailing.CancelledAsync(agreementId, CancellationToken.None);
}

public sealed class NotifyAgreementExpired(AgreementMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string agreementId) => mailing.ExpiredAsync(agreementId, CancellationToken.None);
}

public sealed class NotifyAgreementFailed(AgreementMailing mailing) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string agreementId) => mailing.FailedAsync(agreementId, CancellationToken.None);
}

/// <summary>Marks an open agreement expired (its links stop working); answers the state it is in afterwards.</summary>
public sealed class ExpireAgreement(AgreementService service) : TaskActivity<string, AgreementState>
{
    public override Task<AgreementState> RunAsync(TaskActivityContext context, string agreementId) =>
        service.ExpireAsync(agreementId, CancellationToken.None);
}

/// <summary>Checks the document against its hash at sending and seals the agreement with its certificate; answers the resulting state.</summary>
public sealed class CompleteAgreement(AgreementCompletion completion) : TaskActivity<string, AgreementState>
{
    public override Task<AgreementState> RunAsync(TaskActivityContext context, string agreementId) =>
        completion.CompleteAsync(agreementId, CancellationToken.None);
}

public sealed class SendAgreementCompletion(AgreementCompletion completion) : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string agreementId) => completion.SendAsync(agreementId, CancellationToken.None);
}

/// <summary>Keeps an agreement workflow's failure or termination in the agreement's header row.</summary>
public sealed class AgreementWorkflowStops(AgreementStore store) : IWorkflowStopRecord
{
    public string Orchestrator => nameof(AgreementOrchestrator);

    public Task RecordAsync(WorkflowStop stopped, CancellationToken ct) =>
        store.UpdateAsync(stopped.InstanceId, a => a.WorkflowStoppedAt is null ? a with { WorkflowStop = stopped.Kind, WorkflowStoppedAt = stopped.At } : null, ct);
}
