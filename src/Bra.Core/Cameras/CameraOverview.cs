using Bra.Core.Identity;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Cameras;

/// <summary>A site with its status today and its requests awaiting a decision.</summary>
public sealed record SiteWithStatus(CameraSite Site, SiteStatus Status, IReadOnlyList<CameraRequest> Pending);

/// <summary>A submitted request the person may decide, with its site's name and how long it has waited.</summary>
public sealed record CameraDecisionDue(CameraRequest Request, string SiteName, string Age);

/// <summary>A site whose status is red or yellow.</summary>
public sealed record SiteNeedingAttention(CameraSite Site, SiteStatus Status);

/// <summary>
/// The register's read side for pages: every site's status today (the one place a site's pending requests and the
/// signage interval meet <see cref="CameraStatus.Of"/>), what needs attention, and what awaits a person's decision.
/// </summary>
public sealed class CameraOverview(CameraStore store, CameraDecisionMakers deciders, IOptions<CamerasOptions> options, TimeProvider time)
{
    /// <summary>Every site with its status and pending requests, in the register's order.</summary>
    public async Task<IReadOnlyList<SiteWithStatus>> StatusesAsync(CancellationToken ct)
    {
        var pending = await PendingAsync(ct);
        return (await store.ListSitesAsync(ct)).Select(s => StatusOf(s, pending)).ToList();
    }

    /// <summary>One site's status with its pending requests, from the requests given (all of them, or the site's).</summary>
    public SiteWithStatus StatusOf(CameraSite site, IEnumerable<CameraRequest> requests)
    {
        var pending = requests.Where(r => r.SiteId == site.Id && r.State == RequestState.Submitted).ToList();
        return new(site, CameraStatus.Of(site, pending, SwedishTime.Today(time), options.Value.SignageCheckInterval), pending);
    }

    /// <summary>Red sites first, then yellow, each by name.</summary>
    public async Task<IReadOnlyList<SiteNeedingAttention>> NeedingAttentionAsync(CancellationToken ct) =>
        (await StatusesAsync(ct))
            .Where(x => x.Status.Light is StatusLight.Red or StatusLight.Yellow)
            .OrderBy(x => x.Status.Light == StatusLight.Red ? 0 : 1).ThenBy(x => x.Site.Name, StringComparer.Ordinal)
            .Select(x => new SiteNeedingAttention(x.Site, x.Status))
            .ToList();

    /// <summary>Submitted requests of sites whose unit the person decides for, oldest first.</summary>
    public async Task<IReadOnlyList<CameraDecisionDue>> DecisionsDueAsync(StaffUser user, CancellationToken ct)
    {
        var sites = (await store.ListSitesAsync(ct)).ToDictionary(s => s.Id);
        var now = time.GetUtcNow();
        return (await PendingAsync(ct))
            .Where(r => sites.TryGetValue(r.SiteId, out var site) && deciders.MayDecide(user, site.UnitId))
            .OrderBy(r => r.SubmittedAt ?? r.CreatedAt)
            .Select(r => new CameraDecisionDue(r, sites[r.SiteId].Name, CameraStatus.SubmittedText(r.SubmittedAt ?? r.CreatedAt, now)))
            .ToList();
    }

    private async Task<List<CameraRequest>> PendingAsync(CancellationToken ct) =>
        (await store.ListRequestsAsync(ct)).Where(r => r.State == RequestState.Submitted).ToList();
}
