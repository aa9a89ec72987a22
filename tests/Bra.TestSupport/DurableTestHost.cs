using Microsoft.AspNetCore.Connections;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Testing;

namespace Bra.IntegrationTests.Support;

/// <summary>Starts the Durable Task SDK's in-process test host (the real engine in memory, no Azurite).</summary>
public static class DurableTestHost
{
    /// <summary>
    /// The host picks a random port in 30000-40000 for its gRPC sidecar and cannot bind port 0; when that port is taken,
    /// this starts it again on another random one (a few tries make a clash on all of them practically impossible).
    /// </summary>
    public static async Task<DurableTaskTestHost> StartAsync(Action<DurableTaskRegistry> registry)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DurableTaskTestHost.StartAsync(registry);
            }
            catch (IOException e) when (e.InnerException is AddressInUseException && attempt < 5)
            {
            }
        }
    }
}
