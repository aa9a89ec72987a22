using System.Text.RegularExpressions;

namespace Bra.Core.Links;

/// <summary>
/// Link tokens travel in the path of the link pages (<c>/respond/{token}</c>, <c>/sign/{token}</c> and the paths below
/// them). Telemetry that could carry such a path (a URL, an operation name, a message) goes through
/// <see cref="Redact"/> first, which puts <c>{token}</c> where the token was.
/// </summary>
public static partial class LinkRedaction
{
    public const string Placeholder = "{token}";

    /// <summary>The text with the path segment after every <c>/respond/</c> or <c>/sign/</c> replaced by <see cref="Placeholder"/>.</summary>
    public static string Redact(string text) => string.IsNullOrEmpty(text) ? text : TokenSegment().Replace(text, "$1" + Placeholder);

    // The page's route segment (respond or sign, any case, with plain or percent-encoded slashes), then the next segment:
    // everything up to the next slash, query, fragment, parameter separator, white space or quote.
    [GeneratedRegex(@"((?:/|%2F)(?:respond|sign)(?:/|%2F))(?:(?!%2F)[^/?#&\s""'<>])+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TokenSegment();
}
