using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Cameras;

public sealed class CameraSiteApiTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string> Settings = new() { ["Cameras__DailyScanEnabled"] = "false" };

    [Fact]
    public async Task Sites_CreateUpdateAndCameraChanges_EachInHistoryWithWhoWhenBeforeAfter()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        var assessmentId = await UploadDocumentAsync(admin, "intresseavvagning-historik.md");

        var created = await CreateSiteAsync(admin, PublicSite("Historiktorget", Today.AddYears(1)));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal("active", created.GetProperty("state").GetString());
        Assert.Equal(1, created.GetProperty("cameras").GetArrayLength());

        var update = PublicSite("Historiktorget", Today.AddYears(1), s =>
        {
            s["retentionHours"] = 96;
            s["retentionReason"] = "Helgbevakning: materialet granskas först på måndag";
            s["legalBasis"] = new JsonObject
            {
                ["type"] = "ownAssessment", ["assessmentDocumentId"] = assessmentId, ["decisionReference"] = "KS 2026/1",
                ["decidedBy"] = "Kommunstyrelsen", ["decidedOn"] = Date(Today.AddDays(-1)), ["reviewDate"] = Date(Today.AddYears(1)),
            };
        });
        using (var put = await admin.PutAsJsonAsync($"api/camera-sites/{id}", update))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
            Assert.Equal(96, (await put.JsonAsync()).GetProperty("retentionHours").GetInt32());
        }

        using var added = await admin.PostAsJsonAsync($"api/camera-sites/{id}/cameras", new { label = "C2", placement = "Gågatan", movable = true });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var cameraId = (await added.JsonAsync()).GetProperty("id").GetString()!;
        using (var changed = await admin.PutAsJsonAsync($"api/camera-sites/{id}/cameras/{cameraId}",
                   new { label = "C2", placement = "Gågatan norr", audioRecording = true, audioReason = "Larmverifiering enligt beslut KS 2026/1" }))
        {
            Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        }

        using (var deleted = await admin.DeleteAsync($"api/camera-sites/{id}/cameras/{cameraId}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        using (var missing = await admin.DeleteAsync($"api/camera-sites/{id}/cameras/{cameraId}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        }

        var history = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}/history");
        var entries = history.EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "camera-added", "camera-updated", "camera-removed"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.All(entries, e =>
        {
            Assert.Equal("demo-samordnare", e.GetProperty("changedById").GetString());
            Assert.Equal("Sam Samordnare", e.GetProperty("changedByName").GetString());
            Assert.True(e.GetProperty("changedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("before").ValueKind);
        Assert.Equal(72, entries[1].GetProperty("before").GetProperty("retentionHours").GetInt32());
        Assert.Equal(96, entries[1].GetProperty("after").GetProperty("retentionHours").GetInt32());
        Assert.Equal(1, entries[2].GetProperty("before").GetProperty("cameras").GetArrayLength());
        Assert.Equal(2, entries[2].GetProperty("after").GetProperty("cameras").GetArrayLength());
        Assert.Equal(1, entries[4].GetProperty("after").GetProperty("cameras").GetArrayLength());
        Assert.Equal(Enumerable.Range(1, 5), entries.Select(e => e.GetProperty("revision").GetInt32()));
    }

    /// <summary>
    /// Each write route's 400 against the real stores: the rules that look things up (unit, documents), the JSON reader,
    /// and nothing stored. The pure rules are unit tests of the validators (CameraValidatorsTests).
    /// </summary>
    [Fact]
    public async Task Sites_BadInput_400ProblemWithFieldMessageAndNothingStored()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        var valid = await CreateSiteAsync(admin, PublicSite("Felfria torget", Today.AddYears(1)));
        var id = valid.GetProperty("id").GetString()!;
        var sitesBefore = (await admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).GetArrayLength();
        var stored = (await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}")).ToString();

        var cases = new (string What, JsonObject Body, string Field, string Message)[]
        {
            ("unknown unit", PublicSite("X", Today.AddYears(1), s => s["unitId"] = "unit-finns-inte"), "unitId", "Enheten finns inte"),
            ("unknown assessment document", PublicSite("X", Today.AddYears(1), s => s["legalBasis"] = new JsonObject
            {
                ["type"] = "ownAssessment", ["assessmentDocumentId"] = "doc-finns-inte", ["decisionReference"] = "KS 1", ["decidedBy"] = "KS",
                ["decidedOn"] = Date(Today.AddDays(-1)), ["validUntil"] = Date(Today.AddYears(1)),
            }), "legalBasis.assessmentDocumentId", "Bedömningsdokumentet finns inte"),
            ("unknown impact assessment", PublicSite("X", Today.AddYears(1), s => s["impactAssessmentDocumentId"] = "dpia-finns-inte"), "impactAssessmentDocumentId", "Konsekvensbedömningen finns inte"),
        };
        foreach (var (what, body, field, message) in cases)
        {
            using var post = await admin.PostAsJsonAsync("api/camera-sites", body);
            await AssertProblemAsync(post, field, message, "POST " + what);
            using var put = await admin.PutAsJsonAsync($"api/camera-sites/{id}", body);
            await AssertProblemAsync(put, field, message, "PUT " + what);
        }

        using (var audio = await admin.PostAsJsonAsync($"api/camera-sites/{id}/cameras", new { label = "C9", audioRecording = true }))
        {
            await AssertProblemAsync(audio, "audioReason", "skriftligt skäl", "camera with audio and no reason");
        }

        using (var malformed = await admin.PostAsync("api/camera-sites", new StringContent("{\"name\": ", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        }

        using (var badEnum = await admin.PostAsync("api/camera-sites", new StringContent("{\"kind\": \"airport\"}", Encoding.UTF8, "application/json")))
        {
            await AssertProblemAsync(badEnum, "kind", "Ogiltig JSON", "unknown kind");
        }

        using (var unknownDoc = await admin.PostAsJsonAsync($"api/camera-sites/{id}/requests", new { kind = "extension", justification = "Behövs", assessmentDocumentId = "doc-saknas" }))
        {
            await AssertProblemAsync(unknownDoc, "assessmentDocumentId", "Dokumentet finns inte", "request with unknown document");
        }

        using (var notFound = await admin.PutAsJsonAsync("api/camera-sites/finns-inte", PublicSite("X", Today.AddYears(1))))
        {
            Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        }

        Assert.Equal(sitesBefore, (await admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).GetArrayLength());
        Assert.Equal(stored, (await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}")).ToString());
        Assert.Single((await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}/history")).EnumerateArray());
        Assert.DoesNotContain((await admin.GetFromJsonAsync<JsonElement>("api/camera-requests")).EnumerateArray(),
            r => r.GetProperty("siteId").GetString() == id);
    }

    [Fact]
    public async Task Sites_PrincipalOrDataProtectionOfficer_403ToChange_DpoMayRead()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        using var principal = await host.ClientForAsync(Principal);
        using var dpo = await host.ClientForAsync(DataProtectionOfficer);
        await WaitForDemoAsync(admin);
        var site = await CreateSiteAsync(admin, PublicSite("Behörighetstorget", Today.AddYears(1)));
        var id = site.GetProperty("id").GetString()!;
        var cameraId = site.GetProperty("cameras")[0].GetProperty("id").GetString()!;
        using var draft = await admin.PostAsJsonAsync($"api/camera-sites/{id}/requests", new { kind = "reduction", justification = "Färre", removeCameraIds = new[] { cameraId } });
        Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
        var requestId = (await draft.JsonAsync()).GetProperty("id").GetString()!;

        foreach (var (who, client) in new[] { ("principal", principal), ("data protection officer", dpo) })
        {
            var attempts = new Func<Task<HttpResponseMessage>>[]
            {
                () => client.PostAsJsonAsync("api/camera-sites", PublicSite("Inte tillåtet", Today.AddYears(1))),
                () => client.PutAsJsonAsync($"api/camera-sites/{id}", PublicSite("Inte tillåtet", Today.AddYears(1))),
                () => client.PostAsJsonAsync($"api/camera-sites/{id}/cameras", new { label = "C9" }),
                () => client.PutAsJsonAsync($"api/camera-sites/{id}/cameras/{cameraId}", new { label = "C9" }),
                () => client.DeleteAsync($"api/camera-sites/{id}/cameras/{cameraId}"),
                () => client.PostAsJsonAsync($"api/camera-sites/{id}/requests", new { kind = "termination", justification = "Sluta" }),
                () => client.PostAsync($"api/camera-requests/{requestId}/submit", null),
                () => client.PostAsync($"api/camera-requests/{requestId}/withdraw", null),
                () => client.PostAsJsonAsync($"api/camera-requests/{requestId}/decision", new { outcome = "approved", decidedBy = "Jag", reference = "X" }),
            };
            foreach (var attempt in attempts)
            {
                using var response = await attempt();
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{who}: {response.RequestMessage!.Method} {response.RequestMessage.RequestUri} gave {(int)response.StatusCode}");
                Assert.Contains("behörighet", (await response.JsonAsync()).GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);
            }
        }

        using (var principalRead = await principal.GetAsync("api/camera-sites"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, principalRead.StatusCode);
        }

        using (var anonymous = await host.Client.GetAsync("api/camera-sites"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync($"api/camera-sites/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync($"api/camera-sites/{id}/history")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("api/camera-register")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await dpo.GetAsync("api/camera-requests?state=pending")).StatusCode);
        var unchanged = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}");
        Assert.Equal("Behörighetstorget", unchanged.GetProperty("name").GetString());
        Assert.Equal(1, unchanged.GetProperty("cameras").GetArrayLength());
        Assert.Equal("draft", (await admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{requestId}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Cameras_ConcurrentAdds_EachAcceptedOneInSiteAndHistoryOthers409_RevisionsContiguous()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        var site = await CreateSiteAsync(admin, PublicSite("Samtidighetstorget", Today.AddYears(1)));
        var id = site.GetProperty("id").GetString()!;

        var responses = await Task.WhenAll(Enumerable.Range(1, 8).Select(i => admin.PostAsJsonAsync($"api/camera-sites/{id}/cameras", new { label = $"P{i}" })));
        var created = responses.Count(r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.InRange(created, 1, 8);

        var stored = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}");
        Assert.Equal(created + 1, stored.GetProperty("cameras").GetArrayLength());
        var history = (await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}/history")).EnumerateArray().ToList();
        Assert.Equal(stored.GetProperty("revision").GetInt32(), history.Count);
        Assert.Equal(Enumerable.Range(1, history.Count), history.Select(h => h.GetProperty("revision").GetInt32()));
        Assert.Equal(created, history.Count(h => h.GetProperty("action").GetString() == "camera-added"));
        Assert.Equal(stored.GetProperty("cameras").ToString(), history[^1].GetProperty("after").GetProperty("cameras").ToString());
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field, string message, string what)
    {
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{what}: {(int)response.StatusCode} {body}");
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), $"{what}: no '{field}' in {body}");
        Assert.True(messages.EnumerateArray().Any(m => m.GetString()!.Contains(message, StringComparison.Ordinal)), $"{what}: {messages}");
    }
}
