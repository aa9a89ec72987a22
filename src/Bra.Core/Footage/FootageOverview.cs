using Bra.Core.Cameras;

namespace Bra.Core.Footage;

/// <summary>A grant of the person with its site's name and its standing today.</summary>
public sealed record FootageSiteOfPerson(string SiteId, string SiteName, GrantView Grant);

/// <summary>The sites a person holds footage grants for (valid or not), each grant judged by <see cref="FootageGrants.ViewAsync"/>.</summary>
public sealed class FootageOverview(CameraStore cameras, FootageStore store, FootageGrants grants)
{
    public async Task<IReadOnlyList<FootageSiteOfPerson>> GrantsOfPersonAsync(string personId, CancellationToken ct)
    {
        var sites = (await cameras.ListSitesAsync(ct)).ToDictionary(s => s.Id);
        var rows = new List<FootageSiteOfPerson>();
        foreach (var grant in await store.ListGrantsOfPersonAsync(personId, ct))
        {
            if (sites.TryGetValue(grant.SiteId, out var site))
            {
                rows.Add(new(site.Id, site.Name, await grants.ViewAsync(site, grant, ct)));
            }
        }

        return rows;
    }

    /// <summary>The sites whose footage the person may view today.</summary>
    public async Task<IReadOnlyList<FootageSiteOfPerson>> SitesOfPersonAsync(string personId, CancellationToken ct) =>
        (await GrantsOfPersonAsync(personId, ct)).Where(r => r.Grant.Valid).ToList();
}
