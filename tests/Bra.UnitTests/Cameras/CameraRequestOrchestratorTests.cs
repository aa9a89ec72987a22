using Bra.Core.Cameras;
using Bra.UnitTests.Durable;

namespace Bra.UnitTests.Cameras;

/// <summary>
/// Every branch of <see cref="CameraRequestOrchestrator"/> on a mocked context (<see cref="WorkflowRun"/>): week-long
/// reminders, decisions and withdrawals raised while it waits, a decision stored whose event was lost, and one stored
/// while a reminder was being sent. The engine itself: <see cref="WorkflowEngineTests"/>.
/// </summary>
public sealed class CameraRequestOrchestratorTests
{
    private const string Notify = nameof(NotifyCameraDecisionMakers);
    private const string Apply = nameof(ApplyCameraDecision);
    private const string Tell = nameof(NotifyCameraRequester);
    private static readonly DateTime Start = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly StoredCameraRequest request = new();
    private readonly WorkflowRun run;

    public CameraRequestOrchestratorTests() => run = request.Run(Start);

    [Theory]
    [InlineData(RequestState.Approved)]
    [InlineData(RequestState.Rejected)]
    public async Task Run_DecisionBeforeFirstReminder_AppliedAndRequesterToldOnce(RequestState decided)
    {
        run.OnWait(wait => request.Decide(wait, decided));

        Assert.Equal(decided, await RunAsync());

        Assert.Equal([$"{Notify}:invite", Apply, Tell], run.CallsExcept(nameof(LoadCameraRequestPlan)));
        Assert.Equal([Start.AddDays(7)], run.Waits.Select(w => w.Until));
    }

    [Fact]
    public async Task Run_NoDecisionForWeeks_RemindedAfterTheFirstDelayThenEveryIntervalCountHandedOn()
    {
        run.OnWait(wait => wait.Fire());
        run.OnWait(wait => wait.Fire());
        run.OnWait(wait => request.Decide(wait, RequestState.Approved));

        await RunAsync(StoredCameraRequest.Input with { ReminderInterval = TimeSpan.FromDays(3) });

        Assert.Equal([Start.AddDays(7), Start.AddDays(10), Start.AddDays(13)], run.Waits.Select(w => w.Until));
        Assert.Equal([$"{Notify}:invite", $"{Notify}:reminder-1", $"{Notify}:reminder-2", Apply, Tell], run.CallsExcept(nameof(LoadCameraRequestPlan)));
        Assert.Equal([(0, Start.AddDays(7)), (1, Start.AddDays(10)), (2, Start.AddDays(13))],
            run.HandedOn.Cast<CameraRequestWorkflowInput>().Select(i => (i.RemindersSent, i.NextReminderAt!.Value)));
    }

    [Fact]
    public async Task Run_Withdrawn_EndsWithoutApplyingOrTellingRequester()
    {
        run.OnWait(request.Withdraw);

        Assert.Equal(RequestState.Withdrawn, await RunAsync());

        Assert.Equal([$"{Notify}:invite"], run.CallsExcept(nameof(LoadCameraRequestPlan)));
    }

    [Fact]
    public async Task Run_DecisionStoredButEventLost_ReminderTimerFindsItAndAppliesWithoutReminding()
    {
        run.OnWait(wait =>
        {
            request.State = RequestState.Rejected;
            wait.Fire();
        });

        Assert.Equal(RequestState.Rejected, await RunAsync());

        Assert.Equal([$"{Notify}:invite", Apply, Tell], run.CallsExcept(nameof(LoadCameraRequestPlan)));
    }

    [Theory]
    [InlineData(RequestState.Approved, new[] { Apply, Tell })]
    [InlineData(RequestState.Withdrawn, new string[0])]
    public async Task Run_DecidedOrWithdrawnWhileReminderIsBeingSent_EndsAtOnceNotAfterTheNextInterval(RequestState state, string[] then)
    {
        request.WhileReminding = () => request.State = state;

        Assert.Equal(state, await RunAsync());

        Assert.Equal([$"{Notify}:invite", $"{Notify}:reminder-1", .. then], run.CallsExcept(nameof(LoadCameraRequestPlan)));
        Assert.Single(run.Waits);
    }

    [Fact]
    public async Task Run_BackToDraftBeforeTheInvitation_EndsWithoutMail()
    {
        request.State = RequestState.Draft;

        Assert.Equal(RequestState.Draft, await RunAsync());

        Assert.Equal([nameof(LoadCameraRequestPlan)], run.Calls);
    }

    private Task<RequestState> RunAsync(CameraRequestWorkflowInput? input = null) => run.RunAsync(new CameraRequestOrchestrator(), input ?? StoredCameraRequest.Input);
}

/// <summary>A camera request as storage holds it, and the camera workflow's activities over it.</summary>
internal sealed class StoredCameraRequest
{
    public const string Id = "0123456789abcdef0123456789abcdef";

    /// <summary>A request submitted just now: first reminder after a week, then every week.</summary>
    public static readonly CameraRequestWorkflowInput Input = new(Id, TimeSpan.FromDays(7), TimeSpan.FromDays(7));

    public RequestState State { get; set; } = RequestState.Submitted;

    /// <summary>What happens while a reminder is being sent (after the activity read the request).</summary>
    public Action? WhileReminding { get; set; }

    /// <summary>A run of the workflow whose activities read this request.</summary>
    public WorkflowRun Run(DateTime start)
    {
        var run = new WorkflowRun(start);
        run.Activity<string, CameraRequestPlan>(nameof(LoadCameraRequestPlan), _ => new CameraRequestPlan(State));
        run.Activity<CameraRequestNotice, RequestState>(nameof(NotifyCameraDecisionMakers), notice =>
        {
            var seen = State;
            if (notice.Purpose != "invite")
            {
                WhileReminding?.Invoke();
            }

            return seen;
        }, n => n.Purpose);
        run.Activity<string, RequestState>(nameof(ApplyCameraDecision), _ => State);
        run.Activity<string, bool>(nameof(NotifyCameraRequester), _ => true);
        return run;
    }

    /// <summary>What <see cref="CameraRequests"/> does: stores the decision, then raises its event.</summary>
    public void Decide(WorkflowRun.Wait wait, RequestState decided)
    {
        State = decided;
        wait.Signal(CameraRequestOrchestrator.DecisionEvent, decided.ToString());
    }

    public void Withdraw(WorkflowRun.Wait wait)
    {
        State = RequestState.Withdrawn;
        wait.Signal(CameraRequestOrchestrator.WithdrawEvent, "withdrawn");
    }
}
