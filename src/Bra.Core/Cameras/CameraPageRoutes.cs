using Microsoft.AspNetCore.Http;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's staff pages and their forms: administrators create and edit sites (with the legal basis and its
/// assessment, uploaded here through the <see cref="DocumentStore"/>), add, change and remove cameras, and create, submit and
/// withdraw change requests; the data protection officer reads the same pages without forms. Every form goes through the same
/// <see cref="CameraSites"/> and <see cref="CameraRequests"/> as the API, is read by <see cref="StaffForms"/> (anti-forgery
/// token and size), and comes back with POST-redirect-GET, or with the page, its Swedish errors and what was typed.
/// This file holds the list and the site's page with their forms; the camera forms and the change-request forms of the
/// site's page are in <c>CameraPageRoutes.Cameras.cs</c> and <c>CameraPageRoutes.Requests.cs</c>; the forms are read by
/// <see cref="CameraFormReader"/>.
/// </summary>
public sealed partial class CameraPageRoutes(CameraStore store, CameraSites sites, CameraRequests requests, CameraValidator validator, CameraOverview overview,
    PeopleStore people, DocumentStore documents, StaffForms forms, TimeProvider time) : IRouteSource
{
    /// <summary>A form with one document: the document's limit and room for the text fields.</summary>
    public const long UploadFormLimit = DocumentStore.MaxStaffDocumentBytes + 64 * 1024;

    private const Access Readers = Access.AdministratorOrDataProtectionOfficer;
    private const string ChooseAgain = "Välj filen igen: en vald fil följer inte med när formuläret visas på nytt.";

    public IEnumerable<AppRoute> Routes =>
    [
        new("CamerasPage", "GET", "staff/cameras", Readers, c => ListAsync(c, null)) { Navigation = new(40, "Kameraregistret") },
        new("CreateCameraSiteForm", "POST", "staff/cameras", Access.Administrator, CreateSiteAsync),
        new("CameraSitePage", "GET", "staff/cameras/{id}", Readers, c => SiteAsync(c, null)),
        new("UpdateCameraSiteForm", "POST", "staff/cameras/{id}", Access.Administrator, UpdateSiteAsync),
        new("AddCameraForm", "POST", "staff/cameras/{id}/cameras", Access.Administrator, AddCameraAsync),
        new("UpdateCameraForm", "POST", "staff/cameras/{id}/cameras/{cameraId}", Access.Administrator, UpdateCameraAsync),
        new("RemoveCameraForm", "POST", "staff/cameras/{id}/cameras/{cameraId}/remove", Access.Administrator, RemoveCameraAsync),
        new("CreateCameraRequestForm", "POST", "staff/cameras/{id}/requests", Access.Administrator, CreateRequestAsync),
        new("SubmitCameraRequestForm", "POST", "staff/camera-requests/{id}/submit", Access.Administrator, c => RequestActionAsync(c, submit: true)),
        new("WithdrawCameraRequestForm", "POST", "staff/camera-requests/{id}/withdraw", Access.Administrator, c => RequestActionAsync(c, submit: false)),
    ];

    /// <summary>Why a form's page is shown again: its errors and values, or a refusal, with the status to answer.</summary>
    private sealed record Failure(CameraForm Form, string? Heading, string? Error, int Status);

    private async Task<IResult> ListAsync(RequestContext c, Failure? failure)
    {
        var units = await people.ListUnitsAsync(c.Aborted);
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var rows = (await overview.StatusesAsync(c.Aborted))
            .Select(s => new CamerasPage.Row(s.Site, unitNames.GetValueOrDefault(s.Site.UnitId), s.Status, s.Pending)).ToList();
        var defaults = new Dictionary<string, string?>
        {
            ["kind"] = "publicPlace", ["state"] = "planned", ["retentionHours"] = "72", ["accessPolicy"] = "namedOperators", ["legalBasis-type"] = "",
        };
        return new PageResult<CamerasPage>(new Dictionary<string, object?>
        {
            [nameof(CamerasPage.Rows)] = rows,
            [nameof(CamerasPage.Now)] = time.GetUtcNow(),
            [nameof(CamerasPage.MayEdit)] = c.Staff.IsInRole(StaffRoles.Administrator),
            [nameof(CamerasPage.Error)] = failure?.Error,
            [nameof(CamerasPage.Form)] = failure?.Form ?? new CameraForm(defaults, new Dictionary<string, string[]>()),
            [nameof(CamerasPage.Units)] = units.OrderBy(u => u.Name, StringComparer.CurrentCulture).ToList(),
            [nameof(CamerasPage.People)] = await PeopleAsync(null, c.Aborted),
        }, failure?.Status ?? StatusCodes.Status200OK);
    }

    private async Task<IResult> SiteAsync(RequestContext c, Failure? failure)
    {
        if (await store.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return new PageResult<CameraSitePage>(statusCode: StatusCodes.Status404NotFound);
        }

        var requestsOfSite = (await store.ListRequestsAsync(c.Aborted)).Where(r => r.SiteId == site.Id).ToList();
        var assessment = site.LegalBasis?.AssessmentDocumentId is { } documentId ? await documents.GetAsync(documentId, c.Aborted) : null;
        return new PageResult<CameraSitePage>(new Dictionary<string, object?>
        {
            [nameof(CameraSitePage.Site)] = site,
            [nameof(CameraSitePage.UnitName)] = (await people.GetUnitAsync(site.UnitId, c.Aborted))?.Name,
            [nameof(CameraSitePage.Status)] = overview.StatusOf(site, requestsOfSite).Status,
            [nameof(CameraSitePage.Requests)] = requestsOfSite,
            [nameof(CameraSitePage.History)] = await store.HistoryAsync(site.Id, c.Aborted),
            [nameof(CameraSitePage.MayEdit)] = c.Staff.IsInRole(StaffRoles.Administrator),
            [nameof(CameraSitePage.Form)] = new CameraForm(FormValues(site, failure), failure?.Form.Errors ?? new Dictionary<string, string[]>()),
            [nameof(CameraSitePage.ErrorHeading)] = failure?.Heading,
            [nameof(CameraSitePage.Error)] = failure?.Error,
            [nameof(CameraSitePage.Notice)] = Notice(c.Request.Query["klart"].ToString()),
            [nameof(CameraSitePage.Units)] = (await people.ListUnitsAsync(c.Aborted)).OrderBy(u => u.Name, StringComparer.CurrentCulture).ToList(),
            [nameof(CameraSitePage.People)] = await PeopleAsync(site, c.Aborted),
            [nameof(CameraSitePage.AssessmentName)] = assessment?.FileName,
        }, failure?.Status ?? StatusCodes.Status200OK);
    }

    /// <summary>The site's and its cameras' stored values, overlaid with what was typed in a form that came back.</summary>
    private static Dictionary<string, string?> FormValues(CameraSite site, Failure? failure)
    {
        var values = CameraForm.SiteValues(site);
        foreach (var (id, value) in site.Cameras.SelectMany(camera => CameraForm.CameraValues($"camera-{camera.Id}-", camera))
                     .Concat(failure?.Form.Values ?? new Dictionary<string, string?>()))
        {
            values[id] = value;
        }

        return values;
    }

    private static string? Notice(string done) => done switch
    {
        "skapad" => "Platsen är skapad.",
        "sparad" => "Platsen är sparad.",
        "kamera-tillagd" => "Kameran är tillagd.",
        "kamera-sparad" => "Kameran är sparad.",
        "kamera-borttagen" => "Kameran är borttagen.",
        "arende-skapat" => "Ärendet är sparat som utkast. Skicka in det för beslut när det är klart.",
        "arende-inskickat" => "Ärendet är inskickat för beslut.",
        "arende-aterkallat" => "Ärendet är återkallat.",
        _ => null,
    };

    /// <summary>Active people, and the inactive ones the site still names (so that saving the site does not drop them unseen).</summary>
    private async Task<IReadOnlyList<Person>> PeopleAsync(CameraSite? site, CancellationToken ct) =>
        (await people.ListPeopleAsync(ct))
            .Where(p => p.Active || (site is not null && (site.Operators.Contains(p.Id) || site.ResponsiblePersonId == p.Id)))
            .OrderBy(p => p.Name, StringComparer.CurrentCulture).ToList();

    private Task<IResult> CreateSiteAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var (result, failure) = await SaveSiteAsync(c, form, null, input => sites.CreateAsync(input, c.Staff, c.Aborted));
        return failure is not null ? await ListAsync(c, failure)
            : result!.Succeeded ? StaffForms.SeeOther($"/staff/cameras/{result.Value!.Id}?klart=skapad")
            : StaffPageAnswers.Message("Platsen kunde inte skapas", result.Message!, StatusCodes.Status409Conflict);
    }, UploadFormLimit);

    private Task<IResult> UpdateSiteAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        if (await store.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return PageResult.NotFound();
        }

        const string heading = "Platsen kunde inte sparas";
        var (result, failure) = await SaveSiteAsync(c, form, site, input => sites.UpdateAsync(site.Id, input, c.Staff, c.Aborted));
        return failure is not null
            ? await SiteAsync(c, failure with { Heading = heading })
            : await SiteAnswerAsync(c, result!, site.Id, "sparad", heading, values: null);
    }, UploadFormLimit);

    /// <summary>
    /// Reads the site form, checks it all (nothing is stored while anything is wrong, so a refused form leaves no orphaned
    /// upload), stores a newly chosen assessment through the document store, then writes the site.
    /// </summary>
    private async Task<(Result<CameraSite>? Result, Failure? Failure)> SaveSiteAsync(
        RequestContext c, IFormCollection form, CameraSite? current, Func<SiteInput, Task<Result<CameraSite>>> write)
    {
        var reader = new CameraFormReader(form, "", SwedishTime.Today(time));
        var input = reader.Site(current);
        var file = input.LegalBasis?.Type == LegalBasisType.OwnAssessment ? await UploadFormReader.ReadAsync(form, "legalBasis.assessment", c.Aborted) : null;
        var checks = CameraForm.SiteFields(await validator.ValidateSiteAsync(input with { Cameras = null }, c.Aborted));
        if (await UploadCheckedAsync(c, reader, checks, file, "legalBasis-assessment") is { } documentId)
        {
            input = input with { LegalBasis = input.LegalBasis! with { AssessmentDocumentId = documentId } };
        }

        if (reader.Errors.Count > 0)
        {
            return (null, new Failure(new CameraForm(reader.Values, reader.Errors), null, null, StatusCodes.Status400BadRequest));
        }

        try
        {
            var result = await write(input);
            return result.Status == ResultStatus.Invalid
                ? (null, new Failure(new CameraForm(reader.Values, CameraForm.SiteFields(result.Errors!)), null, null, StatusCodes.Status400BadRequest))
                : (result, null);
        }
        catch (RecordTooLargeException)
        {
            return (null, new Failure(new CameraForm(reader.Values, new Dictionary<string, string[]>()), null, CameraSites.TooLargeText, StatusCodes.Status413PayloadTooLarge));
        }
    }

    /// <summary>
    /// A write from the site's page (<see cref="FormAnswer"/>): back to the site with the notice <paramref name="done"/>; the
    /// 404 page; or the site's page again with what was typed and the refusal (403, 409) or the errors on the form's fields (400).
    /// </summary>
    private Task<IResult> SiteAnswerAsync<T>(RequestContext c, Result<T> result, string siteId, string done, string heading,
        IReadOnlyDictionary<string, string?>? values, Func<string, string>? field = null) =>
        FormAnswer.FromAsync(result, _ => StaffForms.SeeOther($"/staff/cameras/{siteId}?klart={done}"), refusal => SiteAsync(c, new Failure(
            new CameraForm(values ?? new Dictionary<string, string?>(),
                refusal.Message is null ? CameraForm.Fields(refusal.Errors, field ?? (key => CameraForm.Id("", key))) : new Dictionary<string, string[]>()),
            heading, refusal.Message is { } message ? $"{heading}: {message}" : null, refusal.Status)));

    /// <summary>
    /// Adds the validator's <paramref name="checks"/> to what the form reader found (a chosen file answers the check of its
    /// own field), then stores the chosen file, only when nothing is wrong (so a refused form leaves no orphaned upload).
    /// </summary>
    /// <returns>The stored document's id, or null (no file, or errors: then the file is asked for again).</returns>
    private async Task<string?> UploadCheckedAsync(RequestContext c, CameraFormReader reader, IReadOnlyDictionary<string, string[]> checks, Upload? file,
        string fileField)
    {
        var errors = reader.Errors;
        foreach (var (id, messages) in checks)
        {
            if (!errors.ContainsKey(id) && !(file is not null && id == fileField))
            {
                errors[id] = messages;
            }
        }

        string? documentId = null;
        if (errors.Count == 0 && file is not null)
        {
            var (document, error) = await documents.SaveStaffDocumentAsync(file, c.Staff.Person.Id, c.Aborted);
            if (document is null)
            {
                errors[fileField] = [error!];
            }
            else
            {
                documentId = document.Id;
            }
        }

        if (errors.Count > 0 && file is not null && !errors.ContainsKey(fileField))
        {
            errors[fileField] = [ChooseAgain];
        }

        return documentId;
    }
}
