using Bra.Core.Time;
using Bra.IntegrationTests.Support;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bra.IntegrationTests.Cameras;

/// <summary>Request bodies and lookups shared by the camera register's tests.</summary>
internal static class CameraTestData
{
    public const string Coordinator = "samordnare@example.se";
    public const string Principal = "rektor.domarhagsskolan@example.se";
    public const string DataProtectionOfficer = "dataskyddsombud@example.se";
    public const string CouncilUnitId = "unit-lokala-bra";
    public const string SchoolUnitId = "unit-domarhagsskolan";

    public static DateOnly Today => SwedishTime.Today(TimeProvider.System);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd");

    /// <summary>Uploads an assessment through <c>POST /api/documents</c> (multipart field <c>file</c>) and returns its id.</summary>
    public static async Task<string> UploadDocumentAsync(HttpClient admin, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("# Intresseavvägning\n\nBevakningen behövs och väger tyngre än integritetsintresset.\n"));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/markdown");
        form.Add(file, "file", fileName);
        using var response = await admin.PostAsync("api/documents", form);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    /// <summary>A valid active public-place site with an IMY permit; tweak fields with <paramref name="change"/>.</summary>
    public static JsonObject PublicSite(string name, DateOnly validUntil, Action<JsonObject>? change = null)
    {
        var site = new JsonObject
        {
            ["name"] = name,
            ["placeDescription"] = "Torget",
            ["kind"] = "publicPlace",
            ["unitId"] = CouncilUnitId,
            ["purpose"] = "Förebygga brott på torget",
            ["monitoringHours"] = "Fre–lör 18–06",
            ["retentionHours"] = 72,
            ["signageInPlace"] = true,
            ["signageCheckedOn"] = Date(Today.AddDays(-10)),
            ["accessPolicy"] = "namedOperators",
            ["operators"] = new JsonArray("demo-samordnare"),
            ["state"] = "active",
            ["startedOn"] = Date(Today.AddYears(-2)),
            ["legalBasis"] = new JsonObject
            {
                ["type"] = "imyPermit",
                ["decisionNumber"] = "DI-2022-1",
                ["decidedOn"] = Date(Today.AddYears(-3)),
                ["validUntil"] = Date(validUntil),
                ["conditions"] = "Endast kvällstid",
            },
            ["cameras"] = new JsonArray(new JsonObject { ["label"] = "C1", ["placement"] = "Fasad", ["privacyMasking"] = true }),
        };
        change?.Invoke(site);
        return site;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"Empty body with {(int)response.StatusCode}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> CreateSiteAsync(HttpClient admin, JsonObject site)
    {
        using var response = await admin.PostAsJsonAsync("api/camera-sites", site);
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        return body;
    }

    /// <summary>The demo data is seeded in the background after start; wait until the demo sites are there.</summary>
    public static Task WaitForDemoAsync(HttpClient admin) =>
        Polling.EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/camera-sites"), sites => sites.GetArrayLength() >= 3, TimeSpan.FromSeconds(60),
            "the demo camera sites");

}
