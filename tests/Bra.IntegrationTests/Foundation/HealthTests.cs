using System.Net;
using System.Text.Json;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

public sealed class HealthTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Health_StorageUpThenDown_OkThen503Unreachable()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();

        using var ok = await host.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        using var okBody = JsonDocument.Parse(await ok.Content.ReadAsStringAsync());
        Assert.Equal("ok", okBody.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", okBody.RootElement.GetProperty("storage").GetString());

        azurite.Kill();
        using var down = await host.Client.GetAsync("api/health");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, down.StatusCode);
        using var downBody = JsonDocument.Parse(await down.Content.ReadAsStringAsync());
        Assert.Equal("unreachable", downBody.RootElement.GetProperty("storage").GetString());
    }
}
