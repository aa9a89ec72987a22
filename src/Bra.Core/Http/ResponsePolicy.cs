namespace Bra.Core.Http;

/// <summary>
/// How a route's answers may be cached. Every route has one: <see cref="NoStore"/> unless it declares otherwise, because
/// API answers, staff pages, link pages and downloads carry personal data or capability links. Only a
/// <see cref="Access.Public"/> GET whose answer is the same for everyone may declare <see cref="Public"/>;
/// <see cref="AppRoutes"/> refuses to start otherwise.
/// </summary>
public sealed record ResponsePolicy
{
    private ResponsePolicy(TimeSpan? maxAge) => MaxAge = maxAge;

    /// <summary>Nothing may keep the answer.</summary>
    public static ResponsePolicy NoStore { get; } = new((TimeSpan?)null);

    /// <summary>Browsers and shared caches may keep the answer for <paramref name="maxAge"/>.</summary>
    public static ResponsePolicy Public(TimeSpan maxAge) =>
        maxAge > TimeSpan.Zero ? new(maxAge) : throw new ArgumentOutOfRangeException(nameof(maxAge), "A public answer is kept for some time.");

    /// <summary>How long a public answer may be kept; null for <see cref="NoStore"/>.</summary>
    public TimeSpan? MaxAge { get; }

    public bool IsPublic => MaxAge is not null;

    /// <summary>The <c>Cache-Control</c> value.</summary>
    public string CacheControl => MaxAge is { } age ? $"public, max-age={(long)age.TotalSeconds}" : "no-store";
}
