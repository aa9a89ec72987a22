using Bra.Core;
using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.UnitTests.Http;

/// <summary>The dispatcher is what both hosts run for every route, so the headers it sets reach the Functions app too.</summary>
public sealed class ResponseHeadersTests
{
    [Fact]
    public async Task DispatchAsync_AnyRoute_NosniffAndNoStoreBeforeTheHandlerRuns()
    {
        var context = new DefaultHttpContext { Request = { Path = "/api/x" } };
        var route = new AppRoute("X", "GET", "api/x", Access.Public, _ => Task.FromResult<IResult>(TypedResults.Ok()));

        await new RouteDispatcher(null!, RouteDispatcherTests.Policies(), NullLogger<RouteDispatcher>.Instance).DispatchAsync(route, context.Request, null!);

        Assert.Equal("nosniff", context.Response.Headers.XContentTypeOptions);
        Assert.Equal("no-store", context.Response.Headers.CacheControl);
        Assert.False(context.Response.Headers.ContainsKey("Strict-Transport-Security"));
    }

    [Fact]
    public async Task DispatchAsync_RouteDeclaringAPublicPolicy_PublicMaxAge()
    {
        var context = new DefaultHttpContext { Request = { Path = "/icon" } };
        var route = new AppRoute("Icon", "GET", "icon", Access.Public, _ => Task.FromResult<IResult>(TypedResults.Ok()))
            { Response = ResponsePolicy.Public(TimeSpan.FromDays(7)) };

        await new RouteDispatcher(null!, RouteDispatcherTests.Policies(), NullLogger<RouteDispatcher>.Instance).DispatchAsync(route, context.Request, null!);

        Assert.Equal("public, max-age=604800", context.Response.Headers.CacheControl);
    }

    [Theory]
    [InlineData("https", null, true)]
    [InlineData("http", "https", true)]
    [InlineData("http", "HTTPS", true)]
    [InlineData("http", "https, http", true)]
    [InlineData("http", "http", false)]
    [InlineData("http", null, false)]
    public void Apply_SchemeAndForwardedProto_HstsOnlyOverHttps(string scheme, string? forwardedProto, bool hsts)
    {
        var context = new DefaultHttpContext { Request = { Scheme = scheme } };
        if (forwardedProto is not null)
        {
            context.Request.Headers["X-Forwarded-Proto"] = forwardedProto;
        }

        ResponseHeaders.Apply(context);

        Assert.Equal(hsts ? ResponseHeaders.Hsts : null, context.Response.Headers.StrictTransportSecurity.ToString() is { Length: > 0 } v ? v : null);
    }
}
