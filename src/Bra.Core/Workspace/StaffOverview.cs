using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Footage;
using Bra.Core.Identity;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Workspace;

/// <summary>What the signed-in person's start page shows, by role: each part comes from its own feature's query.</summary>
public sealed record StaffOverviewView(
    bool ShowsConsultations,
    IReadOnlyList<ConsultationView> Consultations,
    IReadOnlyList<CameraDecisionDue> Decisions,
    bool ShowsSites,
    IReadOnlyList<SiteNeedingAttention> Sites,
    IReadOnlyList<FootageSiteOfPerson> Footage);

/// <summary>
/// The start page's query across features: open consultations (administrators), camera requests awaiting the person's
/// decision, camera sites needing attention (those who read the register) and the sites whose footage the person may
/// view. It only reads.
/// </summary>
public sealed class StaffOverview(CameraOverview cameras, ConsultationStatus consultations, FootageOverview footage)
{
    public async Task<StaffOverviewView> ForAsync(StaffUser user, DurableTaskClient durable, CancellationToken ct)
    {
        var admin = user.IsInRole(StaffRoles.Administrator);
        var readsRegister = admin || user.IsInRole(StaffRoles.DataProtectionOfficer);
        var open = admin
            ? (await consultations.ListAsync(withConsultees: false, ct, durable))
                .Where(v => v.State is ConsultationState.Open or ConsultationState.Failed).OrderBy(v => v.Deadline).ToList()
            : [];
        return new(admin, open, await cameras.DecisionsDueAsync(user, ct), readsRegister,
            readsRegister ? await cameras.NeedingAttentionAsync(ct) : [], await footage.SitesOfPersonAsync(user.Person.Id, ct));
    }
}
