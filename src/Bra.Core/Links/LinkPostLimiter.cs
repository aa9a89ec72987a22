using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Bra.Core.Links;

/// <summary>
/// Throttles what a valid link can do: at most <see cref="LinkOptions.PostsPerLinkPerMinute"/> POSTs (answers, forwards)
/// per link per minute, partitioned by the link's hash (never the token). Per instance, like <see cref="UnknownTokenLimiter"/>.
/// </summary>
public sealed class LinkPostLimiter(IOptions<LinkOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(hash =>
        RateLimitPartition.GetFixedWindowLimiter(hash, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.PostsPerLinkPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>True when the link may post now (and counts the post); false when it has used up this minute's posts.</summary>
    public bool TryPost(string linkHash)
    {
        using var lease = limiter.AttemptAcquire(linkHash);
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
