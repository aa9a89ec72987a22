using Bra.Core.Footage;
using Microsoft.Azure.Functions.Worker;

namespace Bra.Functions.Footage;

/// <summary>Verifies every site's access log in full at 02:30 UTC (the development host runs the same method from a hosted service).</summary>
public sealed class AccessLogFullVerificationFunction(AccessLogFullVerification verification)
{
    [Function(nameof(AccessLogFullVerification))]
    public Task<int> AccessLogFullVerification([TimerTrigger("0 30 2 * * *")] TimerInfo timer, CancellationToken cancellationToken) =>
        verification.RunAsync(cancellationToken);
}
