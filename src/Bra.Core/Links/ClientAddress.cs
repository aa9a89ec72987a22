using Microsoft.AspNetCore.Http;
using System.Net;
using Microsoft.Extensions.Primitives;

namespace Bra.Core.Links;

/// <summary>
/// Which address stands for the client when limiting unknown link tokens. Never a value the client chose:
/// <list type="bullet">
/// <item>Development host (Kestrel faces the client): the connection's remote address; X-Forwarded-For is ignored.</item>
/// <item>Azure Functions (<see cref="BehindPlatformFrontEnd"/>): the worker is reached over loopback from the Functions
/// host, behind the App Service front end. Each proxy appends the address it received the request from to
/// X-Forwarded-For, so whatever a client sends stays on the left and the right-most hop is the one the platform's front
/// end added. Sources: ASP.NET Core, "Configure ASP.NET Core to work with proxy servers and load balancers", section
/// "Forwarded headers" (https://learn.microsoft.com/aspnet/core/host-and-deploy/proxy-load-balancer): in a chain of
/// proxies the first value is the original client and each later proxy follows; Azure's front ends keep what the client
/// sent and add the client socket address after it (Front Door: https://learn.microsoft.com/azure/frontdoor/front-door-http-headers-protocol).
/// The left-most value is the client's own claim and is never used.</item>
/// </list>
/// IPv6 clients are grouped by their /64 prefix, which one subscriber can rotate through freely.
/// </summary>
public sealed record ClientAddress(bool BehindPlatformFrontEnd)
{
    public string Of(HttpRequest request) => Address(request) is { } address ? Key(address) : "unknown";

    /// <summary>The client's full address from the same source as <see cref="Of"/> (for an audit record, not a partition).</summary>
    public string FullOf(HttpRequest request) =>
        Address(request) is { } address ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString() : "unknown";

    private IPAddress? Address(HttpRequest request) =>
        BehindPlatformFrontEnd && LastForwardedHop(request.Headers["X-Forwarded-For"]) is { } forwarded
            ? forwarded
            : request.HttpContext.Connection.RemoteIpAddress;

    /// <summary>The right-most address of X-Forwarded-For (several header lines form one list, in order), or null.</summary>
    public static IPAddress? LastForwardedHop(StringValues header)
    {
        var line = header.LastOrDefault(h => !string.IsNullOrWhiteSpace(h));
        if (line is null)
        {
            return null;
        }

        var hop = line.Split(',')[^1].Trim();
        return IPAddress.TryParse(hop, out var address) ? address
            : IPEndPoint.TryParse(hop, out var endpoint) ? endpoint.Address
            : null;
    }

    /// <summary>The partition key of an address: IPv4 as is (also when mapped into IPv6), IPv6 by its /64 prefix.</summary>
    public static string Key(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
