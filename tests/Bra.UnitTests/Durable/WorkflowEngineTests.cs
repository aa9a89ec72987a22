using System.Collections.Concurrent;
using Bra.Core.Agreements;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Bra.UnitTests.Durable;

/// <summary>
/// The three orchestrators in the real Durable Task engine (in memory: serialization of plans and inputs, replay after
/// every step, continue-as-new with unprocessed events kept, wall-clock timers), with test activities of the real names
/// over plans in memory. What the engine adds is under test here; the branches and long timers are tested on mocked
/// contexts. Tests wait for the activity after which a workflow waits before they change its plan and signal, and a
/// timer that must fire is the only thing a test waits for, so no assertion depends on how fast the machine is.
/// </summary>
public sealed class WorkflowEngineTests(WorkflowEngineTests.Host host) : IClassFixture<WorkflowEngineTests.Host>
{
    public sealed class Host : WorkflowTestHost
    {
        public ConcurrentDictionary<string, ConsultationPlan> Consultations { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, AgreementPlan> Agreements { get; } = new(StringComparer.Ordinal);

        public ConcurrentDictionary<string, RequestState> Requests { get; } = new(StringComparer.Ordinal);

        /// <summary>Camera reminders that wait for the test's go-ahead while they are being sent, per request id.</summary>
        public ConcurrentDictionary<string, HeldReminder> Held { get; } = new(StringComparer.Ordinal);

        protected override void Register(DurableTaskRegistry tasks)
        {
            tasks.AddOrchestrator<ConsultationOrchestrator>();
            Activity<string, ConsultationPlan>(tasks, nameof(LoadConsultationPlan), (_, id) => Consultations[id]);
            Activity<string, int>(tasks, nameof(SendConsultationInvitations), (_, _) => 1);
            Activity<ReminderRequest, int>(tasks, nameof(SendConsultationReminders), (_, _) => 1, r => r.Key);
            Activity<string, int>(tasks, nameof(SendConsultationCancellation), (_, _) => 1);
            Activity<string, string?>(tasks, nameof(CloseConsultation), (_, _) => "sha");

            tasks.AddOrchestrator<AgreementOrchestrator>();
            Activity<string, AgreementPlan>(tasks, nameof(LoadAgreementPlan), (_, id) => Agreements[id]);
            Activity<string, int>(tasks, nameof(SendAgreementInvitations), (_, id) =>
            {
                Agreements[id] = Agreements[id] with
                {
                    InviteDue = false, Signers = [.. Agreements[id].Signers.Select(s => s with { State = SignerState.Invited, InvitedAt = DateTime.UtcNow })],
                };
                return 1;
            });
            Activity<string, AgreementState>(tasks, nameof(CompleteAgreement), (_, id) => (Agreements[id] = Agreements[id] with { State = AgreementState.Completed }).State);
            Activity<string, int>(tasks, nameof(SendAgreementCompletion), (_, _) => 1);

            tasks.AddOrchestrator<CameraRequestOrchestrator>();
            Activity<string, CameraRequestPlan>(tasks, nameof(LoadCameraRequestPlan), (_, id) => new CameraRequestPlan(Requests[id]));
            Activity<CameraRequestNotice, RequestState>(tasks, nameof(NotifyCameraDecisionMakers), async (_, notice) =>
            {
                var seen = Requests[notice.RequestId];
                if (notice.Purpose != "invite" && Held.TryGetValue(notice.RequestId, out var held))
                {
                    held.Started.TrySetResult();
                    await held.Released.Task.WaitAsync(Timeout);
                }

                return seen;
            }, n => n.Purpose);
            Activity<string, RequestState>(tasks, nameof(ApplyCameraDecision), (_, id) => Requests[id]);
            Activity<string, bool>(tasks, nameof(NotifyCameraRequester), (_, _) => true);
        }
    }

