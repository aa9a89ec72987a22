using System.Globalization;

namespace Bra.Core.Cameras;

/// <summary>
/// What the camera register's forms show: each field's value (what was typed, or what is stored) and its Swedish
/// errors, both keyed by the field's element id (unique on the page: the site page holds several forms).
/// </summary>
public sealed record CameraForm(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly CameraForm Empty = new(new Dictionary<string, string?>(), new Dictionary<string, string[]>());

    public string? Value(string id) => Values.GetValueOrDefault(id);

    public string[]? ErrorsOf(string id) => Errors.GetValueOrDefault(id);

    /// <summary>The element id of a form field: the form's prefix and the API's field name, dots as hyphens (<c>legalBasis.decidedOn</c> → <c>legalBasis-decidedOn</c>).</summary>
    public static string Id(string prefix, string name) => prefix + name.Replace('.', '-');

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An enum value as the API writes it (camelCase).</summary>
    public static string? Code<T>(T? value)
        where T : struct, Enum => value is { } v ? char.ToLowerInvariant(v.ToString()[0]) + v.ToString()[1..] : null;
}
