using System.Globalization;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's staff pages and their forms: administrators create and edit sites (with the legal basis and its
/// assessment, uploaded here through the <see cref="DocumentStore"/>), add, change and remove cameras, and create, submit and
/// withdraw change requests; the data protection officer reads the same pages without forms. Every form goes through the same
/// <see cref="CameraSites"/> and <see cref="CameraRequests"/> as the API, is read by <see cref="StaffForms"/> (anti-forgery
/// token and size), and comes back with POST-redirect-GET, or with the page, its Swedish errors and what was typed.
/// </summary>
public sealed class CameraPageRoutes(CameraStore store, CameraSites sites, CameraRequests requests, CameraValidator validator, PeopleStore people,
    DocumentStore documents, StaffForms forms, IOptions<CamerasOptions> options, TimeProvider time) : IRouteSource
{
    /// <summary>A form with one document: the document's limit and room for the text fields.</summary>
    public const long UploadFormLimit = DocumentRoutes.MaxDocumentBytes + 64 * 1024;

    private const Access Readers = Access.AdministratorOrDataProtectionOfficer;
    private const string ChooseAgain = "Välj filen igen: en vald fil följer inte med när formuläret visas på nytt.";

    public IEnumerable<AppRoute> Routes =>
    [
        new("CamerasPage", "GET", "staff/cameras", Readers, c => ListAsync(c, null)),
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

    private DateOnly Today => SwedishTime.Today(time);

    private async Task<IResult> ListAsync(RequestContext c, Failure? failure)
    {
        var all = await store.ListSitesAsync(c.Aborted);
        var pending = (await store.ListRequestsAsync(c.Aborted)).Where(r => r.State == RequestState.Submitted).ToList();
        var units = await people.ListUnitsAsync(c.Aborted);
        var unitNames = units.ToDictionary(u => u.Id, u => u.Name);
        var rows = all.Select(s =>
        {
            var open = pending.Where(r => r.SiteId == s.Id).ToList();
            return new CamerasPage.Row(s, unitNames.GetValueOrDefault(s.UnitId), CameraStatus.Of(s, open, Today, options.Value.SignageCheckInterval), open);
        }).ToList();
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
            return new PageResult<CameraSitePage>(new Dictionary<string, object?>(), StatusCodes.Status404NotFound);
        }

        var requestsOfSite = (await store.ListRequestsAsync(c.Aborted)).Where(r => r.SiteId == site.Id).ToList();
        var pending = requestsOfSite.Where(r => r.State == RequestState.Submitted).ToList();
        var values = SiteValues(site);
        foreach (var camera in site.Cameras)
        {
            foreach (var (id, value) in CameraValues($"camera-{camera.Id}-", camera))
            {
                values[id] = value;
            }
        }

        foreach (var (id, value) in failure?.Form.Values ?? new Dictionary<string, string?>())
        {
            values[id] = value;
        }

        var assessment = site.LegalBasis?.AssessmentDocumentId is { } documentId ? await documents.GetAsync(documentId, c.Aborted) : null;
        return new PageResult<CameraSitePage>(new Dictionary<string, object?>
        {
            [nameof(CameraSitePage.Site)] = site,
            [nameof(CameraSitePage.UnitName)] = (await people.GetUnitAsync(site.UnitId, c.Aborted))?.Name,
            [nameof(CameraSitePage.Status)] = CameraStatus.Of(site, pending, Today, options.Value.SignageCheckInterval),
            [nameof(CameraSitePage.Requests)] = requestsOfSite,
            [nameof(CameraSitePage.History)] = await store.HistoryAsync(site.Id, c.Aborted),
            [nameof(CameraSitePage.MayEdit)] = c.Staff.IsInRole(StaffRoles.Administrator),
            [nameof(CameraSitePage.Form)] = new CameraForm(values, failure?.Form.Errors ?? new Dictionary<string, string[]>()),
            [nameof(CameraSitePage.ErrorHeading)] = failure?.Heading,
            [nameof(CameraSitePage.Error)] = failure?.Error,
            [nameof(CameraSitePage.Notice)] = Notice(c.Request.Query["klart"].ToString()),
            [nameof(CameraSitePage.Units)] = (await people.ListUnitsAsync(c.Aborted)).OrderBy(u => u.Name, StringComparer.CurrentCulture).ToList(),
            [nameof(CameraSitePage.People)] = await PeopleAsync(site, c.Aborted),
            [nameof(CameraSitePage.AssessmentName)] = assessment?.FileName,
        }, failure?.Status ?? StatusCodes.Status200OK);
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

    private async Task<IResult> CreateSiteAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c, UploadFormLimit);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read, UploadFormLimit);
        }

        var (result, failure) = await SaveSiteAsync(c, form, null, input => sites.CreateAsync(input, c.Staff, c.Aborted));
        return failure is not null ? await ListAsync(c, failure)
            : result!.Succeeded ? StaffForms.SeeOther($"/staff/cameras/{result.Value!.Id}?klart=skapad")
            : StaffPageAnswers.Message("Platsen kunde inte skapas", result.Message!, StatusCodes.Status409Conflict);
    }

    private async Task<IResult> UpdateSiteAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c, UploadFormLimit);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read, UploadFormLimit);
        }

        if (await store.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return NotFound();
        }

        const string heading = "Platsen kunde inte sparas";
        var (result, failure) = await SaveSiteAsync(c, form, site, input => sites.UpdateAsync(site.Id, input, c.Staff, c.Aborted));
        return failure is not null ? await SiteAsync(c, failure with { Heading = heading })
            : result!.Succeeded ? StaffForms.SeeOther($"/staff/cameras/{site.Id}?klart=sparad")
            : await SiteAnswerAsync(c, result, heading, values: null);
    }

    /// <summary>
    /// Reads the site form, checks it all (nothing is stored while anything is wrong, so a refused form leaves no orphaned
    /// upload), stores a newly chosen assessment through the document store, then writes the site.
    /// </summary>
    private async Task<(WriteResult<CameraSite>? Result, Failure? Failure)> SaveSiteAsync(
        RequestContext c, IFormCollection form, CameraSite? current, Func<SiteInput, Task<WriteResult<CameraSite>>> write)
    {
        var reader = new FormReader(form, "");
        var input = ReadSite(reader, current);
        var file = input.LegalBasis?.Type == LegalBasisType.OwnAssessment && form.Files.GetFile("legalBasis.assessment") is { Length: > 0 } chosen ? chosen : null;
        var errors = reader.Errors;
        foreach (var (id, messages) in SiteFields(await validator.ValidateSiteAsync(input with { Cameras = null }, c.Aborted)))
        {
            if (!errors.ContainsKey(id) && !(file is not null && id == "legalBasis-assessment"))
            {
                errors[id] = messages;
            }
        }

        if (errors.Count == 0 && file is not null)
        {
            var (document, error) = await UploadAsync(file, c);
            if (document is null)
            {
                errors["legalBasis-assessment"] = [error!];
            }
            else
            {
                input = input with { LegalBasis = input.LegalBasis! with { AssessmentDocumentId = document.Id } };
            }
        }

        if (errors.Count > 0)
        {
            if (file is not null && !errors.ContainsKey("legalBasis-assessment"))
            {
                errors["legalBasis-assessment"] = [ChooseAgain];
            }

            return (null, new Failure(new CameraForm(reader.Values, errors), null, null, StatusCodes.Status400BadRequest));
        }

        try
        {
            var result = await write(input);
            return result.Outcome == WriteOutcome.Invalid
                ? (null, new Failure(new CameraForm(reader.Values, SiteFields(result.Errors!)), null, null, StatusCodes.Status400BadRequest))
                : (result, null);
        }
        catch (RecordTooLargeException)
        {
            return (null, new Failure(new CameraForm(reader.Values, new Dictionary<string, string[]>()), null, CameraSites.TooLargeText, StatusCodes.Status413PayloadTooLarge));
        }
    }

    private async Task<IResult> AddCameraAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read);
        }

        const string prefix = "camera-new-";
        var reader = new FormReader(form, prefix);
        var input = ReadCamera(reader);
        return await CameraAnswerAsync(c, reader, prefix, "kamera-tillagd", () => sites.AddCameraAsync(c.Route("id"), input, c.Staff, c.Aborted));
    }

    private async Task<IResult> UpdateCameraAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read);
        }

        var prefix = $"camera-{c.Route("cameraId")}-";
        var reader = new FormReader(form, prefix);
        var input = ReadCamera(reader);
        return await CameraAnswerAsync(c, reader, prefix, "kamera-sparad", () => sites.UpdateCameraAsync(c.Route("id"), c.Route("cameraId"), input, c.Staff, c.Aborted));
    }

    private async Task<IResult> CameraAnswerAsync(RequestContext c, FormReader reader, string prefix, string done, Func<Task<WriteResult<Camera>>> write)
    {
        WriteResult<Camera> result;
        try
        {
            result = await write();
        }
        catch (RecordTooLargeException)
        {
            return await SiteAsync(c, new Failure(new CameraForm(reader.Values, new Dictionary<string, string[]>()), null, CameraSites.TooLargeText,
                StatusCodes.Status413PayloadTooLarge));
        }

        return result.Succeeded
            ? StaffForms.SeeOther($"/staff/cameras/{c.Route("id")}?klart={done}")
            : await SiteAnswerAsync(c, result, "Kameran kunde inte sparas", reader.Values, key => CameraField(prefix, key));
    }

    private async Task<IResult> RemoveCameraAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c);
        if (!read.Ok)
        {
            return StaffForms.Refused(read);
        }

        var result = await sites.DeleteCameraAsync(c.Route("id"), c.Route("cameraId"), c.Staff, c.Aborted);
        return result.Succeeded
            ? StaffForms.SeeOther($"/staff/cameras/{c.Route("id")}?klart=kamera-borttagen")
            : await SiteAnswerAsync(c, result, "Kameran kunde inte tas bort", values: null);
    }

    private async Task<IResult> CreateRequestAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c, UploadFormLimit);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read, UploadFormLimit);
        }

        if (await store.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return NotFound();
        }

        const string heading = "Ärendet kunde inte skapas";
        var reader = new FormReader(form, "request-");
        var input = ReadRequest(reader);
        var file = form.Files.GetFile("assessment") is { Length: > 0 } chosen ? chosen : null;
        var errors = reader.Errors;
        foreach (var (id, messages) in RequestFields(await validator.ValidateRequestAsync(input, site, c.Aborted)))
        {
            if (!errors.ContainsKey(id) && !(file is not null && id == "request-assessment"))
            {
                errors[id] = messages;
            }
        }

        if (errors.Count == 0 && file is not null)
        {
            var (document, error) = await UploadAsync(file, c);
            if (document is null)
            {
                errors["request-assessment"] = [error!];
            }
            else
            {
                input = input with { AssessmentDocumentId = document.Id };
            }
        }

        if (errors.Count > 0)
        {
            if (file is not null && !errors.ContainsKey("request-assessment"))
            {
                errors["request-assessment"] = [ChooseAgain];
            }

            return await SiteAsync(c, new Failure(new CameraForm(reader.Values, errors), heading, null, StatusCodes.Status400BadRequest));
        }

        var result = await requests.CreateAsync(site.Id, input, c.Staff, c.Aborted);
        return result.Succeeded
            ? StaffForms.SeeOther($"/staff/cameras/{site.Id}?klart=arende-skapat")
            : await SiteAnswerAsync(c, result, heading, reader.Values, RequestField);
    }

    /// <summary>"Skicka in" and "Återkalla" on a request of the site's page; both come back to the site.</summary>
    private async Task<IResult> RequestActionAsync(RequestContext c, bool submit)
    {
        var read = await forms.ReadAsync(c);
        if (!read.Ok)
        {
            return StaffForms.Refused(read);
        }

        if (await store.GetRequestAsync(c.Route("id"), c.Aborted) is not var (request, _))
        {
            return NotFound();
        }

        var result = submit
            ? await requests.SubmitAsync(request.Id, c.Durable, c.Aborted)
            : await requests.WithdrawAsync(request.Id, c.Durable, c.Aborted);
        if (result.Succeeded)
        {
            return StaffForms.SeeOther($"/staff/cameras/{request.SiteId}?klart={(submit ? "arende-inskickat" : "arende-aterkallat")}");
        }

        // The request's site page shows the refusal (the route's id is the request's, the page's the site's).
        return await SiteAnswerAsync(c with { RouteValues = new() { ["id"] = request.SiteId } }, result, submit ? "Ärendet kunde inte skickas in" : "Ärendet kunde inte återkallas", values: null);
    }

    /// <summary>A failed write on the site's page: 404, 403, 409 with the reason, or 400 with the errors on the form's fields.</summary>
    private async Task<IResult> SiteAnswerAsync<T>(RequestContext c, WriteResult<T> result, string heading, IReadOnlyDictionary<string, string?>? values,
        Func<string, string>? field = null)
    {
        var kept = values ?? new Dictionary<string, string?>();
        return result.Outcome switch
        {
            WriteOutcome.NotFound => NotFound(),
            WriteOutcome.Forbidden => StaffPageAnswers.Forbidden(result.Message!),
            WriteOutcome.Invalid => await SiteAsync(c, new Failure(new CameraForm(kept, Fields(result.Errors!, field ?? (key => CameraForm.Id("", key)))), heading, null,
                StatusCodes.Status400BadRequest)),
            _ => await SiteAsync(c, new Failure(new CameraForm(kept, new Dictionary<string, string[]>()), heading, $"{heading}: {result.Message}", StatusCodes.Status409Conflict)),
        };
    }

    private static IResult NotFound() => new PageResult<NotFoundPage>(new Dictionary<string, object?>(), StatusCodes.Status404NotFound);

    private async Task<(StoredDocument? Document, string? Error)> UploadAsync(IFormFile file, RequestContext c)
    {
        if (file.Length > DocumentRoutes.MaxDocumentBytes)
        {
            return (null, $"Filen är för stor. Högst {DocumentRoutes.MaxDocumentBytes / (1024 * 1024)} MB tas emot.");
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, c.Aborted);
        return await documents.SaveAsync(file.FileName, buffer.ToArray(), DocumentKinds.ConsultationDocuments, DocumentRoutes.MaxDocumentBytes,
            c.Staff.Person.Id, c.Aborted);
    }

    private static SiteInput ReadSite(FormReader f, CameraSite? current)
    {
        var type = f.Enum<LegalBasisType>("legalBasis.type");
        var basis = new LegalBasis(type, f.Text("legalBasis.decisionNumber"), f.Date("legalBasis.decidedOn"), f.Date("legalBasis.validUntil"),
            f.Text("legalBasis.conditions"), current?.LegalBasis?.AssessmentDocumentId, f.Text("legalBasis.decisionReference"), f.Text("legalBasis.decidedBy"),
            f.Date("legalBasis.reviewDate"));
        return new SiteInput(f.Text("name"), f.Text("placeDescription"), f.Enum<SiteKind>("kind"), f.Text("unitId"), f.Text("purpose"),
            f.Text("monitoringHours"), f.Int("retentionHours", "Ange lagringstiden i hela timmar, till exempel 72."), f.Text("retentionReason"),
            f.List("signageInPlace").Contains("true"), f.Date("signageCheckedOn"), current?.ImpactAssessmentDocumentId, f.Enum<AccessPolicy>("accessPolicy"),
            f.List("operators"), f.Enum<SiteState>("state"), f.Date("plannedStart"), f.Date("startedOn"), f.Date("endedOn"),
            type is null ? null : basis, null, f.Text("responsiblePersonId"));
    }

    private static CameraInput ReadCamera(FormReader f)
    {
        var features = f.List("features");
        return new CameraInput(f.Text("label"), f.Text("placement"), features.Contains("movable"), f.Text("fieldOfView"), features.Contains("privacyMasking"),
            features.Contains("audioRecording"), f.Text("audioReason"));
    }

    private static RequestInput ReadRequest(FormReader f)
    {
        var kind = f.Enum<RequestKind>("kind");
        var justification = f.Text("justification");
        var from = f.Date("requestedPeriod.from");
        var to = f.Date("requestedPeriod.to");
        var area = f.Text("affectedArea");
        var add = new List<CameraInput>();
        var lines = (f.Text("addCameras") ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split(';', 2, StringSplitOptions.TrimEntries);
            if (parts[0].Length == 0)
            {
                f.Add("addCameras", $"Rad {i + 1}: skriv kamerans beteckning före semikolonet.");
                continue;
            }

            add.Add(new CameraInput(parts[0], parts.Length > 1 ? parts[1] : null, false, null, false, false, null));
        }

        return new RequestInput(kind, justification, from is null && to is null ? null : new RequestedPeriod(from, to), area, add, f.List("removeCameraIds"), null);
    }

    private static Dictionary<string, string?> SiteValues(CameraSite s)
    {
        var b = s.LegalBasis;
        return new Dictionary<string, string?>
        {
            ["name"] = s.Name, ["placeDescription"] = s.PlaceDescription, ["kind"] = CameraForm.Code<SiteKind>(s.Kind), ["unitId"] = s.UnitId,
            ["purpose"] = s.Purpose, ["monitoringHours"] = s.MonitoringHours, ["retentionHours"] = s.RetentionHours.ToString(CultureInfo.InvariantCulture),
            ["retentionReason"] = s.RetentionReason, ["signageInPlace"] = s.SignageInPlace ? "true" : "", ["signageCheckedOn"] = CameraForm.Date(s.SignageCheckedOn),
            ["accessPolicy"] = CameraForm.Code<AccessPolicy>(s.AccessPolicy), ["operators"] = string.Join(',', s.Operators),
            ["responsiblePersonId"] = s.ResponsiblePersonId ?? "", ["state"] = CameraForm.Code<SiteState>(s.State),
            ["plannedStart"] = CameraForm.Date(s.PlannedStart), ["startedOn"] = CameraForm.Date(s.StartedOn), ["endedOn"] = CameraForm.Date(s.EndedOn),
            ["legalBasis-type"] = CameraForm.Code(b?.Type) ?? "", ["legalBasis-decisionNumber"] = b?.DecisionNumber,
            ["legalBasis-decisionReference"] = b?.DecisionReference, ["legalBasis-decidedBy"] = b?.DecidedBy, ["legalBasis-decidedOn"] = CameraForm.Date(b?.DecidedOn),
            ["legalBasis-validUntil"] = CameraForm.Date(b?.ValidUntil), ["legalBasis-reviewDate"] = CameraForm.Date(b?.ReviewDate), ["legalBasis-conditions"] = b?.Conditions,
        };
    }

    private static Dictionary<string, string?> CameraValues(string prefix, Camera camera) => new()
    {
        [prefix + "label"] = camera.Label, [prefix + "placement"] = camera.Placement, [prefix + "fieldOfView"] = camera.FieldOfView,
        [prefix + "features"] = string.Join(',', new[] { camera.Movable ? "movable" : null, camera.PrivacyMasking ? "privacyMasking" : null, camera.AudioRecording ? "audioRecording" : null }.OfType<string>()),
        [prefix + "audioReason"] = camera.AudioReason,
    };

    /// <summary>The validator's keys (the API's field names) as the ids of the fields that show them.</summary>
    private static Dictionary<string, string[]> Fields(IReadOnlyDictionary<string, string[]> errors, Func<string, string> field)
    {
        var result = new Dictionary<string, string[]>();
        foreach (var (key, messages) in errors)
        {
            var id = field(key);
            result[id] = result.TryGetValue(id, out var had) ? [.. had, .. messages] : messages;
        }

        return result;
    }

    /// <summary>The validator asks the API for a document id; on the page the document is a file chosen in the same form.</summary>
    private const string ChooseAssessment = "Välj filen med den dokumenterade intresseavvägningen som beslutet ska grunda sig på.";

    private static Dictionary<string, string[]> SiteFields(IReadOnlyDictionary<string, string[]> errors) => Fields(errors.ToDictionary(e => e.Key,
        e => e.Key == "legalBasis.assessmentDocumentId" && e.Value.Any(m => m.Contains("(dokument-id)", StringComparison.Ordinal)) ? [ChooseAssessment] : e.Value), key => key switch
    {
        "legalBasis" => "legalBasis-type",
        "legalBasis.assessmentDocumentId" => "legalBasis-assessment",
        "impactAssessmentDocumentId" or "cameras" => "name",
        _ => CameraForm.Id("", key.Split('[')[0]),
    });

    private static string CameraField(string prefix, string key) => key switch
    {
        "cameras" => prefix + "label",
        "movable" or "privacyMasking" or "audioRecording" => prefix + "features",
        _ => CameraForm.Id(prefix, key),
    };

    private static Dictionary<string, string[]> RequestFields(IReadOnlyDictionary<string, string[]> errors) => Fields(errors.ToDictionary(e => e.Key,
        e => e.Key == "assessmentDocumentId" && e.Value.Any(m => m.Contains("(dokument-id)", StringComparison.Ordinal)) ? [ChooseAssessment] : e.Value), RequestField);

    private static string RequestField(string key) => key switch
    {
        "assessmentDocumentId" => "request-assessment",
        "siteId" => "request-kind",
        _ => CameraForm.Id("request-", key.Split('[')[0]),
    };

    /// <summary>Reads a posted form into typed values: what cannot be read becomes a Swedish error on its field, and every value is kept as typed.</summary>
    private sealed class FormReader(IFormCollection form, string prefix)
    {
        public Dictionary<string, string?> Values { get; } = new();

        public Dictionary<string, string[]> Errors { get; } = new();

        public void Add(string name, string message)
        {
            var id = CameraForm.Id(prefix, name);
            Errors[id] = Errors.TryGetValue(id, out var had) ? [.. had, message] : [message];
        }

        public string? Text(string name)
        {
            var value = form[name].ToString();
            Values[CameraForm.Id(prefix, name)] = value;
            return value;
        }

        public IReadOnlyList<string> List(string name)
        {
            var list = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().ToList();
            Values[CameraForm.Id(prefix, name)] = string.Join(',', list);
            return list;
        }

        public DateOnly? Date(string name)
        {
            var text = Text(name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Add(name, "Skriv datumet som åååå-mm-dd, till exempel 2027-06-30.");
            return null;
        }

        public int? Int(string name, string message)
        {
            var text = Text(name)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            Add(name, message);
            return null;
        }

        /// <summary>A choice as the API names it (camelCase); anything else is no choice (the validator says what to choose).</summary>
        public T? Enum<T>(string name)
            where T : struct, Enum
        {
            var text = Text(name)?.Trim();
            return !string.IsNullOrEmpty(text) && char.IsAsciiLetter(text[0]) && System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
                ? value
                : null;
        }
    }
}
