using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Durable;

/// <summary>How a workflow stopped without reaching an end of its own.</summary>
public enum WorkflowStopKind
{
    /// <summary>Its code threw (an activity that ran out of retries, a bug): the workflow records it itself.</summary>
    Failed,

    /// <summary>Someone terminated it: no workflow code runs, so a status read or the history purge records it.</summary>
    Terminated,
}

/// <summary>A workflow that stopped: its orchestrator, its instance id (the feature record's id), how and when.</summary>
public sealed record WorkflowStop(string Orchestrator, string InstanceId, WorkflowStopKind Kind, DateTimeOffset At)
{
    /// <summary>How an instance in this runtime status stopped; null when it runs or completed.</summary>
    public static WorkflowStopKind? KindOf(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Failed => WorkflowStopKind.Failed,
        OrchestrationRuntimeStatus.Terminated => WorkflowStopKind.Terminated,
        _ => null,
    };
}

/// <summary>
/// A feature that keeps its workflow's stop in its own record, so what its pages show does not depend on the engine's
/// history, which the history purge deletes. One per orchestrator; a second recording keeps the first.
/// </summary>
public interface IWorkflowStopRecord
{
    /// <summary>The orchestrator's name (<c>nameof</c> its class).</summary>
    string Orchestrator { get; }

    Task RecordAsync(WorkflowStop stopped, CancellationToken ct);
}

/// <summary>Hands a stop to the feature that owns the orchestrator.</summary>
public sealed class WorkflowStops(IEnumerable<IWorkflowStopRecord> records, ILogger<WorkflowStops> logger)
{
    /// <returns>Whether a feature owns the orchestrator and recorded the stop.</returns>
    public async Task<bool> RecordAsync(WorkflowStop stop, CancellationToken ct)
    {
        if (records.FirstOrDefault(r => r.Orchestrator == stop.Orchestrator) is not { } record)
        {
            logger.LogWarning("No feature records the stops of orchestrator {Orchestrator} (instance {InstanceId})", stop.Orchestrator, stop.InstanceId);
            return false;
        }

        await record.RecordAsync(stop, ct);
        logger.LogInformation("Workflow {Orchestrator} {InstanceId} recorded as {Kind} in its record", stop.Orchestrator, stop.InstanceId, stop.Kind);
        return true;
    }
}

/// <summary>
/// Records a failed workflow's stop in its feature's record. Every orchestrator runs its body through
/// <see cref="OnFailureAsync{T}"/>, so the workflow itself writes its outcome before it fails; the failure is then
/// thrown on, so the instance still fails (and the failed-orchestration alert fires).
/// </summary>
public sealed class RecordWorkflowStop(WorkflowStops stops) : TaskActivity<WorkflowStop, bool>
{
    public override Task<bool> RunAsync(TaskActivityContext context, WorkflowStop input) => stops.RecordAsync(input, CancellationToken.None);

    /// <summary>Runs the orchestrator's body; when it throws, records the failure and throws the original exception on.</summary>
    public static async Task<T> OnFailureAsync<T>(TaskOrchestrationContext context, string orchestrator, string instanceId, Func<Task<T>> body)
    {
        try
        {
            return await body();
        }
        catch (Exception failure)
        {
            var logger = context.CreateReplaySafeLogger<RecordWorkflowStop>();
            // The engine logs the failure itself, with its exception; this says only that it is being recorded.
            logger.LogWarning("Workflow {Orchestrator} {InstanceId} failed ({ErrorType}); recording it in its record", orchestrator, instanceId,
                failure.GetType().Name);
            try
            {
                await context.CallActivityAsync<bool>(nameof(RecordWorkflowStop),
                    new WorkflowStop(orchestrator, instanceId, WorkflowStopKind.Failed, new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero)), WorkflowRetry.Storage);
            }
            catch (TaskFailedException notRecorded)
            {
                // The history purge records it from the instance's status before it deletes the history.
                logger.LogError(notRecorded, "The failure of workflow {Orchestrator} {InstanceId} could not be recorded", orchestrator, instanceId);
            }

            throw;
        }
    }
}
