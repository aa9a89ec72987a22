using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Bra.Core.Identity;

/// <summary>Where validation parameters come from: Entra's OpenID metadata, or the development signing key.</summary>
public interface ITokenValidationSource
{
    Task<TokenValidationParameters> GetParametersAsync(CancellationToken cancellationToken);

    /// <summary>A token named a signing key the cached parameters lack: fetch the keys again before the next validation.</summary>
    void RequestRefresh();

    /// <summary>Whether a token whose signature, issuer, audience and lifetime are valid is an access token for this API.</summary>
    bool IsAccessToken(ClaimsIdentity identity);

    /// <summary>Whether a validated sign-in is of a member account of the configured tenant (not a guest), so its email identifies the person.</summary>
    bool IsTenantMember(ClaimsIdentity identity);
}
