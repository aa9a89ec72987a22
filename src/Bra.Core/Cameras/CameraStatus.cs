using Bra.Core.Time;

namespace Bra.Core.Cameras;

public enum StatusLight
{
    /// <summary>A valid decision and nothing due.</summary>
    Green,
    /// <summary>Expires within 90 days, review or signage check due, or a request pending.</summary>
    Yellow,
    /// <summary>Running (or about to) without a valid decision.</summary>
    Red,
    /// <summary>Planned or ended: not filming, nothing to watch.</summary>
    None,
}

public sealed record SiteStatus(StatusLight Light, string Text, IReadOnlyList<string> Reasons, DateOnly? NextDate, string? NextDateText);

/// <summary>The register's judgement of a site on a given day; the page, the list and the daily scan agree through it.</summary>
public static class CameraStatus
{
    public const int WarningDays = 90;

    public static bool HasValidDecision(CameraSite site, DateOnly today) =>
        site.LegalBasis is { } basis && (basis.ValidUntil is not { } until || until >= today) && !site.RunningWithoutValidDecision
        && (basis.ValidUntil is not null || basis.ReviewDate is not null);

    public static DateOnly? SignageDue(CameraSite site, TimeSpan interval) =>
        site.SignageCheckedOn is { } checkedOn ? checkedOn.AddDays((int)Math.Ceiling(interval.TotalDays)) : null;

    public static SiteStatus Of(CameraSite site, IReadOnlyList<CameraRequest> pending, DateOnly today, TimeSpan signageInterval)
    {
        if (site.State == SiteState.Ended)
        {
            return new(StatusLight.None, "Avslutad", [$"Avslutad {site.EndedOn:yyyy-MM-dd}"], null, null);
        }

        var reasons = new List<string>();
        var dates = new List<(DateOnly Date, string Text)>();
        var basis = site.LegalBasis;
        if (basis?.ValidUntil is { } until)
        {
            dates.Add((until, "Beslutet gäller till"));
        }

        if (basis?.ReviewDate is { } review)
        {
            dates.Add((review, "Omprövning"));
        }

        if (SignageDue(site, signageInterval) is { } signage)
        {
            dates.Add((signage, "Skyltkontroll"));
        }

        var next = dates.OrderBy(d => d.Date).FirstOrDefault();
        DateOnly? nextDate = dates.Count > 0 ? next.Date : null;
        var nextText = dates.Count > 0 ? next.Text : null;

        if (site.State == SiteState.Planned)
        {
            if (pending.Count > 0)
            {
                reasons.Add(PendingText(pending.Count));
            }

            return new(StatusLight.None, "Planerad", reasons, nextDate, nextText);
        }

        if (!HasValidDecision(site, today))
        {
            reasons.Add(basis is null ? "Rättslig grund saknas" : $"Beslutet gällde till {basis.ValidUntil:yyyy-MM-dd}");
            if (pending.Count > 0)
            {
                reasons.Add(PendingText(pending.Count));
            }

            return new(StatusLight.Red, "Saknar giltigt beslut", reasons, nextDate, nextText);
        }

        if (basis?.ValidUntil is { } validUntil && validUntil.DayNumber - today.DayNumber <= WarningDays)
        {
            reasons.Add(ExpiresText(validUntil.DayNumber - today.DayNumber));
        }

        if (basis?.ReviewDate is { } reviewDate && reviewDate <= today)
        {
            reasons.Add("Omprövning ska göras");
        }

        if (SignageDue(site, signageInterval) is { } due && due <= today)
        {
            reasons.Add("Skyltkontroll ska göras");
        }

        if (!site.SignageInPlace)
        {
            reasons.Add("Upplysningsskylt saknas");
        }

        if (pending.Count > 0)
        {
            reasons.Add(PendingText(pending.Count));
        }

        return reasons.Count > 0
            ? new(StatusLight.Yellow, "Kräver uppmärksamhet", reasons, nextDate, nextText)
            : new(StatusLight.Green, "Giltigt beslut", [], nextDate, nextText);
    }

    /// <summary>"1 ärende väntar på beslut", "2 ärenden väntar på beslut".</summary>
    public static string PendingText(int count) => $"{count} {(count == 1 ? "ärende" : "ärenden")} väntar på beslut";

    /// <summary>"Beslutet upphör i dag", "… om 1 dag", "… om 45 dagar".</summary>
    public static string ExpiresText(int daysLeft) => daysLeft switch
    {
        0 => "Beslutet upphör i dag",
        1 => "Beslutet upphör om 1 dag",
        _ => $"Beslutet upphör om {daysLeft} dagar",
    };

    /// <summary>
    /// When a request came in, counted in Swedish calendar days: "inskickat i dag", "inskickat i går",
    /// "inskickat för 3 dagar sedan".
    /// </summary>
    public static string SubmittedText(DateTimeOffset submitted, DateTimeOffset now)
    {
        var days = Math.Max(0, SwedishDate(now).DayNumber - SwedishDate(submitted).DayNumber);
        return days switch
        {
            0 => "inskickat i dag",
            1 => "inskickat i går",
            _ => $"inskickat för {days} dagar sedan",
        };
    }

    private static DateOnly SwedishDate(DateTimeOffset instant) => DateOnly.FromDateTime(SwedishTime.Local(instant).DateTime);
}
