using Bra.Core.Http;
using Bra.Core.Agreements;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.Durable;
using Bra.Core.Email;
using Bra.Core.Footage;
using Bra.Core.Health;
using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.People;
using Bra.Core.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Bra.Core;

/// <summary>Registers everything the application needs; both hosts call this once.</summary>
public static class BraCoreServices
{
    public static IServiceCollection AddBraCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => AppJson.Configure(o.SerializerOptions));
        services.AddOptions<AppOptions>().BindConfiguration(AppOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var storage = StorageConnection.ForData(configuration);
        services.AddSingleton<StorageOperationCounter>();
        services.AddSingleton(sp =>
        {
            var counter = sp.GetRequiredService<StorageOperationCounter>().Policy;
            return new StorageAccount(storage.CreateTableClient(counter), storage.CreateBlobClient(counter));
        });

        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Mode != AuthMode.Entra || (Guid.TryParse(o.TenantId, out _) && o.Audiences.Any()),
                "Auth:TenantId (a GUID) and Auth:Audience are required when Auth:Mode is Entra.")
            .Validate<IHostEnvironment>((o, env) => o.Mode != AuthMode.Development || env.IsDevelopment(),
                "Auth:Mode Development is only allowed in the Development environment.")
            .ValidateOnStart();
        services.AddSingleton<DevelopmentTokens>();
        services.AddSingleton<EntraTokenValidation>();
        services.AddSingleton<ITokenValidationSource>(sp =>
            sp.GetRequiredService<IOptions<AuthOptions>>().Value.Mode == AuthMode.Development
                ? sp.GetRequiredService<DevelopmentTokens>()
                : sp.GetRequiredService<EntraTokenValidation>());
        services.TryAddSingleton(AppServicePrincipal.Off);
        services.AddSingleton<StaffAuthenticator>();

        services.AddOptions<EmailOptions>().BindConfiguration(EmailOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailLedger>();
        services.AddSingleton<Mailer>();
        services.AddSingleton<OutboxTransport>();
        services.AddSingleton<SendGridTransport>();
        services.AddHttpClient(SendGridTransport.HttpClientName)
            .ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(15) })
            .AddResilienceHandler(SendGridTransport.HttpClientName, (pipeline, context) =>
                SendGridTransport.ConfigureResilience(pipeline, context.ServiceProvider.GetRequiredService<IOptions<EmailOptions>>().Value));
        services.AddTransient<IEmailTransport>(sp =>
            sp.GetRequiredService<IOptions<EmailOptions>>().Value.Provider == EmailProvider.Outbox
                ? sp.GetRequiredService<OutboxTransport>()
                : sp.GetRequiredService<SendGridTransport>());

        services.AddSingleton<PeopleStore>();

        // Anti-forgery tokens of staff forms: the key ring lives in storage, shared by every instance.
        services.AddAntiforgery();
        services.AddSingleton<FormKeyRing>();
        services.AddDataProtection().SetApplicationName("BraFunctions");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = sp.GetRequiredService<FormKeyRing>()));
        services.AddSingleton<StaffForms>();
        services.AddSingleton<AccessPolicies>();
        services.AddSingleton<RouteDispatcher>();
        services.AddSingleton<AppRoutes>();
        services.AddHostedService<RouteTableCheck>();
        services.AddSingleton<IRouteSource, HealthRoutes>();
        services.AddPeople();
        services.AddSingleton<IRouteSource, SiteRoutes>();
        services.AddConsultations();
        services.AddCameras();
        services.AddFootage();
        services.AddAgreements();
        services.AddWorkflows();
        services.AddSingleton<Workspace.StaffOverview>();
        services.AddSingleton<IRouteSource, Workspace.WorkspaceRoutes>();
        services.AddSingleton<IRouteSource, ApiDescription.OpenApiRoutes>();
        return services;
    }
}
