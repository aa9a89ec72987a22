using Bra.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// The daily scan, called by a timer trigger in Functions and a hosted service in the development host: mails the
/// responsible administrator once per threshold (decision expiring within 90, 30, 7 days; signage check due; review
/// due; decision lapsed) and marks a site whose decision lapsed as running without a valid decision. Idempotent: a
/// notice row keyed by (site, threshold, date it concerns) and the Mailer's message ids keep a second run quiet.
/// </summary>
public sealed class CameraDailyScan(CameraStore store, PeopleStore people, CameraDecisionMakers deciders, CameraMail mail,
    IOptions<CamerasOptions> options, TimeProvider time, ILogger<CameraDailyScan> logger)
{
    public static readonly int[] ExpiryThresholds = [7, 30, 90];

    /// <returns>How many notices were mailed now.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = SwedishTime.Today(time);
        var sent = 0;
        foreach (var site in await store.ListSitesAsync(ct))
        {
            if (site.State != SiteState.Active)
            {
                continue;
            }

            try
            {
                sent += await ScanAsync(site, today, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Daily camera scan failed for site {SiteId}", site.Id);
            }
        }

        logger.LogInformation("Daily camera scan sent {Count} notices", sent);
        return sent;
    }

    internal static IEnumerable<(string Key, string What)> Due(CameraSite site, DateOnly today, TimeSpan signageInterval)
    {
        var basis = site.LegalBasis;
        if (basis?.ValidUntil is { } until)
        {
            var days = until.DayNumber - today.DayNumber;
            if (days < 0)
            {
                yield return ($"lapsed-{until:yyyyMMdd}", $"Beslutet upphörde {until:yyyy-MM-dd}; platsen bevakas utan giltigt beslut");
            }
            else if (ExpiryThresholds.FirstOrDefault(t => days <= t) is var threshold and > 0)
            {
                yield return ($"expiry{threshold}-{until:yyyyMMdd}", $"Beslutet upphör {until:yyyy-MM-dd} (inom {threshold} dagar)");
            }
        }
        else if (basis is null)
        {
            yield return ("no-basis", "Platsen är aktiv men saknar rättslig grund");
        }

        if (basis?.ReviewDate is { } review && review <= today)
        {
            yield return ($"review-{review:yyyyMMdd}", $"Omprövning av beslutet ska göras (senast {review:yyyy-MM-dd})");
        }

        if (CameraStatus.SignageDue(site, signageInterval) is { } signage && signage <= today)
        {
            yield return ($"signage-{signage:yyyyMMdd}", $"Skyltkontroll ska göras (senast {signage:yyyy-MM-dd})");
        }
    }

    private async Task<int> ScanAsync(CameraSite site, DateOnly today, CancellationToken ct)
    {
        if (!CameraStatus.HasValidDecision(site with { RunningWithoutValidDecision = false }, today) && !site.RunningWithoutValidDecision)
        {
            await store.ChangeSiteAsync(site.Id, s => s.RunningWithoutValidDecision ? null : s with { RunningWithoutValidDecision = true },
                Actor.DailyScan, "marked-without-valid-decision", "Beslutet har upphört eller saknas", retries: 3, ct: ct);
        }

        var sent = 0;
        foreach (var (key, what) in Due(site, today, options.Value.SignageCheckInterval))
        {
            if (await store.NoticeSentAsync(site.Id, key, ct))
            {
                continue;
            }

            var recipients = site.ResponsiblePersonId is { } id && await people.GetPersonAsync(id, ct) is { } responsible
                ? [responsible]
                : await deciders.AdministratorsAsync(ct);
            sent += await mail.SiteNoticeAsync(site, recipients, key, what, ct) > 0 ? 1 : 0;
            await store.RecordNoticeAsync(site.Id, key, ct);
        }

        return sent;
    }
}
