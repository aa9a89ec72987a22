using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.UnitTests.Http;

/// <summary>The route table refuses to start with a route that fails open, caches what is not public, or cannot be in the navigation.</summary>
public sealed class AppRoutesTests
{
    private static Task<IResult> Handler(RequestContext c) => Task.FromResult<IResult>(TypedResults.Ok());

    private sealed class Source(params AppRoute[] routes) : IRouteSource
    {
        public IEnumerable<AppRoute> Routes => routes;
    }

    /// <summary>A host with the application's route table check and the given routes, as both hosts register it.</summary>
    private static IHost Host(params AppRoute[] routes)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var policies = RouteDispatcherTests.Policies();
        builder.Services.AddSingleton(policies);
        builder.Services.AddSingleton(new RouteDispatcher(null!, policies, NullLogger<RouteDispatcher>.Instance));
        builder.Services.AddSingleton<IRouteSource>(new Source(routes));
        builder.Services.AddSingleton<AppRoutes>();
        builder.Services.AddHostedService<RouteTableCheck>();
        return builder.Build();
    }

    [Fact]
    public async Task StartAsync_RouteWithoutAccess_StartUpFails()
    {
        using var host = Host(new AppRoute("Forgotten", "GET", "api/forgotten", default, Handler));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());

        Assert.Contains("Forgotten declares no valid access", failure.Message);
    }

    [Fact]
    public async Task StartAsync_EveryRouteWithAccess_Starts()
    {
        using var host = Host(new AppRoute("Declared", "GET", "api/declared", Access.Public, Handler));

        await host.StartAsync();
        await host.StopAsync();
    }

    [Fact]
    public void Check_AccessOutsideTheEnum_Throws() =>
        Assert.Throws<InvalidOperationException>(() => AppRoutes.Check([new("Odd", "GET", "api/odd", (Access)99, Handler)]));

    [Fact]
    public void Access_NoMemberIsZero() => Assert.DoesNotContain(0, Enum.GetValues<Access>().Cast<int>());

    [Theory]
    [InlineData(Access.Staff, "GET", "staff/things")]
    [InlineData(Access.Link, "GET", "respond/{token}")]
    [InlineData(Access.Public, "POST", "staff/logout")]
    public void Check_PublicCacheOnAnythingButAPublicGet_Throws(Access access, string method, string template) =>
        Assert.Throws<InvalidOperationException>(() => AppRoutes.Check(
            [new("Cached", method, template, access, Handler) { Response = ResponsePolicy.Public(TimeSpan.FromMinutes(5)) }]));

    [Fact]
    public void Check_PublicCacheOnAPublicGet_Passes() =>
        AppRoutes.Check([new("Icon", "GET", "favicon.ico", Access.Public, Handler) { Response = ResponsePolicy.Public(TimeSpan.FromDays(7)) }]);

    [Theory]
    [InlineData(Access.Staff, "GET", "staff/things/{id}")]
    [InlineData(Access.Staff, "POST", "staff/things")]
    [InlineData(Access.Administrator, "GET", "api/things")]
    [InlineData(Access.Public, "GET", "staff/open")]
    public void Check_NavigationOnARouteThatIsNotASignedInStaffPage_Throws(Access access, string method, string template) =>
        Assert.Throws<InvalidOperationException>(() => AppRoutes.Check([new("Nav", method, template, access, Handler) { Navigation = new(1, "Saker") }]));

    [Fact]
    public void Check_TwoNavigationEntriesWithOneOrder_Throws() =>
        Assert.Throws<InvalidOperationException>(() => AppRoutes.Check(
        [
            new("A", "GET", "staff/a", Access.Staff, Handler) { Navigation = new(1, "A") },
            new("B", "GET", "staff/b", Access.Staff, Handler) { Navigation = new(1, "B") },
        ]));

    [Fact]
    public void Check_TwoRoutesWithOneName_Throws() =>
        Assert.Throws<InvalidOperationException>(() => AppRoutes.Check(
            [new("A", "GET", "api/a", Access.Staff, Handler), new("A", "GET", "api/b", Access.Staff, Handler)]));

    [Fact]
    public void NavigationFor_Roles_TheEntriesTheirAccessOpensInDeclaredOrder()
    {
        var routes = new AppRoutes(
        [
            new Source(
                new("Later", "GET", "staff/later", Access.Staff, Handler) { Navigation = new(30, "Senare") },
                new("Admin", "GET", "staff/admin", Access.Administrator, Handler) { Navigation = new(20, "Admin") },
                new("Dpo", "GET", "staff/dpo", Access.DataProtectionOfficer, Handler) { Navigation = new(25, "Granskning") },
                new("First", "GET", "staff", Access.Staff, Handler) { Navigation = new(10, "Översikt") },
                new("Hidden", "GET", "staff/hidden", Access.Staff, Handler)),
        ], null!, RouteDispatcherTests.Policies());

        Assert.Equal(["Översikt", "Admin", "Senare"], routes.NavigationFor(User(StaffRoles.Administrator)).Select(r => r.Navigation!.Label));
        Assert.Equal(["Översikt", "Granskning", "Senare"], routes.NavigationFor(User(StaffRoles.DataProtectionOfficer)).Select(r => r.Navigation!.Label));
        Assert.Equal(["Översikt", "Senare"], routes.NavigationFor(User()).Select(r => r.Navigation!.Label));
    }

    internal static StaffUser User(params string[] roles) =>
        new(new Person("p1", "Pia Person", "pia@example.se", null, null, null, [.. roles], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), roles.ToHashSet());
}
