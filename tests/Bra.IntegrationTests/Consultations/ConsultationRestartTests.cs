using System.Net;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

public sealed class ConsultationRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Consultation_HostKilledAfterInvitations_RestartAnswerCloseNothingLostNoInvitationTwice()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var settings = SendGridSettings(capture, taskHub: "Restart" + Guid.NewGuid().ToString("N")[..8]);
        string id;
        Dictionary<string, string> links;
        await using (var first = new DevHostProcess(azurite, settings))
        {
            await first.StartAsync();
            using var admin = await first.ClientForAsync(DemoPeople.Coordinator);
            var documentId = await UploadDocumentAsync(admin);
            id = await StartAsync(admin, documentId, ["r1@example.org", "r2@example.org", "r3@example.org"], DateTimeOffset.UtcNow.AddHours(2), []);
            links = await WaitForLinksAsync(capture, "Remiss", 3, TimeSpan.FromSeconds(20), workflowId: id);
            await WaitForStatusAsync(admin, id, s => s.GetProperty("consultees").EnumerateArray().All(c => c.GetProperty("invitedAt").ValueKind == JsonValueKind.String),
                TimeSpan.FromSeconds(10));
            await first.KillAsync();
        }

        await using var second = new DevHostProcess(azurite, settings);
        await second.StartAsync();
        using var admin2 = await second.ClientForAsync(DemoPeople.Coordinator);
        var before = await StatusAsync(admin2, id);
        Assert.Equal("open", before.GetProperty("state").GetString());
        Assert.Equal(3, before.GetProperty("consultees").GetArrayLength());

        using (var answered = await AnswerAsync(second.Client, links["r1@example.org"], "opposes", "Vi avstyrker förslaget.", "Rolf Ett"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using (var close = await admin2.PostAsync($"api/consultations/{id}/close", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        }

        var status = await WaitForStatusAsync(admin2, id, s => s.GetProperty("compilationSha256").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60));
        Assert.Equal("closed", status.GetProperty("state").GetString());
        Assert.Equal("answered", Consultee(status, "r1@example.org").GetProperty("state").GetString());
        Assert.Equal("notAnswered", Consultee(status, "r2@example.org").GetProperty("state").GetString());
        // The demo camera workflows and the demo consultation mail too: look only at this consultation's messages (their ids start with its id).
        await Polling.EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.Any(m => m.MessageId.StartsWith(id, StringComparison.Ordinal) && m.To == DemoPeople.Coordinator)),
            got => got, TimeSpan.FromSeconds(20), "the owner's message about the closed consultation");

        var mine = capture.AcceptedMessages.Where(m => m.MessageId.StartsWith(id, StringComparison.Ordinal)).ToList();
        Assert.Single(mine, m => m.To == DemoPeople.Coordinator);

        var invitations = mine.Where(m => m.MessageId.Contains("/invite/", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, invitations.Count);
        Assert.Equal(3, invitations.Select(m => m.To).Distinct().Count());
        var csv = await admin2.GetStringAsync($"api/consultations/{id}/compilation?format=csv");
        Assert.Contains("Vi avstyrker förslaget.", csv);
    }
}
