using System.Net;
using System.Text.Json;
using Bra.Core.Health;
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
        // The alert "health" queries this log text (infra/app/alerts.bicep).
        await Polling.EventuallyAsync(() => Task.FromResult(host.Output), o => o.Contains(AlertedLogs.StorageUnreachableText, StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the log 'Health check: storage unreachable'");
    }

    [Fact]
    public async Task Health_SendGridKeyIsUnresolvedKeyVaultReference_503EmailMisconfiguredStorageOk()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string>
        {
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-bra.vault.azure.net/secrets/SendGridApiKey)",
            ["Email__SendGridHost"] = "http://127.0.0.1:9",
        });
        await host.StartAsync();

        using var response = await host.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("degraded", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("ok", body.RootElement.GetProperty("storage").GetString());
        Assert.Equal("misconfigured", body.RootElement.GetProperty("email").GetString());
        // The alert "mail misconfigured" queries this log text (infra/app/alerts.bicep).
        await Polling.EventuallyAsync(() => Task.FromResult(host.Output), o => o.Contains(AlertedLogs.MailMisconfiguredText + ":", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10), "the log 'Mail misconfigured'");
    }
}
