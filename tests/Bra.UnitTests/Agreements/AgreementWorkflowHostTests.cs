using System.Collections.Concurrent;
using Bra.Core.Agreements;
using Bra.UnitTests.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bra.UnitTests.Agreements;

/// <summary>
/// The real <see cref="AgreementOrchestrator"/> in the Durable Task engine (in memory, with replay and wall-clock timers).
/// Its activities are test activities of the same names over a small in-memory agreement; a test changes the agreement
/// as the signing page or the API would, then raises the same signal. Reminders and expiry are seconds away; the
/// three-day schedule stays in <see cref="AgreementOrchestratorTests"/>. Each test waits for the plan read after which the
/// workflow waits, so the list of activities is exact: replays run nothing twice.
/// </summary>
public sealed class AgreementWorkflowHostTests(AgreementWorkflowHostTests.Host host) : IClassFixture<AgreementWorkflowHostTests.Host>
{
    private const string Load = nameof(LoadAgreementPlan);
    private const string Invite = nameof(SendAgreementInvitations);
    private const string Remind = nameof(SendAgreementReminder);

    /// <summary>An agreement as storage holds it; the activities and the test change it under its lock.</summary>
    public sealed class Agreement
    {
        private readonly Lock gate = new();

        public AgreementState State { get; set; } = AgreementState.Sent;
        public SigningOrder Order { get; init; } = SigningOrder.Parallel;
        public List<SignerPlan> Signers { get; set; } = [];
        public DateTime ExpiresAt { get; init; } = DateTime.UtcNow.AddHours(1);
        public TimeSpan FirstReminder { get; init; } = TimeSpan.FromHours(1);
        public TimeSpan ReminderInterval { get; init; } = TimeSpan.FromHours(1);

        public void Change(Action<Agreement> change)
        {
            lock (gate)
            {
                change(this);
            }
        }

        public AgreementPlan Plan()
        {
            lock (gate)
            {
                var state = State == AgreementState.Sent && Signers.Any(s => s.State == SignerState.Signed) ? AgreementState.PartlySigned : State;
                return new AgreementPlan(state, Signers.All(s => s.State == SignerState.Signed), Due().Count > 0, ExpiresAt, [.. Signers], FirstReminder,
                    ReminderInterval);
            }
        }

        /// <summary>Who is to be invited now: every waiting signer, or in sequential order the next one once all before have signed.</summary>
        public List<string> Due() => Order == SigningOrder.Parallel
            ? Signers.Where(s => s.State == SignerState.Waiting).Select(s => s.Id).ToList()
            : Signers.FirstOrDefault(s => s.State != SignerState.Signed) is { State: SignerState.Waiting } next ? [next.Id] : [];

        public void Set(string signerId, Func<SignerPlan, SignerPlan> change) =>
            Change(a => a.Signers = a.Signers.Select(s => s.Id == signerId ? change(s) : s).ToList());
    }

    public sealed class Host : WorkflowTestHost
    {
        public ConcurrentDictionary<string, Agreement> Agreements { get; } = new(StringComparer.Ordinal);

        protected override void Register(DurableTaskRegistry tasks)
        {
            tasks.AddOrchestrator<AgreementOrchestrator>();
            Activity<string, AgreementPlan>(tasks, Load, (_, id) => Agreements[id].Plan());
            Activity<string, int>(tasks, Invite, (_, id) =>
            {
                var a = Agreements[id];
                a.Change(_ => a.Due().ForEach(due => a.Signers = a.Signers
                    .Select(s => s.Id == due ? s with { State = SignerState.Invited, InvitedAt = DateTime.UtcNow } : s).ToList()));
                return 1;
            });
            Activity<AgreementReminder, int>(tasks, Remind, (_, r) =>
            {
                Agreements[r.AgreementId].Set(r.SignerId, s => s with { Reminders = r.Number });
                return 1;
            }, r => $"{r.SignerId}:{r.Number}");
            Activity<string, AgreementState>(tasks, nameof(ExpireAgreement), (_, id) => Settle(id, AgreementState.Expired));
            Activity<string, AgreementState>(tasks, nameof(CompleteAgreement), (_, id) => Settle(id, AgreementState.Completed));
            foreach (var mail in new[] { nameof(NotifyAgreementDeclined), nameof(NotifyAgreementCancelled), nameof(NotifyAgreementExpired),
                         nameof(NotifyAgreementFailed), nameof(SendAgreementCompletion) })
            {
                Activity<string, int>(tasks, mail, (_, _) => 1);
            }
        }

