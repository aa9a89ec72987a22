using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;

namespace Bra.Core.Time;

/// <summary>Swedish time (Europe/Stockholm): instants are stored in UTC and entered and shown in Swedish time; dates are Swedish dates.</summary>
public static partial class SwedishTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Stockholm");
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("sv-SE");

    public static DateTimeOffset Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Today's date in Sweden (the servers run on UTC; dates of decisions and reviews are Swedish dates).</summary>
    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Local(time.GetUtcNow()).DateTime);

    /// <summary>For example "1 december 2026 kl. 23:59".</summary>
    public static string Format(DateTimeOffset instant) => Local(instant).ToString("d MMMM yyyy 'kl.' HH:mm", Culture);

    /// <summary>For example "2026-12-01 23:59".</summary>
    public static string Short(DateTimeOffset instant) => Local(instant).ToString("yyyy-MM-dd HH:mm", Culture);

    /// <summary>The UTC instant of a Swedish wall-clock time (the later instant when the clock goes back, the next valid one when it jumps).</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        while (Zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        var offset = Zone.IsAmbiguousTime(local) ? Zone.GetAmbiguousTimeOffsets(local).Min() : Zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }

    /// <summary>
    /// A deadline as forms and the API take it: a date (any form <see cref="DateInput"/> reads, such as "2026-12-01")
    /// means 23:59 Swedish time that day; an ISO 8601 date and time with an offset or Z is taken as is; one without an
    /// offset is Swedish time. Null when it is neither (<see cref="DateInput.Read"/> says why).
    /// </summary>
    public static DateTimeOffset? ParseDeadline(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        text = text.Trim();
        if (!IsoDateTime().IsMatch(text))
        {
            return DateInput.Read(text).Date is { } date ? At(date, new TimeOnly(23, 59)) : null;
        }

        if (HasOffset().IsMatch(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant) ? instant.ToUniversalTime() : null;
        }

        return DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
            : null;
    }

    /// <summary>An ISO 8601 duration such as "P7D" or "PT20S"; null when it is not one or not positive.</summary>
    public static TimeSpan? ParseOffset(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith('P'))
        {
            return null;
        }

        try
        {
            var span = XmlConvert.ToTimeSpan(text);
            return span > TimeSpan.Zero ? span : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:?\d{2})?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsoDateTime();

    [GeneratedRegex(@"(Z|[+-]\d{2}:?\d{2})$", RegexOptions.IgnoreCase)]
    private static partial Regex HasOffset();
}
