using System.Reflection;
using System.Text.Json;
using Bra.Core.Durable;
using Bra.Core.Http;
using Bra.DevHost;
using Bra.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.IntegrationTests.Foundation;

/// <summary>The Functions app and the development host are one application: same routes, same access rules, same durable tasks.</summary>
public sealed class HostParityTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Assembly FunctionsAssembly = typeof(Bra.Functions.Health.HealthFunctions).Assembly;

    [Fact]
    public async Task Routes_FunctionsAppAndDevHost_SameMethodAndRouteSet()
    {
        await using var devHost = StartDevHost();
        var devRoutes = DevHostEndpoints(devHost)
            .Where(e => !e.Route.StartsWith("dev/", StringComparison.Ordinal))
            .Select(e => $"{e.Method} {e.Route}").ToHashSet();
        var functionRoutes = FunctionsHttpTriggers().Select(f => $"{f.Method} {f.Route}").ToHashSet();

        Assert.NotEmpty(functionRoutes);
        Assert.Empty(functionRoutes.Except(devRoutes));
        Assert.Empty(devRoutes.Except(functionRoutes));
    }

    [Fact]
    public async Task Routes_BothHosts_EveryEndpointIsAnApplicationRouteWithItsDeclaredAccess()
    {
        // That every route declares a valid access is the route table's own check at start-up (AppRoutesTests); here both
        // hosts serve exactly those routes with those rules.
        await using var devHost = StartDevHost();
        var routes = devHost.Services.GetRequiredService<AppRoutes>();
        var served = devHost.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !e.RoutePattern.RawText!.TrimStart('/').StartsWith("dev/", StringComparison.Ordinal))
            .Select(e => (Name: e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName, Access: e.Metadata.OfType<Access>().Select(a => (Access?)a).LastOrDefault()))
            .ToList();
        Assert.Equal(routes.All.Count, served.Count);
        foreach (var (name, access) in served)
        {
            Assert.True(name is not null, "A DevHost endpoint outside /dev is not an application route.");
            Assert.Equal(routes[name].Access, access);
        }

        foreach (var function in FunctionsHttpTriggers())
        {
            var route = routes.All.SingleOrDefault(r => r.Name == function.Name);
            Assert.True(route is not null, $"Function {function.Name} dispatches to no application route.");
            Assert.Equal(route.Template, function.Route);
            Assert.Equal(route.Method, function.Method);
        }
    }

    [Fact]
    public void DurableTasks_RegisteredInDevHost_EachHasFunctionsTriggerOfSameNameAndKind()
    {
        var orchestrators = FunctionsTriggers<OrchestrationTriggerAttribute>();
        var activities = FunctionsTriggers<ActivityTriggerAttribute>();

        Assert.Equal(DurableTasks.Orchestrators.Select(t => t.Name).Order(), orchestrators.Order());
        Assert.Equal(DurableTasks.Activities.Select(t => t.Name).Order(), activities.Order());
    }

    [Fact]
    public void FunctionsMetadata_BuildOutput_ListsEveryFunctionWithItsTrigger()
    {
        Assert.True(File.Exists(Repo.FunctionsMetadata), $"Missing {Repo.FunctionsMetadata}");
        using var metadata = JsonDocument.Parse(File.ReadAllText(Repo.FunctionsMetadata));
        var listed = metadata.RootElement.EnumerateArray().ToDictionary(
            f => f.GetProperty("name").GetString()!,
            f => f.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()!).ToList());
        var declared = FunctionsAssembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>().ToHashSet();

        Assert.Equal(declared.Order(), listed.Keys.Order());
        foreach (var http in FunctionsHttpTriggers())
        {
            Assert.Contains("httpTrigger", listed[http.Name]);
        }
    }

    private WebApplicationFactory<DemoDataSeeder> StartDevHost()
    {
        var factory = new WebApplicationFactory<DemoDataSeeder>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(Repo.Root, "src", "Bra.DevHost"));
            builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
            builder.UseSetting("TaskHubName", "Parity" + Guid.NewGuid().ToString("N")[..8]);
            builder.UseSetting("Auth:DevelopmentKeyFolder", Path.Combine(Path.GetTempPath(), "bra-parity-keys"));
        });
        _ = factory.Services; // builds and starts the host
        return factory;
    }

    private static IEnumerable<(string Method, string Route, Access? Access)> DevHostEndpoints(WebApplicationFactory<DemoDataSeeder> host) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => (m.ToUpperInvariant(), e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.OfType<Access>().Select(a => (Access?)a).LastOrDefault())));

    private static IEnumerable<(string Name, string Method, string Route)> FunctionsHttpTriggers() =>
        from type in FunctionsAssembly.GetTypes()
        from method in type.GetMethods()
        let function = method.GetCustomAttribute<FunctionAttribute>()
        where function is not null
        from parameter in method.GetParameters()
        let trigger = parameter.GetCustomAttribute<HttpTriggerAttribute>()
        where trigger is not null
        from verb in trigger.Methods ?? [AppRoute.AnyMethod] // no methods listed: the trigger takes every method
        select (function.Name, verb.ToUpperInvariant(), trigger.Route ?? "");

    private static List<string> FunctionsTriggers<TTrigger>()
        where TTrigger : Attribute =>
        (from type in FunctionsAssembly.GetTypes()
         from method in type.GetMethods()
         let function = method.GetCustomAttribute<FunctionAttribute>()
         where function is not null && method.GetParameters().Any(p => p.GetCustomAttribute<TTrigger>() is not null)
         select function.Name).ToList();
}
