using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bra.Core.Cameras;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Cameras;

/// <summary>Every site the validator accepts is stored, changed and kept in its history, however long its texts.</summary>
public sealed class CameraSiteLimitsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly Dictionary<string, string> Settings = new() { ["Cameras__DailyScanEnabled"] = "false" };

    [Fact]
    public async Task Sites_EveryFieldAtItsMaximumChangedTwice_StoredAndHistoryReadBack()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);

        var created = await CreateSiteAsync(admin, MaxSite('a'));
        var id = created.GetProperty("id").GetString()!;
        Assert.Equal(Text(200, 'a'), created.GetProperty("name").GetString());
        Assert.Equal(CameraValidator.MaxCameras, created.GetProperty("cameras").GetArrayLength());

        using (var put = await admin.PutAsJsonAsync($"api/camera-sites/{id}", MaxSite('b')))
        {
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }

        var cameraId = created.GetProperty("cameras")[0].GetProperty("id").GetString()!;
        using (var camera = await admin.PutAsJsonAsync($"api/camera-sites/{id}/cameras/{cameraId}", MaxCamera(0, 'c')))
        {
            Assert.Equal(HttpStatusCode.OK, camera.StatusCode);
        }

        using (var tooMany = await admin.PostAsJsonAsync($"api/camera-sites/{id}/cameras", MaxCamera(99, 'd')))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains($"Högst {CameraValidator.MaxCameras} kameror", (await tooMany.JsonAsync()).GetProperty("errors").GetProperty("cameras")[0].GetString());
        }

        var entries = (await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}/history")).EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "camera-updated"], entries.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(JsonValueKind.Null, entries[0].GetProperty("before").ValueKind);
        Assert.Equal(Text(CameraValidator.MaxText, 'a'), entries[1].GetProperty("before").GetProperty("purpose").GetString());
        Assert.Equal(Text(CameraValidator.MaxText, 'b'), entries[1].GetProperty("after").GetProperty("purpose").GetString());
        Assert.Equal(Text(2000, 'b'), entries[1].GetProperty("after").GetProperty("legalBasis").GetProperty("conditions").GetString());
        Assert.Equal(entries[1].GetProperty("after").ToString(), entries[2].GetProperty("before").ToString());
        var camera0 = entries[2].GetProperty("after").GetProperty("cameras")[0];
        Assert.Equal(Text(CameraValidator.MaxText, 'c'), camera0.GetProperty("fieldOfView").GetString());
        Assert.Equal(Text(CameraValidator.MaxText, 'a'), entries[2].GetProperty("before").GetProperty("cameras")[0].GetProperty("fieldOfView").GetString());
        var site = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}");
        Assert.Equal(entries[2].GetProperty("after").ToString(), site.ToString());

        // The record is larger than one string property holds, so it spans several (the default encoder made it 3 times larger still).
        var row = (await new Azure.Data.Tables.TableClient(azurite.ConnectionString, CameraStore.SitesTable).GetEntityAsync<Azure.Data.Tables.TableEntity>(id, "site")).Value;
        var json = string.Concat(row.Keys.Where(k => k.StartsWith("Json", StringComparison.Ordinal)).Order().Select(row.GetString));
        Assert.InRange(json.Length, 4 * 32_768, Core.Storage.JsonRow.MaxJsonChars);
    }

    /// <summary>
    /// Exactly <paramref name="length"/> characters of å/ä/ö, quotes and markup (each escaped as six characters by the
    /// default JSON encoder), starting with a marker so that each version differs.
    /// </summary>
    private static string Text(int length, char marker)
    {
        const string pattern = "ä\"<å>&ö'+";
        return marker + string.Concat(Enumerable.Repeat(pattern, length / pattern.Length + 1))[..(length - 2)] + marker;
    }

    private static JsonObject MaxCamera(int i, char marker) => new()
    {
        ["label"] = Text(200, marker)[..190] + $"-{i:D3}",
        ["placement"] = Text(CameraValidator.MaxText, marker),
        ["movable"] = true,
        ["fieldOfView"] = Text(CameraValidator.MaxText, marker),
        ["privacyMasking"] = true,
        ["audioRecording"] = true,
        ["audioReason"] = Text(CameraValidator.MaxText, marker),
    };

    private static JsonObject MaxSite(char marker) => PublicSite(Text(200, marker), Today.AddYears(1), s =>
    {
        s["placeDescription"] = Text(CameraValidator.MaxText, marker);
        s["purpose"] = Text(CameraValidator.MaxText, marker);
        s["monitoringHours"] = Text(500, marker);
        s["retentionHours"] = CameraValidator.MaxRetentionHours;
        s["retentionReason"] = Text(CameraValidator.MaxText, marker);
        s["legalBasis"] = new JsonObject
        {
            ["type"] = "imyPermit",
            ["decisionNumber"] = Text(200, marker),
            ["decidedOn"] = Date(Today.AddYears(-3)),
            ["validUntil"] = Date(Today.AddYears(1)),
            ["conditions"] = Text(CameraValidator.MaxText, marker),
        };
        s["cameras"] = new JsonArray(Enumerable.Range(0, CameraValidator.MaxCameras).Select(i => (JsonNode)MaxCamera(i, marker)).ToArray());
    });
}
