using Bra.Core;
using Bra.Core.Consultations;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Bra.UnitTests.Consultations;

/// <summary>Schedules of weeks (reminders at 09:00 Swedish time) with a mocked context; signals in the real engine: <see cref="ConsultationWorkflowHostTests"/>.</summary>
public sealed class ConsultationOrchestratorTests
{
    private const string Id = "0123456789abcdef0123456789abcdef";
    private static readonly DateTime Start = new(2026, 11, 2, 8, 0, 0, DateTimeKind.Utc);

    private readonly Mock<TaskOrchestrationContext> context = new() { CallBase = true };
    private readonly List<string> calls = [];
    private readonly List<DateTime> timers = [];
    private readonly Queue<ConsultationPlan> plans = new();
    private readonly List<(DateTime At, CancellationToken Token, TaskCompletionSource Pending)> pendingTimers = [];
    private DateTime now = Start;
    private bool idle;

    public ConsultationOrchestratorTests()
    {
        context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => now);
        context.SetupGet(c => c.InstanceId).Returns(Id);
        context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
        context.Setup(c => c.CallActivityAsync<ConsultationPlan>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName n, object? i, TaskOptions? _) => { calls.Add(n.Name); return Task.FromResult(plans.Count > 1 ? plans.Dequeue() : plans.Peek()); });
        context.Setup(c => c.CallActivityAsync<int>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName n, object? i, TaskOptions? _) => { calls.Add(i is ReminderRequest r ? $"{n.Name}:{r.Key}" : n.Name); return Task.FromResult(1); });
        context.Setup(c => c.CallActivityAsync<string?>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
            .Returns((TaskName n, object? _, TaskOptions? _) => { calls.Add(n.Name); return Task.FromResult<string?>("sha"); });
        // No signal ever comes (signals are covered in the engine by ConsultationWorkflowHostTests): once the workflow waits
        // for one it is idle, so its pending timer fires (moving the clock to its due time), and so does every later timer.
        context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
            .Returns((DateTime at, CancellationToken token) =>
            {
                timers.Add(at);
                if (idle)
                {
                    now = at;
                    return Task.CompletedTask;
                }

                var pending = new TaskCompletionSource();
                pendingTimers.Add((at, token, pending));
                return pending.Task;
            });
        context.Setup(c => c.WaitForExternalEvent<ConsultationSignal>(ConsultationOrchestrator.SignalEvent, It.IsAny<CancellationToken>()))
            .Returns(() =>
            {
                idle = true;
                foreach (var (at, token, pending) in pendingTimers.Where(t => !t.Token.IsCancellationRequested).ToList())
                {
                    now = at;
                    pending.SetResult();
                }

                pendingTimers.Clear();
                return new TaskCompletionSource<ConsultationSignal>().Task;
            });
    }

    private static ConsultationPlan Plan(DateTime deadline, params string[] offsets) =>
        new(ConsultationState.Open, deadline, ConsultationReminders.Plan(new DateTimeOffset(deadline), offsets));

    [Fact]
    public async Task Run_NoSignals_InvitesRemindsTwiceOnLongTimersThenClosesAtDeadline()
    {
        var deadline = new DateTime(2026, 12, 1, 22, 59, 0, DateTimeKind.Utc);
        var plan = Plan(deadline, "P7D", "P1D");
        plans.Enqueue(plan);

        var outcome = await new ConsultationOrchestrator().RunAsync(context.Object, Id);

        Assert.Equal("closed", outcome);
        Assert.Equal(
        [
            nameof(LoadConsultationPlan), nameof(SendConsultationInvitations),
            $"{nameof(SendConsultationReminders)}:{plan.Reminders[0].Key}", $"{nameof(SendConsultationReminders)}:{plan.Reminders[1].Key}",
            nameof(LoadConsultationPlan), nameof(CloseConsultation),
        ], calls);
        Assert.Equal([new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc), deadline], timers);
    }

    [Fact]
    public async Task Run_ReminderAlreadyPastAtStart_SkippedOnlyLaterOneSent()
    {
        var deadline = Start.AddDays(3);
        var plan = Plan(deadline, "P7D", "PT20S");
        plans.Enqueue(plan);

        await new ConsultationOrchestrator().RunAsync(context.Object, Id);

        Assert.DoesNotContain(calls, c => c.Contains("-P7D-", StringComparison.Ordinal));
        Assert.Single(calls, c => c.Contains("-PT20S-", StringComparison.Ordinal));
        Assert.Equal([deadline.AddSeconds(-20), deadline], timers);
    }

    [Fact]
    public async Task Run_CancelledBeforeStart_SendsCancellationOnly()
    {
        plans.Enqueue(Plan(Start.AddDays(2)) with { State = ConsultationState.Cancelled });

        var outcome = await new ConsultationOrchestrator().RunAsync(context.Object, Id);

        Assert.Equal("cancelled", outcome);
        Assert.Equal([nameof(LoadConsultationPlan), nameof(SendConsultationCancellation)], calls);
    }
}
