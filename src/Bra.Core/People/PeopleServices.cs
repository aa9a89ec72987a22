using Bra.Core.Http;
using FluentValidation;

namespace Bra.Core.People;

public static class PeopleServices
{
    /// <summary>The people register's validators, writes, API and staff pages (its store is registered with storage, as other features use it).</summary>
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddSingleton<IPeopleLookup>(sp => sp.GetRequiredService<PeopleStore>());
        services.AddSingleton<IValidator<PersonInput>, PersonInputValidator>();
        services.AddSingleton<IValidator<UnitInput>, UnitInputValidator>();
        services.AddSingleton<IValidator<ObjectIdCorrection>, ObjectIdCorrectionValidator>();
        services.AddSingleton<PeopleRegister>();
        services.AddSingleton<IRouteSource, PeopleRoutes>();
        services.AddSingleton<IRouteSource, PeoplePageRoutes>();
        return services;
    }
}
