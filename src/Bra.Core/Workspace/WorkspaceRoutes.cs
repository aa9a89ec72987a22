using Microsoft.AspNetCore.Http;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Footage;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.Time;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;

namespace Bra.Core.Workspace;

/// <summary>
/// The doors of the staff workspace: the public start page, the signed-in person's start page and signing out.
/// The start page's template matches only the empty path: an Azure Functions HTTP trigger cannot have an empty route
/// (the host then uses the function's name), so an optional parameter that must be empty stands for it, in both hosts.
/// </summary>
public sealed class WorkspaceRoutes(
    CameraStore cameras, CameraDecisionMakers decisionMakers, ConsultationStatus consultations, FootageStore footage, FootageGrants grants,
    StaffAuthenticator authenticator, IAntiforgery antiforgery, IOptions<CamerasOptions> cameraOptions, TimeProvider time) : IRouteSource
{
    public const string StartTemplate = "{empty:maxlength(0)?}";

    public IEnumerable<AppRoute> Routes =>
    [
        new("StartPage", "GET", StartTemplate, Access.Public,
            _ => Task.FromResult<IResult>(new PageResult<StartPage>())) { Response = ResponsePolicy.Public(TimeSpan.FromMinutes(5)) },
        new("StaffStartPage", "GET", "staff", Access.Staff, StaffStartAsync) { Navigation = new(10, "Översikt") },
        // Anonymous, so that a person whose sign-in has expired can still sign out; the anti-forgery token keeps a
        // foreign page from signing anyone out.
        new("SignOut", "POST", "staff/logout", Access.Public, SignOutAsync),
    ];

    private async Task<IResult> SignOutAsync(RequestContext c)
    {
        if (!c.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(c.Request.HttpContext))
        {
            return StaffPageAnswers.FormRefused();
        }

        if (authenticator.Mode == AuthMode.Development)
        {
            c.Request.HttpContext.Response.Cookies.Delete(DevelopmentTokens.CookieName, new CookieOptions { Path = "/", HttpOnly = true, SameSite = SameSiteMode.Strict });
        }

        return new StaffPageAnswers.Redirect(authenticator.SignOutLocation(), StatusCodes.Status303SeeOther);
    }

    private async Task<IResult> StaffStartAsync(RequestContext c)
    {
        var user = c.Staff;
        var admin = user.IsInRole(StaffRoles.Administrator);
        var readsRegister = admin || user.IsInRole(StaffRoles.DataProtectionOfficer);
        var today = SwedishTime.Today(time);
        var sites = (await cameras.ListSitesAsync(c.Aborted)).ToDictionary(s => s.Id);
        var pending = (await cameras.ListRequestsAsync(c.Aborted)).Where(r => r.State == RequestState.Submitted).ToList();

        var decisions = pending
            .Where(r => sites.TryGetValue(r.SiteId, out var site) && decisionMakers.MayDecide(user, site.UnitId))
            .OrderBy(r => r.SubmittedAt ?? r.CreatedAt)
            .Select(r => new StaffStartPage.Decision(r, sites[r.SiteId].Name, CameraStatus.SubmittedText(r.SubmittedAt ?? r.CreatedAt, time.GetUtcNow())))
            .ToList();

        var attention = readsRegister
            ? sites.Values
                .Select(s => (Site: s, Status: CameraStatus.Of(s, pending.Where(r => r.SiteId == s.Id).ToList(), today, cameraOptions.Value.SignageCheckInterval)))
                .Where(x => x.Status.Light is StatusLight.Red or StatusLight.Yellow)
                .OrderBy(x => x.Status.Light == StatusLight.Red ? 0 : 1).ThenBy(x => x.Site.Name, StringComparer.Ordinal)
                .Select(x => new StaffStartPage.Attention(x.Site, x.Status))
                .ToList()
            : [];

        var open = admin
            ? (await consultations.ListAsync(withConsultees: false, c.Aborted, c.Durable))
                .Where(v => v.State is ConsultationState.Open or ConsultationState.Failed).OrderBy(v => v.Deadline).ToList()
            : [];

        var footageSites = new List<StaffStartPage.FootageSite>();
        foreach (var grant in await footage.ListGrantsOfPersonAsync(user.Person.Id, c.Aborted))
        {
            if (sites.TryGetValue(grant.SiteId, out var site) && await grants.ViewAsync(site, grant, c.Aborted) is { Valid: true } view)
            {
                footageSites.Add(new(site.Id, site.Name, view.ValidUntil));
            }
        }

        return new PageResult<StaffStartPage>(new Dictionary<string, object?>
        {
            [nameof(StaffStartPage.User)] = user,
            [nameof(StaffStartPage.Consultations)] = open,
            [nameof(StaffStartPage.Decisions)] = decisions,
            [nameof(StaffStartPage.Sites)] = attention,
            [nameof(StaffStartPage.Footage)] = footageSites,
            [nameof(StaffStartPage.ShowsConsultations)] = admin,
            [nameof(StaffStartPage.ShowsSites)] = readsRegister,
        });
    }
}
