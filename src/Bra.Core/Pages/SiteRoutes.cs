using Microsoft.AspNetCore.Http;
using Bra.Core.Http;

namespace Bra.Core.Pages;

/// <summary>
/// What the application answers outside its features: the icon browsers ask for, robots.txt, and a Swedish 404 for any path no
/// other route serves (a page, or a problem document under <c>/api</c>). Both are ordinary routes, so both hosts serve
/// them alike. The catch-all <c>{*path}</c> runs only when nothing else matches: ASP.NET Core routing (development
/// host) ranks a catch-all last, and the Functions host sorts HTTP trigger routes literal segments first, parameters
/// after, while its own <c>admin/*</c> and <c>runtime/*</c> routes are matched before any function and stay its own.
/// </summary>
public sealed class SiteRoutes : IRouteSource
{
    public const string IconContentType = "image/x-icon";

    /// <summary>Crawlers stay out of the link pages (a link is a credential), the staff pages, the API and the development pages.</summary>
    public const string Robots = "User-agent: *\nDisallow: /respond/\nDisallow: /sign/\nDisallow: /staff\nDisallow: /api/\nDisallow: /dev\n";

    private static readonly Lazy<byte[]> Icon = new(() =>
    {
        using var resource = typeof(SiteRoutes).Assembly.GetManifestResourceStream("favicon.ico")
            ?? throw new InvalidOperationException("The embedded favicon.ico is missing.");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    });

    public IEnumerable<AppRoute> Routes =>
    [
        new("Favicon", "GET", "favicon.ico", Access.Public, _ => Task.FromResult<IResult>(TypedResults.File(Icon.Value, IconContentType)))
            { Response = ResponsePolicy.Public(TimeSpan.FromDays(7)) },
        new("Robots", "GET", "robots.txt", Access.Public, c => Task.FromResult<IResult>(TypedResults.Text(Robots, "text/plain; charset=utf-8")))
            { Response = ResponsePolicy.Public(TimeSpan.FromHours(1)) },
        // Every method, so that an unknown path answers 404 (not 405 because some other route has the path with a GET).
        new("NotFoundPage", AppRoute.AnyMethod, "{*path}", Access.Public, c => Task.FromResult(NotFound(c.Request))),
    ];

    private static IResult NotFound(HttpRequest request) =>
        request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            ? Problems.NotFound("Adressen finns inte i API:t.")
            : PageResult.NotFound();
}
