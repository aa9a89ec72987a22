using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// A loopback stand-in for a Microsoft Entra tenant: OpenID metadata and a JWKS with one RSA key, and a way to mint
/// access tokens as Entra would (or with one thing wrong). The app validates them through its real Entra code path.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    public const string Audience = "api://bra-test";
    public const string Scope = "access_as_user";
    public const string ClientId = "11111111-2222-3333-4444-555555555555";
    private readonly WebApplication app;
    private RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "test-key-1" };

    private TestIssuer(WebApplication app) => this.app = app;

    public string TenantId { get; } = Guid.NewGuid().ToString();

    public string Issuer => $"https://login.microsoftonline.com/{TenantId}/v2.0";

    public string MetadataAddress { get; private set; } = "";

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var issuer = new TestIssuer(app);
        app.MapGet("/.well-known/openid-configuration", (HttpContext c) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer.Issuer,
            ["jwks_uri"] = $"{c.Request.Scheme}://{c.Request.Host}/keys",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/keys", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(issuer.key.Rsa.ExportParameters(false)) { KeyId = issuer.key.KeyId });
            jwk.Use = "sig";
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = jwk.Use, kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256" } } });
        });
        await app.StartAsync();
        issuer.MetadataAddress = app.Urls.First() + "/.well-known/openid-configuration";
        return issuer;
    }

    /// <summary>The settings that point the app at this tenant.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Auth__Mode"] = "Entra",
        ["Auth__TenantId"] = TenantId,
        ["Auth__Audience"] = Audience,
        ["Auth__MetadataAddress"] = MetadataAddress,
        ["Auth__Scope"] = Scope,
    };

    /// <summary>
    /// A delegated access token as Entra issues it to a client calling the API for a user (<c>scp</c>, <c>azp</c>). The
    /// object id is the user's (<see cref="ObjectIdOf"/> unless given); a guest's token names its home tenant in <c>idp</c>
    /// and says <c>acct</c> = 1.
    /// </summary>
    public string Token(string email, string[] roles, string? audience = null, DateTime? expires = null, SecurityKey? signingKey = null, string? scope = Scope,
        string? objectId = null, bool guest = false, string? name = null)
    {
        var claims = new List<Claim> { new("email", email), new("oid", objectId ?? ObjectIdOf(email)), new("tid", TenantId), new("azp", ClientId) };
        if (scope is not null)
        {
            claims.Add(new("scp", scope));
        }

        if (name is not null)
        {
            claims.Add(new("name", name));
        }

        if (guest)
        {
            claims.Add(new("idp", "https://sts.windows.net/" + HomeTenantOfGuests + "/"));
            claims.Add(new("acct", "1"));
        }

        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return Create(claims, audience, expires, new SigningCredentials(signingKey ?? key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>The tenant's object id for the user with this email: the same one every time, as in a real tenant.</summary>
    public string ObjectIdOf(string email) =>
        new Guid(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(TenantId + "/" + email.ToLowerInvariant()))[..16]).ToString();

    private const string HomeTenantOfGuests = "9a0e5c1b-6b2f-4c57-8d3e-0f1a2b3c4d5e";

    /// <summary>An ID token as Entra issues it to the app at sign-in: same issuer and audience, signed by the tenant, but no <c>scp</c> or <c>azp</c>.</summary>
    public string IdToken(string email, string[] roles)
    {
        var claims = new List<Claim> { new("email", email), new("oid", Guid.NewGuid().ToString()), new("tid", TenantId), new("nonce", "n-0S6_WzA2Mj"), new("ver", "2.0") };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return Create(claims, null, null, new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    /// <summary>A token signed with another algorithm than RS256 (null: an unsigned token, <c>alg: none</c>).</summary>
    public string TokenWithAlgorithm(string email, string[] roles, SigningCredentials? credentials)
    {
        var claims = new List<Claim> { new("email", email), new("oid", Guid.NewGuid().ToString()), new("tid", TenantId), new("azp", ClientId), new("scp", Scope) };
        claims.AddRange(roles.Select(r => new Claim("roles", r)));
        return Create(claims, null, null, credentials);
    }

    /// <summary>The tenant replaces its signing key (a new key id); the metadata serves only the new key from now on.</summary>
    public void RotateKey() => key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = "test-key-" + Guid.NewGuid().ToString("N")[..8] };

    private string Create(List<Claim> claims, string? audience, DateTime? expires, SigningCredentials? credentials)
    {
        var now = DateTime.UtcNow;
        var expiry = expires ?? now.AddMinutes(30);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = audience ?? Audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = expiry < now ? expiry.AddHours(-1) : now,
            NotBefore = expiry < now ? expiry.AddHours(-1) : now,
            Expires = expiry,
            SigningCredentials = credentials,
        });
    }

    /// <summary>A key with the same key id as the tenant's, but not the tenant's: a forged signature.</summary>
    public static RsaSecurityKey ForgedKey() => new(RSA.Create(2048)) { KeyId = "test-key-1" };

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
