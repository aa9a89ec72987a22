using Bra.Core;
using Bra.Core.Consultations;
using Bra.UnitTests.Durable;

namespace Bra.UnitTests.Consultations;

/// <summary>
/// Every branch of <see cref="ConsultationOrchestrator"/> on a mocked context (<see cref="WorkflowRun"/>): schedules of
/// weeks (reminders at 09:00 Swedish time), signals, changes stored without a signal, and signals that arrive the moment
/// a reminder falls due. The engine itself (serialization, replay, continue-as-new): <see cref="WorkflowEngineTests"/>.
/// </summary>
public sealed class ConsultationOrchestratorTests
{
    private const string Load = nameof(LoadConsultationPlan);
    private const string Invite = nameof(SendConsultationInvitations);
    private const string Remind = nameof(SendConsultationReminders);
    private const string Cancel = nameof(SendConsultationCancellation);
    private const string Notice = nameof(SendConsultationDeadlineNotice);
    private const string Close = nameof(CloseConsultation);
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Deadline = new(2026, 12, 1, 22, 59, 0, DateTimeKind.Utc);
    private static readonly DateTime SevenDaysBefore = new(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime DayBefore = new(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc);

    private readonly StoredConsultation consultation = new() { Deadline = Deadline, Offsets = ["P7D", "P1D"] };
    private readonly WorkflowRun run;

    public ConsultationOrchestratorTests() => run = consultation.Run(Start);

    [Fact]
    public async Task Run_NoSignals_InvitesRemindsOnEachTimerThenClosesAtDeadline()
    {
        var (first, second) = (consultation.Key("P7D"), consultation.Key("P1D"));

        var outcome = await RunAsync();

        Assert.Equal(ConsultationOutcome.Closed, outcome);
        Assert.Equal([SevenDaysBefore, DayBefore, Deadline], run.Waits.Select(w => w.Until));
        // Each generation invites whoever is new (nobody here: the ledger makes that a read), then sends what is due.
        Assert.Equal(
        [
            Load, Invite, Load,
            Load, Invite, Load, $"{Remind}:{first}", Load,
            Load, Invite, Load, $"{Remind}:{second}", Load,
            Load, Close,
        ], run.Calls);
        var handedOn = Assert.IsType<ConsultationWorkflowInput>(run.HandedOn[^1]);
        Assert.Equal((StoredConsultation.Id, Deadline), (handedOn.ConsultationId, handedOn.Deadline));
        Assert.Equal([first, second], handedOn.RemindersDone!);
    }

    [Fact]
    public async Task Run_ReminderAlreadyDueAtStart_SkippedOnlyLaterOneSent()
    {
        consultation.Deadline = Start.AddDays(3);
        consultation.Offsets = ["P7D", "PT20S"];

        await RunAsync();

        Assert.Equal([$"{Remind}:{consultation.Key("PT20S")}"], run.Calls.Where(c => c.StartsWith(Remind, StringComparison.Ordinal)));
        Assert.Equal([Start.AddDays(3).AddSeconds(-20), Start.AddDays(3)], run.Waits.Select(w => w.Until));
    }

    [Fact]
    public async Task Run_CancelledBeforeStart_SendsCancellationOnly()
    {
        consultation.State = ConsultationState.Cancelled;

        var outcome = await RunAsync();

        Assert.Equal(ConsultationOutcome.Cancelled, outcome);
        Assert.Equal([Load, Cancel], run.Calls);
    }

    [Theory]
    [InlineData(ConsultationSignalKind.Close, ConsultationState.Closed, ConsultationOutcome.Closed, Close)]
    [InlineData(ConsultationSignalKind.Cancel, ConsultationState.Cancelled, ConsultationOutcome.Cancelled, Cancel)]
    public async Task Run_EndingSignalWhileWaiting_EndsAtOnceWithItsMailOnly(ConsultationSignalKind kind, ConsultationState stored, string outcome, string mail)
    {
        run.OnWait(wait => consultation.Signal(wait, kind, c => c.State = stored));

        Assert.Equal(outcome, await RunAsync());

        Assert.Equal([Load, Invite, Load, Load, mail], run.Calls);
        Assert.Equal(ConsultationOrchestrator.SignalEvent, Assert.Single(run.Waits).EndedBy);
        Assert.Equal(Start, run.Now);
    }

    [Fact]
    public async Task Run_ConsulteesAdded_InvitedAtOnceAndTheSameReminderAwaited()
    {
        run.OnWait(wait => consultation.Signal(wait, ConsultationSignalKind.ConsulteesAdded));

        await RunAsync();

        Assert.Equal([SevenDaysBefore, SevenDaysBefore, DayBefore, Deadline], run.Waits.Select(w => w.Until));
        Assert.Equal([Load, Invite, Load, Load, Invite, Load], run.Calls.Take(6));
        Assert.Single(run.Calls, $"{Remind}:{consultation.Key("P7D")}");
    }

    [Fact]
    public async Task Run_DeadlineMovedLater_FreshRemindersForTheNewDeadlineAndClosedThen()
    {
        var later = new DateTime(2026, 12, 10, 22, 59, 0, DateTimeKind.Utc);
        run.OnWait(wait => wait.Fire());
        run.OnWait(wait => consultation.Signal(wait, ConsultationSignalKind.DeadlineMoved, c => c.Deadline = later));

        await RunAsync();

        // The move is mailed once; the seven-day reminder of the new deadline is a new message (its key names the deadline), due on 3 December.
        Assert.Equal([SevenDaysBefore, DayBefore, new(2026, 12, 3, 8, 0, 0, DateTimeKind.Utc), new(2026, 12, 9, 8, 0, 0, DateTimeKind.Utc), later],
            run.Waits.Select(w => w.Until));
        Assert.Equal(
            [$"{Remind}:{Key(Deadline, "P7D")}", Notice, $"{Remind}:{Key(later, "P7D")}", $"{Remind}:{Key(later, "P1D")}", Close],
            run.CallsExcept(Load, Invite));
    }

    [Fact]
    public async Task Run_DeadlineMovedSoReminderAlreadyDue_ThatReminderSkipped()
    {
        var sooner = new DateTime(2026, 11, 5, 22, 59, 0, DateTimeKind.Utc);
        run.OnWait(wait => consultation.Signal(wait, ConsultationSignalKind.DeadlineMoved, c => c.Deadline = sooner));

        await RunAsync();

        // Seven days before 5 November lies before the move: skipped; the day before is still ahead.
        Assert.Equal([SevenDaysBefore, new(2026, 11, 4, 8, 0, 0, DateTimeKind.Utc), sooner], run.Waits.Select(w => w.Until));
        Assert.Equal([Notice, $"{Remind}:{Key(sooner, "P1D")}", Close], run.CallsExcept(Load, Invite));
    }

    [Fact]
    public async Task Run_CancelledInStorageSignalLost_DeadlineSendsCancellationNotCompilation()
    {
        consultation.Offsets = [];
        run.OnWait(wait =>
        {
            consultation.State = ConsultationState.Cancelled;
            wait.Fire();
        });

        Assert.Equal(ConsultationOutcome.Cancelled, await RunAsync());

        Assert.Equal([Load, Invite, Load, Load, Cancel], run.Calls);
    }

    [Fact]
    public async Task Run_SignalArrivesAsAReminderFallsDue_ReminderStillSent()
    {
        // The signal ends the wait the instant the seven-day reminder falls due: the next generation starts with it due,
        // and it is sent, not skipped as if it had been due before it was planned.
        run.OnWait(wait =>
        {
            run.Now = wait.Until;
            consultation.Signal(wait, ConsultationSignalKind.ConsulteesAdded);
        });

        await RunAsync();

        Assert.Equal([$"{Remind}:{consultation.Key("P7D")}", $"{Remind}:{consultation.Key("P1D")}", Close], run.CallsExcept(Load, Invite));
    }

    [Fact]
    public async Task Run_HostDownPastTheDeadline_ClosesWithoutTheRemindersLeft()
    {
        run.OnWait(wait =>
        {
            run.Now = Deadline.AddHours(2);
            wait.Fire();
        });

        await RunAsync();

        Assert.Equal([Load, Invite, Load, Load, Close], run.Calls);
    }

    private Task<string> RunAsync() => run.RunAsync(new ConsultationOrchestrator(), new ConsultationWorkflowInput(StoredConsultation.Id));

    private static string Key(DateTime deadline, string offset) =>
        ConsultationReminders.Plan(new DateTimeOffset(deadline), [offset]).Single().Key;
}

/// <summary>A consultation as storage holds it, and the consultation workflow's activities over it.</summary>
internal sealed class StoredConsultation
{
    public const string Id = "0123456789abcdef0123456789abcdef";

