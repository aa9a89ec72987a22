using Bra.Core.Cameras;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Bra.UnitTests.Cameras;

/// <summary>The week-long reminder timings with a mocked context; decisions, withdrawal and continue-as-new in the real engine: <see cref="CameraRequestWorkflowHostTests"/>.</summary>
public sealed class CameraRequestOrchestratorTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 8, 0, 0, DateTimeKind.Utc);
    private readonly Mock<TaskOrchestrationContext> context = new() { CallBase = true };
    private readonly TaskCompletionSource<string> decision = new();
    private readonly TaskCompletionSource<string> withdraw = new();
    private readonly TaskCompletionSource timer = new();
    private readonly List<(string Name, object? Input)> calls = [];
    private DateTime? timerFireAt;

    public CameraRequestOrchestratorTests()
    {
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(Start);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.WaitForExternalEvent<string>(CameraRequestOrchestrator.DecisionEvent, It.IsAny<CancellationToken>())).Returns(decision.Task);
        context.Setup(c => c.WaitForExternalEvent<string>(CameraRequestOrchestrator.WithdrawEvent, It.IsAny<CancellationToken>())).Returns(withdraw.Task);
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Callback<DateTime, CancellationToken>((at, _) => timerFireAt = at).Returns(timer.Task);
    }

    [Fact]
    public async Task RunAsync_NoDecisionBeforeFirstReminder_RemindsAndContinuesAsNewWithCount()
    {
        Activity(nameof(NotifyCameraDecisionMakers), RequestState.Submitted);
        timer.SetResult();

        var result = await new CameraRequestOrchestrator().RunAsync(context.Object, Input(0));

        Assert.Equal(RequestState.Submitted, result);
        Assert.Equal(Start.AddDays(7), timerFireAt);
        Assert.Equal(["invite", "reminder-1"], calls.Select(c => ((CameraRequestNotice)c.Input!).Purpose));
        context.Verify(c => c.ContinueAsNew(It.Is<object>(o => ((CameraRequestWorkflowInput)o).RemindersSent == 1), true), Times.Once);
    }

    [Fact]
    public async Task RunAsync_SecondRound_NoInviteWaitsIntervalAndSendsSecondReminder()
    {
        Activity(nameof(NotifyCameraDecisionMakers), RequestState.Submitted);
        timer.SetResult();

        await new CameraRequestOrchestrator().RunAsync(context.Object, Input(1) with { ReminderInterval = TimeSpan.FromDays(3) });

        Assert.Equal(Start.AddDays(3), timerFireAt);
        Assert.Equal(["reminder-2"], calls.Select(c => ((CameraRequestNotice)c.Input!).Purpose));
    }

    [Fact]
    public async Task RunAsync_DecisionArrivesWhileReminderIsSent_AppliesAndDoesNotContinueAsNew()
    {
        Activity(nameof(ApplyCameraDecision), RequestState.Approved);
        Activity(nameof(NotifyCameraRequester), true);
        context.Setup(c => c.CallActivityAsync<RequestState>(It.Is<TaskName>(n => n.Name == nameof(NotifyCameraDecisionMakers)), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback<TaskName, object, TaskOptions>((n, input, _) => calls.Add((n.Name, input)))
            .Returns(() =>
            {
                decision.TrySetResult(nameof(RequestState.Approved));
                return Task.FromResult(RequestState.Submitted);
            });
        timer.SetResult();

        var result = await new CameraRequestOrchestrator().RunAsync(context.Object, Input(1));

        Assert.Equal(RequestState.Approved, result);
        Assert.Equal([nameof(NotifyCameraDecisionMakers), nameof(ApplyCameraDecision), nameof(NotifyCameraRequester)], calls.Select(c => c.Name));
        context.Verify(c => c.ContinueAsNew(It.IsAny<object>(), It.IsAny<bool>()), Times.Never);
    }

    private static CameraRequestWorkflowInput Input(int reminders) => new("req1", TimeSpan.FromDays(7), TimeSpan.FromDays(7), reminders);

    private void Activity<T>(string name, params T[] results)
    {
        var queue = new Queue<T>(results);
        context.Setup(c => c.CallActivityAsync<T>(It.Is<TaskName>(n => n.Name == name), It.IsAny<object>(), It.IsAny<TaskOptions>()))
            .Callback<TaskName, object, TaskOptions>((n, input, _) => calls.Add((n.Name, input)))
            .Returns(() => Task.FromResult(queue.Count > 1 ? queue.Dequeue() : queue.Peek()));
    }
}
