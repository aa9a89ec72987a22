using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bra.Core.Cameras;
using Bra.Core.Consultations;
using Bra.Core.People;
using Bra.IntegrationTests.Cameras;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Demo;

/// <summary>What a person running ./run.sh clicks through: demo documents, editable demo camera sites, the demo consultation and its invitations.</summary>
public sealed partial class DemoDataTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string[] DemoDocumentIds =
    [
        DemoCameraDocuments.AvestaCentrumAssessmentId, DemoCameraDocuments.DomarhagsskolanAssessmentId,
        DemoCameraDocuments.DomarhagsskolanImpactAssessmentId, DemoConsultation.DocumentId,
    ];

    [Fact]
    public async Task DemoData_SecondStartSameStorage_OneConsultationThreeInvitationsOnceDocumentsDownloadable()
    {
        var settings = new Dictionary<string, string> { ["TaskHubName"] = "DemoData" + Guid.NewGuid().ToString("N")[..8] };
        string firstInvitations;
        await using (var first = new DevHostProcess(azurite, settings))
        {
            await first.StartAsync();
            var invitations = await WaitForInvitationsAsync(first, 3, TimeSpan.FromSeconds(60));
            firstInvitations = string.Join(",", invitations.Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
            await first.StopAsync();
        }

        await using var second = new DevHostProcess(azurite, settings);
        await second.StartAsync();
        using var admin = await second.ClientForAsync(DemoPeople.Coordinator);

        var list = await admin.GetFromJsonAsync<JsonElement>("api/consultations");
        var demo = Assert.Single(list.EnumerateArray(), c => c.GetProperty("title").GetString() == DemoConsultation.Title);
        Assert.Equal(DemoConsultation.ConsultationId, demo.GetProperty("id").GetString());
        Assert.Equal(DemoConsultation.CaseNumber, demo.GetProperty("caseNumber").GetString());
        Assert.Equal("open", demo.GetProperty("state").GetString());
        Assert.Equal(DemoConsultation.DocumentId, demo.GetProperty("documentId").GetString());
        var deadline = demo.GetProperty("deadline").GetDateTimeOffset();
        Assert.InRange(deadline, DateTimeOffset.UtcNow.AddDays(19), DateTimeOffset.UtcNow.AddDays(23));

        var status = await admin.GetFromJsonAsync<JsonElement>($"api/consultations/{DemoConsultation.ConsultationId}");
        var consultees = status.GetProperty("consultees").EnumerateArray().ToList();
        Assert.Equal(DemoConsultation.Consultees.Select(c => c.Email).Order(StringComparer.Ordinal),
            consultees.Select(c => c.GetProperty("email").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(consultees, c => Assert.Equal(JsonValueKind.String, c.GetProperty("invitedAt").ValueKind));

        // A second (wrong) run of the demo workflow would announce itself only by mailing. The seeding is done before the
        // host takes requests, so such a run was scheduled before this later consultation: once its invitation is in the
        // outbox, a wrong demo run has had its turn to mail.
        var later = await Consultations.ConsultationDriver.StartAsync(admin, DemoConsultation.DocumentId, ["senare.remiss@example.org"],
            DateTimeOffset.UtcNow.AddDays(2), []);
        await Polling.EventuallyAsync(() => MessagesAsync(second, later + "/invite/"), m => m.Count == 1, TimeSpan.FromSeconds(60), "the later consultation's invitation");
        var after = await InvitationsAsync(second);
        Assert.Equal(firstInvitations, string.Join(",", after.Select(m => m.GetProperty("id").GetString()).Order(StringComparer.Ordinal)));
        Assert.Equal(DemoConsultation.Consultees.Select(c => c.Email).Order(StringComparer.Ordinal),
            after.Select(m => m.GetProperty("to").GetString()!).Order(StringComparer.Ordinal));
        Assert.All(after, m => Assert.DoesNotContain(m.GetProperty("to").GetString()!, StaffAddresses));

        var token = LinkToken().Match(after[0].GetProperty("text").GetString()!).Groups[1].Value;
        using var page = await second.Client.GetAsync($"respond/{token}");
        var html = await page.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("Lokal strategi för narkotikabekämpning", WebUtility.HtmlDecode(html));
        using (var draft = await second.Client.GetAsync($"respond/{token}/document"))
        {
            Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
            Assert.StartsWith("# Lokal strategi för narkotikabekämpning", await draft.Content.ReadAsStringAsync());
        }

        foreach (var id in DemoDocumentIds)
        {
            using var download = await admin.GetAsync($"api/documents/{id}");
            Assert.True(download.StatusCode == HttpStatusCode.OK, $"{id}: {(int)download.StatusCode}");
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            var text = await download.Content.ReadAsStringAsync();
            Assert.True(text.Length > 200, $"{id} is too short to be a real demo text");
        }

        using var strategy = await admin.GetAsync($"api/documents/{DemoConsultation.DocumentId}");
        Assert.StartsWith("text/markdown", strategy.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("# Lokal strategi för narkotikabekämpning", await strategy.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DemoCameraSites_EditedWithTheirDocumentIds_Accepted()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);

        var school = await admin.GetFromJsonAsync<JsonObject>($"api/camera-sites/{DemoCameras.DomarhagsskolanSiteId}");
        Assert.Equal(DemoCameraDocuments.DomarhagsskolanAssessmentId, school!["legalBasis"]!["assessmentDocumentId"]!.GetValue<string>());
        Assert.Equal(DemoCameraDocuments.DomarhagsskolanImpactAssessmentId, school["impactAssessmentDocumentId"]!.GetValue<string>());
        school["purpose"] = "Förebygga skadegörelse, inbrott och anlagda bränder utanför skoltid.";
        using (var put = await admin.PutAsJsonAsync($"api/camera-sites/{DemoCameras.DomarhagsskolanSiteId}", school))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        var stored = await admin.GetFromJsonAsync<JsonObject>($"api/camera-sites/{DemoCameras.DomarhagsskolanSiteId}");
        Assert.Equal("Förebygga skadegörelse, inbrott och anlagda bränder utanför skoltid.", stored!["purpose"]!.GetValue<string>());
        Assert.Equal(DemoCameraDocuments.DomarhagsskolanImpactAssessmentId, stored["impactAssessmentDocumentId"]!.GetValue<string>());

        // The demo extension request names the Avesta centrum assessment; an edit naming it is accepted too.
        var centre = await admin.GetFromJsonAsync<JsonObject>($"api/camera-sites/{DemoCameras.AvestaCentrumSiteId}");
        centre!["legalBasis"] = new JsonObject
        {
            ["type"] = "ownAssessment", ["assessmentDocumentId"] = DemoCameraDocuments.AvestaCentrumAssessmentId, ["decisionReference"] = "KS 2026/5 (exempel)",
            ["decidedBy"] = "Kommunstyrelsen", ["decidedOn"] = CameraTestData.Today.AddDays(-1).ToString("yyyy-MM-dd"),
            ["reviewDate"] = CameraTestData.Today.AddYears(1).ToString("yyyy-MM-dd"),
        };
        using (var put = await admin.PutAsJsonAsync($"api/camera-sites/{DemoCameras.AvestaCentrumSiteId}", centre))
        {
            Assert.True(put.StatusCode == HttpStatusCode.OK, await put.Content.ReadAsStringAsync());
        }

        centre["legalBasis"]!["assessmentDocumentId"] = "demo-finns-inte";
        using (var refused = await admin.PutAsJsonAsync($"api/camera-sites/{DemoCameras.AvestaCentrumSiteId}", centre))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    private static readonly string[] StaffAddresses =
    [
        DemoPeople.Coordinator, DemoPeople.Principal, DemoPeople.HeadOfEducation, DemoPeople.OtherPrincipal,
        DemoPeople.DataProtectionOfficer, DemoPeople.PoliceContact, DemoPeople.StoreManager,
    ];

    /// <summary>The demo consultation's invitations in the outbox (message id = consultation id / invite / consultee id).</summary>
    private static Task<List<JsonElement>> InvitationsAsync(DevHostProcess host) => MessagesAsync(host, DemoConsultation.ConsultationId + "/invite/");

    private static async Task<List<JsonElement>> MessagesAsync(DevHostProcess host, string idPrefix)
    {
        var outbox = await host.Client.GetFromJsonAsync<JsonElement>("dev/outbox?format=json");
        return outbox.EnumerateArray().Where(m => m.GetProperty("id").GetString() is { } id && id.StartsWith(idPrefix, StringComparison.Ordinal)).ToList();
    }

    private static async Task<List<JsonElement>> WaitForInvitationsAsync(DevHostProcess host, int count, TimeSpan timeout)
    {
        try
        {
            return await Polling.EventuallyAsync(() => InvitationsAsync(host), invitations => invitations.Count >= count, timeout, $"{count} demo invitations in the outbox");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{host.Output}");
        }
    }

    [GeneratedRegex(@"/respond/([A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkToken();
}
