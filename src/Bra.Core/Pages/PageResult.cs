using Microsoft.AspNetCore.Http;
using Bra.Core.Identity;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.Core.Pages;

/// <summary>
/// A server-rendered Razor component returned as an HTML page with the security headers every page carries:
/// no referrer (link tokens stay out of Referer), a content security policy without inline script or
/// third-party origins (the configured logo's origin is the one other image source), no MIME sniffing and no framing. Parameters are keyed by <c>nameof(TComponent.Parameter)</c>.
/// </summary>
public sealed class PageResult<TComponent>(IDictionary<string, object?>? parameters = null, int statusCode = StatusCodes.Status200OK) : IResult
    where TComponent : IComponent
{
    private readonly IDictionary<string, object?> parameters = parameters ?? new Dictionary<string, object?>();

    public int StatusCode => statusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var html = httpContext.Items[typeof(StaffUser)] is StaffUser user
            ? await PageRenderer.RenderAsync<TComponent>(httpContext.RequestServices, parameters, Frame(httpContext, user))
            : await PageRenderer.RenderAsync<TComponent>(httpContext.RequestServices, parameters);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = "text/html; charset=utf-8";
        SecurityHeaders.Apply(response);
        await response.WriteAsync("<!DOCTYPE html>\n" + html, httpContext.RequestAborted);
    }

    private static StaffFrame Frame(HttpContext httpContext, StaffUser user)
    {
        var tokens = httpContext.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(httpContext);
        var links = httpContext.RequestServices.GetRequiredService<Http.AppRoutes>().NavigationFor(user)
            .Select(r => new StaffFrame.Link("/" + r.Template, r.Navigation!.Label)).ToList();
        return new StaffFrame(user, tokens.FormFieldName, tokens.RequestToken ?? "", httpContext.Request.Path.Value ?? "/", links);
    }
}

/// <summary>Page answers every feature gives the same way.</summary>
public static class PageResult
{
    /// <summary>The Swedish 404 page, for a page or form whose record does not exist (and for any path no route serves).</summary>
    public static IResult NotFound() => new PageResult<NotFoundPage>(statusCode: StatusCodes.Status404NotFound);
}

/// <summary>Renders Razor components to HTML strings (pages and email bodies use the same components).</summary>
public static class PageRenderer
{
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var loggerFactory = services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>();
        await using var renderer = new HtmlRenderer(services, loggerFactory);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
    }

    /// <summary>A staff page: the component inside a cascading <see cref="StaffFrame"/>, which <see cref="PageShell"/> turns into the staff header.</summary>
    public static async Task<string> RenderAsync<TComponent>(IServiceProvider services, IDictionary<string, object?> parameters, StaffFrame frame)
        where TComponent : IComponent
    {
        RenderFragment page = builder =>
        {
            builder.OpenComponent<TComponent>(0);
            foreach (var (name, value) in parameters)
            {
                builder.AddComponentParameter(1, name, value);
            }

            builder.CloseComponent();
        };
        return await RenderAsync<CascadingValue<StaffFrame>>(services, new Dictionary<string, object?>
        {
            [nameof(CascadingValue<StaffFrame>.Value)] = frame,
            [nameof(CascadingValue<StaffFrame>.IsFixed)] = true,
            [nameof(CascadingValue<StaffFrame>.ChildContent)] = page,
        });
    }
}

public static class SecurityHeaders
{
    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers["Referrer-Policy"] = "no-referrer";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["X-Frame-Options"] = "DENY";
        var logo = response.HttpContext.RequestServices?.GetService<Microsoft.Extensions.Options.IOptions<AppOptions>>()?.Value.LogoOrigin;
        headers.ContentSecurityPolicy =
            $"default-src 'none'; style-src '{PageStyle.Hash}'; img-src 'self' data:{(logo is null ? "" : " " + logo)}; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    }
}
