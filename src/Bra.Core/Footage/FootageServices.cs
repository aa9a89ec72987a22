using Bra.Core.Http;
using FluentValidation;

namespace Bra.Core.Footage;

public static class FootageServices
{
    /// <summary>Footage access: grants, the hash-chained access log, police disclosures and the hourly anchoring.</summary>
    public static IServiceCollection AddFootage(this IServiceCollection services)
    {
        services.AddOptions<FootageOptions>().BindConfiguration(FootageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<FootageStore>();
        services.AddSingleton<IGrantRecords>(sp => sp.GetRequiredService<FootageStore>());
        services.AddSingleton<FootageEntitlement>();
        services.AddSingleton<IValidator<GrantInput>, GrantInputValidator>();
        services.AddSingleton<IValidator<RevokeInput>, RevokeInputValidator>();
        services.AddSingleton<IValidator<AccessInput>, AccessInputValidator>();
        services.AddSingleton<IValidator<DisclosureInput>, DisclosureInputValidator>();
        services.AddSingleton<IValidator<AccessLogQuery>, AccessLogQueryValidator>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<IAccessLogWriter>(sp => sp.GetRequiredService<AccessLog>());
        services.AddSingleton<AccessLogAnchoring>();
        services.AddSingleton<AccessLogFullVerification>();
        services.AddSingleton<FootageGrants>();
        services.AddSingleton<FootageUse>();
        services.AddSingleton<FootageOverview>();
        services.AddSingleton<AccessLogReading>();
        services.AddSingleton<IRouteSource, FootageRoutes>();
        services.AddSingleton<IRouteSource, FootagePageRoutes>();
        return services;
    }
}
