using System.Collections.Concurrent;
using Bra.IntegrationTests.Support;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;

namespace Bra.UnitTests.Durable;

/// <summary>
/// The real Durable Task engine in memory (<see cref="DurableTaskTestHost"/>: dispatchers, history, replay, timers on the
/// wall clock) with the test's activities registered under the real task names. One per test class; every test runs
/// its own instance id, so the activities keep their calls per instance in <see cref="Calls"/>. A test class's fixture
/// derives from it and registers the orchestrator and its activities in <see cref="Register"/>.
/// </summary>
public abstract class WorkflowTestHost : IAsyncLifetime
{
    /// <summary>How long a test waits for a workflow step or its end: far above what the steps take (milliseconds), so it only bounds a hang.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private DurableTaskTestHost? host;

    public ActivityCalls Calls { get; } = new();

    public DurableTaskClient Client => host!.Client;

    public async Task InitializeAsync() => host = await DurableTestHost.StartAsync(Register);

    /// <summary>The orchestrator under test and its test activities, under the real task names.</summary>
    protected abstract void Register(DurableTaskRegistry tasks);

    /// <summary>
    /// Registers a test activity under the real task <paramref name="name"/>: it runs <paramref name="run"/> with the
    /// instance id and the input, then records the call (with <paramref name="detail"/>, such as a reminder's key).
    /// </summary>
    protected void Activity<TInput, TOutput>(DurableTaskRegistry tasks, string name, Func<string, TInput, TOutput> run, Func<TInput, string>? detail = null) =>
        Activity(tasks, name, (id, input) => Task.FromResult(run(id, input)), detail);

    /// <summary>As <see cref="Activity{TInput, TOutput}(DurableTaskRegistry, string, Func{string, TInput, TOutput}, Func{TInput, string}?)"/>, for a test activity that awaits something (such as the test's go-ahead).</summary>
    protected void Activity<TInput, TOutput>(DurableTaskRegistry tasks, string name, Func<string, TInput, Task<TOutput>> run, Func<TInput, string>? detail = null) =>
        tasks.AddActivityFunc(name, (Func<TaskActivityContext, TInput, Task<TOutput>>)(async (context, input) =>
        {
            var result = await run(context.InstanceId, input);
            Calls.Record(context.InstanceId, detail is null ? name : $"{name}:{detail(input)}");
            return result;
        }));

    public async Task DisposeAsync()
    {
        if (host is not null)
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>A fresh instance id (32 hex digits, like the workflows' own ids).</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Starts <typeparamref name="TOrchestrator"/> (by its task name, the class name) as <paramref name="instanceId"/>.</summary>
    public Task StartAsync<TOrchestrator>(string instanceId, object input)
        where TOrchestrator : ITaskOrchestrator =>
        Client.ScheduleNewOrchestrationInstanceAsync(typeof(TOrchestrator).Name, input, new StartOrchestrationOptions(InstanceId: instanceId));

    /// <summary>The finished instance (any end state), waited for through the client's own wait, bounded by <see cref="Timeout"/>.</summary>
    public async Task<OrchestrationMetadata> CompletionAsync(string instanceId)
    {
        using var cancel = new CancellationTokenSource(Timeout);
        try
        {
            return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"The workflow did not finish within {Timeout.TotalSeconds} s.");
        }
    }

    public Task RaiseAsync(string instanceId, string eventName, object payload) => Client.RaiseEventAsync(instanceId, eventName, payload);
}

/// <summary>
/// What the test activities did, per instance: each call is recorded when the activity has done its work, so a test
/// that awaits a call (<see cref="WhenCalledAsync"/>) knows the activity has already read or changed the test's state.
/// </summary>
public sealed class ActivityCalls
{
    private readonly ConcurrentDictionary<string, List<string>> calls = new(StringComparer.Ordinal);
    private readonly List<(string InstanceId, string Name, int Times, TaskCompletionSource Reached)> waiters = [];
    private readonly Lock gate = new();

    /// <summary>Records that <paramref name="name"/> (optionally "name:detail") ran for <paramref name="instanceId"/>; called at the end of the activity.</summary>
    public void Record(string instanceId, string name)
    {
        lock (gate)
        {
            calls.GetOrAdd(instanceId, _ => []).Add(name);
            foreach (var waiter in waiters.Where(w => w.InstanceId == instanceId && Count(instanceId, w.Name) >= w.Times).ToList())
            {
                waiters.Remove(waiter);
                waiter.Reached.TrySetResult();
            }
        }
    }

    /// <summary>The calls of one instance in the order they finished.</summary>
    public IReadOnlyList<string> Of(string instanceId)
    {
        lock (gate)
        {
            return calls.TryGetValue(instanceId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>How often <paramref name="name"/> ran for the instance (whatever its detail).</summary>
    public int Count(string instanceId, string name)
    {
        lock (gate)
        {
            return calls.TryGetValue(instanceId, out var list) ? list.Count(n => n == name || n.StartsWith(name + ":", StringComparison.Ordinal)) : 0;
        }
    }

    /// <summary>Completes once <paramref name="name"/> has run <paramref name="times"/> times for the instance; fails after <see cref="WorkflowTestHost.Timeout"/>.</summary>
    public Task WhenCalledAsync(string instanceId, string name, int times = 1)
    {
        lock (gate)
        {
            if (Count(instanceId, name) >= times)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((instanceId, name, times, reached));
            return reached.Task.WaitAsync(WorkflowTestHost.Timeout);
        }
    }
}
