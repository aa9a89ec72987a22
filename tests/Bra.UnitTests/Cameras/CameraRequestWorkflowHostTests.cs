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

        protected override void Register(DurableTaskRegistry tasks)
        {
            tasks.AddOrchestrator<CameraRequestOrchestrator>();
            Activity<CameraRequestNotice, RequestState>(tasks, Notify, (_, n) => States[n.RequestId], n => n.Purpose);
            Activity<string, RequestState>(tasks, Apply, (_, id) => States[id]);
            Activity<string, bool>(tasks, Tell, (_, _) => true);
        }
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

        // The decision is raised once the workflow runs as new (the reminder count in its input): one raised while the
        // reminder is being sent meets the wait the timer cancelled and is left to the next reminder (by design, see the
        // orchestrator), which would make this test depend on timing.
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

    /// <summary>A submitted request's workflow, first reminder after <paramref name="firstReminder"/>, later ones an hour apart.</summary>
    private async Task<string> StartAsync(TimeSpan firstReminder)
    {
        var id = WorkflowTestHost.NewId();
        host.States[id] = RequestState.Submitted;
        await host.StartAsync<CameraRequestOrchestrator>(id, new CameraRequestWorkflowInput(id, firstReminder, TimeSpan.FromHours(1)));
        return id;
    }
}
