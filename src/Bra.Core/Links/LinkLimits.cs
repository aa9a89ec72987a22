using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bra.Core.Links;

/// <summary>
/// The two limits on emailed links, each held by the framework's partitioned rate limiter (which drops idle partitions,
/// so memory stays bounded by the keys active within one window). Both are per instance: with several instances a
/// client gets that many attempts on each, which still leaves guessing a 256-bit token hopeless; the limits protect
/// storage, mail and logs rather than the token space.
/// <list type="bullet">
/// <item>Unknown tokens: a sliding window of attempts per client address (see <see cref="ClientAddress"/>).</item>
/// <item>Posts: at most <see cref="LinkOptions.PostsPerLinkPerMinute"/> POSTs (answers, forwards, signatures) per valid
/// link per minute, partitioned by the link's hash (never the token).</item>
/// </list>
/// </summary>
public sealed class LinkLimits(IOptions<LinkOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> unknownTokens = PartitionedRateLimiter.Create<string, string>(client =>
        RateLimitPartition.GetSlidingWindowLimiter(client, _ => new SlidingWindowRateLimiterOptions
        {
            PermitLimit = options.Value.UnknownTokenLimit,
            Window = options.Value.UnknownTokenWindow,
            SegmentsPerWindow = 10,
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    private readonly PartitionedRateLimiter<string> posts = PartitionedRateLimiter.Create<string, string>(linkHash =>
        RateLimitPartition.GetFixedWindowLimiter(linkHash, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PostsPerLinkPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>Whether the client has used up its unknown-token attempts; costs nothing, so call it before any storage work.</summary>
    public bool IsBlocked(string client) => unknownTokens.GetStatistics(client) is { CurrentAvailablePermits: <= 0 };

    public void RecordUnknown(string client)
    {
        using var lease = unknownTokens.AttemptAcquire(client);
    }

    /// <summary>True when the link may post now (and counts the post); false when it has used up this minute's posts.</summary>
    public bool TryPost(string linkHash)
    {
        using var lease = posts.AttemptAcquire(linkHash);
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        unknownTokens.Dispose();
        posts.Dispose();
    }
}
