using Microsoft.AspNetCore.Http;
using System.Security.Claims;
using Bra.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bra.Core.Identity;

/// <summary>
/// The result of authenticating a staff request: a user, or why not (401: no valid token; 403: valid token, not in the
/// register). <paramref name="SignInHelps"/>: no token, or one that has only expired, so signing in again (which renews
/// the token) can succeed; false in Entra mode for a token that is wrong in itself (audience, signature, kind), which a
/// new sign-in through App Service Authentication would only reproduce. (The development sign-in always issues a
/// fresh, valid cookie.)
/// </summary>
public sealed record AuthOutcome(StaffUser? User, string? Failure, bool KnownIdentity = false, bool SignInHelps = true);

/// <summary>
/// Validates the bearer token of a staff request (signature, issuer, audience, lifetime) and finds the person in the
/// register. Headers set by a front end, such as X-MS-CLIENT-PRINCIPAL, are never read.
/// </summary>
public sealed class StaffAuthenticator(
    IOptions<AuthOptions> options,
    ITokenValidationSource validationSource,
    PeopleStore people,
    ILogger<StaffAuthenticator> logger)
{
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly PathString StaffPages = new("/staff");

    public async Task<AuthOutcome> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = Token(request, options.Value.Mode);
        if (token is null)
        {
            return new(null, "Logga in för att använda den här funktionen (en bearer-token saknas).");
        }

        var result = await Handler.ValidateTokenAsync(token, await validationSource.GetParametersAsync(cancellationToken));
        if (!result.IsValid && result.Exception is SecurityTokenSignatureKeyNotFoundException)
        {
            // The issuer may have rotated its keys since the metadata was cached: fetch it again and retry once.
            validationSource.RequestRefresh();
            result = await Handler.ValidateTokenAsync(token, await validationSource.GetParametersAsync(cancellationToken));
        }

        if (!result.IsValid)
        {
            logger.LogInformation("Rejected a staff token: {Reason}", result.Exception?.GetType().Name ?? "invalid");
            return result.Exception is SecurityTokenExpiredException
                ? new(null, "Inloggningen har gått ut. Logga in igen.")
                : new(null, "Inloggningen kunde inte verifieras. Logga in igen.", SignInHelps: DevelopmentSignIn);
        }

        var identity = result.ClaimsIdentity;
        if (!validationSource.IsAccessToken(identity))
        {
            logger.LogInformation("Rejected a staff token: {Reason}", "not an access token for this API");
            return new(null, "Inloggningen kunde inte verifieras: token är inte en åtkomsttoken för den här tjänsten. Logga in igen.", SignInHelps: DevelopmentSignIn);
        }

        var person = options.Value.PersonMatch switch
        {
            PersonMatch.Email => Claim(identity, "email", "preferred_username", "upn") is { } email
                ? await people.FindByEmailAsync(email, cancellationToken)
                : null,
            _ => Claim(identity, "oid") is { } oid ? await people.FindByObjectIdAsync(oid, cancellationToken) : null,
        };
        if (person is null)
        {
            return new(null, "Du finns inte i personregistret. Kontakta en administratör.", KnownIdentity: true);
        }

        if (!person.Active)
        {
            return new(null, "Ditt konto är avaktiverat. Kontakta en administratör.", KnownIdentity: true);
        }

        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new(new StaffUser(person, roles), null);
    }

    /// <summary>
    /// The token to validate: the Authorization bearer token; on staff pages (<c>/staff/…</c>) only, also the browser
    /// credential: the development sign-in cookie in Development mode, or in Entra mode the access token App Service
    /// Authentication forwards from its token store. A browser sends those by itself with any request, including one a
    /// foreign site triggers, so the API (<c>/api/…</c>) never honours them: an API call needs an explicit header.
    /// Whatever the source, the token itself is fully validated.
    /// </summary>
    private static string? Token(HttpRequest request, AuthMode mode)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length)
        {
            return header[prefix.Length..].Trim();
        }

        if (!request.Path.StartsWithSegments(StaffPages, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var browserToken = mode == AuthMode.Development
            ? request.Cookies[DevelopmentTokens.CookieName]
            : request.Headers["X-MS-TOKEN-AAD-ACCESS-TOKEN"].ToString();
        return string.IsNullOrWhiteSpace(browserToken) ? null : browserToken;
    }

    /// <summary>
    /// Where a browser signs in and then comes back to <paramref name="returnPath"/> (a local path; anything else returns
    /// to <c>/staff</c>): the development sign-in, or App Service Authentication's Entra login
    /// (https://learn.microsoft.com/azure/app-service/configure-authentication-customize-sign-in-out).
    /// </summary>
    /// <remarks>
    /// This is also how an expired access token is renewed. App Service's token store keeps forwarding the stored token
    /// after it expires; Microsoft documents renewing it with a GET to <c>/.auth/refresh</c> made by client code (script),
    /// which answers with a status, not a redirect back to a page
    /// (https://learn.microsoft.com/azure/app-service/configure-authentication-oauth-tokens#refresh-auth-tokens). The
    /// staff pages have no script, so the server sends the browser through <c>/.auth/login/aad</c> instead: while the
    /// person's Entra session lasts, Entra answers without asking anything and the token store holds a fresh token when
    /// the browser is back on the page.
    /// </remarks>
    public string SignInLocation(string returnPath)
    {
        var path = Uri.EscapeDataString(IsLocalPath(returnPath) ? returnPath : "/staff");
        return options.Value.Mode == AuthMode.Development
            ? $"/dev/signin?returnUrl={path}"
            : $"/.auth/login/aad?post_login_redirect_uri={path}";
    }

    /// <summary>Where a browser goes after the application forgot its credential: the start page, or App Service Authentication's logout.</summary>
    public string SignOutLocation() =>
        options.Value.Mode == AuthMode.Development ? "/" : "/.auth/logout?post_logout_redirect_uri=%2F";

    public AuthMode Mode => options.Value.Mode;

    private bool DevelopmentSignIn => options.Value.Mode == AuthMode.Development;

    /// <summary>
    /// A path on this site (so a redirect to it is no open redirect): starts with one '/', not "//" or "/\" (which
    /// browsers read as another host), no control characters, no scheme.
    /// </summary>
    public static bool IsLocalPath(string? path) =>
        path is { Length: > 0 and <= 2048 } && path[0] == '/'
        && (path.Length == 1 || (path[1] != '/' && path[1] != '\\'))
        && !path.Any(char.IsControl);

    private static string? Claim(ClaimsIdentity identity, params string[] types) =>
        types.Select(t => identity.FindFirst(t)?.Value).FirstOrDefault(v => !string.IsNullOrWhiteSpace(v));
}
