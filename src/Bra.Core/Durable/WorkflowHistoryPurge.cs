using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bra.Core.Durable;

/// <summary>
/// The daily history purge, called by a timer trigger in Functions and a hosted service in the development host: deletes
/// the engine's history and instance row of every workflow that completed, failed or was terminated longer than
/// <see cref="WorkflowOptions.HistoryRetentionDays"/> ago. What a page shows never depends on that history: a completed
/// workflow's outcome is its feature record's state, and before a failed or terminated workflow's history goes, its stop
/// is kept in its feature record (<see cref="WorkflowStops"/>; the workflow records its own failure too, this covers
/// terminations and failures it could not record). A running workflow is never purged.
/// </summary>
public sealed class WorkflowHistoryPurge(WorkflowStops stops, IOptions<WorkflowOptions> options, TimeProvider time, ILogger<WorkflowHistoryPurge> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    /// <returns>How many instances were purged.</returns>
    public async Task<int> RunAsync(DurableTaskClient durable, CancellationToken ct = default)
    {
        var cutoff = time.GetUtcNow() - options.Value.HistoryRetention;

        // Created before the cutoff is needed to have ended before it; which ones ended before it is read from each. The
        // list is read whole before anything is purged, so purging does not disturb the query's paging.
        var due = new List<OrchestrationMetadata>();
        await foreach (var instance in durable.GetAllInstancesAsync(new OrchestrationQuery(CreatedTo: cutoff, Statuses: Ended)).WithCancellation(ct))
        {
            if (instance.LastUpdatedAt <= cutoff)
            {
                due.Add(instance);
            }
        }

        var purged = 0;
        foreach (var instance in due)
        {
            try
            {
                if (WorkflowStop.KindOf(instance.RuntimeStatus) is { } kind)
                {
                    await stops.RecordAsync(new WorkflowStop(instance.Name, instance.InstanceId, kind, instance.LastUpdatedAt), ct);
                }

                purged += (await durable.PurgeInstanceAsync(instance.InstanceId, cancellation: ct)).PurgedInstanceCount;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The history of workflow {Orchestrator} {InstanceId} was not purged; the next purge tries again", instance.Name, instance.InstanceId);
            }
        }

        logger.LogInformation("Workflow history purge removed {Count} instances that ended before {Cutoff}", purged, cutoff);
        return purged;
    }
}
