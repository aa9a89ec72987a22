using Bra.Core.Time;
using Microsoft.AspNetCore.Http;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Pages;

namespace Bra.Core.Cameras;

/// <summary>The change-request forms of a site's page: create a request (with its assessment), submit it, withdraw it.</summary>
public sealed partial class CameraPageRoutes
{
    private Task<IResult> CreateRequestAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        if (await store.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return PageResult.NotFound();
        }

        const string heading = "Ärendet kunde inte skapas";
        var reader = new CameraFormReader(form, "request-", SwedishTime.Today(time));
        var input = reader.Request();
        var file = await UploadFormReader.ReadAsync(form, "assessment", c.Aborted);
        var checks = CameraForm.RequestFields(await validator.ValidateRequestAsync(input, site, c.Aborted));
        if (await UploadCheckedAsync(c, reader, checks, file, "request-assessment") is { } documentId)
        {
            input = input with { AssessmentDocumentId = documentId };
        }

        if (reader.Errors.Count > 0)
        {
            return await SiteAsync(c, new Failure(new CameraForm(reader.Values, reader.Errors), heading, null, StatusCodes.Status400BadRequest));
        }

        return await SiteAnswerAsync(c, await requests.CreateAsync(site.Id, input, c.Staff, c.Aborted), site.Id, "arende-skapat", heading, reader.Values,
            CameraForm.RequestField);
    }, UploadFormLimit);

    /// <summary>"Skicka in" and "Återkalla" on a request of the site's page; both come back to the site.</summary>
    private Task<IResult> RequestActionAsync(RequestContext c, bool submit) => forms.HandleAsync(c, async _ =>
    {
        if (await store.GetRequestAsync(c.Route("id"), c.Aborted) is not var (request, _))
        {
            return PageResult.NotFound();
        }

        var result = submit
            ? await requests.SubmitAsync(request.Id, c.Durable, c.Aborted)
            : await requests.WithdrawAsync(request.Id, c.Durable, c.Aborted);

        // The request's site page shows the refusal (the route's id is the request's, the page's the site's).
        return await SiteAnswerAsync(c with { RouteValues = new() { ["id"] = request.SiteId } }, result, request.SiteId,
            submit ? "arende-inskickat" : "arende-aterkallat", submit ? "Ärendet kunde inte skickas in" : "Ärendet kunde inte återkallas", values: null);
    });
}
