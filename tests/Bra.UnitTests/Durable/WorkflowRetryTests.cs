using Bra.Core.Agreements;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Durable;
using Bra.Core.Email;
using Bra.Core.Footage;
using Bra.UnitTests.Agreements;
using Bra.UnitTests.Cameras;
using Bra.UnitTests.Consultations;
using Microsoft.DurableTask;

namespace Bra.UnitTests.Durable;

/// <summary>
/// Every activity call of every workflow uses <see cref="WorkflowRetry.Mail"/> when the activity sends mail and
/// <see cref="WorkflowRetry.Storage"/> otherwise. Which activity sends mail is written out here, for every registered
/// activity (a new one fails <see cref="Kinds_EveryRegisteredActivity_ClassifiedOnce"/> until it is classified);
/// <see cref="WorkflowRun"/> checks the policy of each call, so every orchestrator test checks it too, and the runs
/// below reach every activity of every orchestrator.
/// </summary>
public sealed class WorkflowRetryTests
{
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private static readonly string[] MailActivities =
    [
        nameof(SendConsultationInvitations), nameof(SendConsultationReminders), nameof(SendConsultationDeadlineNotice), nameof(SendConsultationCancellation),
        nameof(CloseConsultation),
        nameof(NotifyCameraDecisionMakers), nameof(NotifyCameraRequester),
        nameof(SendAgreementInvitations), nameof(SendAgreementReminder), nameof(NotifyAgreementDeclined), nameof(NotifyAgreementCancelled),
        nameof(NotifyAgreementExpired), nameof(NotifyAgreementFailed), nameof(SendAgreementCompletion), nameof(NotifyFootageGrantee),
    ];

    private static readonly string[] StorageActivities =
    [
        nameof(LoadConsultationPlan), nameof(LoadCameraRequestPlan), nameof(ApplyCameraDecision), nameof(LoadAgreementPlan), nameof(ExpireAgreement),
        nameof(CompleteAgreement), nameof(RecordWorkflowStop),
    ];

    /// <summary>The policy the activity <paramref name="name"/> must be called with.</summary>
    public static TaskOptions PolicyOf(string name) =>
        MailActivities.Contains(name) ? WorkflowRetry.Mail
        : StorageActivities.Contains(name) ? WorkflowRetry.Storage
        : throw new InvalidOperationException($"{name} is not classified in {nameof(WorkflowRetryTests)}: does it send mail?");

    public static string KindOf(string name) => MailActivities.Contains(name) ? "the mail policy" : "the storage policy";

    [Fact]
    public void Kinds_EveryRegisteredActivity_ClassifiedOnce()
    {
        Assert.Empty(MailActivities.Intersect(StorageActivities));
        Assert.Equal(DurableTasks.Activities.Select(t => t.Name).Order(), MailActivities.Concat(StorageActivities).Order());
    }

    [Fact]
    public async Task Calls_EveryActivityOfEveryWorkflow_ReachedWithThePolicyOfItsKind()
    {
        var called = new HashSet<string>(StringComparer.Ordinal);
        foreach (var run in new Func<Task<WorkflowRun>>[]
                 {
                     () => ConsultationRunAsync(ConsultationState.Open), () => ConsultationRunAsync(ConsultationState.Cancelled),
                     () => AgreementRunAsync(AgreementState.Expired), () => AgreementRunAsync(AgreementState.Completed),
                     () => AgreementRunAsync(AgreementState.Failed), () => AgreementRunAsync(AgreementState.Declined),
                     () => AgreementRunAsync(AgreementState.Cancelled), CameraRunAsync, FailedConsultationRunAsync, GrantNoticeRunAsync,
                 })
        {
            called.UnionWith((await run()).Calls.Select(c => c.Split(':')[0]));
        }

        Assert.Equal(MailActivities.Concat(StorageActivities).Order(), called.Order());
    }

    [Fact]
    public void Mail_PermanentEmailFailure_NotRetried() =>
        Assert.False(WorkflowRetry.Mail.Retry!.Policy!.Handle(Failed(new EmailPermanentException("SendGrid refused the message (400)"))));

    [Fact]
    public void Mail_TransientEmailFailure_Retried() =>
        Assert.True(WorkflowRetry.Mail.Retry!.Policy!.Handle(Failed(new EmailTransientException("SendGrid refused the API key (401)"))));

    [Fact]
    public void Mail_AllRetries_OutlastAnOutageOfHalfADay()
    {
        // A SendGrid or Key Vault outage, or a missing secret, keeps mail waiting long enough for an operator to act.
        var total = RetriesSpan(WorkflowRetry.Mail.Retry!.Policy!);
        Assert.True(total > TimeSpan.FromHours(12), $"mail retries span only {total}");
    }

