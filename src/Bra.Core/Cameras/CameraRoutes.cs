using Bra.Core.Csv;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.People;
using Microsoft.Extensions.Options;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's API and pages. Only administrators change the register; administrators and the data
/// protection officer (who audits camera surveillance) read it; a decision may also come from the unit's decision-maker.
/// The staff page is served at <c>/staff/cameras</c>, not the issue's <c>/admin/cameras</c>: the Azure Functions host
/// reserves every route that starts with <c>admin</c> for its own admin API and refuses such HTTP triggers.
/// </summary>
public sealed class CameraRoutes(CameraStore store, CameraSites sites, CameraRequests requests, PeopleStore people,
    IOptions<CamerasOptions> options, TimeProvider time) : IRouteSource
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
            c => WithBody<SiteInput>(c, input => sites.CreateAsync(input, c.Staff, c.Aborted), SiteBodyLimit)) { Body = typeof(SiteInput), Returns = typeof(CameraSite), Success = 201, ProblemStatuses = [409] },
        new("GetCameraSite", "GET", "api/camera-sites/{id}", Readers, async c =>
            await store.GetSiteAsync(c.Route("id"), c.Aborted) is { } s ? TypedResults.Ok(s) : Problems.NotFound("Kameraplatsen finns inte.")) { Returns = typeof(CameraSite) },
        new("UpdateCameraSite", "PUT", "api/camera-sites/{id}", Access.Administrator,
            c => WithBody<SiteInput>(c, input => sites.UpdateAsync(c.Route("id"), input, c.Staff, c.Aborted), SiteBodyLimit)) { Body = typeof(SiteInput), Returns = typeof(CameraSite), ProblemStatuses = [409] },
        new("AddCamera", "POST", "api/camera-sites/{id}/cameras", Access.Administrator,
            c => WithBody<CameraInput>(c, input => sites.AddCameraAsync(c.Route("id"), input, c.Staff, c.Aborted))) { Body = typeof(CameraInput), Returns = typeof(Camera), Success = 201, ProblemStatuses = [409] },
        new("UpdateCamera", "PUT", "api/camera-sites/{id}/cameras/{cameraId}", Access.Administrator,
            c => WithBody<CameraInput>(c, input => sites.UpdateCameraAsync(c.Route("id"), c.Route("cameraId"), input, c.Staff, c.Aborted))) { Body = typeof(CameraInput), Returns = typeof(Camera), ProblemStatuses = [409] },
        new("DeleteCamera", "DELETE", "api/camera-sites/{id}/cameras/{cameraId}", Access.Administrator,
            c => sites.DeleteCameraAsync(c.Route("id"), c.Route("cameraId"), c.Staff, c.Aborted)) { Success = 204, ProblemStatuses = [409] },
        new("GetCameraSiteHistory", "GET", "api/camera-sites/{id}/history", Readers, HistoryAsync) { Returns = typeof(IReadOnlyList<SiteHistoryEntry>) },
        new("GetCameraRegister", "GET", "api/camera-register", Readers, RegisterAsync) { Query = ["format"], Returns = typeof(IReadOnlyList<RegisterEntry>), Produces = [SpreadsheetCsv.ContentType] },
        new("CreateCameraRequest", "POST", "api/camera-sites/{id}/requests", Access.Administrator,
            c => WithBody<RequestInput>(c, input => requests.CreateAsync(c.Route("id"), input, c.Staff, c.Aborted))) { Body = typeof(RequestInput), Returns = typeof(CameraRequest), Success = 201, ProblemStatuses = [409] },
        new("ListCameraRequests", "GET", "api/camera-requests", Readers, ListRequestsAsync) { Query = ["state"], Returns = typeof(IReadOnlyList<CameraRequest>) },
        new("GetCameraRequest", "GET", "api/camera-requests/{id}", Readers, async c =>
            await store.GetRequestAsync(c.Route("id"), c.Aborted) is { } r ? TypedResults.Ok(r.Request) : Problems.NotFound("Ärendet finns inte.")) { Returns = typeof(CameraRequest) },
        new("SubmitCameraRequest", "POST", "api/camera-requests/{id}/submit", Access.Administrator,
            c => requests.SubmitAsync(c.Route("id"), c.Durable, c.Aborted)) { Returns = typeof(CameraRequest), Success = 202, ProblemStatuses = [409] },
        new("DecideCameraRequest", "POST", "api/camera-requests/{id}/decision", Access.Staff,
            c => WithBody<DecisionInput>(c, input => requests.DecideAsync(c.Route("id"), input, c.Staff, c.Durable, c.Aborted))) { Body = typeof(DecisionInput), Returns = typeof(CameraRequest), ProblemStatuses = [409] },
        new("WithdrawCameraRequest", "POST", "api/camera-requests/{id}/withdraw", Access.Administrator,
            c => requests.WithdrawAsync(c.Route("id"), c.Durable, c.Aborted)) { Returns = typeof(CameraRequest), ProblemStatuses = [409] },
        new("CamerasPage", "GET", "staff/cameras", Readers, PageAsync),
        new("CameraSitePage", "GET", "staff/cameras/{id}", Readers, SitePageAsync),
        // The register download for the staff page: the browser's sign-in is honoured under /staff only, not on /api.
        new("CameraRegisterDownload", "GET", "staff/camera-register", Readers, RegisterAsync),
    ];

    private DateOnly Today => SwedishTime.Today(time);

    private static async Task<IResult> WithBody<T>(RequestContext c, Func<T, Task<IResult>> handle, long limit = JsonBody.DefaultLimit)
        where T : class
    {
        var (input, error) = await JsonBody.ReadAsync<T>(c.Request, limit);
        return error ?? await handle(input!);
    }

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

    private async Task<IResult> PageAsync(RequestContext c)
    {
        var all = await store.ListSitesAsync(c.Aborted);
        var pending = (await store.ListRequestsAsync(c.Aborted)).Where(r => r.State == RequestState.Submitted).ToList();
        var units = (await people.ListUnitsAsync(c.Aborted)).ToDictionary(u => u.Id, u => u.Name);
        var rows = all.Select(s =>
        {
            var open = pending.Where(r => r.SiteId == s.Id).ToList();
            return new CamerasPage.Row(s, units.GetValueOrDefault(s.UnitId), CameraStatus.Of(s, open, Today, options.Value.SignageCheckInterval), open);
        }).ToList();
        return new PageResult<CamerasPage>(new Dictionary<string, object?>
        {
            [nameof(CamerasPage.Rows)] = rows,
            [nameof(CamerasPage.Now)] = time.GetUtcNow(),
        });
    }

    private async Task<IResult> SitePageAsync(RequestContext c)
    {
        if (await store.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return new PageResult<CameraSitePage>(new Dictionary<string, object?>(), StatusCodes.Status404NotFound);
        }

        var requestsOfSite = (await store.ListRequestsAsync(c.Aborted)).Where(r => r.SiteId == site.Id).ToList();
        var pending = requestsOfSite.Where(r => r.State == RequestState.Submitted).ToList();
        return new PageResult<CameraSitePage>(new Dictionary<string, object?>
        {
            [nameof(CameraSitePage.Site)] = site,
            [nameof(CameraSitePage.UnitName)] = (await people.GetUnitAsync(site.UnitId, c.Aborted))?.Name,
            [nameof(CameraSitePage.Status)] = CameraStatus.Of(site, pending, Today, options.Value.SignageCheckInterval),
            [nameof(CameraSitePage.Requests)] = requestsOfSite,
            [nameof(CameraSitePage.History)] = await store.HistoryAsync(site.Id, c.Aborted),
        });
    }
}
