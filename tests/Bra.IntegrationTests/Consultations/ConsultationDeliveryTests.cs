using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.Consultations;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Consultations;

/// <summary>What happens to a consultation when mail is refused (a failed workflow: WorkflowHistoryPurgeTests).</summary>
public sealed class ConsultationDeliveryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string A = "a.leverans@example.org";
    private const string B = "b.leverans@example.org";
    private const string Case = "LEV 2026/1";

    [Fact]
    public async Task Consultation_InvitationRequestRefused400_FailedInStatusRestRemindedAndCompiledOwnerTold()
    {
        await using var capture = await SendGridCapture.StartAsync();
        capture.ThenFor(r => r.GetProperty("subject").GetString()!.StartsWith($"Remiss {Case}:", StringComparison.Ordinal), HttpStatusCode.BadRequest,
            "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\"}]}");
        await using var host = new DevHostProcess(azurite, SendGridSettings(capture));
        await host.StartAsync();
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        var documentId = await UploadDocumentAsync(admin);

        var id = await StartAsync(admin, documentId, [A], DateTimeOffset.UtcNow.AddSeconds(45), ["PT20S"], caseNumber: Case);
        var refused = await WaitForStatusAsync(admin, id, s => Consultee(s, A).GetProperty("delivery").GetString() == "failed", TimeSpan.FromSeconds(30));
        Assert.Equal("open", refused.GetProperty("state").GetString());
        Assert.Equal(JsonValueKind.String, Consultee(refused, A).GetProperty("deliveryFailedAt").ValueKind);
        Assert.Contains("valid address", Consultee(refused, A).GetProperty("deliveryError").GetString());

        // The workflow carries on: a consultee added now is invited, reminded (the refused address is not) and compiled.
        using (var added = await admin.PostAsJsonAsync($"api/consultations/{id}/consultees", new { consultees = Consultees(B) }))
        {
            Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        }

        Assert.Equal([B], (await WaitForLinksAsync(capture, $"Remiss {Case}", 1, TimeSpan.FromSeconds(20), id)).Keys);
        var closed = await WaitForStatusAsync(admin, id, s => s.GetProperty("state").GetString() == "closed"
            && s.GetProperty("compilationSha256").ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(90));
        Assert.Equal("failed", Consultee(closed, A).GetProperty("delivery").GetString());
        Assert.Equal("sent", Consultee(closed, B).GetProperty("delivery").GetString());
        Assert.Equal(1, closed.GetProperty("counts").GetProperty("undelivered").GetInt32());

        var owner = await EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.FirstOrDefault(m => m.MessageId.StartsWith($"{id}/compiled/", StringComparison.Ordinal))),
            m => m is not null, TimeSpan.FromSeconds(20), "the owner's compilation mail");
        Assert.Equal(DemoPeople.Coordinator, owner!.To);
        Assert.Contains("kunde inte levereras", owner.Text);
        Assert.Contains(A, owner.Text);
        Assert.DoesNotContain(B, owner.Text);

        var ours = capture.Requests.Where(r => r.Body.RootElement.GetProperty("subject").GetString()!.Contains(Case, StringComparison.Ordinal)).ToList();
        Assert.Single(ours, r => r.AnsweredStatus == 400);
        var reminders = capture.AcceptedMessages.Where(m => m.MessageId.StartsWith($"{id}/reminder-", StringComparison.Ordinal)).Select(m => m.To).ToList();
        Assert.Equal([B], reminders);
    }
}
