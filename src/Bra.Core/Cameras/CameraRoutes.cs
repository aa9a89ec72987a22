using Microsoft.AspNetCore.Http;
using Bra.Core.Csv;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.People;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's API (its staff pages and forms are <see cref="CameraPageRoutes"/>). Only administrators change the register; administrators and the data
/// protection officer (who audits camera surveillance) read it; a decision may also come from the unit's decision-maker.
/// The staff pages are served at <c>/staff/cameras</c>, not the issue's <c>/admin/cameras</c>: the Azure Functions host
/// reserves every route that starts with <c>admin</c> for its own admin API and refuses such HTTP triggers.
/// </summary>
public sealed class CameraRoutes(CameraStore store, CameraSites sites, CameraRequests requests, PeopleStore people,
    TimeProvider time) : IRouteSource
{
    private const Access Readers = Access.AdministratorOrDataProtectionOfficer;

    /// <summary>
    /// A site with its cameras (a PUT may send back the site it read): <see cref="CameraValidator.MaxCameras"/> cameras
    /// at every text maximum, each character sent as <c>\uXXXX</c>.
    /// </summary>
    private const long SiteBodyLimit = 1024 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("ListCameraSites", "GET", "api/camera-sites", Readers, async c => TypedResults.Ok(await store.ListSitesAsync(c.Aborted))) { Returns = typeof(IReadOnlyList<CameraSite>) },
        new("CreateCameraSite", "POST", "api/camera-sites", Access.Administrator,
            c => WithBody<SiteInput>(c, async input => ApiAnswer.From(await sites.CreateAsync(input, c.Staff, c.Aborted),
                site => TypedResults.Created($"/api/camera-sites/{site.Id}", site)), SiteBodyLimit)) { Body = typeof(SiteInput), Returns = typeof(CameraSite), Success = 201, ProblemStatuses = [409] },
        new("GetCameraSite", "GET", "api/camera-sites/{id}", Readers, async c =>
            await store.GetSiteAsync(c.Route("id"), c.Aborted) is { } s ? TypedResults.Ok(s) : Problems.NotFound("Kameraplatsen finns inte.")) { Returns = typeof(CameraSite) },
        new("UpdateCameraSite", "PUT", "api/camera-sites/{id}", Access.Administrator,
            c => WithBody<SiteInput>(c, async input => ApiAnswer.From(await sites.UpdateAsync(c.Route("id"), input, c.Staff, c.Aborted), TypedResults.Ok),
                SiteBodyLimit)) { Body = typeof(SiteInput), Returns = typeof(CameraSite), ProblemStatuses = [409] },
        new("AddCamera", "POST", "api/camera-sites/{id}/cameras", Access.Administrator,
            c => WithBody<CameraInput>(c, async input => ApiAnswer.From(await sites.AddCameraAsync(c.Route("id"), input, c.Staff, c.Aborted),
                camera => TypedResults.Created($"/api/camera-sites/{c.Route("id")}/cameras/{camera.Id}", camera)))) { Body = typeof(CameraInput), Returns = typeof(Camera), Success = 201, ProblemStatuses = [409] },
        new("UpdateCamera", "PUT", "api/camera-sites/{id}/cameras/{cameraId}", Access.Administrator,
            c => WithBody<CameraInput>(c, async input => ApiAnswer.From(await sites.UpdateCameraAsync(c.Route("id"), c.Route("cameraId"), input, c.Staff, c.Aborted),
                TypedResults.Ok))) { Body = typeof(CameraInput), Returns = typeof(Camera), ProblemStatuses = [409] },
        new("DeleteCamera", "DELETE", "api/camera-sites/{id}/cameras/{cameraId}", Access.Administrator,
            async c => ApiAnswer.From(await sites.DeleteCameraAsync(c.Route("id"), c.Route("cameraId"), c.Staff, c.Aborted), _ => TypedResults.NoContent())) { Success = 204, ProblemStatuses = [409] },
        new("GetCameraSiteHistory", "GET", "api/camera-sites/{id}/history", Readers, HistoryAsync) { Returns = typeof(IReadOnlyList<SiteHistoryEntry>) },
        new("GetCameraRegister", "GET", "api/camera-register", Readers, RegisterAsync) { Query = ["format"], Returns = typeof(IReadOnlyList<RegisterEntry>), Produces = [SpreadsheetCsv.ContentType] },
        new("CreateCameraRequest", "POST", "api/camera-sites/{id}/requests", Access.Administrator,
            c => WithBody<RequestInput>(c, async input => ApiAnswer.From(await requests.CreateAsync(c.Route("id"), input, c.Staff, c.Aborted),
                r => TypedResults.Created($"/api/camera-requests/{r.Id}", r)))) { Body = typeof(RequestInput), Returns = typeof(CameraRequest), Success = 201, ProblemStatuses = [409] },
        new("ListCameraRequests", "GET", "api/camera-requests", Readers, ListRequestsAsync) { Query = ["state"], Returns = typeof(IReadOnlyList<CameraRequest>) },
        new("GetCameraRequest", "GET", "api/camera-requests/{id}", Readers, async c =>
            await store.GetRequestAsync(c.Route("id"), c.Aborted) is { } r ? TypedResults.Ok(r.Request) : Problems.NotFound("Ärendet finns inte.")) { Returns = typeof(CameraRequest) },
        new("SubmitCameraRequest", "POST", "api/camera-requests/{id}/submit", Access.Administrator,
            async c => ApiAnswer.From(await requests.SubmitAsync(c.Route("id"), c.Durable, c.Aborted), r => TypedResults.Accepted($"/api/camera-requests/{r.Id}", r))) { Returns = typeof(CameraRequest), Success = 202, ProblemStatuses = [409] },
        new("DecideCameraRequest", "POST", "api/camera-requests/{id}/decision", Access.CameraDecisionMaker,
            c => WithBody<DecisionInput>(c, async input => ApiAnswer.From(await requests.DecideAsync(c.Route("id"), input, c.Staff, c.Durable, c.Aborted),
                TypedResults.Ok))) { Body = typeof(DecisionInput), Returns = typeof(CameraRequest), ProblemStatuses = [409] },
        new("WithdrawCameraRequest", "POST", "api/camera-requests/{id}/withdraw", Access.Administrator,
            async c => ApiAnswer.From(await requests.WithdrawAsync(c.Route("id"), c.Durable, c.Aborted), TypedResults.Ok)) { Returns = typeof(CameraRequest), ProblemStatuses = [409] },
        // The register download for the staff page: the browser's sign-in is honoured under /staff only, not on /api.
        new("CameraRegisterDownload", "GET", "staff/camera-register", Readers, RegisterAsync),
    ];

    private DateOnly Today => SwedishTime.Today(time);

    /// <summary>Reads the JSON body and runs the write; a site that would outgrow its table row is 413 (see <see cref="CameraSites"/>).</summary>
    private static Task<IResult> WithBody<T>(RequestContext c, Func<T, Task<IResult>> handle, long limit = JsonBody.DefaultLimit)
        where T : class => JsonBody.HandleAsync<T>(c.Request, async input =>
        {
            try
            {
                return await handle(input);
            }
            catch (Storage.RecordTooLargeException)
            {
                return TypedResults.Problem(CameraSites.TooLargeText, statusCode: StatusCodes.Status413PayloadTooLarge, title: "För stor post");
            }
        }, limit);

    private async Task<IResult> HistoryAsync(RequestContext c)
    {
        var id = c.Route("id");
        return await store.GetSiteAsync(id, c.Aborted) is null
            ? Problems.NotFound("Kameraplatsen finns inte.")
            : TypedResults.Ok(await store.HistoryAsync(id, c.Aborted));
    }

    private async Task<IResult> RegisterAsync(RequestContext c)
    {
        var units = (await people.ListUnitsAsync(c.Aborted)).ToDictionary(u => u.Id, u => u.Name);
        var entries = CameraRegister.Entries(await store.ListSitesAsync(c.Aborted), units, Today);
        var format = c.Request.Query["format"].ToString();
        if (format.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.File(CameraRegister.Csv(entries), SpreadsheetCsv.ContentType, $"kameraförteckning-{Today:yyyy-MM-dd}.csv");
        }

        return format is "" or "json"
            ? TypedResults.Ok(entries)
            : Problems.Validation("format", "Ange format=csv eller format=json (eller inget format).");
    }

    private async Task<IResult> ListRequestsAsync(RequestContext c)
    {
        var list = await store.ListRequestsAsync(c.Aborted);
        var state = c.Request.Query["state"].ToString();
        if (state.Length == 0)
        {
            return TypedResults.Ok(list);
        }

        if (state == "pending")
        {
            return TypedResults.Ok(list.Where(r => r.State == RequestState.Submitted).ToList());
        }

        return Enum.TryParse<RequestState>(state, ignoreCase: true, out var wanted) && !int.TryParse(state, out _)
            ? TypedResults.Ok(list.Where(r => r.State == wanted).ToList())
            : Problems.Validation("state", "Ange state=pending, draft, submitted, approved, rejected eller withdrawn.");
    }
}
