using Bra.Core.Agreements;
using Bra.UnitTests.Durable;

namespace Bra.UnitTests.Agreements;

/// <summary>
/// Every branch of <see cref="AgreementOrchestrator"/> on a mocked context (<see cref="WorkflowRun"/>) over a small
/// agreement in memory: the plan activity reads it, the invitation and reminder activities change it, and a test changes
/// it as the signing page or the API would before it signals (or without a signal). Reminders every three days, expiry
/// after weeks. The engine itself: <see cref="Durable.WorkflowEngineTests"/>.
/// </summary>
public sealed class AgreementOrchestratorTests
{
    private const string Load = nameof(LoadAgreementPlan);
    private const string Invite = nameof(SendAgreementInvitations);
    private const string Remind = nameof(SendAgreementReminder);
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly StoredAgreement agreement = new(Start);

    [Fact]
    public async Task Run_NobodySigns_RemindedEveryThreeDaysThenExpiredAndSenderTold()
    {
        agreement.ExpiresAt = Start.AddDays(10);
        agreement.Signers = [StoredAgreement.Waiting("s01")];
        var run = agreement.Run();

        var outcome = await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id);

        Assert.Equal("expired", outcome);
        Assert.Equal([Invite, $"{Remind}:s01:1", $"{Remind}:s01:2", $"{Remind}:s01:3", nameof(ExpireAgreement), nameof(NotifyAgreementExpired)],
            run.CallsExcept(Load));
        // The fourth reminder (day 12) would come after the expiry (day 10).
        Assert.Equal([Start.AddDays(3), Start.AddDays(6), Start.AddDays(9), Start.AddDays(10)], run.Waits.Select(w => w.Until));
    }

    [Fact]
    public async Task Run_SequentialBothSign_SecondInvitedOnlyAfterFirstSignedThenSealedAndMailed()
    {
        var sequential = new StoredAgreement(Start) { Order = SigningOrder.Sequential, Signers = [StoredAgreement.Waiting("s01"), StoredAgreement.Waiting("s02")] };
        var run = sequential.Run();
        run.OnWait(wait =>
        {
            Assert.Equal(SignerState.Waiting, sequential.Signer("s02").State);
            sequential.Signal(wait, AgreementSignalKind.Signed, a => a.Sign("s01"));
        });
        run.OnWait(wait => sequential.Signal(wait, AgreementSignalKind.Signed, a => a.Sign("s02")));

        var outcome = await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id);

        Assert.Equal("completed", outcome);
        Assert.Equal([Load, Invite, Load, Load, Invite, Load, Load, nameof(CompleteAgreement), nameof(SendAgreementCompletion)], run.Calls);
        Assert.All(run.Waits, w => Assert.Equal(AgreementOrchestrator.SignalEvent, w.EndedBy));
    }

    [Theory]
    [InlineData(AgreementSignalKind.Declined, AgreementState.Declined, nameof(NotifyAgreementDeclined), "declined")]
    [InlineData(AgreementSignalKind.Cancelled, AgreementState.Cancelled, nameof(NotifyAgreementCancelled), "cancelled")]
    public async Task Run_EndedWhileWaiting_ToldOnceNoRemindersNoSeal(AgreementSignalKind signal, AgreementState ended, string notice, string outcome)
    {
        agreement.Signers = [StoredAgreement.Waiting("s01"), StoredAgreement.Waiting("s02")];
        var run = agreement.Run();
        run.OnWait(wait => agreement.Signal(wait, signal, a => a.State = ended));

        Assert.Equal(outcome, await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id));

        Assert.Equal([Load, Invite, Load, Load, notice], run.Calls);
    }

    [Fact]
    public async Task Run_SignerReplaced_ReplacementInvitedThenCancelled()
    {
        agreement.Signers = [StoredAgreement.Waiting("s01")];
        var run = agreement.Run();
        // The replacement is a new signer row, waiting for its invitation.
        run.OnWait(wait => agreement.Signal(wait, AgreementSignalKind.SignerReplaced, a => a.Set("s01", _ => StoredAgreement.Waiting("s01"))));
        run.OnWait(wait => agreement.Signal(wait, AgreementSignalKind.Cancelled, a => a.State = AgreementState.Cancelled));

        Assert.Equal("cancelled", await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id));

        Assert.Equal([Load, Invite, Load, Load, Invite, Load, Load, nameof(NotifyAgreementCancelled)], run.Calls);
    }

    [Fact]
    public async Task Run_DocumentChangedAtCompletion_FailedSenderToldNoCompletionMail()
    {
        agreement.SealsAs = AgreementState.Failed;
        agreement.Signers = [StoredAgreement.Waiting("s01")];
        var run = agreement.Run();
        run.OnWait(wait => agreement.Signal(wait, AgreementSignalKind.Signed, a => a.Sign("s01")));

        Assert.Equal("failed", await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id));

        Assert.Equal([Invite, nameof(CompleteAgreement), nameof(NotifyAgreementFailed)], run.CallsExcept(Load));
    }

    [Fact]
    public async Task Run_SignedButSignalLost_ReminderTimerFindsItAndSealsWithoutReminding()
    {
        agreement.Signers = [StoredAgreement.Waiting("s01")];
        var run = agreement.Run();
        run.OnWait(wait =>
        {
            agreement.Sign("s01");
            wait.Fire();
        });

        Assert.Equal("completed", await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id));

        Assert.Equal([Invite, nameof(CompleteAgreement), nameof(SendAgreementCompletion)], run.CallsExcept(Load));
        Assert.Equal([Start.AddDays(3)], run.Waits.Select(w => w.Until));
    }

    [Fact]
    public async Task Run_ExpiredAlreadyWhenStarted_EndsWithoutMail()
    {
        agreement.State = AgreementState.Expired;
        var run = agreement.Run();

        Assert.Equal("expired", await run.RunAsync(new AgreementOrchestrator(), StoredAgreement.Id));

        Assert.Equal([Load], run.Calls);
    }
}

