using Microsoft.AspNetCore.Http;
using Bra.Core.Identity;

namespace Bra.Core.Pages;

/// <summary>
/// How a staff page (<see cref="Http.AppRoute.IsStaffPage"/>) answers a browser that may not see it: without sign-in a
/// redirect to sign-in and back, without the right a Swedish 403 page. The API keeps its problem documents.
/// </summary>
public static class StaffPageAnswers
{
    /// <summary>A GET comes back to the page itself (302); a form post cannot be replayed, so it comes back to the start page (303).</summary>
    public static IResult SignIn(HttpRequest request, StaffAuthenticator authenticator)
    {
        var get = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        var back = get ? (request.PathBase + request.Path + request.QueryString).ToString() : "/staff";
        return new Redirect(authenticator.SignInLocation(back), get ? StatusCodes.Status302Found : StatusCodes.Status303SeeOther);
    }

    public static IResult Forbidden(string reason) =>
        Message("Åtkomst nekad", reason, StatusCodes.Status403Forbidden);

    public static IResult FormRefused() =>
        Message("Formuläret kunde inte tas emot",
            "Formuläret har gått ut eller kom inte från den här tjänsten, så ingenting har ändrats. Ladda om sidan och försök igen.",
            StatusCodes.Status400BadRequest);

    public static IResult Message(string title, string text, int status) =>
        new PageResult<MessagePage>(new Dictionary<string, object?> { [nameof(MessagePage.Title)] = title, [nameof(MessagePage.Text)] = text }, status);

    /// <summary>A redirect with the given status (the framework's Redirect result knows 301/302/307/308, not 303).</summary>
    public sealed class Redirect(string location, int status) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public string Location => location;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.Location = location;
            return Task.CompletedTask;
        }
    }
}
