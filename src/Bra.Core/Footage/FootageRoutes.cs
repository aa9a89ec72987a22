using Microsoft.AspNetCore.Http;
using Bra.Core.Http;

namespace Bra.Core.Footage;

/// <summary>
/// Footage access over HTTP: grants, the access log (entries, disclosures, reading, CSV, verification, anchoring).
/// Every route is for signed-in staff; who may do what on which site is decided by the services from the grants and the
/// people register at the moment of the request.
/// </summary>
public sealed class FootageRoutes(FootageGrants grants, FootageUse use, AccessLog log, AccessLogReading reading) : IRouteSource
{
    public IEnumerable<AppRoute> Routes =>
    [
        new("CreateFootageGrant", "POST", "api/camera-sites/{id}/grants", Access.Staff, CreateGrantAsync) { Body = typeof(GrantInput), Returns = typeof(GrantView), Success = 201, ProblemStatuses = [409] },
        new("ListFootageGrants", "GET", "api/camera-sites/{id}/grants", Access.Staff, ListGrantsAsync) { Returns = typeof(IReadOnlyList<GrantView>) },
        new("RevokeFootageGrant", "DELETE", "api/camera-sites/{id}/grants/{grantId}", Access.Staff, RevokeGrantAsync) { Body = typeof(RevokeInput), Returns = typeof(GrantView), ProblemStatuses = [409] },
        new("AppendFootageAccess", "POST", "api/camera-sites/{id}/access-log", Access.Staff, AppendAccessAsync) { Body = typeof(AccessInput), Returns = typeof(AccessLogEntry), Success = 201, ProblemStatuses = [409] },
        new("RecordFootageDisclosure", "POST", "api/camera-sites/{id}/disclosures", Access.Staff, RecordDisclosureAsync) { Body = typeof(DisclosureInput), Returns = typeof(AccessLogEntry), Success = 201, ProblemStatuses = [409] },
        new("ListFootageAccessLog", "GET", "api/camera-sites/{id}/access-log", Access.Staff, ListAsync) { Query = ["format", "from", "limit"], Returns = typeof(AccessLogPage), Produces = [Csv.SpreadsheetCsv.ContentType] },
        new("VerifyFootageAccessLog", "GET", "api/camera-sites/{id}/access-log/verify", Access.Staff, VerifyAsync) { Query = ["full"], Returns = typeof(ChainVerification) },
        new("AnchorFootageAccessLog", "POST", "api/camera-sites/{id}/access-log/anchor", Access.AdministratorOrDataProtectionOfficer, AnchorAsync) { Returns = typeof(AnchorOutcome), ProblemStatuses = [409] },
    ];

    private Task<IResult> CreateGrantAsync(RequestContext c) => JsonBody.HandleAsync<GrantInput>(c.Request, async input =>
        ApiAnswer.From(await grants.CreateAsync(c.Route("id"), input, c.Staff, c.Aborted, c.Durable), g => TypedResults.Created($"/api/camera-sites/{g.SiteId}/grants/{g.Id}", g)));

    private async Task<IResult> ListGrantsAsync(RequestContext c) =>
        await grants.ListAsync(c.Route("id"), c.Staff, c.Aborted) is { } views ? TypedResults.Ok(views) : Problems.NotFound(FootageGrants.SiteNotFound);

    private Task<IResult> RevokeGrantAsync(RequestContext c) => JsonBody.HandleAsync<RevokeInput>(c.Request, async input =>
        ApiAnswer.From(await grants.RevokeAsync(c.Route("id"), c.Route("grantId"), input, c.Staff, c.Aborted), TypedResults.Ok));

    /// <summary>The body is read only for a caller allowed at the site (a refusal is logged before any input is looked at).</summary>
    private async Task<IResult> AppendAccessAsync(RequestContext c)
    {
        var allowed = await use.AuthorizeAccessAsync(c.Route("id"), c.Staff, c.Aborted);
        return allowed.Value is { } site
            ? await JsonBody.HandleAsync<AccessInput>(c.Request, async input => ApiAnswer.From(await use.RecordAccessAsync(site, input, c.Staff, c.Aborted), Created))
            : Refused(allowed);
    }

    private async Task<IResult> RecordDisclosureAsync(RequestContext c)
    {
        var allowed = await use.AuthorizeDisclosureAsync(c.Route("id"), c.Staff, c.Aborted);
        return allowed.Value is { } site
            ? await JsonBody.HandleAsync<DisclosureInput>(c.Request, async input => ApiAnswer.From(await use.RecordDisclosureAsync(site, input, c.Staff, c.Aborted), Created))
            : Refused(allowed);
    }

    /// <summary>Incremental from the last checkpoint; <c>?full=true</c> reads every entry from the first.</summary>
    private async Task<IResult> VerifyAsync(RequestContext c)
    {
        var allowed = await use.AuthorizeVerifyAsync(c.Route("id"), c.Staff, c.Aborted);
        return allowed.Value is { } site ? TypedResults.Ok(await log.VerifyAsync(site.Id, Full(c), c.Aborted)) : Refused(allowed);
    }

    public static bool Full(RequestContext c) => string.Equals(c.Request.Query["full"], "true", StringComparison.OrdinalIgnoreCase);

    private async Task<IResult> AnchorAsync(RequestContext c)
    {
        var allowed = await use.AuthorizeVerifyAsync(c.Route("id"), c.Staff, c.Aborted);
        return allowed.Value is { } site ? ApiAnswer.From(await log.AnchorAsync(site.Id, c.Aborted), TypedResults.Ok) : Refused(allowed);
    }

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var query = c.Request.Query;
        var result = await reading.ReadAsync(c.Route("id"), new AccessLogQuery(query["format"], query["from"], query["limit"]), c.Staff, c.Aborted);
        return ApiAnswer.From(result, read => read.Csv is { } csv
            ? TypedResults.File(csv, Csv.SpreadsheetCsv.ContentType, read.FileName)
            : TypedResults.Ok(read.Page));
    }

    /// <summary>A refused authorization (404, 403) as the API answers every failed write.</summary>
    private static IResult Refused(Result<Cameras.CameraSite> refusal) => ApiAnswer.From(refusal, _ => Results.Empty);

    private static IResult Created(AccessLogEntry e) => TypedResults.Created($"/api/camera-sites/{e.SiteId}/access-log?from={e.Sequence}&limit=1", e);
}