        private AgreementState Settle(string id, AgreementState state)
        {
            Agreements[id].Change(a => a.State = state);
            return state;
        }
    }

    [Fact]
    public async Task Run_SequentialBothSign_SecondInvitedOnlyAfterFirstSignedThenSealedAndMailed()
    {
        var id = Start(new Agreement { Order = SigningOrder.Sequential, Signers = [Waiting("s01"), Waiting("s02")] });
        await host.StartAsync<AgreementOrchestrator>(id, id);

        await host.Calls.WhenCalledAsync(id, Load, times: 2);
        Assert.Equal(SignerState.Waiting, host.Agreements[id].Signers[1].State);
        await SignAsync(id, "s01");
        await host.Calls.WhenCalledAsync(id, Load, times: 4);
        await SignAsync(id, "s02");
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("completed", done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, Load, Load, Invite, Load, Load, nameof(CompleteAgreement), nameof(SendAgreementCompletion)], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_NobodySigns_RemindedOnEachTimerThenExpiredAndSenderTold()
    {
        // Reminders 1 s and 3 s after the invitation, expiry at 4.5 s: the third reminder (5 s) would come after it.
        var id = Start(new Agreement
        {
            Signers = [Waiting("s01")], ExpiresAt = DateTime.UtcNow.AddSeconds(4.5), FirstReminder = TimeSpan.FromSeconds(1),
            ReminderInterval = TimeSpan.FromSeconds(2),
        });
        await host.StartAsync<AgreementOrchestrator>(id, id);
        var done = await host.CompletionAsync(id);

        // Plan reads are left out: a timer that fires a hair before its instant (by the workflow's clock) costs one more
        // read and a fresh timer, never another mail.
        Assert.Equal("expired", done.ReadOutputAs<string>());
        Assert.Equal([Invite, $"{Remind}:s01:1", $"{Remind}:s01:2", nameof(ExpireAgreement), nameof(NotifyAgreementExpired)],
            host.Calls.Of(id).Where(c => c != Load));
        Assert.Equal(AgreementState.Expired, host.Agreements[id].State);
    }

    [Theory]
    [InlineData(AgreementSignalKind.Declined, AgreementState.Declined, nameof(NotifyAgreementDeclined), "declined")]
    [InlineData(AgreementSignalKind.Cancelled, AgreementState.Cancelled, nameof(NotifyAgreementCancelled), "cancelled")]
    public async Task Run_EndedWhileWaiting_ToldOnceNoRemindersNoSeal(AgreementSignalKind signal, AgreementState ended, string notice, string outcome)
    {
        var id = Start(new Agreement { Signers = [Waiting("s01"), Waiting("s02")] });
        await host.StartAsync<AgreementOrchestrator>(id, id);
        await host.Calls.WhenCalledAsync(id, Load, times: 2);

        host.Agreements[id].Change(a => a.State = ended);
        await SignalAsync(id, signal);
        var done = await host.CompletionAsync(id);

        Assert.Equal(outcome, done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, Load, Load, notice], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_SignerReplaced_ReplacementInvitedThenCancelled()
    {
        var id = Start(new Agreement { Signers = [Waiting("s01")] });
        await host.StartAsync<AgreementOrchestrator>(id, id);
        await host.Calls.WhenCalledAsync(id, Load, times: 2);

        // The replacement is a new signer row, waiting for its invitation.
        host.Agreements[id].Set("s01", _ => Waiting("s01"));
        await SignalAsync(id, AgreementSignalKind.SignerReplaced);
        await host.Calls.WhenCalledAsync(id, Load, times: 4);
        host.Agreements[id].Change(a => a.State = AgreementState.Cancelled);
        await SignalAsync(id, AgreementSignalKind.Cancelled);
        var done = await host.CompletionAsync(id);

        Assert.Equal("cancelled", done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, Load, Load, Invite, Load, Load, nameof(NotifyAgreementCancelled)], host.Calls.Of(id));
    }

    private static SignerPlan Waiting(string id) => new(id, SignerState.Waiting, null, 0);

    private string Start(Agreement agreement)
    {
        var id = WorkflowTestHost.NewId();
        host.Agreements[id] = agreement;
        return id;
    }

    private Task SignAsync(string id, string signerId)
    {
        host.Agreements[id].Set(signerId, s => s with { State = SignerState.Signed });
        return SignalAsync(id, AgreementSignalKind.Signed);
    }

    private Task SignalAsync(string id, AgreementSignalKind kind) => host.RaiseAsync(id, AgreementOrchestrator.SignalEvent, new AgreementSignal(kind));
}
