using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Cameras;

/// <summary>The full request path on the development host, with mail captured by a loopback SendGrid.</summary>
public sealed class CameraRequestWorkflowTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Request_DraftSubmitReminderApproval_ValidityExtendedInSiteHistoryAndRegister()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = await StartAsync(capture, firstReminder: "00:00:04", interval: "00:10:00");
        using var admin = await host.ClientForAsync(Coordinator);
        var assessmentId = await UploadDocumentAsync(admin, "intresseavvagning-forlangning.md");
        var site = await CreateSiteAsync(admin, PublicSite("Förlängningstorget", Today.AddDays(20)));
        var siteId = site.GetProperty("id").GetString()!;

        using var created = await admin.PostAsJsonAsync($"api/camera-sites/{siteId}/requests", new
        {
            kind = "extension",
            justification = "Bevakningen behövs fortsatt",
            requestedPeriod = new { from = Date(Today.AddDays(21)), to = Date(Today.AddYears(3)) },
            assessmentDocumentId = assessmentId,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = await created.JsonAsync();
        var id = request.GetProperty("id").GetString()!;
        Assert.Equal("draft", request.GetProperty("state").GetString());
        Assert.DoesNotContain(await PendingIdsAsync(admin), p => p == id);

        using (var early = await admin.PostAsJsonAsync($"api/camera-requests/{id}/decision", Approval(Today.AddYears(3))))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        using (var submit = await admin.PostAsync($"api/camera-requests/{id}/submit", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
            Assert.Equal("submitted", (await submit.JsonAsync()).GetProperty("state").GetString());
        }

        Assert.Contains(id, await PendingIdsAsync(admin));
        var invite = await MessageAsync(capture, $"camera-request-{id}/invite/demo-samordnare");
        Assert.Equal(Coordinator, invite.To);
        Assert.Contains("Förlängningstorget", invite.Subject);
        Assert.Contains("förlängning", invite.Text);

        var reminder = await MessageAsync(capture, $"camera-request-{id}/reminder-1/demo-samordnare");
        Assert.StartsWith("Påminnelse", reminder.Subject);
        // Durable timers over Azure Storage queues fire with whole-second visibility delays (up to about a second early):
        // the 4 s configured reminder must not come before 2.5 s, and not from a default week-long timer either.
        Assert.True(reminder.At - invite.At >= TimeSpan.FromSeconds(2.5), $"reminder came {(reminder.At - invite.At).TotalSeconds} s after the invite");
        var requesterReminder = await MessageAsync(capture, $"camera-request-{id}/reminder-1-requester/demo-samordnare");
        Assert.Contains("väntar fortfarande", requesterReminder.Subject);

        var validUntil = Today.AddYears(3);
        using (var decided = await admin.PostAsJsonAsync($"api/camera-requests/{id}/decision", Approval(validUntil)))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
            Assert.Equal("approved", (await decided.JsonAsync()).GetProperty("state").GetString());
        }

        using (var again = await admin.PostAsJsonAsync($"api/camera-requests/{id}/decision", Approval(validUntil)))
        {
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        }

        var outcome = await MessageAsync(capture, $"camera-request-{id}/outcome/demo-samordnare");
        Assert.StartsWith("Beviljat", outcome.Subject);
        Assert.Contains(Date(validUntil), outcome.Text);

        var updated = await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{siteId}"),
            s => s.GetProperty("legalBasis").GetProperty("validUntil").GetString() == Date(validUntil), Wait, "the extended validity");
        Assert.Equal("ownAssessment", updated.GetProperty("legalBasis").GetProperty("type").GetString());
        Assert.Equal("KS 2026/77", updated.GetProperty("legalBasis").GetProperty("decisionReference").GetString());
        Assert.Equal(assessmentId, updated.GetProperty("legalBasis").GetProperty("assessmentDocumentId").GetString());

        var history = (await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{siteId}/history")).EnumerateArray().ToList();
        var approval = Assert.Single(history, h => h.GetProperty("action").GetString() == "request-approved:Extension");
        Assert.Equal(Date(Today.AddDays(20)), approval.GetProperty("before").GetProperty("legalBasis").GetProperty("validUntil").GetString());
        Assert.Equal(Date(validUntil), approval.GetProperty("after").GetProperty("legalBasis").GetProperty("validUntil").GetString());
        Assert.Equal("Kommunstyrelsen", approval.GetProperty("changedByName").GetString());

        var register = await admin.GetFromJsonAsync<JsonElement>("api/camera-register");
        var line = Assert.Single(register.EnumerateArray(), e => e.GetProperty("id").GetString() == siteId);
        Assert.Equal(Date(validUntil), line.GetProperty("legalBasis").GetProperty("validUntil").GetString());
        var stored = await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{id}"),
            r => r.GetProperty("applied").GetBoolean(), Wait, "the request marked applied");
        Assert.Equal("approved", stored.GetProperty("state").GetString());
        Assert.DoesNotContain(id, await PendingIdsAsync(admin));
        Assert.Single(capture.AcceptedMessages, m => m.MessageId.StartsWith($"camera-request-{id}/outcome/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Request_Rejected_ReasonInHistorySiteUnchangedRequesterTold_WithdrawEndsAnother()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = await StartAsync(capture, firstReminder: "00:10:00", interval: "00:10:00");
        using var admin = await host.ClientForAsync(Coordinator);
        var assessmentId = await UploadDocumentAsync(admin, "intresseavvagning-utokning.md");
        var site = await CreateSiteAsync(admin, PublicSite("Utökningstorget", Today.AddYears(1)));
        var siteId = site.GetProperty("id").GetString()!;

        var id = await SubmittedRequestAsync(admin, siteId, new
        {
            kind = "expansion",
            justification = "Fler kameror vid busstorget",
            affectedArea = "Busstorget",
            addCameras = new[] { new { label = "C7", placement = "Busstorget" } },
            assessmentDocumentId = assessmentId,
        });
        await MessageAsync(capture, $"camera-request-{id}/invite/demo-samordnare");

        using (var missingReason = await admin.PostAsJsonAsync($"api/camera-requests/{id}/decision", new { outcome = "rejected", decidedBy = "Kommunstyrelsen" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missingReason.StatusCode);
            Assert.True((await missingReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));
        }

        using (var rejected = await admin.PostAsJsonAsync($"api/camera-requests/{id}/decision",
                   new { outcome = "rejected", decidedBy = "Kommunstyrelsen", reference = "KS 2026/78", reason = "Intresseavvägningen väger inte över" }))
        {
            Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        }

        var outcome = await MessageAsync(capture, $"camera-request-{id}/outcome/demo-samordnare");
        Assert.StartsWith("Avslag", outcome.Subject);
        Assert.Contains("Intresseavvägningen väger inte över", outcome.Text);
        var history = await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{siteId}/history"),
            h => h.EnumerateArray().Any(e => e.GetProperty("action").GetString() == "request-rejected"), Wait, "the rejection in the history");
        var entry = history.EnumerateArray().Single(e => e.GetProperty("action").GetString() == "request-rejected");
        Assert.Contains("Intresseavvägningen väger inte över", entry.GetProperty("note").GetString());
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{siteId}");
        Assert.Equal(1, unchanged.GetProperty("cameras").GetArrayLength());
        Assert.Equal("rejected", (await admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{id}")).GetProperty("state").GetString());

        var other = await SubmittedRequestAsync(admin, siteId, new { kind = "termination", justification = "Behövs inte längre" });
        await MessageAsync(capture, $"camera-request-{other}/invite/demo-samordnare");
        using (var withdrawn = await admin.PostAsync($"api/camera-requests/{other}/withdraw", null))
        {
            Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
            Assert.Equal("withdrawn", (await withdrawn.JsonAsync()).GetProperty("state").GetString());
        }

        using (var late = await admin.PostAsJsonAsync($"api/camera-requests/{other}/decision", Approval(Today.AddYears(1))))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        Assert.DoesNotContain(other, await PendingIdsAsync(admin));
        Assert.Equal("active", (await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{siteId}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Request_UnitWithConfiguredDecisionMaker_OnlyThatPersonMailedAndMayDecide_ReductionRemovesCamera()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = await StartAsync(capture, firstReminder: "00:10:00", interval: "00:10:00",
            new() { ["Cameras__DecisionMakers__unit-domarhagsskolan__0"] = "demo-bildningschef" });
        using var admin = await host.ClientForAsync(Coordinator);
        using var headOfEducation = await host.ClientForAsync("bildningschef@example.se");
        using var principal = await host.ClientForAsync(Principal);
        await WaitForDemoAsync(admin);

        var id = await SubmittedRequestAsync(admin, "site-domarhagsskolan", new { kind = "reduction", justification = "Kamera K2 behövs inte", removeCameraIds = new[] { "k2" } });
        var invite = await MessageAsync(capture, $"camera-request-{id}/invite/demo-bildningschef");
        Assert.Equal("bildningschef@example.se", invite.To);
        Assert.DoesNotContain(capture.AcceptedMessages, m => m.MessageId.StartsWith($"camera-request-{id}/invite/demo-samordnare", StringComparison.Ordinal));

        using (var refused = await principal.PostAsJsonAsync($"api/camera-requests/{id}/decision", new { outcome = "approved", decidedBy = "Rektor", reference = "X" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var decided = await headOfEducation.PostAsJsonAsync($"api/camera-requests/{id}/decision",
                   new { outcome = "approved", decidedBy = "Britt Exempelsson, bildningschef", reference = "BIN 2026/5" }))
        {
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        await MessageAsync(capture, $"camera-request-{id}/outcome/demo-samordnare");
        var site = await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/camera-sites/site-domarhagsskolan"),
            s => s.GetProperty("cameras").GetArrayLength() == 1, Wait, "camera k2 removed");
        Assert.Equal("k1", site.GetProperty("cameras")[0].GetProperty("id").GetString());
        var history = await admin.GetFromJsonAsync<JsonElement>("api/camera-sites/site-domarhagsskolan/history");
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("action").GetString() == "request-approved:Reduction"
            && h.GetProperty("changedById").GetString() == "demo-bildningschef");
    }

    private async Task<DevHostProcess> StartAsync(SendGridCapture capture, string firstReminder, string interval, Dictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(extra ?? [])
        {
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "SG.test",
            ["Email__SendGridHost"] = capture.Host,
            ["Cameras__FirstReminderAfter"] = firstReminder,
            ["Cameras__ReminderInterval"] = interval,
            ["Cameras__DailyScanEnabled"] = "false",
        };
        var host = new DevHostProcess(azurite, settings);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            // The caller owns the host only once it has started: a host that failed to start is stopped here.
            await host.DisposeAsync();
            throw;
        }
    }

    private static object Approval(DateOnly validUntil) =>
        new { outcome = "approved", decidedBy = "Kommunstyrelsen", reference = "KS 2026/77", validUntil = Date(validUntil), conditions = "Endast kvällstid" };

    private static async Task<string> SubmittedRequestAsync(HttpClient admin, string siteId, object body)
    {
        using var created = await admin.PostAsJsonAsync($"api/camera-sites/{siteId}/requests", body);
        var json = await created.JsonAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, json.ToString());
        var id = json.GetProperty("id").GetString()!;
        using var submit = await admin.PostAsync($"api/camera-requests/{id}/submit", null);
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        return id;
    }

    private static async Task<List<string>> PendingIdsAsync(HttpClient admin) =>
        (await admin.GetFromJsonAsync<JsonElement>("api/camera-requests?state=pending")).EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();

    private static Task<AcceptedMessage> MessageAsync(SendGridCapture capture, string messageId) =>
        EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.FirstOrDefault(m => m.MessageId == messageId)), m => m is not null, Wait, messageId)!;
}
