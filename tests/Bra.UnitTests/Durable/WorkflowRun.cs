using System.Reflection;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using Moq.Protected;

namespace Bra.UnitTests.Durable;

/// <summary>
/// Runs a real orchestrator class on a mocked <see cref="TaskOrchestrationContext"/>, generation after generation (each
/// ContinueAsNew starts the next with the input it handed on), with no engine and no real time. Activities are the
/// test's functions over its own stand-in for storage; the clock moves only when a timer fires; the test decides what
/// ends each wait (<see cref="OnWait"/>: a signal, usually after a change to its storage), and a wait it left
/// undecided ends by its timer. Every activity call must use the retry policy of its kind
/// (<see cref="WorkflowRetryTests.PolicyOf"/>), so every orchestrator test also checks the workflow's retries.
/// </summary>
public sealed class WorkflowRun(DateTime start)
{
    private const string InstanceId = "0123456789abcdef0123456789abcdef";
    private readonly Dictionary<string, Func<object?, object?>> activities = new(StringComparer.Ordinal);
    private readonly Queue<Action<Wait>> onWaits = new();

    /// <summary>The workflow's clock (<see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>).</summary>
    public DateTime Now { get; set; } = start;

    /// <summary>Every activity call in order: its name, or "name:detail" when the activity was given a detail.</summary>
    public List<string> Calls { get; } = [];

    /// <summary>Every generation's wait, in order.</summary>
    public List<Wait> Waits { get; } = [];

    /// <summary>The input each ContinueAsNew handed to the next generation.</summary>
    public List<object?> HandedOn { get; } = [];

    /// <summary>The calls without those of the named activities (such as the plan reads, which every turn makes).</summary>
    public List<string> CallsExcept(params string[] names) => Calls.Where(c => !names.Contains(c.Split(':')[0], StringComparer.Ordinal)).ToList();

    /// <summary>Registers the test's function as the activity <paramref name="name"/>; <paramref name="detail"/> names a call in <see cref="Calls"/>.</summary>
    public void Activity<TInput, TOutput>(string name, Func<TInput, TOutput> run, Func<TInput, string>? detail = null) =>
        activities[name] = input =>
        {
            Calls.Add(detail is null ? name : $"{name}:{detail((TInput)input!)}");
            return run((TInput)input!);
        };

    /// <summary>Decides how the next wait that is not yet decided ends (in the order given).</summary>
    public void OnWait(Action<Wait> decide) => onWaits.Enqueue(decide);

    /// <summary>Runs the workflow from <paramref name="input"/> until a generation returns without continuing as new.</summary>
    public Task<TOutput> RunAsync<TInput, TOutput>(TaskOrchestrator<TInput, TOutput> orchestrator, TInput input, int maxGenerations = 50) =>
        // No synchronization context: every continuation runs at once, so a generation has run as far as it can when RunAsync returns.
        Task.Run(async () =>
        {
            for (var generation = 1; generation <= maxGenerations; generation++)
            {
                var state = new Generation(this);
                var run = orchestrator.RunAsync(state.Context, input);
                if (!run.IsCompleted)
                {
                    var wait = state.Wait ?? throw new InvalidOperationException("The workflow awaits something that is neither an activity nor its wait.");
                    Waits.Add(wait);
                    (onWaits.Count > 0 ? onWaits.Dequeue() : w => w.Fire())(wait);
                    if (!run.IsCompleted)
                    {
                        throw new InvalidOperationException("The generation did not end after its wait ended: a generation waits once.");
                    }
                }

                var output = await run;
                if (!state.ContinuedAsNew)
                {
                    return output;
                }

                HandedOn.Add(state.HandedOn);
                input = (TInput)state.HandedOn!;
            }

            throw new InvalidOperationException($"The workflow did not end within {maxGenerations} generations.");
        });

    private object? CallActivity(string name, object? input, TaskOptions? options)
    {
        var expected = WorkflowRetryTests.PolicyOf(name);
        Assert.True(ReferenceEquals(expected, options), $"{name} is called with another retry policy than {WorkflowRetryTests.KindOf(name)}.");
        return activities.TryGetValue(name, out var run) ? run(input) : throw new InvalidOperationException($"The test registered no activity {name}.");
    }

