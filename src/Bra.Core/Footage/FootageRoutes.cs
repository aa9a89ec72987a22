using Microsoft.AspNetCore.Http;
using System.Globalization;
using Bra.Core.Http;
using Bra.Core.Time;

namespace Bra.Core.Footage;

/// <summary>
/// Footage access over HTTP: grants, the access log (entries, disclosures, reading, CSV, verification, anchoring).
/// Every route is for signed-in staff; who may do what on which site is decided by the services from the grants and the
/// people register at the moment of the request.
/// </summary>
public sealed class FootageRoutes(FootageGrants grants, FootageUse use, AccessLog log, FootageStore store, TimeProvider time) : IRouteSource
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public IEnumerable<AppRoute> Routes =>
    [
        new("CreateFootageGrant", "POST", "api/camera-sites/{id}/grants", Access.Staff, c => JsonBody.HandleAsync<GrantInput>(c.Request, async input =>
            ApiAnswer.From(await grants.CreateAsync(c.Route("id"), input, c.Staff, c.Aborted), g => TypedResults.Created($"/api/camera-sites/{g.SiteId}/grants/{g.Id}", g)))) { Body = typeof(GrantInput), Returns = typeof(GrantView), Success = 201, ProblemStatuses = [409] },
        new("ListFootageGrants", "GET", "api/camera-sites/{id}/grants", Access.Staff, async c =>
            await grants.ListAsync(c.Route("id"), c.Staff, c.Aborted) is { } views ? TypedResults.Ok(views) : Problems.NotFound(FootageGrants.SiteNotFound)) { Returns = typeof(IReadOnlyList<GrantView>) },
        new("RevokeFootageGrant", "DELETE", "api/camera-sites/{id}/grants/{grantId}", Access.Staff, c => JsonBody.HandleAsync<RevokeInput>(c.Request, async input =>
            ApiAnswer.From(await grants.RevokeAsync(c.Route("id"), c.Route("grantId"), input, c.Staff, c.Aborted), TypedResults.Ok))) { Body = typeof(RevokeInput), Returns = typeof(GrantView), ProblemStatuses = [409] },
        new("AppendFootageAccess", "POST", "api/camera-sites/{id}/access-log", Access.Staff, async c =>
            await Authorized(await use.AuthorizeAccessAsync(c.Route("id"), c.Staff, c.Aborted), site => JsonBody.HandleAsync<AccessInput>(c.Request, async input =>
                ApiAnswer.From(await use.RecordAccessAsync(site, input, c.Staff, c.Aborted), Created)))) { Body = typeof(AccessInput), Returns = typeof(AccessLogEntry), Success = 201, ProblemStatuses = [409] },
        new("RecordFootageDisclosure", "POST", "api/camera-sites/{id}/disclosures", Access.Staff, async c =>
            await Authorized(await use.AuthorizeDisclosureAsync(c.Route("id"), c.Staff, c.Aborted), site => JsonBody.HandleAsync<DisclosureInput>(c.Request, async input =>
                ApiAnswer.From(await use.RecordDisclosureAsync(site, input, c.Staff, c.Aborted), Created)))) { Body = typeof(DisclosureInput), Returns = typeof(AccessLogEntry), Success = 201, ProblemStatuses = [409] },
        new("ListFootageAccessLog", "GET", "api/camera-sites/{id}/access-log", Access.Staff, ListAsync) { Query = ["format", "from", "limit"], Returns = typeof(AccessLogPage), Produces = [Csv.SpreadsheetCsv.ContentType] },
        new("VerifyFootageAccessLog", "GET", "api/camera-sites/{id}/access-log/verify", Access.Staff, async c =>
            await Authorized(await use.AuthorizeVerifyAsync(c.Route("id"), c.Staff, c.Aborted), async site =>
                TypedResults.Ok(await log.VerifyAsync(site.Id, c.Aborted)))) { Returns = typeof(ChainVerification) },
        new("AnchorFootageAccessLog", "POST", "api/camera-sites/{id}/access-log/anchor", Access.AdministratorOrDataProtectionOfficer, async c =>
            await Authorized(await use.AuthorizeVerifyAsync(c.Route("id"), c.Staff, c.Aborted), async site =>
                ApiAnswer.From(await log.AnchorAsync(site.Id, c.Aborted), TypedResults.Ok))) { Returns = typeof(AnchorOutcome), ProblemStatuses = [409] },
    ];

    private static IResult Created(AccessLogEntry e) => TypedResults.Created($"/api/camera-sites/{e.SiteId}/access-log?from={e.Sequence}&limit=1", e);

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var query = c.Request.Query;
        var format = query["format"].ToString();
        if (format is not ("" or "json") && !format.Equals("csv", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Validation("format", "Ange format=csv eller format=json (eller inget format).");
        }

        var from = 1L;
        if (query["from"].ToString() is { Length: > 0 } fromText && (!long.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out from) || from < 1))
        {
            return Problems.Validation("from", "Ange from som ett heltal från 1 (numret på den första posten du vill se).");
        }

        var limit = DefaultPageSize;
        if (query["limit"].ToString() is { Length: > 0 } limitText
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxPageSize))
        {
            return Problems.Validation("limit", $"Ange limit som ett heltal mellan 1 och {MaxPageSize}.");
        }

        return await Authorized(await use.AuthorizeReadAsync(c.Route("id"), c.Staff, c.Aborted), async site =>
        {
            if (format.Length == 0 || format == "json")
            {
                return TypedResults.Ok(await store.PageAsync(site.Id, from, limit, c.Aborted));
            }

            var entries = new List<AccessLogEntry>();
            await foreach (var (_, entry) in store.ReadAsync(site.Id, 1, c.Aborted))
            {
                if (entry is not null)
                {
                    entries.Add(entry);
                }
            }

            return TypedResults.File(AccessLogCsv.Write(entries), Csv.SpreadsheetCsv.ContentType,
                $"åtkomstlogg-{site.Id}-{SwedishTime.Today(time):yyyy-MM-dd}.csv");
        });
    }

    /// <summary>Runs <paramref name="handle"/> with what the caller may act on, or answers the refusal (404, 403) as the API answers every failed write.</summary>
    private static async Task<IResult> Authorized<T>(Result<T> authorization, Func<T, Task<IResult>> handle) =>
        authorization.Succeeded ? await handle(authorization.Value!) : ApiAnswer.From(authorization, _ => Results.Empty);
}
