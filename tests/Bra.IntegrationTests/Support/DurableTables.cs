using Azure;
using Azure.Data.Tables;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// What DurableTask.AzureStorage records of a workflow in its task hub's tables ({hub}Instances: one row per instance
/// with its runtime status; {hub}History: one row per history event, partition = instance id). These are the positive
/// signals that a workflow has ended or finished a turn, so a test can check afterwards what it did not do.
/// </summary>
public static class DurableTables
{
    /// <summary>Waits until the instance's runtime status is <paramref name="status"/> ("Completed", "Failed", ...).</summary>
    public static Task WaitForRuntimeStatusAsync(string connectionString, string hub, string instanceId, string status, TimeSpan timeout) =>
        Polling.EventuallyAsync(() => RuntimeStatusAsync(connectionString, hub, instanceId), s => s == status, timeout,
            $"workflow {instanceId} to be {status}");

    /// <summary>Waits until the instance's history holds at least <paramref name="count"/> events of a type ("TimerCreated", "TaskCompleted", ...).</summary>
    public static Task WaitForHistoryEventsAsync(string connectionString, string hub, string instanceId, string eventType, int count, TimeSpan timeout) =>
        Polling.EventuallyAsync(async () => (await HistoryEventTypesAsync(connectionString, hub, instanceId)).Count(t => t == eventType), n => n >= count, timeout,
            $"{count} {eventType} events in the history of workflow {instanceId}");

    public static async Task<string?> RuntimeStatusAsync(string connectionString, string hub, string instanceId)
    {
        try
        {
            var row = await new TableClient(connectionString, hub + "Instances").GetEntityIfExistsAsync<TableEntity>(instanceId, "", ["RuntimeStatus"]);
            return row.HasValue ? row.Value!.GetString("RuntimeStatus") : null;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public static async Task<List<string>> HistoryEventTypesAsync(string connectionString, string hub, string instanceId)
    {
        var types = new List<string>();
        try
        {
            await foreach (var row in new TableClient(connectionString, hub + "History").QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["EventType"]))
            {
                if (row.GetString("EventType") is { } type)
                {
                    types.Add(type);
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }

        return types;
    }
}
