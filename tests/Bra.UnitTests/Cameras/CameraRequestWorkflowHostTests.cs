using System.Collections.Concurrent;
using Bra.Core.Cameras;
using Bra.IntegrationTests.Support;
using Bra.UnitTests.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bra.UnitTests.Cameras;

/// <summary>
/// The real <see cref="CameraRequestOrchestrator"/> in the Durable Task engine (in memory, with replay, wall-clock timers
/// and continue-as-new), its activities replaced by test activities of the same names over the request's state in
/// memory, driven by the events <see cref="CameraRequests"/> raises. The week-long reminder timings stay in
/// <see cref="CameraRequestOrchestratorTests"/>.
/// </summary>
public sealed class CameraRequestWorkflowHostTests(CameraRequestWorkflowHostTests.Host host) : IClassFixture<CameraRequestWorkflowHostTests.Host>
{
    private const string Notify = nameof(NotifyCameraDecisionMakers);
    private const string Apply = nameof(ApplyCameraDecision);
    private const string Tell = nameof(NotifyCameraRequester);

    public sealed class Host : WorkflowTestHost
    {
        /// <summary>The request's state as storage holds it, per request id (= instance id).</summary>
        public ConcurrentDictionary<string, RequestState> States { get; } = new(StringComparer.Ordinal);

        /// <summary>Reminders that wait for the test's go-ahead while they are being sent, per request id.</summary>
        public ConcurrentDictionary<string, HeldReminder> Held { get; } = new(StringComparer.Ordinal);

        protected override void Register(DurableTaskRegistry tasks)
        {
            tasks.AddOrchestrator<CameraRequestOrchestrator>();
            Activity<CameraRequestNotice, RequestState>(tasks, Notify, NotifyAsync, n => n.Purpose);
            Activity<string, RequestState>(tasks, Apply, (_, id) => States[id]);
            Activity<string, bool>(tasks, Tell, (_, _) => true);
        }

        /// <summary>Like the real activity, reads the state first and then mails; a held reminder "mails" until released.</summary>
        private async Task<RequestState> NotifyAsync(string instanceId, CameraRequestNotice notice)
        {
            var state = States[notice.RequestId];
            if (notice.Purpose != "invite" && Held.TryGetValue(instanceId, out var held))
            {
                held.Started.TrySetResult();
                await held.Released.Task.WaitAsync(Timeout);
            }

            return state;
        }
    }

