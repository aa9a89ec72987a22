using Bra.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Durable;

/// <summary>Runs the workflow history purge Workflows:HistoryPurgeStartDelay after start and then once a day (Functions: a timer trigger).</summary>
public sealed class HistoryPurgeService(WorkflowHistoryPurge purge, DurableTaskClient durable, IOptions<WorkflowOptions> options, TimeProvider time,
    ILogger<HistoryPurgeService> logger) : DailyJob(time, logger)
{
    protected override string Name => "workflow history purge";

    protected override TimeSpan StartDelay => options.Value.HistoryPurgeStartDelay;

    protected override Task RunOnceAsync(CancellationToken ct) => purge.RunAsync(durable, ct);
}
