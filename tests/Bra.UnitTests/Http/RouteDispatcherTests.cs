using Bra.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Moq;

namespace Bra.UnitTests.Http;

public sealed class RouteDispatcherTests
{
    private static RouteDispatcher Dispatcher(Mock<ITokenValidationSource>? source = null)
    {
        var nowhere = new StorageAccount(new TableServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new TableSharedKeyCredential("devstoreaccount1", Convert.ToBase64String(new byte[64]))),
            new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1")));
        var authenticator = new StaffAuthenticator(Options.Create(new AuthOptions { Mode = AuthMode.Entra }),
            (source ?? new Mock<ITokenValidationSource>(MockBehavior.Strict)).Object,
            new PeopleRegister(new PeopleStore(nowhere, TimeProvider.System), null!, null!, null!, TimeProvider.System), AppServicePrincipal.Off, NullLogger<StaffAuthenticator>.Instance);
        return new RouteDispatcher(authenticator, Policies(), NullLogger<RouteDispatcher>.Instance);
    }

    /// <summary>The access policies with no configured camera decision-makers.</summary>
    internal static AccessPolicies Policies() =>
        new(new Bra.Core.Cameras.CameraDecisionMakers(null!, Options.Create(new Bra.Core.Cameras.CamerasOptions())));

    private static HttpRequest Request(string path, string? bearer = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = path;
        if (bearer is not null)
        {
            context.Request.Headers.Authorization = "Bearer " + bearer;
        }

        return context.Request;
    }

    private static int Status(IResult result) => Assert.IsAssignableFrom<IStatusCodeHttpResult>(result).StatusCode ?? 200;

    [Fact]
    public async Task Dispatch_CatchAllValueWithSlashes_HandlerRuns()
    {
        string? seen = null;
        var route = new AppRoute("Rest", "GET", "{*path}", Access.Public, c =>
        {
            seen = c.Route("path");
            return Task.FromResult<IResult>(TypedResults.Ok());
        });

        var result = await Dispatcher().DispatchAsync(route, Request("/nope/finns-inte"), null!);

        Assert.Equal(StatusCodes.Status200OK, Status(result));
        Assert.Equal("nope/finns-inte", seen);
    }

    [Theory]
    [InlineData("/things/a#b")]
    [InlineData("/things/a\\b")]
    [InlineData("/things/a?b")]
    [InlineData("/things/a\u0001b")]
    [InlineData("/things/a\u007Fb")]
    public async Task Dispatch_RouteValueNotATableKey_404AndHandlerNeverRuns(string path)
    {
        var ran = false;
        var route = new AppRoute("Thing", "GET", "things/{id}", Access.Public, _ =>
        {
            ran = true;
            return Task.FromResult<IResult>(TypedResults.Ok());
        });

        var result = await Dispatcher().DispatchAsync(route, Request(path), null!);

        Assert.Equal(StatusCodes.Status404NotFound, Status(result));
        Assert.False(ran);
    }

    [Fact]
    public async Task Dispatch_RouteValueLongerThan256_404()
    {
        var route = new AppRoute("Thing", "GET", "things/{id}", Access.Public, _ => Task.FromResult<IResult>(TypedResults.Ok()));
        Assert.Equal(StatusCodes.Status404NotFound, Status(await Dispatcher().DispatchAsync(route, Request("/things/" + new string('a', 257)), null!)));
        Assert.Equal(StatusCodes.Status200OK, Status(await Dispatcher().DispatchAsync(route, Request("/things/" + new string('a', 256)), null!)));
    }

    [Fact]
    public async Task Dispatch_OpenIdMetadataUnreachable_503Problem()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        source.Setup(s => s.GetParametersAsync(It.IsAny<CancellationToken>())).ThrowsAsync(
            new InvalidOperationException("IDX20803: Unable to obtain configuration from: '[PII is hidden]'.",
                new IOException("IDX20804: Unable to retrieve document.", new HttpRequestException("Connection refused"))));
        var route = new AppRoute("Staff", "GET", "staff-thing", Access.Staff, _ => Task.FromResult<IResult>(TypedResults.Ok()));

