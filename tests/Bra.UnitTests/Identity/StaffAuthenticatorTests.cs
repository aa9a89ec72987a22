using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Moq;

namespace Bra.UnitTests.Identity;

/// <summary>Token checks that must fail before the people register is ever asked (its storage here points nowhere).</summary>
public sealed class StaffAuthenticatorTests
{
    private const string Tenant = "7d1c7a4e-3a8e-4c1f-9a51-2f6a1d3c0b11";
    private static readonly SymmetricSecurityKey Key = new(new byte[32]);

    private static StaffAuthenticator Create(Mock<ITokenValidationSource> source, AppServicePrincipal? platform = null)
    {
        var nowhere = new StorageAccount(new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64]))),
            new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")));
        return new StaffAuthenticator(Options.Create(new AuthOptions { Mode = AuthMode.Entra, TenantId = Tenant }), source.Object,
            new PeopleRegister(new PeopleStore(nowhere, TimeProvider.System), null!, null!, null!, TimeProvider.System),
            platform ?? AppServicePrincipal.Off, NullLogger<StaffAuthenticator>.Instance);
    }

    private static Mock<ITokenValidationSource> Source()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        source.Setup(s => s.GetParametersAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new TokenValidationParameters
        {
            ValidIssuer = "issuer", ValidAudience = "aud", IssuerSigningKey = Key,
        });
        return source;
    }

    [Fact]
    public async Task Authenticate_NoAuthorizationHeader_FailsWithoutValidating()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        var outcome = await Create(source).AuthenticateAsync(new DefaultHttpContext().Request, default);

        Assert.Null(outcome.User);
        Assert.False(outcome.KnownIdentity);
        source.Verify(s => s.GetParametersAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Authenticate_ClientPrincipalHeaderOnly_NotTrusted()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        var context = new DefaultHttpContext();
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL"] = Convert.ToBase64String("{\"claims\":[{\"typ\":\"roles\",\"val\":\"Administrator\"}]}"u8.ToArray());
        context.Request.Headers["X-MS-CLIENT-PRINCIPAL-NAME"] = "admin@example.se";

        var outcome = await Create(source).AuthenticateAsync(context.Request, default);

        Assert.Null(outcome.User);
        source.Verify(s => s.GetParametersAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Authenticate_GarbageBearerToken_FailsAfterValidation()
    {
        var source = Source();
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer not.a.token";

        var outcome = await Create(source).AuthenticateAsync(context.Request, default);

        Assert.Null(outcome.User);
        Assert.False(outcome.KnownIdentity);
        source.Verify(s => s.GetParametersAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Theory]
    [InlineData("/api/people")]
    [InlineData("/staff/cameras")]
    public async Task Authenticate_TokenStoreHeaderOnly_NeverRead(string path)
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Headers["X-MS-TOKEN-AAD-ACCESS-TOKEN"] = Token(new SymmetricSecurityKey(new byte[32]), "k1");

        var outcome = await Create(source, new AppServicePrincipal(Honoured: true)).AuthenticateAsync(context.Request, default);

        Assert.Null(outcome.User);
        Assert.False(outcome.KnownIdentity);
        source.Verify(s => s.GetParametersAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Authenticate_PlatformPrincipalOnStaffPageWhenHonoured_ReadAndAdmissionChecked()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        var outcome = await Create(source, new AppServicePrincipal(Honoured: true)).AuthenticateAsync(PrincipalRequest("/staff", Tenant, roles: []), default);

        // Read: the person is known, and refused only for want of an app role (before the register is asked).
        Assert.Null(outcome.User);
        Assert.True(outcome.KnownIdentity);
        Assert.Equal(StaffAuthenticator.NoAppRole, outcome.Failure);
        source.Verify(s => s.GetParametersAsync(It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("/staff", false)]
    [InlineData("/api/people", true)]
    [InlineData("/api/me", true)]
    public async Task Authenticate_PlatformPrincipal_IgnoredWhenNotHonouredOrOnTheApi(string path, bool honoured)
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        var outcome = await Create(source, new AppServicePrincipal(honoured)).AuthenticateAsync(PrincipalRequest(path, Tenant, roles: []), default);

        Assert.Null(outcome.User);
        Assert.False(outcome.KnownIdentity);
        Assert.True(outcome.SignInHelps);
    }

    [Fact]
    public async Task Authenticate_PlatformPrincipalOfAnotherTenant_Refused()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        var outcome = await Create(source, new AppServicePrincipal(Honoured: true))
            .AuthenticateAsync(PrincipalRequest("/staff", Guid.NewGuid().ToString(), roles: [StaffRoles.Administrator]), default);

        Assert.Null(outcome.User);
        Assert.False(outcome.KnownIdentity);
        Assert.False(outcome.SignInHelps);
    }

    /// <summary>A request as App Service Authentication forwards it after an Entra sign-in: the principal header with the platform's claim names.</summary>
    internal static HttpRequest PrincipalRequest(string path, string tenant, string[] roles)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = path;
        context.Request.Headers[AppServicePrincipal.Header] = AppServicePrincipalTests.Header(tenant, Guid.NewGuid().ToString(), "ny.person@example.se", roles);
        return context.Request;
    }

    [Fact]
    public async Task Authenticate_TokenSignedWithKeyNotInCachedMetadata_RefreshesOnceAndValidatesWithNewKeys()
    {
        var rotated = new SymmetricSecurityKey(Enumerable.Repeat((byte)7, 32).ToArray()) { KeyId = "k2" };
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        source.SetupSequence(s => s.GetParametersAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Parameters(new SymmetricSecurityKey(new byte[32]) { KeyId = "k1" }))
            .ReturnsAsync(Parameters(rotated));
        source.Setup(s => s.RequestRefresh());
        source.Setup(s => s.IsAccessToken(It.IsAny<System.Security.Claims.ClaimsIdentity>())).Returns(false);
        var context = new DefaultHttpContext();
        context.Request.Headers.Authorization = "Bearer " + Token(rotated, "k2");

        var outcome = await Create(source).AuthenticateAsync(context.Request, default);

        // Validated with the refreshed keys, then refused only because the mock says it is not an access token.
        Assert.Null(outcome.User);
        source.Verify(s => s.RequestRefresh(), Times.Once);
        source.Verify(s => s.GetParametersAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
        source.Verify(s => s.IsAccessToken(It.IsAny<System.Security.Claims.ClaimsIdentity>()), Times.Once);
    }

    private static TokenValidationParameters Parameters(SecurityKey key) => new() { ValidIssuer = "issuer", ValidAudience = "aud", IssuerSigningKey = key };

    private static string Token(SecurityKey key, string keyId)
    {
        key.KeyId = keyId;
        return new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "issuer", Audience = "aud", Expires = DateTime.UtcNow.AddMinutes(5),
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("oid", Guid.NewGuid().ToString())]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }
}