    /// <summary>A reminder being sent: <see cref="Started"/> once it has read the state, it returns when <see cref="Released"/>.</summary>
    public sealed class HeldReminder
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Theory]
    [InlineData(RequestState.Approved)]
    [InlineData(RequestState.Rejected)]
    public async Task Run_DecisionRaised_AppliedAndRequesterToldOnce(RequestState decided)
    {
        var id = await StartAsync(TimeSpan.FromHours(1));
        await host.Calls.WhenCalledAsync(id, Notify);

        host.States[id] = decided;
        await host.RaiseAsync(id, CameraRequestOrchestrator.DecisionEvent, decided.ToString());
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(decided, done.ReadOutputAs<RequestState>());
        Assert.Equal([$"{Notify}:invite", Apply, Tell], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_NoDecisionBeforeFirstReminder_RemindsContinuesAsNewAndStillTakesTheDecision()
    {
        var id = await StartAsync(TimeSpan.FromSeconds(1));
        await host.Calls.WhenCalledAsync(id, Notify, times: 2);

        // The decision is raised once the workflow runs as new (the reminder count in its input), so it meets the new
        // run's wait; one raised while the reminder is being sent is the case of the HeldReminder tests below.
        await Polling.EventuallyAsync(() => host.Client.GetInstanceAsync(id, getInputsAndOutputs: true),
            m => m?.ReadInputAs<CameraRequestWorkflowInput>()?.RemindersSent == 1, WorkflowTestHost.Timeout, "the workflow continued as new");
        host.States[id] = RequestState.Approved;
        await host.RaiseAsync(id, CameraRequestOrchestrator.DecisionEvent, nameof(RequestState.Approved));
        var done = await host.CompletionAsync(id);

        Assert.Equal(RequestState.Approved, done.ReadOutputAs<RequestState>());
        Assert.Equal([$"{Notify}:invite", $"{Notify}:reminder-1", Apply, Tell], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_Withdrawn_EndsWithoutApplyingOrTellingRequester()
    {
        var id = await StartAsync(TimeSpan.FromHours(1));
        await host.Calls.WhenCalledAsync(id, Notify);

        host.States[id] = RequestState.Withdrawn;
        await host.RaiseAsync(id, CameraRequestOrchestrator.WithdrawEvent, "withdrawn");
        var done = await host.CompletionAsync(id);

        Assert.Equal(RequestState.Withdrawn, done.ReadOutputAs<RequestState>());
        Assert.Equal([$"{Notify}:invite"], host.Calls.Of(id));
    }

    [Fact]
    public async Task Run_DecisionStoredButEventLost_ReminderFindsItAndApplies()
    {
        var id = await StartAsync(TimeSpan.FromSeconds(1));
        await host.Calls.WhenCalledAsync(id, Notify);

        host.States[id] = RequestState.Rejected;
        var done = await host.CompletionAsync(id);

        Assert.Equal(RequestState.Rejected, done.ReadOutputAs<RequestState>());
        Assert.Equal([$"{Notify}:invite", $"{Notify}:reminder-1", Apply, Tell], host.Calls.Of(id));
    }

    [Fact]
    public Task Run_DecisionRaisedWhileReminderIsBeingSent_AppliedWithoutWaitingForTheNextReminder() =>
        RaisedWhileReminderIsBeingSent_EndsAtOnceAsync(RequestState.Approved, CameraRequestOrchestrator.DecisionEvent, Apply, Tell);

    [Fact]
    public Task Run_WithdrawnWhileReminderIsBeingSent_EndsWithoutWaitingForTheNextReminder() =>
        RaisedWhileReminderIsBeingSent_EndsAtOnceAsync(RequestState.Withdrawn, CameraRequestOrchestrator.WithdrawEvent);

    /// <summary>
    /// Stores <paramref name="state"/> and raises <paramref name="eventName"/> while the first reminder is being sent (it
    /// read the state before and returns only after the event was raised); the workflow must end with that state after
    /// the reminder and the <paramref name="then"/> calls. The next reminder is an hour away, so only a workflow that
    /// acts on the event at once ends within the wait.
    /// </summary>
    private async Task RaisedWhileReminderIsBeingSent_EndsAtOnceAsync(RequestState state, string eventName, params string[] then)
    {
        var held = new HeldReminder();
        var id = await StartAsync(TimeSpan.FromSeconds(1), held);
        await held.Started.Task.WaitAsync(WorkflowTestHost.Timeout);

        host.States[id] = state;
        await host.RaiseAsync(id, eventName, state.ToString());
        held.Released.SetResult();
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(state, done.ReadOutputAs<RequestState>());
        Assert.Equal([$"{Notify}:invite", $"{Notify}:reminder-1", .. then], host.Calls.Of(id));
    }

    /// <summary>
    /// A submitted request's workflow, first reminder after <paramref name="firstReminder"/>, later ones an hour apart;
    /// its reminders wait for <paramref name="held"/>'s go-ahead when given.
    /// </summary>
    private async Task<string> StartAsync(TimeSpan firstReminder, HeldReminder? held = null)
    {
        var id = WorkflowTestHost.NewId();
        host.States[id] = RequestState.Submitted;
        if (held is not null)
        {
            host.Held[id] = held;
        }

        await host.StartAsync<CameraRequestOrchestrator>(id, new CameraRequestWorkflowInput(id, firstReminder, TimeSpan.FromHours(1)));
        return id;
    }
}
