using System.Collections.Concurrent;
using Bra.Core.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Http;

/// <summary>
/// The single entry point both hosts call for every route: matches route values, authenticates and authorizes
/// according to the endpoint's declared <see cref="Access"/>, then runs the handler.
/// </summary>
public sealed class RouteDispatcher(StaffAuthenticator authenticator, ILogger<RouteDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, TemplateMatcher> matchers = new(StringComparer.Ordinal);

    public async Task<IResult> DispatchAsync(AppRoute endpoint, HttpRequest request, DurableTaskClient durable)
    {
        ResponseHeaders.Apply(request.HttpContext);
        var values = new RouteValueDictionary();
        var matcher = matchers.GetOrAdd(endpoint.Template, template => new TemplateMatcher(TemplateParser.Parse(template), new RouteValueDictionary()));
        if (!matcher.TryMatch(request.Path, values))
        {
            return Problems.NotFound("Adressen finns inte.");
        }

        StaffUser? user = null;
        if (endpoint.Access != Access.Anonymous)
        {
            var outcome = await authenticator.AuthenticateAsync(request, request.HttpContext.RequestAborted);
            if (outcome.User is null)
            {
                var reason = outcome.Failure ?? "Logga in för att använda den här funktionen.";
                return outcome.KnownIdentity ? Problems.Forbidden(reason) : Problems.Unauthorized(reason);
            }

            if (!Allows(endpoint.Access, outcome.User))
            {
                return Problems.Forbidden("Du har inte behörighet till den här funktionen.");
            }

            user = outcome.User;
        }

        try
        {
            return await endpoint.Handle(new RequestContext(request, values, user, durable));
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.StatusCode(499);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "AppRoute {AppRoute} failed", endpoint.Name);
            return TypedResults.Problem("Ett oväntat fel inträffade. Försök igen om en stund.",
                statusCode: StatusCodes.Status500InternalServerError, title: "Internt fel");
        }
    }

    public static bool Allows(Access access, StaffUser user) => access switch
    {
        Access.Anonymous or Access.Staff => true,
        Access.Administrator => user.IsInRole(StaffRoles.Administrator),
        Access.AdministratorOrDataProtectionOfficer =>
            user.IsInRole(StaffRoles.Administrator) || user.IsInRole(StaffRoles.DataProtectionOfficer),
        _ => false,
    };
}
