using Bra.Core;
using Bra.Core.Http;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Bra.DevHost;

public static class DevHostSetup
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The Host names the development host answers to.</summary>
    public static readonly string[] AllowedHosts = ["localhost", "127.0.0.1"];

    /// <summary>Listens on 127.0.0.1:7071 unless configured otherwise, and stops within seconds.</summary>
    public static void AddDevHostDefaults(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        // Only requests addressed to this machine by name are served (others get 400): a web page whose DNS name is
        // rebound to 127.0.0.1 sends its own name as Host, so it cannot reach /dev/token or the sign-in cookie.
        builder.Services.PostConfigure<HostFilteringOptions>(o => o.AllowedHosts = AllowedHosts);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(4));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 30 * 1024 * 1024);
    }

    /// <summary>What the host prints on stdout once it listens, followed by the address it bound (run.sh and the tests read it).</summary>
    public const string ListeningLinePrefix = "BraFunctions development host listening on ";

    /// <summary>
    /// After start: when App:PublicBaseUrl names port 0 (as the tests set it, with ASPNETCORE_URLS on port 0 so the OS
    /// picks a free port), links in emails use the address the server bound; then the address is printed.
    /// </summary>
    public static void UseBoundAddress(this WebApplication app)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var options = app.Services.GetRequiredService<IOptions<AppOptions>>().Value;
        if (Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var configured) && configured.Port == 0)
        {
            options.PublicBaseUrl = address;
        }

        Console.WriteLine(ListeningLinePrefix + address);
    }

    /// <summary>Serves every route of the application, exactly as the Functions app does, through the same dispatcher.</summary>
    public static void MapAppRoutes(this WebApplication app)
    {
        // The dispatcher sets these on every application route; this also covers the development-only /dev routes.
        app.Use((context, next) =>
        {
            ResponseHeaders.Apply(context);
            return next(context);
        });
        var routes = app.Services.GetRequiredService<AppRoutes>();
        foreach (var route in routes.All)
        {
            Delegate handler = (HttpContext context, DurableTaskClient client) => routes.DispatchAsync(route.Name, context.Request, client);
            (route.Method == AppRoute.AnyMethod ? app.Map("/" + route.Template, handler) : app.MapMethods("/" + route.Template, [route.Method], handler))
                .WithName(route.Name)
                .WithMetadata(route.Access);
        }
    }
}
