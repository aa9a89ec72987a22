using System.Net;
using Bra.Core.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Bra.UnitTests.Agreements;

/// <summary>The address recorded with a signature: the same source as the rate limit's key, but the full address.</summary>
public sealed class SignatureAddressTests
{
    private static HttpRequest Request(string remote, params string[] forwardedFor)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor.Length > 0)
        {
            context.Request.Headers["X-Forwarded-For"] = new StringValues(forwardedFor);
        }

        return context.Request;
    }

    [Fact]
    public void FullOf_Ipv6BehindFrontEnd_WholeAddressNotPrefix() =>
        Assert.Equal("2001:db8:1:2:aaaa::1", new ClientAddress(BehindPlatformFrontEnd: true).FullOf(Request("127.0.0.1", "203.0.113.7", "[2001:db8:1:2:aaaa::1]:443")));

    [Fact]
    public void FullOf_DevelopmentHostSpoofedHeader_ConnectionAddressUnwrapped() =>
        Assert.Equal("192.0.2.5", new ClientAddress(BehindPlatformFrontEnd: false).FullOf(Request("::ffff:192.0.2.5", "203.0.113.7")));
}
