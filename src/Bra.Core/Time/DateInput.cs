using System.Globalization;
using System.Text.RegularExpressions;

namespace Bra.Core.Time;

/// <summary>What a typed date reads as: a date, nothing (blank), or why it cannot be read (a Swedish sentence).</summary>
public readonly record struct DateReading(DateOnly? Date, string? Problem)
{
    public bool IsBlank => Date is null && Problem is null;
}

/// <summary>
/// The one reader of dates people type or post. It takes <c>ÅÅÅÅ-MM-DD</c> (what <c>&lt;input type=date&gt;</c> submits),
/// <c>21.12.2026</c> and <c>5 jan 2027</c> / <c>21 december 2026</c> (day first, Swedish month names), and
/// <c>D/M ÅÅÅÅ</c> only when it cannot be misread: <c>21/12 2026</c> is 21 December, but <c>1/2/2027</c> could be
/// 1 February (the Swedish reading) or 2 January (the American one), so it is refused with both readings named. A date
/// without a year is refused too (never guessed). Errors name the field by its label and give a future example.
/// </summary>
public static partial class DateInput
{
    private static readonly string[] MonthNames =
        ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober", "november", "december"];

    public static DateReading Read(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new(null, null);
        }

        text = text.Trim();
        if (IsoDate().Match(text) is { Success: true } iso)
        {
            return Make(text, Number(iso, "y"), Number(iso, "m"), Number(iso, "d"));
        }

        if (Dotted().Match(text) is { Success: true } dotted)
        {
            return Make(text, Number(dotted, "y"), Number(dotted, "m"), Number(dotted, "d"));
        }

        if (Slashed().Match(text) is { Success: true } slashed)
        {
            return Slash(text, Number(slashed, "y"), Number(slashed, "a"), Number(slashed, "b"));
        }

        if (Named().Match(text) is { Success: true } named)
        {
            if (Month(named.Groups["month"].Value) is not { } month)
            {
                return new(null, $"”{text}” är inget datum som går att läsa.");
            }

            return named.Groups["y"].Success
                ? Make(text, Number(named, "y"), month, Number(named, "d"))
                : new(null, $"”{text}” saknar år.");
        }

        return new(null, $"”{text}” är inget datum som går att läsa.");
    }

    /// <summary>
    /// The error of a date field: "{label}: {why} Skriv datumet som ÅÅÅÅ-MM-DD, till exempel {a month from today}.", or
    /// "{label}: ange ett datum, till exempel …" when it was left blank.
    /// </summary>
    public static string Error(string label, DateReading reading, DateOnly today) => reading.Problem is { } why
        ? $"{label}: {why} Skriv datumet som ÅÅÅÅ-MM-DD, till exempel {Example(today)}."
        : $"{label}: ange ett datum, till exempel {Example(today)}.";

    /// <summary>A date a month from today, as the date field submits it: the example every date error gives.</summary>
    public static string Example(DateOnly today) => Iso(today.AddMonths(1));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>For example "1 februari 2027".</summary>
    public static string Spoken(DateOnly date) => date.ToString("d MMMM yyyy", SwedishTime.Culture);

    private static DateReading Slash(string text, int year, int first, int second)
    {
        if (first <= 12 && second <= 12 && first != second)
        {
            var swedish = Valid(year, second, first);
            var american = Valid(year, first, second);
            if (swedish is { } s && american is { } a)
            {
                return new(null, $"”{text}” kan läsas både som {Spoken(s)} ({Iso(s)}) och {Spoken(a)} ({Iso(a)}).");
            }
        }

        return Make(text, year, second, first);
    }

    private static DateReading Make(string text, int year, int month, int day) =>
        Valid(year, month, day) is { } date ? new(date, null) : new(null, $"”{text}” finns inte i kalendern.");

    private static DateOnly? Valid(int year, int month, int day) =>
        year is >= 1900 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    private static int? Month(string name)
    {
        name = name.TrimEnd('.').ToLowerInvariant();
        if (name.Length < 3)
        {
            return null;
        }

        var index = Array.FindIndex(MonthNames, m => m.StartsWith(name, StringComparison.Ordinal));
        return index >= 0 ? index + 1 : null;
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, NumberStyles.None, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?<d>\d{1,2})\.(?<m>\d{1,2})\.(?<y>\d{4})$")]
    private static partial Regex Dotted();

    [GeneratedRegex(@"^(?<a>\d{1,2})/(?<b>\d{1,2})(?:/|\s+)(?<y>\d{4})$")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"^(?<d>\d{1,2})\.?\s+(?<month>\p{L}+\.?)(?:\s+(?<y>\d{4}))?$")]
    private static partial Regex Named();
}
