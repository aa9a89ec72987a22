using Bra.Core.Footage;
using Microsoft.Extensions.Options;

namespace Bra.DevHost.Footage;

/// <summary>Verifies every site's access log in full shortly after start (Footage:FullVerificationStartDelay) and then once a day (Functions: a timer trigger).</summary>
public sealed class FullVerificationService(AccessLogFullVerification verification, IOptions<FootageOptions> options, TimeProvider time,
    ILogger<FullVerificationService> logger) : DailyJob(time, logger)
{
    protected override string Name => "full verification of the access logs";

    protected override TimeSpan StartDelay => options.Value.FullVerificationStartDelay;

    protected override bool Enabled => options.Value.FullVerificationEnabled;

    protected override Task RunOnceAsync(CancellationToken ct) => verification.RunAsync(ct);
}
