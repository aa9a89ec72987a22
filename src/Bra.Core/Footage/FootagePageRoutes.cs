using Microsoft.AspNetCore.Http;
using System.Globalization;
using Bra.Core.Cameras;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.Time;
using Microsoft.AspNetCore.Antiforgery;

namespace Bra.Core.Footage;

/// <summary>
/// The footage pages of the staff workspace (server-rendered, no script): my sites, one site with the form to log an
/// access (anti-forgery token, POST-redirect-GET, Swedish error summary), and the data protection officer's audit page.
/// </summary>
public sealed class FootagePageRoutes(CameraStore cameras, FootageStore store, FootageGrants grants, FootageUse use, AccessLog log,
    FootageEntitlement entitlement, FootageOverview overview, IAntiforgery antiforgery, StaffForms forms, TimeProvider time) : IRouteSource
{
    public const long MaxFormBytes = 64 * 1024;
    private const int RecentCount = 10;
    private const int AuditDenialRows = 100;

    public IEnumerable<AppRoute> Routes =>
    [
        new("FootagePage", "GET", "staff/footage", Access.Staff, MyFootageAsync) { Navigation = new(60, "Kamerabilder") },
        new("FootageSitePage", "GET", "staff/footage/{siteId}", Access.Staff, SiteVisitAsync),
        new("LogFootageAccessForm", "POST", "staff/footage/{siteId}", Access.Staff, LogAccessAsync),
        new("RecordDisclosureForm", "POST", "staff/footage/{siteId}/disclosure", Access.Staff, DiscloseAsync),
        new("FootageAuditPage", "GET", "staff/audit", Access.DataProtectionOfficer, AuditAsync) { Navigation = new(70, "Granskning") },
        new("SiteGrantsPage", "GET", "staff/cameras/{id}/grants", Access.Staff, c => GrantsPageAsync(c, null, null, StatusCodes.Status200OK)),
        new("GrantFootageForm", "POST", "staff/cameras/{id}/grants", Access.Staff, GrantAsync),
        new("RevokeFootageGrantForm", "POST", "staff/cameras/{id}/grants/{grantId}/revoke", Access.Staff, RevokeAsync),
    ];

    private async Task<IResult> MyFootageAsync(RequestContext c)
    {
        var rows = await overview.GrantsOfPersonAsync(c.Staff.Person.Id, c.Aborted);
        return new PageResult<FootagePage>(new Dictionary<string, object?>
        {
            [nameof(FootagePage.Valid)] = rows.Where(r => r.Grant.Valid).ToList(),
            [nameof(FootagePage.Ended)] = rows.Where(r => !r.Grant.Valid).ToList(),
        });
    }

    /// <summary>The site's page; a visit by someone without a valid grant is a refused view of the site's footage and is logged as one.</summary>
    private async Task<IResult> SiteVisitAsync(RequestContext c)
    {
        if (await cameras.GetSiteAsync(c.Route("siteId"), c.Aborted) is { } site
            && await grants.ValidGrantAsync(site, c.Staff.Person.Id, c.Aborted) is { Grant: null, Reason: var reason })
        {
            await log.DenyAsync(site.Id, c.Staff, "view-page", reason, c.Aborted);
        }

        return await SitePageAsync(c, null, null);
    }

    private async Task<IResult> SitePageAsync(RequestContext c, (IReadOnlyDictionary<string, string[]> Errors, Dictionary<string, string?> Values, List<string> Cameras)? form,
        string? refusal)
    {
        if (await cameras.GetSiteAsync(c.Route("siteId"), c.Aborted) is not { } site)
        {
            return PageResult.NotFound();
        }

        var (grant, reason) = await grants.ValidGrantAsync(site, c.Staff.Person.Id, c.Aborted);
        var tokens = antiforgery.GetAndStoreTokens(c.Request.HttpContext);
        var status = refusal is not null ? StatusCodes.Status403Forbidden : form is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return new PageResult<FootageSitePage>(new Dictionary<string, object?>
        {
            [nameof(FootageSitePage.Site)] = site,
            [nameof(FootageSitePage.Grant)] = grant,
            [nameof(FootageSitePage.Reason)] = refusal ?? reason,
            [nameof(FootageSitePage.Recent)] = await store.RecentOfPersonAsync(site.Id, c.Staff.Person.Id, RecentCount, c.Aborted),
            [nameof(FootageSitePage.Token)] = tokens.RequestToken,
            [nameof(FootageSitePage.TokenField)] = tokens.FormFieldName,
            [nameof(FootageSitePage.Logged)] = long.TryParse(c.Request.Query["loggad"], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null,
            [nameof(FootageSitePage.Errors)] = form?.Errors ?? new Dictionary<string, string[]>(),
            [nameof(FootageSitePage.Values)] = form?.Values ?? new Dictionary<string, string?> { ["action"] = "view" },
            [nameof(FootageSitePage.CheckedCameras)] = form?.Cameras ?? [],
            [nameof(FootageSitePage.MayDisclose)] = await entitlement.IsPrincipalOrManagerAsync(site, c.Staff.Person.Id, c.Aborted),
        }, status);
    }

    private Task<IResult> LogAccessAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var authorized = await use.AuthorizeAccessAsync(c.Route("siteId"), c.Staff, c.Aborted);
        if (!authorized.Succeeded)
        {
            return await RefusedAsync(c, authorized);
        }

        var values = new Dictionary<string, string?>
        {
            ["footageFrom"] = form["footageFrom"], ["footageTo"] = form["footageTo"], ["action"] = form["action"],
            ["purpose"] = form["purpose"], ["incidentRef"] = form["incidentRef"],
        };
        var chosen = form["cameraIds"].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList();
        var input = new AccessInput(chosen, Local(values["footageFrom"]), Local(values["footageTo"]),
            values["action"] switch { "view" => AccessKind.View, "export" => AccessKind.Export, _ => null }, values["purpose"], values["incidentRef"]);
        var result = await use.RecordAccessAsync(authorized.Value!, input, c.Staff, c.Aborted);
        return result.Errors is { } errors
            ? await SitePageAsync(c, (errors, values, chosen), null)
            : TypedResults.Redirect($"/staff/footage/{authorized.Value!.Id}?loggad={result.Value!.Sequence}", permanent: false, preserveMethod: false);
    }, MaxFormBytes);

    private Task<IResult> DiscloseAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var authorized = await use.AuthorizeDisclosureAsync(c.Route("siteId"), c.Staff, c.Aborted);
        if (!authorized.Succeeded)
        {
            return await RefusedAsync(c, authorized);
        }

        string[] fields = ["policeCaseNumber", "requestingAuthority", "requestingOfficer", "footageFrom", "footageTo", "legalGround", "handedOverAt", "handoverMethod"];
        var values = fields.ToDictionary(f => "d-" + f, f => (string?)form["d-" + f].ToString());
        var input = new DisclosureInput(values["d-policeCaseNumber"], values["d-requestingAuthority"], values["d-requestingOfficer"], null,
            Local(values["d-footageFrom"]), Local(values["d-footageTo"]), values["d-legalGround"], Local(values["d-handedOverAt"]), values["d-handoverMethod"]);
        var result = await use.RecordDisclosureAsync(authorized.Value!, input, c.Staff, c.Aborted);
        return result.Errors is { } errors
            ? await SitePageAsync(c, (errors.ToDictionary(e => "d-" + e.Key, e => e.Value), values, []), null)
            : TypedResults.Redirect($"/staff/footage/{authorized.Value!.Id}?loggad={result.Value!.Sequence}");
    }, MaxFormBytes);

    private async Task<IResult> GrantsPageAsync(RequestContext c, IReadOnlyDictionary<string, string[]>? errors, string? notice, int status)
    {
        if (await cameras.GetSiteAsync(c.Route("id"), c.Aborted) is not { } site)
        {
            return PageResult.NotFound();
        }

        var list = await grants.ListAsync(site.Id, c.Staff, c.Aborted);
        var (eligible, policy) = await entitlement.EligibleAsync(site, c.Aborted);
        var tokens = antiforgery.GetAndStoreTokens(c.Request.HttpContext);
        return new PageResult<SiteGrantsPage>(new Dictionary<string, object?>
        {
            [nameof(SiteGrantsPage.Site)] = site,
            [nameof(SiteGrantsPage.Grants)] = list ?? [],
            [nameof(SiteGrantsPage.Eligible)] = eligible,
            [nameof(SiteGrantsPage.PolicyText)] = policy,
            [nameof(SiteGrantsPage.MayManage)] = await entitlement.MayManageGrantsAsync(site, c.Staff, c.Aborted),
            [nameof(SiteGrantsPage.Token)] = tokens.RequestToken,
            [nameof(SiteGrantsPage.TokenField)] = tokens.FormFieldName,
            [nameof(SiteGrantsPage.Notice)] = notice ?? (c.Request.Query.ContainsKey("sparad") ? "Ändringen är sparad." : null),
            [nameof(SiteGrantsPage.Errors)] = errors ?? new Dictionary<string, string[]>(),
        }, status);
    }

    private Task<IResult> GrantAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var until = DateInput.Read(form["validUntil"]);
        if (until.Problem is not null)
        {
            return await GrantsAnswerAsync(c, Result<GrantView>.Invalid(new Dictionary<string, string[]>
            {
                ["validUntil"] = [DateInput.Error("Gäller till och med", until, SwedishTime.Today(time))],
            }), field => field);
        }

        var result = await grants.CreateAsync(c.Route("id"), new GrantInput(form["personId"], until.Date), c.Staff, c.Aborted, c.Durable);
        return await GrantsAnswerAsync(c, result, field => field);
    }, MaxFormBytes);

    private Task<IResult> RevokeAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var grantId = c.Route("grantId");
        var result = await grants.RevokeAsync(c.Route("id"), grantId, new RevokeInput(form["reason"]), c.Staff, c.Aborted);
        return await GrantsAnswerAsync(c, result, field => field == "reason" ? $"reason-{grantId}" : field);
    }, MaxFormBytes);

    /// <summary>Success: back to the grants page with a notice. Otherwise the page again: field errors (400), or the refusal (403, 409) at the person field.</summary>
    private Task<IResult> GrantsAnswerAsync(RequestContext c, Result<GrantView> result, Func<string, string> field) =>
        FormAnswer.FromAsync(result, _ => TypedResults.Redirect($"/staff/cameras/{c.Route("id")}/grants?sparad=1"), refusal =>
            GrantsPageAsync(c, refusal.Message is { } message
                ? new Dictionary<string, string[]> { ["personId"] = [message] }
                : refusal.Errors.ToDictionary(e => field(e.Key), e => e.Value), null, refusal.Status));

    /// <summary>A use of the site's footage that was refused before the form was read: the 404 page, or the site's page with the reason (403).</summary>
    private async Task<IResult> RefusedAsync(RequestContext c, Result<CameraSite> authorization) =>
        authorization.Status == ResultStatus.NotFound ? PageResult.NotFound() : await SitePageAsync(c, null, authorization.Message);

    private async Task<IResult> AuditAsync(RequestContext c)
    {
        var rows = new List<AuditPage.Row>();
        var denials = new List<(string Site, DenialWindow Window)>();
        var full = FootageRoutes.Full(c);
        foreach (var site in await cameras.ListSitesAsync(c.Aborted))
        {
            rows.Add(new(site.Id, site.Name, await log.VerifyAsync(site.Id, full, c.Aborted)));
            denials.AddRange((await store.DenialWindowsAsync(site.Id, c.Aborted)).Select(w => (site.Name, w.Value)));
        }

        return new PageResult<AuditPage>(new Dictionary<string, object?>
        {
            [nameof(AuditPage.Sites)] = rows,
            [nameof(AuditPage.Full)] = full,
            [nameof(AuditPage.Denials)] = denials.OrderByDescending(d => d.Window.LastAt).Take(AuditDenialRows).ToList(),
        });
    }

    /// <summary>A <c>datetime-local</c> value (Swedish wall-clock time) as an instant; null when it is not one.</summary>
    private static DateTimeOffset? Local(string? value) =>
        DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? SwedishTime.At(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local))
            : null;
}
