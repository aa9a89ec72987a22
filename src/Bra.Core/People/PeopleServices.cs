using Bra.Core.Http;
using FluentValidation;

namespace Bra.Core.People;

public static class PeopleServices
{
    /// <summary>The people register: store, validators, the register's writes, the API and the staff pages.</summary>
    public static IServiceCollection AddPeople(this IServiceCollection services)
    {
        services.AddSingleton<PeopleStore>();
        services.AddSingleton<IPeopleLookup>(sp => sp.GetRequiredService<PeopleStore>());
        services.AddSingleton<IValidator<PersonInput>, PersonInputValidator>();
        services.AddSingleton<IValidator<UnitInput>, UnitInputValidator>();
        services.AddSingleton<PeopleRegister>();
        services.AddSingleton<IRouteSource, PeopleRoutes>();
        services.AddSingleton<IRouteSource, PeoplePageRoutes>();
        return services;
    }
}
