using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// One Azurite and one development host that mails into the development outbox (no SendGrid), as `run.sh` does, with
/// its demo data in place and the daily camera scan off; shared by the tests of a class that read invitations there.
/// </summary>
public sealed class OutboxHost : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public DevHostProcess Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Host = new DevHostProcess(Azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await Host.StartAsync();
        Admin = await Host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(Admin);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        try
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
        finally
        {
            await Azurite.DisposeAsync();
        }
    }
}