        var result = await Dispatcher(source).DispatchAsync(route, Request("/staff-thing", bearer: "a.b.c"), null!);

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Status(result));
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(result);
    }

    [Fact]
    public async Task Dispatch_HandlerBug_500NotMistakenForOutage()
    {
        var route = new AppRoute("Thing", "GET", "things/{id}", Access.Public, _ => throw new InvalidOperationException("bug"));
        Assert.Equal(StatusCodes.Status500InternalServerError, Status(await Dispatcher().DispatchAsync(route, Request("/things/x"), null!)));
    }

    private static readonly SymmetricSecurityKey TokenKey = new(new byte[32]);

    /// <summary>A validation source that checks signature, issuer, audience and lifetime for real (symmetric test key).</summary>
    private static Mock<ITokenValidationSource> RealValidation()
    {
        var source = new Mock<ITokenValidationSource>(MockBehavior.Strict);
        source.Setup(s => s.GetParametersAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(new TokenValidationParameters { ValidIssuer = "issuer", ValidAudience = "aud", IssuerSigningKey = TokenKey });
        return source;
    }

    private static string Token(DateTime expires, string audience = "aud") =>
        new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "issuer", Audience = audience, NotBefore = expires.AddHours(-1), IssuedAt = expires.AddHours(-1), Expires = expires,
            Subject = new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("oid", Guid.NewGuid().ToString())]),
            SigningCredentials = new SigningCredentials(TokenKey, SecurityAlgorithms.HmacSha256),
        });

    [Fact]
    public async Task Dispatch_StaffPageGetWithExpiredToken_302ToEntraLoginBackToThePage()
    {
        var ran = false;
        var route = new AppRoute("Page", "GET", "staff/cameras", Access.Staff, _ =>
        {
            ran = true;
            return Task.FromResult<IResult>(TypedResults.Ok());
        });

        var result = await Dispatcher(RealValidation()).DispatchAsync(route, Request("/staff/cameras", bearer: Token(DateTime.UtcNow.AddMinutes(-30))), null!);

        // An expired credential: the browser signs in again, which renews it.
        var redirect = Assert.IsType<Bra.Core.Pages.StaffPageAnswers.Redirect>(result);
        Assert.Equal(StatusCodes.Status302Found, redirect.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fstaff%2Fcameras", redirect.Location);
        Assert.False(ran);
    }

    [Fact]
    public async Task Dispatch_ApiGetWithExpiredToken_401Problem()
    {
        var route = new AppRoute("Api", "GET", "api/camera-sites", Access.Staff, _ => Task.FromResult<IResult>(TypedResults.Ok()));
        var expired = Token(DateTime.UtcNow.AddMinutes(-30));

        var bearer = await Dispatcher(RealValidation()).DispatchAsync(route, Request("/api/camera-sites", bearer: expired), null!);

        var problem = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(bearer);
        Assert.Equal(StatusCodes.Status401Unauthorized, problem.StatusCode);
        Assert.Contains("gått ut", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Dispatch_StaffPageGetWithTokenForAnotherAudience_401PageNotARedirectLoop()
    {
        var route = new AppRoute("Page", "GET", "staff/cameras", Access.Staff, _ => Task.FromResult<IResult>(TypedResults.Ok()));

        var result = await Dispatcher(RealValidation()).DispatchAsync(route,
            Request("/staff/cameras", bearer: Token(DateTime.UtcNow.AddMinutes(30), audience: "https://graph.microsoft.com")), null!);

        // A new sign-in would bring the same kind of token back: a Swedish page instead of sending the browser round.
        var page = Assert.IsType<Bra.Core.Pages.PageResult<Bra.Core.Pages.MessagePage>>(result);
        Assert.Equal(StatusCodes.Status401Unauthorized, page.StatusCode);
    }

    [Fact]
    public async Task Dispatch_StaffPageGetWithoutSignIn_302ToEntraLoginBackToThePage()
    {
        var route = new AppRoute("Page", "GET", "staff/things/{id}", Access.Staff, _ => Task.FromResult<IResult>(TypedResults.Ok()));
        var request = Request("/staff/things/x");
        request.QueryString = new QueryString("?format=csv");

        var result = await Dispatcher().DispatchAsync(route, request, null!);

        var redirect = Assert.IsType<Bra.Core.Pages.StaffPageAnswers.Redirect>(result);
        Assert.Equal(StatusCodes.Status302Found, redirect.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fstaff%2Fthings%2Fx%3Fformat%3Dcsv", redirect.Location);
    }

    [Fact]
    public async Task Dispatch_StaffFormPostWithoutSignIn_303ToSignInBackToStaffStart()
    {
        var route = new AppRoute("Form", "POST", "staff/things", Access.Staff, _ => Task.FromResult<IResult>(TypedResults.Ok()));
        var request = Request("/staff/things");
        request.Method = "POST";

        var redirect = Assert.IsType<Bra.Core.Pages.StaffPageAnswers.Redirect>(await Dispatcher().DispatchAsync(route, request, null!));

        Assert.Equal(StatusCodes.Status303SeeOther, redirect.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fstaff", redirect.Location);
    }

    [Fact]
    public async Task Dispatch_ApiRouteWithoutSignIn_401ProblemNotRedirect()
    {
        var route = new AppRoute("Api", "GET", "api/things", Access.Staff, _ => Task.FromResult<IResult>(TypedResults.Ok()));

        var result = await Dispatcher().DispatchAsync(route, Request("/api/things"), null!);

        Assert.Equal(StatusCodes.Status401Unauthorized, Status(result));
        Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(result);
    }

    [Fact]
    public async Task Dispatch_ClientGoneWhileHandlerRuns_499()
    {
        var request = Request("/things/x");
        using var gone = new CancellationTokenSource();
        request.HttpContext.RequestAborted = gone.Token;
        var route = new AppRoute("Thing", "GET", "things/{id}", Access.Public, async c =>
        {
            await gone.CancelAsync();
            c.Aborted.ThrowIfCancellationRequested();
            return TypedResults.Ok();
        });

        Assert.Equal(499, Status(await Dispatcher().DispatchAsync(route, request, null!)));
    }

    [Fact]
    public async Task Dispatch_HandlerTimesOutWhileClientStillThere_500NotMistakenFor499()
    {
        var route = new AppRoute("Thing", "GET", "things/{id}", Access.Public, _ => throw new OperationCanceledException("own timeout"));

        Assert.Equal(StatusCodes.Status500InternalServerError, Status(await Dispatcher().DispatchAsync(route, Request("/things/x"), null!)));
    }
}
