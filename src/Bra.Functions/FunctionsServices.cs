using Bra.Core;
using Bra.Core.Identity;
using Bra.Core.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.Functions;

/// <summary>Everything the Functions app registers (no demo data: that belongs to the development host alone).</summary>
public static class FunctionsServices
{
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration configuration)
    {
        // Requests reach the worker from the Functions host behind the App Service front end, which appends the client to X-Forwarded-For.
        services.AddSingleton(new ClientAddress(BehindPlatformFrontEnd: true));
        // Staff pages take App Service Authentication's X-MS-CLIENT-PRINCIPAL only while the platform reports it on.
        services.AddSingleton(AppServicePrincipal.FromPlatform(configuration));
        return services.AddBraCore(configuration);
    }
}
