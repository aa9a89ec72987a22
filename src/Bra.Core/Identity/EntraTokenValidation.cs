using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Bra.Core.Identity;

/// <summary>Validation against the tenant's OpenID metadata (signing keys are fetched and cached by the configuration manager).</summary>
public sealed class EntraTokenValidation : ITokenValidationSource
{
    private readonly AuthOptions options;
    private readonly ConfigurationManager<OpenIdConnectConfiguration> metadata;

    public EntraTokenValidation(IOptions<AuthOptions> options)
    {
        this.options = options.Value;
        var address = this.options.MetadataAddress
            ?? $"{this.options.Instance.TrimEnd('/')}/{this.options.TenantId}/v2.0/.well-known/openid-configuration";
        var loopback = Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback;
        metadata = new ConfigurationManager<OpenIdConnectConfiguration>(
            address, new OpenIdConnectConfigurationRetriever(), new HttpDocumentRetriever { RequireHttps = !loopback });
    }

    public async Task<TokenValidationParameters> GetParametersAsync(CancellationToken cancellationToken)
    {
        var configuration = await metadata.GetConfigurationAsync(cancellationToken);
        return new TokenValidationParameters
        {
            ValidIssuers = [configuration.Issuer, $"https://sts.windows.net/{options.TenantId}/"],
            ValidAudiences = options.Audiences,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
    }
}
