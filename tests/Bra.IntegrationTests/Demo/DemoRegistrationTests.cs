using Bra.Functions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.IntegrationTests.Demo;

/// <summary>Demo data is the development host's alone: the Functions app registers no demo service.</summary>
public sealed class DemoRegistrationTests
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }).Build();

    [Fact]
    public void AddFunctionsApp_ServiceCollection_NoDemoService()
    {
        var services = new ServiceCollection().AddFunctionsApp(Configuration);

        Assert.NotEmpty(services);
        Assert.Empty(DemoServices(services));
    }

    [Fact]
    public void AddDemoData_DevHost_RegistersSeedersAndTheirHostedService()
    {
        var services = new ServiceCollection().AddDemoData();

        Assert.Equal(["DemoCameras", "DemoConsultation", "DemoDataSeeder", "DemoPeople"], DemoServices(services).Order().ToList());
    }

    /// <summary>Services whose type is demo data: by name, or defined in the development host's demo folder.</summary>
    private static IEnumerable<string> DemoServices(IServiceCollection services) =>
        services.SelectMany(d => new[] { d.ServiceType, d.ImplementationType, d.ImplementationInstance?.GetType() })
            .OfType<Type>()
            .Where(t => t.Name.StartsWith("Demo", StringComparison.Ordinal) || t.Namespace == typeof(DemoData).Namespace)
            .Select(t => t.Name).Distinct();
}