    /// <summary>A reminder being sent: <see cref="Started"/> once it has read the request, it returns when <see cref="Released"/>.</summary>
    public sealed class HeldReminder
    {
        public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Released { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [Fact]
    public async Task Consultation_CloseSignalledWhileWaiting_ContinuesAsNewAndClosesOnce()
    {
        var id = WorkflowTestHost.NewId();
        host.Consultations[id] = new ConsultationPlan(ConsultationState.Open, DateTime.UtcNow.AddHours(1),
            ConsultationReminders.Plan(DateTimeOffset.UtcNow.AddHours(1), ["PT30M"]));
        await host.StartAsync<ConsultationOrchestrator>(id, new ConsultationWorkflowInput(id));
        await host.Calls.WhenCalledAsync(id, nameof(LoadConsultationPlan), times: 2);

        host.Consultations[id] = host.Consultations[id] with { State = ConsultationState.Closed };
        await host.RaiseAsync(id, ConsultationOrchestrator.SignalEvent, new ConsultationSignal(ConsultationSignalKind.Close));
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(ConsultationOutcome.Closed, done.ReadOutputAs<string>());
        Assert.Equal([nameof(LoadConsultationPlan), nameof(SendConsultationInvitations), nameof(LoadConsultationPlan), nameof(LoadConsultationPlan),
            nameof(CloseConsultation)], host.Calls.Of(id));
    }

    [Fact]
    public async Task Consultation_RemindersOnRealTimers_EachSentAtMostOnceThenClosed()
    {
        // Reminders 2 s and 1 s before a deadline 3 s away, through timers, continue-as-new and the input handed on. On
        // a slow machine a reminder may already be due when the deadline is first seen, and is skipped then, so the
        // assertions hold either way: no reminder twice, the close once and last.
        var id = WorkflowTestHost.NewId();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(3);
        var plan = new ConsultationPlan(ConsultationState.Open, deadline.UtcDateTime, ConsultationReminders.Plan(deadline, ["PT2S", "PT1S"]));
        host.Consultations[id] = plan;

        await host.StartAsync<ConsultationOrchestrator>(id, new ConsultationWorkflowInput(id));
        var done = await host.CompletionAsync(id);

        Assert.Equal(ConsultationOutcome.Closed, done.ReadOutputAs<string>());
        var calls = host.Calls.Of(id);
        var reminders = calls.Where(c => c.StartsWith(nameof(SendConsultationReminders), StringComparison.Ordinal)).ToList();
        Assert.Equal(reminders.Distinct(), reminders);
        Assert.Subset(plan.Reminders.Select(r => $"{nameof(SendConsultationReminders)}:{r.Key}").ToHashSet(), reminders.ToHashSet());
        Assert.Equal(nameof(CloseConsultation), Assert.Single(calls, c => c == nameof(CloseConsultation)));
        Assert.Equal(nameof(CloseConsultation), calls[^1]);
    }

    [Fact]
    public async Task Agreement_SignedWhileWaiting_SignalTakenAcrossGenerationsSealedAndMailedOnce()
    {
        var id = WorkflowTestHost.NewId();
        host.Agreements[id] = new AgreementPlan(AgreementState.Sent, AllSigned: false, InviteDue: true, DateTime.UtcNow.AddHours(2),
            [new SignerPlan("s01", SignerState.Waiting, null, 0)], TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await host.StartAsync<AgreementOrchestrator>(id, id);
        await host.Calls.WhenCalledAsync(id, nameof(LoadAgreementPlan), times: 2);

        host.Agreements[id] = host.Agreements[id] with { State = AgreementState.PartlySigned, AllSigned = true };
        await host.RaiseAsync(id, AgreementOrchestrator.SignalEvent, new AgreementSignal(AgreementSignalKind.Signed));
        var done = await host.CompletionAsync(id);

        Assert.Equal("completed", done.ReadOutputAs<string>());
        Assert.Equal([nameof(LoadAgreementPlan), nameof(SendAgreementInvitations), nameof(LoadAgreementPlan), nameof(LoadAgreementPlan),
            nameof(CompleteAgreement), nameof(SendAgreementCompletion)], host.Calls.Of(id));
    }

    [Fact]
    public async Task Camera_DecisionRaisedWhileReminderIsBeingSent_AppliedWithoutWaitingForTheNextReminder()
    {
        // The first reminder after 1 s, the next an hour later: only a workflow that acts on the decision at once ends in time.
        var id = WorkflowTestHost.NewId();
        host.Requests[id] = RequestState.Submitted;
        var held = host.Held[id] = new HeldReminder();
        await host.StartAsync<CameraRequestOrchestrator>(id, new CameraRequestWorkflowInput(id, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));

        // The reminder has read the request and is held until the decision is stored and its event raised.
        await held.Started.Task.WaitAsync(WorkflowTestHost.Timeout);
        host.Requests[id] = RequestState.Approved;
        await host.RaiseAsync(id, CameraRequestOrchestrator.DecisionEvent, nameof(RequestState.Approved));
        held.Released.SetResult();
        var done = await host.CompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(RequestState.Approved, done.ReadOutputAs<RequestState>());
        Assert.Equal([nameof(NotifyCameraDecisionMakers) + ":invite", nameof(NotifyCameraDecisionMakers) + ":reminder-1", nameof(ApplyCameraDecision),
            nameof(NotifyCameraRequester)], host.Calls.Of(id).Where(c => c != nameof(LoadCameraRequestPlan)));
    }

    [Fact]
    public async Task Camera_WithdrawnWhileWaiting_EndsWithoutApplying()
    {
        var id = WorkflowTestHost.NewId();
        host.Requests[id] = RequestState.Submitted;
        await host.StartAsync<CameraRequestOrchestrator>(id, new CameraRequestWorkflowInput(id, TimeSpan.FromHours(1), TimeSpan.FromHours(1)));
        await host.Calls.WhenCalledAsync(id, nameof(LoadCameraRequestPlan), times: 2);

        host.Requests[id] = RequestState.Withdrawn;
        await host.RaiseAsync(id, CameraRequestOrchestrator.WithdrawEvent, "withdrawn");
        var done = await host.CompletionAsync(id);

        Assert.Equal(RequestState.Withdrawn, done.ReadOutputAs<RequestState>());
        Assert.Equal([nameof(LoadCameraRequestPlan), nameof(NotifyCameraDecisionMakers) + ":invite", nameof(LoadCameraRequestPlan),
            nameof(LoadCameraRequestPlan)], host.Calls.Of(id));
    }
}
