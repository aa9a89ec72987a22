using Bra.Core.Agreements;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Bra.UnitTests.Agreements;

/// <summary>
/// Drives the agreement orchestrator with a mocked context over a small in-memory agreement: the plan activity reads it,
/// the invitation and reminder activities change it, signals change it before they arrive. Long timers fire at once
/// (moving the clock) whenever no signal is queued. Signals in the real engine: <see cref="AgreementWorkflowHostTests"/>.
/// </summary>
public sealed class AgreementOrchestratorTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly Mock<TaskOrchestrationContext> context = new() { CallBase = true };
    private readonly List<string> calls = [];
    private readonly List<DateTime> timers = [];
    private readonly List<CancellationToken> timerTokens = [];
    private readonly Queue<(AgreementSignalKind Kind, Action Change)> signals = new();
    private readonly List<(DateTime At, CancellationToken Token, TaskCompletionSource Pending)> pendingTimers = [];
    private DateTime now = Start;
    private bool idle;
    private AgreementState state = AgreementState.Sent;
    private AgreementState sealsAs = AgreementState.Completed;
    private List<SignerPlan> signers = [];
    private DateTime expiresAt = Start.AddDays(30);

    public AgreementOrchestratorTests()
    {
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        context.SetupGet(c => c.InstanceId).Returns(Id);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.CallActivityAsync<AgreementPlan>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName n, object? _, TaskOptions? _) => { calls.Add(n.Name); return Task.FromResult(Plan()); });
        context.Setup(c => c.CallActivityAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName n, object? input, TaskOptions? _) =>
            {
                if (n.Name == nameof(SendAgreementInvitations))
                {
                    signers = signers.Select(s => Due().Contains(s.Id) ? s with { State = SignerState.Invited, InvitedAt = now } : s).ToList();
                }

                if (input is AgreementReminder r)
                {
                    signers = signers.Select(s => s.Id == r.SignerId ? s with { Reminders = r.Number } : s).ToList();
                    calls.Add($"{n.Name}:{r.SignerId}:{r.Number}");
                    return Task.FromResult(1);
                }

                calls.Add(n.Name);
                return Task.FromResult(1);
            });
        context.Setup(c => c.CallActivityAsync<AgreementState>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName n, object? _, TaskOptions? _) =>
            {
                calls.Add(n.Name);
                state = n.Name == nameof(ExpireAgreement) ? AgreementState.Expired : sealsAs;
                return Task.FromResult(state);
            });
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime at, CancellationToken token) =>
            {
                timers.Add(at);
                timerTokens.Add(token);
                if (idle)
                {
                    now = at;
                    return Task.CompletedTask;
                }

                var pending = new TaskCompletionSource();
                pendingTimers.Add((at, token, pending));
                return pending.Task;
            });
        context.Setup(c => c.WaitForExternalEvent<AgreementSignal>(AgreementOrchestrator.SignalEvent, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                if (signals.Count > 0)
                {
                    var (kind, change) = signals.Dequeue();
                    change();
                    return Task.FromResult(new AgreementSignal(kind));
                }

                // No signal left: the workflow is idle, so its timers fire (moving the clock), now and from here on.
                idle = true;
                FireTimers();
                return new TaskCompletionSource<AgreementSignal>().Task;
            });
    }

    [Fact]
    public async Task Run_NobodySigns_InvitesRemindsEveryThreeDaysThenExpiresAndTellsSender()
    {
        expiresAt = Start.AddDays(10);
        signers = [new("s01", SignerState.Waiting, null, 0)];

        var outcome = await new AgreementOrchestrator().RunAsync(context.Object, Id);

        Assert.Equal("expired", outcome);
        Assert.Equal(
        [
            nameof(LoadAgreementPlan), nameof(SendAgreementInvitations), nameof(LoadAgreementPlan),
            nameof(LoadAgreementPlan), $"{nameof(SendAgreementReminder)}:s01:1", nameof(LoadAgreementPlan),
            nameof(LoadAgreementPlan), $"{nameof(SendAgreementReminder)}:s01:2", nameof(LoadAgreementPlan),
            nameof(LoadAgreementPlan), $"{nameof(SendAgreementReminder)}:s01:3", nameof(LoadAgreementPlan),
            nameof(LoadAgreementPlan), nameof(ExpireAgreement), nameof(NotifyAgreementExpired),
        ], calls);
        Assert.Equal([Start.AddDays(3), Start.AddDays(6), Start.AddDays(9), Start.AddDays(10)], timers);
    }

    [Fact]
    public async Task Run_DocumentChangedAtCompletion_FailedSenderToldNoCompletionMail()
    {
        sealsAs = AgreementState.Failed;
        signers = [new("s01", SignerState.Waiting, null, 0)];
        signals.Enqueue((AgreementSignalKind.Signed, () => Sign("s01")));

        var outcome = await new AgreementOrchestrator().RunAsync(context.Object, Id);

        Assert.Equal("failed", outcome);
        Assert.Contains(nameof(NotifyAgreementFailed), calls);
        Assert.DoesNotContain(nameof(SendAgreementCompletion), calls);
    }

    private AgreementPlan Plan() =>
        new(signers.Any(s => s.State == SignerState.Signed) && state == AgreementState.Sent ? AgreementState.PartlySigned : state,
            signers.All(s => s.State == SignerState.Signed), Due().Count > 0, expiresAt, signers, TimeSpan.FromDays(3), TimeSpan.FromDays(3));

    private List<string> Due() => signers.Where(s => s.State == SignerState.Waiting).Select(s => s.Id).ToList();

    private void Sign(string id) => signers = signers.Select(s => s.Id == id ? s with { State = SignerState.Signed } : s).ToList();

    private void FireTimers()
    {
        foreach (var (at, token, pending) in pendingTimers.Where(t => !t.Token.IsCancellationRequested).ToList())
        {
            now = at;
            pending.SetResult();
        }

        pendingTimers.Clear();
    }
}
