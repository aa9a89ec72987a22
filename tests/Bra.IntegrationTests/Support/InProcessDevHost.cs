using Bra.DevHost;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bra.IntegrationTests.Support;

/// <summary>The development host in the test's own process (routes, services, durable worker and engine) over the given Azurite.</summary>
public static class InProcessDevHost
{
    /// <summary>Builds and starts the host with a fresh task hub named after <paramref name="hubPrefix"/>; the caller disposes it.</summary>
    public static WebApplicationFactory<DemoDataSeeder> Start(AzuriteFixture azurite, string hubPrefix)
    {
        var factory = new WebApplicationFactory<DemoDataSeeder>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(Repo.Root, "src", "Bra.DevHost"));
            builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
            builder.UseSetting("TaskHubName", hubPrefix + Guid.NewGuid().ToString("N")[..8]);
            builder.UseSetting("Auth:DevelopmentKeyFolder", Path.Combine(Path.GetTempPath(), $"bra-{hubPrefix.ToLowerInvariant()}-keys"));
        });
        _ = factory.Services; // builds and starts the host
        return factory;
    }
}
