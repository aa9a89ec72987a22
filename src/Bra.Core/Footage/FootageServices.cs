using Bra.Core.Http;

namespace Bra.Core.Footage;

public static class FootageServices
{
    /// <summary>Footage access: grants, the hash-chained access log, police disclosures and the hourly anchoring.</summary>
    public static IServiceCollection AddFootage(this IServiceCollection services)
    {
        services.AddSingleton<FootageStore>();
        services.AddSingleton<FootageEntitlement>();
        services.AddSingleton<GrantInputValidator>();
        services.AddSingleton<RevokeInputValidator>();
        services.AddSingleton<AccessInputValidator>();
        services.AddSingleton<DisclosureInputValidator>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<AccessLogAnchoring>();
        services.AddSingleton<FootageGrants>();
        services.AddSingleton<FootageUse>();
        services.AddSingleton<IRouteSource, FootageRoutes>();
        services.AddAntiforgery();
        services.AddSingleton<IRouteSource, FootagePageRoutes>();
        return services;
    }
}
