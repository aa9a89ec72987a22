using Bra.Core.Durable;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Durable;

/// <summary>Runs the workflow history purge Workflows:HistoryPurgeStartDelay after start and then once a day (Functions: a timer trigger).</summary>
public sealed class HistoryPurgeService(WorkflowHistoryPurge purge, DurableTaskClient durable, IOptions<WorkflowOptions> options, TimeProvider time,
    ILogger<HistoryPurgeService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Delay(options.Value.HistoryPurgeStartDelay, time, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await purge.RunAsync(durable, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The workflow history purge failed; it runs again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
