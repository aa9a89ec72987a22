using Bra.Core.Footage;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Footage;

/// <summary>Verifies every site's access log in full shortly after start (Footage:FullVerificationStartDelay) and then once a day (Functions: a timer trigger).</summary>
public sealed class FullVerificationService(AccessLogFullVerification verification, IOptions<FootageOptions> options, TimeProvider time,
    ILogger<FullVerificationService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.FullVerificationEnabled)
        {
            return;
        }

        await Task.Delay(options.Value.FullVerificationStartDelay, time, stoppingToken);
        using var timer = new PeriodicTimer(TimeSpan.FromDays(1), time);
        do
        {
            try
            {
                await verification.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The full verification of the access logs failed; it runs again tomorrow");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
