using System.Collections.Concurrent;
using Bra.Core.Consultations;
using Bra.UnitTests.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bra.UnitTests.Consultations;

/// <summary>
/// The real <see cref="ConsultationOrchestrator"/> in the Durable Task engine (in memory, with replay and wall-clock
/// timers), its activities replaced by test activities of the same names over an in-memory plan, driven by the same
/// signals the API raises. Timers are seconds away; schedules of weeks stay in <see cref="ConsultationOrchestratorTests"/>.
/// Every test checks the exact list of activities: the orchestrator is replayed after each step, and nothing runs twice.
/// </summary>
public sealed class ConsultationWorkflowHostTests(ConsultationWorkflowHostTests.Host host) : IClassFixture<ConsultationWorkflowHostTests.Host>
{
    private const string Load = nameof(LoadConsultationPlan);
    private const string Invite = nameof(SendConsultationInvitations);
    private const string Remind = nameof(SendConsultationReminders);
    private const string Cancel = nameof(SendConsultationCancellation);
    private const string Close = nameof(CloseConsultation);

    public sealed class Host : WorkflowTestHost
    {
        /// <summary>The consultation as storage holds it, per consultation id (= instance id): what the plan activity reads.</summary>
        public ConcurrentDictionary<string, ConsultationPlan> Plans { get; } = new(StringComparer.Ordinal);

        protected override void Register(DurableTaskRegistry tasks)
        {
            tasks.AddOrchestrator<ConsultationOrchestrator>();
            Activity<string, ConsultationPlan>(tasks, Load, (_, id) => Plans[id]);
            Activity<string, int>(tasks, Invite, (_, _) => 1);
            Activity<ReminderRequest, int>(tasks, Remind, (_, _) => 1, r => r.Key);
            Activity<string, int>(tasks, Cancel, (_, _) => 1);
            Activity<string, string?>(tasks, Close, (_, _) => "sha");
        }
    }

    [Fact]
    public async Task Run_NoSignals_InvitesRemindsOnEachTimerThenClosesAtDeadline()
    {
        var id = WorkflowTestHost.NewId();
        var plan = Open(DateTime.UtcNow.AddSeconds(3), "PT2S", "PT1S");
        host.Plans[id] = plan;

        await host.StartAsync<ConsultationOrchestrator>(id, id);
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ConsultationOutcome.Closed, done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, $"{Remind}:{plan.Reminders[0].Key}", $"{Remind}:{plan.Reminders[1].Key}", Load, Close], host.Calls.Of(id));
    }

    [Theory]
    [InlineData(ConsultationSignalKind.Close, ConsultationOutcome.Closed, Close)]
    [InlineData(ConsultationSignalKind.Cancel, ConsultationOutcome.Cancelled, Cancel)]
    public async Task Run_EndingSignalWhileWaiting_EndsAtOnceWithItsMailOnly(ConsultationSignalKind kind, string outcome, string finalActivity)
    {
        var id = WorkflowTestHost.NewId();
        host.Plans[id] = Open(DateTime.UtcNow.AddHours(1), "PT30M");
        await host.StartAsync<ConsultationOrchestrator>(id, id);
        await host.Calls.WhenCalledAsync(id, Invite);

        // An old history's "answered" signal changes nothing; the signal after it ends the consultation at once.
        await Signal(id, ConsultationSignalKind.Answered);
        await Signal(id, kind);
        var done = await host.CompletionAsync(id);

        Assert.Equal(outcome, done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, finalActivity], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_ConsulteesAddedThenDeadlineMovedCloser_InvitesAgainRemindsAndClosesAtNewDeadline()
    {
        var id = WorkflowTestHost.NewId();
        host.Plans[id] = Open(DateTime.UtcNow.AddHours(1), "PT30M");
        await host.StartAsync<ConsultationOrchestrator>(id, id);
        await host.Calls.WhenCalledAsync(id, Invite);

        await Signal(id, ConsultationSignalKind.ConsulteesAdded);
        await host.Calls.WhenCalledAsync(id, Invite, times: 2);
        var moved = Open(DateTime.UtcNow.AddSeconds(2), "PT1S");
        host.Plans[id] = moved;
        await Signal(id, ConsultationSignalKind.DeadlineMoved);
        var done = await host.CompletionAsync(id);

        // The hour-long timer gave way to the new plan's: its reminder went out and the consultation closed seconds later.
        Assert.Equal(ConsultationOutcome.Closed, done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, Invite, Load, $"{Remind}:{moved.Reminders[0].Key}", Load, Close], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_CancelledInStorageSignalLost_DeadlineSendsCancellationNotCompilation()
    {
        var id = WorkflowTestHost.NewId();
        var plan = Open(DateTime.UtcNow.AddSeconds(2));
        host.Plans[id] = plan;
        await host.StartAsync<ConsultationOrchestrator>(id, id);
        await host.Calls.WhenCalledAsync(id, Invite);

        host.Plans[id] = plan with { State = ConsultationState.Cancelled };
        var done = await host.CompletionAsync(id);

        Assert.Equal(ConsultationOutcome.Cancelled, done.ReadOutputAs<string>());
        Assert.Equal([Load, Invite, Load, Cancel], host.Calls.Of(id));
    }

    /// <summary>An open consultation; the engine's timers wait on the wall clock, so tests use deadlines and offsets of seconds.</summary>
    private static ConsultationPlan Open(DateTime deadline, params string[] offsets) =>
        new(ConsultationState.Open, deadline, ConsultationReminders.Plan(new DateTimeOffset(deadline), offsets));

    private Task Signal(string id, ConsultationSignalKind kind) => host.RaiseAsync(id, ConsultationOrchestrator.SignalEvent, new ConsultationSignal(kind));
}
