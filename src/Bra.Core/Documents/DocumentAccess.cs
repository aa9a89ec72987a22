using Bra.Core.Cameras;
using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.Extensions.Options;

namespace Bra.Core.Documents;

/// <summary>
/// Who may download a stored document. Administrators and the data protection officer: every document. Other staff
/// only what their part in a camera decision needs: the assessment documents (legal-basis assessment, impact
/// assessment, a request's assessment) of camera sites of a unit they head, whose head they manage, or for which they
/// are a configured decision-maker. Consultation documents and consultees' attachments are for the two roles only;
/// an attachment a consultee uploaded through a link (stored without uploader) never is, whatever refers to it.
/// What a document belongs to is found from the records that refer to it, so existing rows need no new field.
/// </summary>
public sealed class DocumentAccess(CameraStore cameras, PeopleStore people, IOptions<CamerasOptions> cameraOptions)
{
    public async Task<bool> MayReadAsync(StaffUser user, StoredDocument document, CancellationToken ct)
    {
        if (user.IsInRole(StaffRoles.Administrator) || user.IsInRole(StaffRoles.DataProtectionOfficer))
        {
            return true;
        }

        if (document.UploadedBy is null)
        {
            return false;
        }

        var units = await UnitsInChargeAsync(user.Person.Id, ct);
        if (units.Count == 0)
        {
            return false;
        }

        var sites = (await cameras.ListSitesAsync(ct)).Where(s => units.Contains(s.UnitId)).ToList();
        if (sites.Any(s => s.ImpactAssessmentDocumentId == document.Id || s.LegalBasis?.AssessmentDocumentId == document.Id))
        {
            return true;
        }

        var siteIds = sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        return (await cameras.ListRequestsAsync(ct)).Any(r => r.AssessmentDocumentId == document.Id && siteIds.Contains(r.SiteId));
    }

    private async Task<HashSet<string>> UnitsInChargeAsync(string personId, CancellationToken ct)
    {
        var reports = (await people.ListPeopleAsync(ct)).Where(p => p.ManagerId == personId).Select(p => p.Id).ToHashSet(StringComparer.Ordinal);
        var units = (await people.ListUnitsAsync(ct))
            .Where(u => u.HeadPersonId is { } head && (head == personId || reports.Contains(head)))
            .Select(u => u.Id)
            .ToHashSet(StringComparer.Ordinal);
        units.UnionWith(cameraOptions.Value.DecisionMakers.Where(d => d.Value.Contains(personId)).Select(d => d.Key));
        return units;
    }
}
