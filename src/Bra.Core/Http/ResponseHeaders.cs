using Microsoft.AspNetCore.Http;

namespace Bra.Core.Http;

/// <summary>
/// Headers on every response of the application, set by <see cref="RouteDispatcher"/> before a handler runs (both hosts
/// send every route through it): no MIME sniffing; no caching, because API answers, pages and downloads carry personal
/// data or capability links (a handler may loosen it for something the same for everyone, such as the icon); and HSTS
/// when the request came over HTTPS. In Azure, TLS ends at the platform's front end, which passes the original scheme
/// in <c>X-Forwarded-Proto</c>; a browser ignores HSTS received over plain HTTP (RFC 6797, 8.1), so a client that sends
/// the header itself gains nothing.
/// </summary>
public static class ResponseHeaders
{
    public const string Hsts = "max-age=31536000";

    public static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        if (CameOverHttps(context.Request))
        {
            headers.StrictTransportSecurity = Hsts;
        }
    }

    public static bool CameOverHttps(HttpRequest request) =>
        request.IsHttps
        || request.Headers["X-Forwarded-Proto"].ToString().Split(',')[0].Trim().Equals("https", StringComparison.OrdinalIgnoreCase);
}
