using Bra.Core.Time;
using Microsoft.AspNetCore.Http;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace Bra.Core.Cameras;

/// <summary>
/// The decision-makers' camera-request pages of the staff workspace: pending requests (mine first), one request with its
/// assessment document and age, and the decision form, which goes through the same <see cref="CameraRequests.DecideAsync"/>
/// as <c>POST /api/camera-requests/{id}/decision</c>. Their access is <see cref="Access.CameraDecisionMaker"/>.
/// </summary>
public sealed class CameraRequestPageRoutes(CameraStore store, CameraRequests requests, CameraDecisionMakers deciders, DocumentStore documents,
    DocumentAccess documentAccess, IAntiforgery antiforgery, StaffForms forms, TimeProvider time) : IRouteSource
{
    private const long MaxFormBytes = 64 * 1024;


    public IEnumerable<AppRoute> Routes =>
    [
        new("CameraRequestsPage", "GET", "staff/camera-requests", Access.CameraDecisionMaker, ListAsync) { Navigation = new(50, "Kameraärenden") },
        new("CameraRequestPage", "GET", "staff/camera-requests/{id}", Access.CameraDecisionMaker, c => OneAsync(c, null, null, null)),
        new("DecideCameraRequestForm", "POST", "staff/camera-requests/{id}", Access.CameraDecisionMaker, DecideAsync),
        new("CameraRequestDocument", "GET", "staff/camera-requests/{id}/assessment", Access.CameraDecisionMaker, DocumentAsync),
    ];

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var sites = (await store.ListSitesAsync(c.Aborted)).ToDictionary(s => s.Id);
        var rows = (await store.ListRequestsAsync(c.Aborted))
            .Where(r => r.State == RequestState.Submitted && sites.ContainsKey(r.SiteId))
            .Select(r => new CameraRequestsPage.Row(r, sites[r.SiteId], deciders.MayDecide(c.Staff, sites[r.SiteId].UnitId)))
            .OrderBy(r => r.Mine ? 0 : 1).ThenBy(r => r.Request.SubmittedAt)
            .ToList();
        return new PageResult<CameraRequestsPage>(new Dictionary<string, object?>
        {
            [nameof(CameraRequestsPage.Rows)] = rows,
            [nameof(CameraRequestsPage.Now)] = time.GetUtcNow(),
        });
    }

    private async Task<IResult> OneAsync(RequestContext c, Dictionary<string, string[]>? errors, Dictionary<string, string?>? values, (string Message, int Status)? refusal)
    {
        if (await store.GetRequestAsync(c.Route("id"), c.Aborted) is not var (request, _) || await store.GetSiteAsync(request.SiteId, c.Aborted) is not { } site)
        {
            return PageResult.NotFound();
        }

        var tokens = antiforgery.GetAndStoreTokens(c.Request.HttpContext);
        var status = errors is { Count: > 0 } ? StatusCodes.Status400BadRequest : refusal?.Status ?? StatusCodes.Status200OK;
        return new PageResult<CameraRequestPage>(new Dictionary<string, object?>
        {
            [nameof(CameraRequestPage.Request)] = request,
            [nameof(CameraRequestPage.Site)] = site,
            [nameof(CameraRequestPage.MayDecide)] = deciders.MayDecide(c.Staff, site.UnitId),
            [nameof(CameraRequestPage.Now)] = time.GetUtcNow(),
            [nameof(CameraRequestPage.Token)] = tokens.RequestToken ?? "",
            [nameof(CameraRequestPage.TokenField)] = tokens.FormFieldName,
            [nameof(CameraRequestPage.Errors)] = errors ?? [],
            [nameof(CameraRequestPage.Values)] = values ?? [],
            [nameof(CameraRequestPage.Notice)] = c.Request.Query.ContainsKey("beslutat") ? "Beslutet är registrerat." : null,
            [nameof(CameraRequestPage.Error)] = refusal?.Message,
        }, status);
    }

    /// <summary>
    /// The decision form, decided by <see cref="CameraRequests.DecideAsync"/>: POST-redirect-GET back to the request's page, or
    /// the page again with what was typed and the field errors (400) or the refusal (409); 403 and 404 as their pages.
    /// </summary>
    private Task<IResult> DecideAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var reader = new CameraFormReader(form, "", SwedishTime.Today(time));
        var input = reader.Decision();
        if (reader.Errors.Count > 0)
        {
            return await OneAsync(c, reader.Errors, reader.Values, null);
        }

        var result = await requests.DecideAsync(c.Route("id"), input, c.Staff, c.Durable, c.Aborted);
        return result.Status switch
        {
            ResultStatus.Ok => StaffForms.SeeOther($"/staff/camera-requests/{result.Value!.Id}?beslutat=1"),
            ResultStatus.NotFound => PageResult.NotFound(),
            ResultStatus.Forbidden => StaffPageAnswers.Forbidden(result.Message!),
            ResultStatus.Invalid => await OneAsync(c, new(result.Errors!), reader.Values, null),
            _ => await OneAsync(c, null, reader.Values, (result.Message!, StatusCodes.Status409Conflict)),
        };
    }, MaxFormBytes);

    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        if (await store.GetRequestAsync(c.Route("id"), c.Aborted) is not var (request, _) || request.AssessmentDocumentId is not { } documentId
            || await documents.GetAsync(documentId, c.Aborted) is not { } document)
        {
            return PageResult.NotFound();
        }

        return await documentAccess.MayReadAsync(c.Staff, document, c.Aborted)
            ? DocumentRoutes.Download(await documents.OpenFileAsync(document, c.Aborted))
            : StaffPageAnswers.Forbidden("Du har inte behörighet till dokumentet.");
    }
}
