using Microsoft.AspNetCore.Http;

namespace Bra.Core.Http;

/// <summary>
/// Headers on every response of the application, set by <see cref="RouteDispatcher"/> before a handler runs (both hosts
/// send every route through it): no MIME sniffing; the route's <see cref="ResponsePolicy"/> as <c>Cache-Control</c>
/// (no-store unless the route is a public answer the same for everyone); and HSTS when the request came over HTTPS.
/// This is the one place <c>Cache-Control</c> is set. In Azure, TLS ends at the platform's front end, which passes the original scheme
/// in <c>X-Forwarded-Proto</c>; a browser ignores HSTS received over plain HTTP (RFC 6797, 8.1), so a client that sends
/// the header itself gains nothing.
/// </summary>
public static class ResponseHeaders
{
    public const string Hsts = "max-age=31536000";

    /// <summary>The headers for a route with <paramref name="policy"/>; without one (a request no route serves), no-store.</summary>
    public static void Apply(HttpContext context, ResponsePolicy? policy = null)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = (policy ?? ResponsePolicy.NoStore).CacheControl;
        if (CameOverHttps(context.Request))
        {
            headers.StrictTransportSecurity = Hsts;
        }
    }

    public static bool CameOverHttps(HttpRequest request) =>
        request.IsHttps
        || request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim().Equals("https", StringComparison.OrdinalIgnoreCase);
}
