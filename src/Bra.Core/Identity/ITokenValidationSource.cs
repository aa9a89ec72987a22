using Microsoft.IdentityModel.Tokens;

namespace Bra.Core.Identity;

/// <summary>Where validation parameters come from: Entra's OpenID metadata, or the development signing key.</summary>
public interface ITokenValidationSource
{
    Task<TokenValidationParameters> GetParametersAsync(CancellationToken cancellationToken);
}
