using Microsoft.AspNetCore.Http;
using System.Security.Claims;
using Bra.Core.People;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bra.Core.Identity;

/// <summary>
/// The result of authenticating a staff request: a user, or why not (401: no valid credential; 403: a valid one that is
/// not admitted: no app role, deactivated, or not matchable to the register). <paramref name="SignInHelps"/>: no token, or one that has only expired, so signing in again (which renews
/// the token) can succeed; false in Entra mode for a token that is wrong in itself (audience, signature, kind), which a
/// new sign-in through App Service Authentication would only reproduce. (The development sign-in always issues a
/// fresh, valid cookie.)
/// </summary>
public sealed record AuthOutcome(StaffUser? User, string? Failure, bool KnownIdentity = false, bool SignInHelps = true);

/// <summary>
/// Authenticates a staff request and admits its person. The credential is the bearer token (validated: signature,
/// issuer, audience, lifetime, kind); on staff pages only, also the browser's: the development sign-in cookie (a token
/// validated the same way), or in Azure App Service Authentication's <c>X-MS-CLIENT-PRINCIPAL</c> where the platform
/// reports its authentication on (<see cref="AppServicePrincipal"/>). Admission is by app role: a sign-in carrying none of
/// <see cref="StaffRoles.All"/> is refused; otherwise the register finds the person or adds them
/// (<see cref="PeopleRegister.AdmitAsync"/>), and a deactivated person stays refused.
/// </summary>
public sealed class StaffAuthenticator(
    IOptions<AuthOptions> options,
    ITokenValidationSource validationSource,
    PeopleRegister register,
    AppServicePrincipal platformPrincipal,
    ILogger<StaffAuthenticator> logger)
{
    public const string NoAppRole =
        "Du har inte behörighet till tjänsten: ditt konto har ingen av tjänstens roller. Be IT-avdelningen om åtkomst.";

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };
    private static readonly PathString StaffPages = new("/staff");

    public async Task<AuthOutcome> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (identity, failure) = await IdentityAsync(request, cancellationToken);
        if (identity is null)
        {
            return failure!;
        }

        if (Claim(identity, "oid") is not { } objectId)
        {
            logger.LogInformation("Rejected a staff sign-in: {Reason}", "no object id");
            return new(null, "Inloggningen kunde inte verifieras: den saknar objekt-id. Logga in igen.", SignInHelps: DevelopmentSignIn);
        }

        var roles = identity.FindAll("roles").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        if (!roles.Overlaps(StaffRoles.All))
        {
            return new(null, NoAppRole, KnownIdentity: true);
        }

        var admitted = await register.AdmitAsync(new SignInClaims(objectId, Claim(identity, "name"),
            Claim(identity, "email", "preferred_username", "upn"), validationSource.IsTenantMember(identity), roles), cancellationToken);
        if (admitted.Value is not { } person)
        {
            return new(null, admitted.Message ?? PeopleStore.ConflictMessage, KnownIdentity: true);
        }

        if (admitted.Status == Bra.Core.ResultStatus.Created)
        {
            logger.LogInformation("Added person {PersonId} to the register at first sign-in", person.Id);
        }

        return person.Active
            ? new(new StaffUser(person, roles), null)
            : new(null, "Ditt konto är avaktiverat. Kontakta en administratör.", KnownIdentity: true);
    }

    /// <summary>The identity the request's credential proves (see <see cref="Token"/>), or why there is none.</summary>
    private async Task<(ClaimsIdentity? Identity, AuthOutcome? Failure)> IdentityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var token = Token(request, options.Value.Mode);
        if (token is null)
        {
            if (IsStaffPage(request) && options.Value.Mode == AuthMode.Entra && platformPrincipal.Read(request) is { } principal)
            {
                // Validated by the platform; it must still be a sign-in to the configured tenant.
                return Claim(principal, "tid") == options.Value.TenantId
                    ? (principal, null)
                    : (null, new(null, "Inloggningen gäller en annan organisation än den här tjänstens.", SignInHelps: false));
            }

            return (null, new(null, "Logga in för att använda den här funktionen (en bearer-token saknas)."));
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
            return (null, result.Exception is SecurityTokenExpiredException
                ? new(null, "Inloggningen har gått ut. Logga in igen.")
                : new(null, "Inloggningen kunde inte verifieras. Logga in igen.", SignInHelps: DevelopmentSignIn));
        }

        if (!validationSource.IsAccessToken(result.ClaimsIdentity))
        {
            logger.LogInformation("Rejected a staff token: {Reason}", "not an access token for this API");
            return (null, new(null, "Inloggningen kunde inte verifieras: token är inte en åtkomsttoken för den här tjänsten. Logga in igen.", SignInHelps: DevelopmentSignIn));
        }

        return (result.ClaimsIdentity, null);
    }

    /// <summary>
    /// The token to validate: the Authorization bearer token; on staff pages (<c>/staff/…</c>) in Development mode only, also
    /// the development sign-in cookie. A browser sends a cookie by itself with any request, including one a foreign site
    /// triggers, so the API (<c>/api/…</c>) never honours it: an API call needs an explicit header.
    /// </summary>
    private static string? Token(HttpRequest request, AuthMode mode)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length)
        {
            return header[prefix.Length..].Trim();
        }

        if (!IsStaffPage(request) || mode != AuthMode.Development)
        {
            return null;
        }

        var cookie = request.Cookies[DevelopmentTokens.CookieName];
        return string.IsNullOrWhiteSpace(cookie) ? null : cookie;
    }

    private static bool IsStaffPage(HttpRequest request) => request.Path.StartsWithSegments(StaffPages, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where a browser signs in and then comes back to <paramref name="returnPath"/> (a local path; anything else returns
    /// to <c>/staff</c>): the development sign-in, or App Service Authentication's Entra login
    /// (https://learn.microsoft.com/azure/app-service/configure-authentication-customize-sign-in-out).
    /// </summary>
    /// <remarks>
    /// This is also where a browser goes when App Service's session has ended (no <c>X-MS-CLIENT-PRINCIPAL</c> any more):
    /// while the person's Entra session lasts, Entra answers without asking anything and the browser is back on the page.
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
