using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Cameras;

/// <summary>
/// One development host for the camera register's form tests (each test makes its own site): no daily scan, and the head
/// of education as a configured decision-maker for the council's unit (a decision-maker who is not an administrator).
/// </summary>
public sealed class CameraFormsHost : IAsyncLifetime
{
    public AzuriteFixture Azurite { get; } = new();

    public DevHostProcess Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Host = new DevHostProcess(Azurite, new Dictionary<string, string>
        {
            ["Cameras__DailyScanEnabled"] = "false",
            ["Cameras__DecisionMakers__" + CameraTestData.CouncilUnitId + "__0"] = "demo-bildningschef",
        });
        await Host.StartAsync();
        Admin = await Host.ClientForAsync(CameraTestData.Coordinator);
        await CameraTestData.WaitForDemoAsync(Admin);
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
