using Bra.Core;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.UnitTests.Pages;

public sealed class SecurityHeadersTests
{
    private static string PolicyWith(string? logoUrl)
    {
        var context = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().Configure<AppOptions>(o => o.LogoUrl = logoUrl).BuildServiceProvider(),
        };
        SecurityHeaders.Apply(context.Response);
        return context.Response.Headers.ContentSecurityPolicy.ToString();
    }

    [Fact]
    public void Apply_NoLogo_ImagesFromTheAppOnly() =>
        Assert.Contains("img-src 'self' data:;", PolicyWith(null), StringComparison.Ordinal);

    [Fact]
    public void Apply_HttpsLogo_ItsOriginIsTheOneOtherImageSource() =>
        Assert.Contains("img-src 'self' data: https://www.avesta.se;", PolicyWith("https://www.avesta.se/images/logo.svg?v=2"), StringComparison.Ordinal);

    [Fact]
    public void Apply_HttpLogo_NotAllowed() =>
        Assert.Contains("img-src 'self' data:;", PolicyWith("http://www.avesta.se/logo.png"), StringComparison.Ordinal);
}
