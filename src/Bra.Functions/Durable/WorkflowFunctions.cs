using Bra.Core.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.Functions.Durable;

/// <summary>The workflows' shared activity, and the daily history purge at 03:30 UTC (the development host runs it from a hosted service).</summary>
public sealed class WorkflowFunctions(IServiceProvider services, WorkflowHistoryPurge purge)
{
    [Function(nameof(RecordWorkflowStop))]
    public Task<bool> RecordWorkflowStop([ActivityTrigger] WorkflowStop input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Bra.Core.Durable.RecordWorkflowStop>(services).RunAsync(new FunctionActivityContext(nameof(RecordWorkflowStop), instanceId), input);

    [Function(nameof(WorkflowHistoryPurge))]
    public Task<int> WorkflowHistoryPurge([TimerTrigger("0 30 3 * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        purge.RunAsync(client, cancellationToken);
}
