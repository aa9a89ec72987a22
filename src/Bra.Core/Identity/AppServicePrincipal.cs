using System.Security.Claims;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Bra.Core.Identity;

/// <summary>
/// The staff pages' browser credential in Azure: the <c>X-MS-CLIENT-PRINCIPAL</c> header App Service Authentication sets
/// after it has validated the person's Entra sign-in (its session cookie is encrypted by the platform, so any instance
/// reads it, and no token store is involved). Microsoft documents that external requests cannot set these headers
/// (https://learn.microsoft.com/azure/app-service/configure-authentication-user-identities), which holds only while the
/// platform's authentication is on for the app: <see cref="Honoured"/> is true only in the Functions host and only when the
/// platform says so (<c>WEBSITE_AUTH_ENABLED</c> = <c>True</c>, the variable App Service sets for the feature). The
/// development host never honours it; the API never does (see <see cref="StaffAuthenticator"/>).
/// </summary>
public sealed record AppServicePrincipal(bool Honoured)
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    /// <summary>The setting App Service sets to <c>True</c> while its authentication is on for the app.</summary>
    public const string EnabledSetting = "WEBSITE_AUTH_ENABLED";

    public static readonly AppServicePrincipal Off = new(Honoured: false);

    /// <summary>The Functions host's answer: honoured when the platform reports its authentication on.</summary>
    public static AppServicePrincipal FromPlatform(IConfiguration configuration) =>
        new(string.Equals(configuration[EnabledSetting], "true", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The platform's claims mapping gives some claims their long URI names; the register and the checks use the short names
    /// of the token.
    /// </summary>
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["http://schemas.microsoft.com/identity/claims/objectidentifier"] = "oid",
        ["http://schemas.microsoft.com/identity/claims/tenantid"] = "tid",
        ["http://schemas.microsoft.com/identity/claims/identityprovider"] = "idp",
        ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"] = "email",
        ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"] = "upn",
        ["http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"] = "preferred_username",
        ["http://schemas.microsoft.com/ws/2008/06/identity/claims/role"] = "roles",
    };

    /// <summary>
    /// The identity in the header (base64 JSON: <c>auth_typ</c>, <c>claims</c> [{<c>typ</c>, <c>val</c>}], <c>name_typ</c>,
    /// <c>role_typ</c>), or null: not honoured here, no header, not an Entra (<c>aad</c>) sign-in, or not readable.
    /// </summary>
    public ClaimsIdentity? Read(HttpRequest request)
    {
        var header = request.Headers[Header].ToString();
        if (!Honoured || string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Convert.FromBase64String(header));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || Text(root, "auth_typ") != "aad"
                || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var roleType = Text(root, "role_typ");
            var identity = new ClaimsIdentity("aad");
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object && Text(claim, "typ") is { } type && Text(claim, "val") is { } value)
                {
                    identity.AddClaim(new Claim(type == roleType ? "roles" : ShortNames.GetValueOrDefault(type, type), value));
                }
            }

            return identity;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or DecoderFallbackException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