    /// <summary>One generation's wait: a timer until <see cref="Until"/> against the signals of <see cref="Signals"/>.</summary>
    public sealed class Wait(WorkflowRun run, DateTime until)
    {
        private readonly TaskCompletionSource timer = new();
        private readonly Dictionary<string, Action<object?>> signals = new(StringComparer.Ordinal);

        public DateTime Until { get; } = until;

        public IReadOnlyCollection<string> Signals => signals.Keys;

        /// <summary>How it ended: "timer", or the name of the signal.</summary>
        public string? EndedBy { get; private set; }

        internal Task Timer => timer.Task;

        /// <summary>The timer fires: the clock moves to its instant.</summary>
        public void Fire()
        {
            run.Now = Until > run.Now ? Until : run.Now;
            EndedBy = "timer";
            timer.SetResult();
        }

        /// <summary>The signal <paramref name="name"/> arrives with <paramref name="payload"/> before the timer.</summary>
        public void Signal(string name, object? payload)
        {
            EndedBy = name;
            Assert.True(signals.TryGetValue(name, out var raise), $"The workflow does not wait for {name}.");
            raise(payload);
        }

        internal Task<T> WaitFor<T>(string name)
        {
            var raised = new TaskCompletionSource<T>();
            signals[name] = payload => raised.SetResult((T)payload!);
            return raised.Task;
        }
    }

    private sealed class Generation
    {
        private static readonly MethodInfo TypedResult = typeof(Generation).GetMethod(nameof(Result), BindingFlags.NonPublic | BindingFlags.Static)!;
        private static readonly MethodInfo TypedWait = typeof(Generation).GetMethod(nameof(WaitFor), BindingFlags.NonPublic | BindingFlags.Instance)!;
        public Generation(WorkflowRun run)
        {
            var context = new Mock<TaskOrchestrationContext> { CallBase = true };
            context.SetupGet(c => c.CurrentUtcDateTime).Returns(() => run.Now);
            context.SetupGet(c => c.InstanceId).Returns(InstanceId);
            context.Protected().SetupGet<ILoggerFactory>("LoggerFactory").Returns(NullLoggerFactory.Instance);
            context.Setup(c => c.CallActivityAsync<It.IsAnyType>(It.IsAny<TaskName>(), It.IsAny<object?>(), It.IsAny<TaskOptions?>()))
                .Returns(new InvocationFunc(call => TypedResult.MakeGenericMethod(call.Method.GetGenericArguments()[0])
                    .Invoke(null, [run.CallActivity(((TaskName)call.Arguments[0]!).Name, call.Arguments[1], (TaskOptions?)call.Arguments[2])])!));
            context.Setup(c => c.CreateTimer(It.IsAny<DateTime>(), It.IsAny<CancellationToken>()))
                .Returns((DateTime at, CancellationToken _) =>
                {
                    if (Wait is not null)
                    {
                        throw new InvalidOperationException("A second timer in one generation: a generation waits once.");
                    }

                    Wait = new Wait(run, at);
                    return Wait.Timer;
                });
            context.Setup(c => c.WaitForExternalEvent<It.IsAnyType>(It.IsAny<string>(), It.IsAny<CancellationToken>()))
                .Returns(new InvocationFunc(call => TypedWait.MakeGenericMethod(call.Method.GetGenericArguments()[0]).Invoke(this, [(string)call.Arguments[0]!])!));
            context.Setup(c => c.ContinueAsNew(It.IsAny<object?>(), It.IsAny<bool>()))
                .Callback((object? input, bool preserveUnprocessedEvents) =>
                {
                    Assert.True(preserveUnprocessedEvents, "A workflow continues as new with the signals it has not taken yet.");
                    ContinuedAsNew = true;
                    HandedOn = input;
                });
            Context = context.Object;
        }

        public TaskOrchestrationContext Context { get; }

        public Wait? Wait { get; private set; }

        public bool ContinuedAsNew { get; private set; }

        public object? HandedOn { get; private set; }

        private static Task<T> Result<T>(object? value) => Task.FromResult((T)value!);

        private Task<T> WaitFor<T>(string name) =>
            (Wait ?? throw new InvalidOperationException($"The workflow waits for {name} without a timer.")).WaitFor<T>(name);
    }
}
