using System.Security.Claims;
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

    /// <summary>
    /// By default (IdentityModel 8) a requested refresh runs on a background thread and the next read still returns the
    /// cached metadata, so a retry right after <see cref="RequestRefresh"/> would see the old keys. In blocking mode the
    /// next read after a requested refresh fetches the metadata itself (one caller at a time). The switch is read when
    /// a configuration manager is created, so it is set before ours is.
    /// </summary>
    static EntraTokenValidation() => AppContext.SetSwitch("Switch.Microsoft.IdentityModel.UpdateConfigAsBlocking", true);

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
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(2),
        };
    }

    /// <summary>
    /// Asks the configuration manager to fetch the metadata again on the next request for it (Entra rotates its signing
    /// keys; a token signed with a new key names a key id the cached metadata lacks). The manager itself limits how
    /// often this happens (<c>RefreshInterval</c>, 5 minutes by default), so unknown key ids cannot make us hammer Entra.
    /// </summary>
    public void RequestRefresh() => metadata.RequestRefresh();

    /// <summary>
    /// A delegated (user) token must carry the configured scope in <c>scp</c>. A token without <c>scp</c> is accepted
    /// only as an app-only token: app roles in <c>roles</c> and the calling client in <c>azp</c> (v2) or <c>appid</c>
    /// (v1), and <c>idtyp</c>, when present, saying <c>app</c>. An ID token for the app (same audience, same issuer,
    /// no <c>scp</c>, no <c>azp</c>/<c>appid</c>) is therefore refused.
    /// </summary>
    public bool IsAccessToken(ClaimsIdentity identity)
    {
        if (identity.FindFirst("scp")?.Value is { } scopes)
        {
            return scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(options.Scope, StringComparer.Ordinal);
        }

        var idType = identity.FindFirst("idtyp")?.Value;
        return (idType is null || idType == "app")
            && identity.HasClaim(c => c.Type is "azp" or "appid")
            && identity.HasClaim(c => c.Type == "roles");
    }

    /// <summary>
    /// A member of the configured tenant: <c>tid</c> is the tenant, and nothing says the account comes from elsewhere. A
    /// guest's token is issued by the resource tenant too (same <c>tid</c>) but names its home identity provider in
    /// <c>idp</c> (for a member, <c>idp</c> is absent or the tenant's own issuer) and, where the optional claim is
    /// configured, says <c>acct</c> = 1
    /// (https://learn.microsoft.com/entra/identity-platform/access-token-claims-reference,
    /// https://learn.microsoft.com/entra/identity-platform/optional-claims-reference).
    /// </summary>
    public bool IsTenantMember(ClaimsIdentity identity)
    {
        var tenant = options.TenantId;
        if (tenant is null || !string.Equals(identity.FindFirst("tid")?.Value, tenant, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var idp = identity.FindFirst("idp")?.Value;
        var ownIssuer = idp is null
            || string.Equals(idp.TrimEnd('/'), $"https://sts.windows.net/{tenant}", StringComparison.OrdinalIgnoreCase)
            || string.Equals(idp.TrimEnd('/'), $"{options.Instance.TrimEnd('/')}/{tenant}/v2.0", StringComparison.OrdinalIgnoreCase);
        return ownIssuer && identity.FindFirst("acct")?.Value is null or "0";
    }
}
