using Bra.Core.Http;
using FluentValidation;

namespace Bra.Core.Agreements;

public static class AgreementServices
{
    /// <summary>Agreements: validators, store, services, routes. Documents, links and email are registered by their own features.</summary>
    public static IServiceCollection AddAgreements(this IServiceCollection services)
    {
        services.AddOptions<AgreementOptions>().BindConfiguration(AgreementOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidator<CreateAgreementInput>, CreateAgreementValidator>();
        services.AddSingleton<IValidator<CancelAgreementInput>, CancelAgreementValidator>();
        services.AddSingleton<IValidator<ReplaceSignerInput>, ReplaceSignerValidator>();
        services.AddSingleton<IValidator<SignForm>, SignFormValidator>();
        services.AddSingleton<IValidator<DeclineForm>, DeclineFormValidator>();
        services.AddSingleton<AgreementStore>();
        services.AddSingleton<AgreementService>();
        services.AddSingleton<AgreementMailing>();
        services.AddSingleton<AgreementSigning>();
        services.AddSingleton<SignerLinks>();
        services.AddSingleton<AgreementCompletion>();
        services.AddSingleton<IRouteSource, AgreementRoutes>();
        services.AddSingleton<IRouteSource, AgreementPageRoutes>();
        services.AddSingleton<IRouteSource, NewAgreementPageRoutes>();
        services.AddSingleton<IRouteSource, SignRoutes>();
        return services;
    }
}
