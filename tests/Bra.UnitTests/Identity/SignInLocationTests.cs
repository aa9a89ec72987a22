using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;

namespace Bra.UnitTests.Identity;

public sealed class SignInLocationTests
{
    private static StaffAuthenticator Authenticator(AuthMode mode) =>
        new(Options.Create(new AuthOptions { Mode = mode }), new Mock<ITokenValidationSource>(MockBehavior.Strict).Object, null!,
            AppServicePrincipal.Off, NullLogger<StaffAuthenticator>.Instance);

    [Theory]
    [InlineData("/staff", true)]
    [InlineData("/staff/cameras?format=csv", true)]
    [InlineData("/", true)]
    [InlineData("//evil.example/staff", false)]
    [InlineData("/\\evil.example", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("staff", false)]
    [InlineData("/staff\r\nSet-Cookie: x=1", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void IsLocalPath_Candidate_OnlyPathsOfThisSite(string? path, bool expected) =>
        Assert.Equal(expected, StaffAuthenticator.IsLocalPath(path));

    [Fact]
    public void SignInLocation_DevelopmentMode_DevSignInWithEncodedReturnUrl() =>
        Assert.Equal("/dev/signin?returnUrl=%2Fstaff%2Fcameras%3Fa%3D1%26b%3D2", Authenticator(AuthMode.Development).SignInLocation("/staff/cameras?a=1&b=2"));

    [Fact]
    public void SignInLocation_ForeignReturnPath_BackToStaffStartInstead() =>
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fstaff", Authenticator(AuthMode.Entra).SignInLocation("//evil.example/"));

    [Fact]
    public void SignOutLocation_EntraMode_AppServiceLogoutThenStart() =>
        Assert.Equal("/.auth/logout?post_logout_redirect_uri=%2F", Authenticator(AuthMode.Entra).SignOutLocation());
}
