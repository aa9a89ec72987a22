using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Identity;

public enum AuthMode
{
    /// <summary>Microsoft Entra ID bearer tokens (Azure).</summary>
    Entra,
    /// <summary>Tokens minted by the development host's sign-in, signed with a key in the local data folder.</summary>
    Development,
}

/// <summary>Staff sign-in settings (section <c>Auth</c>).</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    public AuthMode Mode { get; set; } = AuthMode.Entra;

    /// <summary>Entra tenant id (GUID). Required in Entra mode.</summary>
    public string? TenantId { get; set; }

    /// <summary>Accepted audiences of access tokens, separated by ';' (the app registration's client id and/or its api:// URI).</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Entra mode: the delegated scope a user's access token must carry in <c>scp</c> (the scope exposed by the app
    /// registration). Tokens without <c>scp</c> are accepted only as app-only tokens with app roles, so an ID token
    /// issued to the app is never taken for an access token.
    /// </summary>
    public string Scope { get; set; } = "access_as_user";

    public string Instance { get; set; } = "https://login.microsoftonline.com/";

    /// <summary>Overrides the OpenID metadata address (tests point it at a loopback issuer).</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Development mode only: folder holding the development signing key.</summary>
    public string? DevelopmentKeyFolder { get; set; }

    [Range(1, 24 * 60)]
    public int DevelopmentTokenMinutes { get; set; } = 60;

    internal IEnumerable<string> Audiences =>
        (Audience ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
