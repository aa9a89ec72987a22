namespace Bra.DevHost;

/// <summary>
/// The development host's stand-in for a Functions timer trigger that runs once a day: the job runs a start delay after
/// the host starts, then every day; a failed run is logged and the next day's run goes ahead.
/// </summary>
public abstract class DailyJob(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>The job's name in the log ("camera scan").</summary>
    protected abstract string Name { get; }

    /// <summary>How long after start the first run waits.</summary>
    protected abstract TimeSpan StartDelay { get; }

    /// <summary>False: the job does not run in this host.</summary>
    protected virtual bool Enabled => true;

    protected abstract Task RunOnceAsync(CancellationToken ct);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        await Task.Delay(StartDelay, time, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The daily {Job} failed; it runs again tomorrow", Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