/// <summary>An agreement as storage holds it, and the agreement workflow's activities over it.</summary>
internal sealed class StoredAgreement(DateTime start)
{
    public const string Id = "0123456789abcdef0123456789abcdef";

    public AgreementState State { get; set; } = AgreementState.Sent;

    /// <summary>What the seal makes of an agreement everyone signed (a changed document: failed).</summary>
    public AgreementState SealsAs { get; set; } = AgreementState.Completed;

    public SigningOrder Order { get; init; } = SigningOrder.Parallel;

    public List<SignerPlan> Signers { get; set; } = [];

    public DateTime ExpiresAt { get; set; } = start.AddDays(30);

    public static SignerPlan Waiting(string id) => new(id, SignerState.Waiting, null, 0);

    public SignerPlan Signer(string id) => Signers.Single(s => s.Id == id);

    public void Set(string signerId, Func<SignerPlan, SignerPlan> change) => Signers = Signers.Select(s => s.Id == signerId ? change(s) : s).ToList();

    public void Sign(string signerId) => Set(signerId, s => s with { State = SignerState.Signed });

    public AgreementPlan Plan() =>
        new(State == AgreementState.Sent && Signers.Any(s => s.State == SignerState.Signed) ? AgreementState.PartlySigned : State,
            Signers.All(s => s.State == SignerState.Signed), Due().Count > 0, ExpiresAt, [.. Signers], TimeSpan.FromDays(3), TimeSpan.FromDays(3));

    /// <summary>A run of the workflow whose activities read and change this agreement.</summary>
    public WorkflowRun Run()
    {
        var run = new WorkflowRun(start);
        run.Activity<string, AgreementPlan>(nameof(LoadAgreementPlan), _ => Plan());
        run.Activity<string, int>(nameof(SendAgreementInvitations), _ =>
        {
            Due().ForEach(due => Set(due, s => s with { State = SignerState.Invited, InvitedAt = run.Now }));
            return 1;
        });
        run.Activity<AgreementReminder, int>(nameof(SendAgreementReminder), r =>
        {
            Set(r.SignerId, s => s with { Reminders = r.Number });
            return 1;
        }, r => $"{r.SignerId}:{r.Number}");
        run.Activity<string, AgreementState>(nameof(ExpireAgreement), _ => State = AgreementState.Expired);
        run.Activity<string, AgreementState>(nameof(CompleteAgreement), _ => State = SealsAs);
        foreach (var mail in new[] { nameof(NotifyAgreementDeclined), nameof(NotifyAgreementCancelled), nameof(NotifyAgreementExpired),
                     nameof(NotifyAgreementFailed), nameof(SendAgreementCompletion) })
        {
            run.Activity<string, int>(mail, _ => 1);
        }

        return run;
    }

    /// <summary>What the signing page and the API do: store the change, then signal.</summary>
    public void Signal(WorkflowRun.Wait wait, AgreementSignalKind kind, Action<StoredAgreement> change)
    {
        change(this);
        wait.Signal(AgreementOrchestrator.SignalEvent, new AgreementSignal(kind));
    }

    /// <summary>Brings about <paramref name="end"/>: the signer signs (the seal then decides), declines, or the agreement is cancelled.</summary>
    public void Settle(AgreementState end, string signerId)
    {
        if (end is AgreementState.Declined or AgreementState.Cancelled)
        {
            State = end;
            return;
        }

        Sign(signerId);
    }

    /// <summary>Who is to be invited now: every waiting signer, or in sequential order the next one once all before have signed.</summary>
    private List<string> Due() => Order == SigningOrder.Parallel
        ? Signers.Where(s => s.State == SignerState.Waiting).Select(s => s.Id).ToList()
        : Signers.FirstOrDefault(s => s.State != SignerState.Signed) is { State: SignerState.Waiting } next ? [next.Id] : [];
}
