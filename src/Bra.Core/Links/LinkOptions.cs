using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Links;

/// <summary>Settings for capability-link pages (section <c>Links</c>).</summary>
public sealed class LinkOptions
{
    public const string Section = "Links";

    /// <summary>How many unknown tokens one client address may try within <see cref="UnknownTokenWindow"/> before it gets 429.</summary>
    [Range(1, 10_000)]
    public int UnknownTokenLimit { get; set; } = 20;

    /// <summary>The sliding window for <see cref="UnknownTokenLimit"/>.</summary>
    public TimeSpan UnknownTokenWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many POSTs (answers, forwards) one link may make per minute before it gets 429.</summary>
    [Range(1, 1000)]
    public int PostsPerLinkPerMinute { get; set; } = 10;

    /// <summary>
    /// How long a consultation link keeps showing the closing message after the deadline (or after an early close or a
    /// cancellation); after that the link has expired.
    /// </summary>
    public TimeSpan ReadPeriodAfterClose { get; set; } = TimeSpan.FromDays(30);
}
