using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>
/// One Azurite and one development host (daily scan off, demo data in place) shared by the tests of a footage API class,
/// with the coordinator's and the data protection officer's clients. Each test works on a school of its own or on a demo
/// site no other test of the class touches, so they do not see each other's grants or log entries.
/// </summary>
public sealed class FootageHost : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public DevHostProcess Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Dpo { get; private set; } = null!;

    public Task<HttpClient> ClientForAsync(string email) => Host.ClientForAsync(email);

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Host = new DevHostProcess(Azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await Host.StartAsync();
        Admin = await Host.ClientForAsync(Coordinator);
        Dpo = await Host.ClientForAsync(DataProtectionOfficer);
        await WaitForDemoAsync(Admin);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        Dpo?.Dispose();
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
