using System.Net.Http.Json;
using System.Text.Json;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Cameras;

/// <summary>The development host's hosted service runs the same scan; a restart (a second run the same day) mails nothing twice.</summary>
public sealed class DevHostDailyScanTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task DailyScanService_DemoPermitExpiresIn45Days_Expiry90NoticeOnceAcrossRestart()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "SG.test",
            ["Email__SendGridHost"] = capture.Host,
            ["Cameras__DailyScanStartDelay"] = "00:00:03",
            ["TaskHubName"] = "Scan" + Guid.NewGuid().ToString("N")[..8],
        };
        var expected = $"camera-site-site-avesta-centrum/expiry90-{Today.AddDays(45):yyyyMMdd}/demo-samordnare";

        await using (var first = new DevHostProcess(azurite, settings))
        {
            await first.StartAsync();
            await EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.Count(m => m.MessageId == expected)), n => n > 0,
                TimeSpan.FromSeconds(60), expected);
            using var admin = await first.ClientForAsync(Coordinator);
            var site = await admin.GetFromJsonAsync<JsonElement>("api/camera-sites/site-avesta-centrum");
            Assert.False(site.GetProperty("runningWithoutValidDecision").GetBoolean());
            await first.StopAsync();
            Assert.Contains("Daily camera scan sent 1 notices", first.Output);
        }

        await using (var second = new DevHostProcess(azurite, settings))
        {
            await second.StartAsync();
            await EventuallyAsync(() => Task.FromResult(second.Output), o => o.Contains("Daily camera scan sent", StringComparison.Ordinal),
                TimeSpan.FromSeconds(60), "the second scan");
            Assert.Contains("Daily camera scan sent 0 notices", second.Output);
        }

        var notice = Assert.Single(capture.AcceptedMessages, m => m.MessageId == expected);
        Assert.Equal(Coordinator, notice.To);
        Assert.Contains("Avesta centrum", notice.Subject);
        Assert.Contains("inom 90 dagar", notice.Text);
    }
}
