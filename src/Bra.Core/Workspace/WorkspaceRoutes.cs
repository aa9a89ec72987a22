using Microsoft.AspNetCore.Http;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Antiforgery;

namespace Bra.Core.Workspace;

/// <summary>
/// The doors of the staff workspace: the public start page, the signed-in person's start page (what
/// <see cref="StaffOverview"/> finds for them) and signing out.
/// The start page's template matches only the empty path: an Azure Functions HTTP trigger cannot have an empty route
/// (the host then uses the function's name), so an optional parameter that must be empty stands for it, in both hosts.
/// </summary>
public sealed class WorkspaceRoutes(
    StaffOverview overview, StaffAuthenticator authenticator, IAntiforgery antiforgery) : IRouteSource
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
        var view = await overview.ForAsync(c.Staff, c.Durable, c.Aborted);
        return new PageResult<StaffStartPage>(new Dictionary<string, object?>
        {
            [nameof(StaffStartPage.User)] = c.Staff,
            [nameof(StaffStartPage.Consultations)] = view.Consultations,
            [nameof(StaffStartPage.Decisions)] = view.Decisions,
            [nameof(StaffStartPage.Sites)] = view.Sites,
            [nameof(StaffStartPage.Footage)] = view.Footage,
            [nameof(StaffStartPage.ShowsConsultations)] = view.ShowsConsultations,
            [nameof(StaffStartPage.ShowsSites)] = view.ShowsSites,
        });
    }
}