    public ConsultationState State { get; set; } = ConsultationState.Open;

    public DateTime Deadline { get; set; }

    public string[] Offsets { get; set; } = [];

    public ConsultationPlan Plan() => new(State, Deadline, ConsultationReminders.Plan(new DateTimeOffset(Deadline), Offsets));

    /// <summary>The key of the reminder at <paramref name="offset"/> before the current deadline.</summary>
    public string Key(string offset) => ConsultationReminders.Plan(new DateTimeOffset(Deadline), [offset]).Single().Key;

    /// <summary>A run of the workflow whose activities read and change this consultation.</summary>
    public WorkflowRun Run(DateTime start)
    {
        var run = new WorkflowRun(start);
        run.Activity<string, ConsultationPlan>(nameof(LoadConsultationPlan), _ => Plan());
        run.Activity<string, int>(nameof(SendConsultationInvitations), _ => 1);
        run.Activity<ReminderRequest, int>(nameof(SendConsultationReminders), _ => 1, r => r.Key);
        run.Activity<string, int>(nameof(SendConsultationDeadlineNotice), _ => 1);
        run.Activity<string, int>(nameof(SendConsultationCancellation), _ => 1);
        run.Activity<string, string?>(nameof(CloseConsultation), _ =>
        {
            State = ConsultationState.Closed;
            return "sha";
        });
        return run;
    }

    /// <summary>What the API does: stores the change, then signals.</summary>
    public void Signal(WorkflowRun.Wait wait, ConsultationSignalKind kind, Action<StoredConsultation>? change = null)
    {
        change?.Invoke(this);
        wait.Signal(ConsultationOrchestrator.SignalEvent, new ConsultationSignal(kind));
    }
}
