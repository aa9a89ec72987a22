using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// Loopback ports. Servers the tests start bind port 0 and report the port they got (<see cref="ListeningAddress"/>
/// reads such a report); nothing here picks a port for a server to bind later.
/// </summary>
public static partial class Ports
{
    /// <summary>
    /// A loopback port nothing listens on at this moment: only for settings that must point at an unreachable
    /// endpoint (a tenant or a mail provider that is down). Never for a server to bind: that is the
    /// "pick, release, hope" race; servers bind port 0 instead.
    /// </summary>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The http://127.0.0.1:PORT address in a line a server printed after binding, if the line is such a report.</summary>
    public static Uri? ListeningAddress(string line, string prefix)
    {
        var at = line.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var match = LoopbackAddress().Match(line, at + prefix.Length);
        return match.Success ? new Uri(match.Value + "/") : null;
    }

    [GeneratedRegex(@"\Ghttps?://127\.0\.0\.1:[1-9][0-9]*")]
    private static partial Regex LoopbackAddress();
}