    [Fact]
    public void Storage_AnyFailure_RetriedForMinutes()
    {
        var policy = WorkflowRetry.Storage.Retry!.Policy!;
        Assert.True(policy.Handle(Failed(new InvalidOperationException("The site kept changing; the activity will be retried."))));
        var total = RetriesSpan(policy);
        Assert.True(total > TimeSpan.FromMinutes(10), $"storage retries span only {total}");
    }

    /// <summary>How long all retries of the policy wait in all, from the first failure to the last attempt.</summary>
    private static TimeSpan RetriesSpan(RetryPolicy policy)
    {
        var total = TimeSpan.Zero;
        for (var attempt = 1; attempt < policy.MaxNumberOfAttempts; attempt++)
        {
            var delay = TimeSpan.FromTicks((long)(policy.FirstRetryInterval.Ticks * Math.Pow(policy.BackoffCoefficient, attempt - 1)));
            total += delay < policy.MaxRetryInterval ? delay : policy.MaxRetryInterval;
        }

        return total;
    }

    /// <summary>An activity failure as the engine hands it to the retry policy.</summary>
    private static DurableTask.Core.Exceptions.TaskFailedException Failed(Exception activityError) =>
        new(0, 1, nameof(SendConsultationInvitations), "", activityError.Message, activityError) { FailureDetails = new DurableTask.Core.FailureDetails(activityError) };

    /// <summary>Open: invited, its deadline moved (mailed), reminded, closed at the deadline. Cancelled: the cancellation.</summary>
    private static async Task<WorkflowRun> ConsultationRunAsync(ConsultationState state)
    {
        var consultation = new StoredConsultation { State = state, Deadline = Start.AddDays(3), Offsets = ["P1D"] };
        var run = consultation.Run(Start);
        if (state == ConsultationState.Open)
        {
            run.OnWait(wait => consultation.Signal(wait, ConsultationSignalKind.DeadlineMoved, c => c.Deadline = c.Deadline.AddDays(1)));
        }

        await run.RunAsync(new ConsultationOrchestrator(), new ConsultationWorkflowInput(StoredConsultation.Id));
        return run;
    }

    /// <summary>The invitations throw: the workflow records its failure, then fails.</summary>
    private static async Task<WorkflowRun> FailedConsultationRunAsync()
    {
        var run = new StoredConsultation { Deadline = Start.AddDays(3) }.Run(Start);
        run.Activity<string, int>(nameof(SendConsultationInvitations), _ => throw new InvalidOperationException("Forced"));
        run.Activity<WorkflowStop, bool>(nameof(RecordWorkflowStop), _ => true);
        await Assert.ThrowsAsync<InvalidOperationException>(() => run.RunAsync(new ConsultationOrchestrator(), new ConsultationWorkflowInput(StoredConsultation.Id)));
        return run;
    }

    /// <summary>A grant's notice: one mail activity.</summary>
    private static async Task<WorkflowRun> GrantNoticeRunAsync()
    {
        var run = new WorkflowRun(Start);
        run.Activity<GrantNoticeRequest, int>(nameof(NotifyFootageGrantee), _ => 1);
        await run.RunAsync(new FootageGrantNoticeOrchestrator(), new GrantNoticeRequest("site", "grant"));
        return run;
    }

    /// <summary>One signer, who stays silent (reminded, then expired) or signs, declines, or whose agreement is cancelled.</summary>
    private static async Task<WorkflowRun> AgreementRunAsync(AgreementState end)
    {
        var agreement = new StoredAgreement(Start) { SealsAs = end, Signers = [StoredAgreement.Waiting("s01")], ExpiresAt = Start.AddDays(4) };
        var run = agreement.Run();
        if (end != AgreementState.Expired)
        {
            run.OnWait(wait => agreement.Signal(wait, end switch
            {
                AgreementState.Declined => AgreementSignalKind.Declined,
                AgreementState.Cancelled => AgreementSignalKind.Cancelled,
                _ => AgreementSignalKind.Signed,
            }, a => a.Settle(end, "s01")));
        }

        await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id);
        return run;
    }

    /// <summary>Invited, reminded, then approved.</summary>
    private static async Task<WorkflowRun> CameraRunAsync()
    {
        var request = new StoredCameraRequest();
        var run = request.Run(Start);
        run.OnWait(wait => wait.Fire());
        run.OnWait(wait => request.Decide(wait, RequestState.Approved));
        await run.RunAsync(new CameraRequestOrchestrator(), StoredCameraRequest.Input);
        return run;
    }
}
