using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// The development host's durable engine keeps its state in storage: an orchestration that waits for an event when the
/// process is killed (SIGKILL) takes the event after a restart and runs to its end, with nothing sent twice.
/// </summary>
public sealed class DurableRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>
    /// The kill may land while an activity is in flight; its message is handed out again after the host's 30 s
    /// visibility timeout, and only then does the workflow take the decision.
    /// </summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task WaitingOrchestration_HostKilledAndRestarted_TakesEventAndCompletes()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var settings = new Dictionary<string, string>
        {
            ["TaskHubName"] = "Restart" + Guid.NewGuid().ToString("N")[..8],
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "SG.test",
            ["Email__SendGridHost"] = capture.Host,
            ["Cameras__DailyScanEnabled"] = "false",
        };

        // The demo data submits an extension request for Avesta centrum: its approval workflow mails the decision-maker
        // and then waits for the decision event.
        string requestId;
        await using (var first = new DevHostProcess(azurite, settings))
        {
            await first.StartAsync();
            using var admin = await first.ClientForAsync(DemoPeople.Coordinator);
            var pending = await Polling.EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/camera-requests?state=pending"),
                p => p.EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "extension"), Wait, "the demo extension request");
            requestId = pending.EnumerateArray().First(r => r.GetProperty("kind").GetString() == "extension").GetProperty("id").GetString()!;
            await Polling.EventuallyAsync(() => Task.FromResult(Invites(capture, requestId)), n => n > 0, Wait, "the invitation to decide");

            await first.KillAsync();
        }

        var invitesBeforeRestart = Invites(capture, requestId);
        await using var second = new DevHostProcess(azurite, settings);
        await second.StartAsync();
        using var coordinator = await second.ClientForAsync(DemoPeople.Coordinator);

        using var decided = await coordinator.PostAsJsonAsync($"api/camera-requests/{requestId}/decision",
            new { outcome = "approved", decidedBy = "Kommunstyrelsen", reference = "KS 2026/90", validUntil = DateTime.UtcNow.AddYears(2).ToString("yyyy-MM-dd"), conditions = "" });
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);

        // Only the orchestration, continuing after the restart, tells the requester the outcome.
        await Polling.EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.Count(m => m.MessageId.StartsWith($"camera-request-{requestId}/outcome/", StringComparison.Ordinal))),
            n => n == 1, Wait, "the outcome email from the resumed workflow");
        var request = await Polling.EventuallyAsync(() => coordinator.GetFromJsonAsync<JsonElement>($"api/camera-requests/{requestId}"),
            r => r.GetProperty("applied").GetBoolean(), Wait, "the decision applied by the resumed workflow");
        Assert.Equal("approved", request.GetProperty("state").GetString());
        Assert.Equal(invitesBeforeRestart, Invites(capture, requestId));
    }

    private static int Invites(SendGridCapture capture, string requestId) =>
        capture.AcceptedMessages.Count(m => m.MessageId.StartsWith($"camera-request-{requestId}/invite/", StringComparison.Ordinal));
}
