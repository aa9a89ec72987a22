using Microsoft.AspNetCore.Http;
using System.Collections.Concurrent;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Http;

/// <summary>
/// The single entry point both hosts call for every route: matches route values, authenticates and authorizes
/// according to the route's declared <see cref="Access"/> (decided by <see cref="AccessPolicies"/>), then runs the handler.
/// </summary>
public sealed class RouteDispatcher(StaffAuthenticator authenticator, AccessPolicies access, ILogger<RouteDispatcher> logger)
{
    private readonly ConcurrentDictionary<string, ParsedTemplate> templates = new(StringComparer.Ordinal);

    /// <summary>A parsed template and its parameters that name records (all but a catch-all, which is a path, not a key).</summary>
    private sealed record ParsedTemplate(TemplateMatcher Matcher, string[] KeyParameters)
    {
        public static ParsedTemplate Parse(string template)
        {
            var parsed = TemplateParser.Parse(template);
            return new(new TemplateMatcher(parsed, new RouteValueDictionary()),
                parsed.Parameters.Where(p => !p.IsCatchAll).Select(p => p.Name!).ToArray());
        }
    }

    public async Task<IResult> DispatchAsync(AppRoute route, HttpRequest request, DurableTaskClient durable)
    {
        ResponseHeaders.Apply(request.HttpContext, route.Response);
        var values = new RouteValueDictionary();
        var template = templates.GetOrAdd(route.Template, ParsedTemplate.Parse);
        if (!template.Matcher.TryMatch(request.Path, values) || !template.KeyParameters.All(name => IsKeySafe(values[name])))
        {
            return Problems.NotFound("Adressen finns inte.");
        }

        try
        {
            StaffUser? user = null;
            if (AccessPolicies.NeedsSignIn(route.Access))
            {
                var outcome = await authenticator.AuthenticateAsync(request, request.HttpContext.RequestAborted);
                if (outcome.User is null)
                {
                    var reason = outcome.Failure ?? "Logga in för att använda den här funktionen.";
                    if (route.IsStaffPage)
                    {
                        // No token or an expired one: sign in again (in Azure this renews the token, see SignInLocation).
                        // A token that is wrong in itself gets a page: a new sign-in would bring the same kind of token
                        // and send the browser round in a loop.
                        return outcome.KnownIdentity ? StaffPageAnswers.Forbidden(reason)
                            : outcome.SignInHelps ? StaffPageAnswers.SignIn(request, authenticator)
                            : StaffPageAnswers.Message("Inloggningen kunde inte verifieras", reason, StatusCodes.Status401Unauthorized);
                    }

                    return outcome.KnownIdentity ? Problems.Forbidden(reason) : Problems.Unauthorized(reason);
                }

                // Pages render the signed-in person's header and navigation from here (see PageResult).
                request.HttpContext.Items[typeof(StaffUser)] = outcome.User;
                if (!access.Allows(route.Access, outcome.User))
                {
                    return route.IsStaffPage
                        ? StaffPageAnswers.Forbidden(AccessPolicies.Refusal(route.Access, page: true))
                        : Problems.Forbidden(AccessPolicies.Refusal(route.Access, page: false));
                }

                user = outcome.User;
            }

            return await route.Handle(new RequestContext(request, values, user, durable));
        }
        catch (OperationCanceledException) when (request.HttpContext.RequestAborted.IsCancellationRequested)
        {
            return TypedResults.StatusCode(499);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            // The OpenID metadata or storage cannot be reached: say so, never a stack trace.
            logger.LogError(ex, "AppRoute {AppRoute} failed: a dependency is unreachable", route.Name);
            return Problems.Unavailable("En tjänst som behövs svarar inte just nu. Försök igen om en stund.");
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "AppRoute {AppRoute} failed", route.Name);
            return TypedResults.Problem("Ett oväntat fel inträffade. Försök igen om en stund.",
                statusCode: StatusCodes.Status500InternalServerError, title: "Internt fel");
        }
    }

    /// <summary>
    /// Whether a route value can be used as (part of) a Table storage key: no '/', '\\', '#', '?', no control
    /// characters, at most 256 characters (keys may be 1 KiB; ids here are far shorter). Anything else cannot name a
    /// stored record, so the route answers 404 before any handler builds a key from it.
    /// </summary>
    public static bool IsKeySafe(object? value) =>
        value is not string text || (text.Length <= 256 && !text.Any(ch => ch is '/' or '\\' or '#' or '?' || char.IsControl(ch)));

    /// <summary>An exception that means a dependency (token metadata, storage) is unreachable or failing, not a bug.</summary>
    private static bool IsOutage(Exception ex) => ex switch
    {
        HttpRequestException or TimeoutException => true,
        Azure.RequestFailedException { Status: 0 or >= 500 } => true,
        // Microsoft.IdentityModel's configuration manager wraps a metadata fetch failure (IDX20803).
        InvalidOperationException { InnerException: not null } when ex.Message.StartsWith("IDX20803", StringComparison.Ordinal) => true,
        _ when ex.InnerException is { } inner => IsOutage(inner),
        _ => false,
    };
}
