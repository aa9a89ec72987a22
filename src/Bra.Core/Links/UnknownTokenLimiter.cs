using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bra.Core.Links;

/// <summary>
/// Slows down guessing of link tokens: a sliding window of unknown-token attempts per client address (see
/// <see cref="ClientAddress"/>), held by the framework's partitioned rate limiter, which drops idle partitions, so memory
/// stays bounded by the clients active within one window. It is per instance: with several instances a client gets up
/// to that many attempts on each, which still leaves guessing a 256-bit token hopeless; the limit protects storage and
/// logs rather than the token space.
/// </summary>
public sealed class UnknownTokenLimiter(IOptions<LinkOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.UnknownTokenLimit,
            Window = options.Value.UnknownTokenWindow,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether the client has used up its unknown-token attempts; costs nothing, so call it before any storage work.</summary>
    public bool IsBlocked(string client) => limiter.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void RecordUnknown(string client)
    {
        using var lease = limiter.AttemptAcquire(client);
    }

    public void Dispose() => limiter.Dispose();
}
