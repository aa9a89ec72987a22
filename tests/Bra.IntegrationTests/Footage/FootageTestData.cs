using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bra.IntegrationTests.Cameras;
using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>People, schools, sites and request bodies shared by the footage tests.</summary>
internal static class FootageTestData
{
    public const string DomarhagsskolanSite = "site-domarhagsskolan";
    public const string HeadOfEducation = "bildningschef@example.se";
    public const string OtherPrincipal = "rektor.exempelskolan@example.se";
    public const string PrincipalId = "demo-rektor-domarhagsskolan";
    public const string HeadOfEducationId = "demo-bildningschef";
    public const string OtherPrincipalId = "demo-rektor-exempelskolan";
    public const string CoordinatorId = "demo-samordnare";
    public const string DataProtectionOfficerId = "demo-dataskyddsombud";

    /// <summary>A school of its own (a unit with a principal whose manager is the head of education) and an indoor camera site for it.</summary>
    public static async Task<School> CreateSchoolAsync(HttpClient admin, string name)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var principal = await CreateAsync(admin, "api/people", new { name = $"Rektor {name}", email = $"rektor.{tag}@example.se", managerId = HeadOfEducationId });
        var unit = await CreateAsync(admin, "api/units", new { name, kind = "school", headPersonId = principal });
        var site = await CreateSiteAsync(admin, PublicSite(name, Today.AddYears(1), s =>
        {
            s["kind"] = "schoolIndoor";
            s["unitId"] = unit;
            s["accessPolicy"] = "principalAndManager";
            s["operators"] = new JsonArray();
            s["cameras"] = new JsonArray(new JsonObject { ["label"] = "K1", ["placement"] = "Entrén", ["privacyMasking"] = true });
        }));
        return new School(unit, principal, $"rektor.{tag}@example.se", site.GetProperty("id").GetString()!,
            site.GetProperty("cameras")[0].GetProperty("id").GetString()!);
    }

    public static async Task<string> CreateAsync(HttpClient admin, string path, object body)
    {
        using var response = await admin.PostAsJsonAsync(path, body);
        var json = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, json.ToString());
        return json.GetProperty("id").GetString()!;
    }

    public static object Access(string cameraId, string purpose = "Granska skadegörelse vid entrén natten till måndag", string action = "view") => new
    {
        cameraIds = new[] { cameraId },
        footageFrom = DateTimeOffset.UtcNow.AddHours(-10),
        footageTo = DateTimeOffset.UtcNow.AddHours(-9),
        action,
        purpose,
        incidentRef = "INC-1",
    };

    public static async Task<JsonElement> GrantAsync(HttpClient client, string siteId, string personId, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync($"api/camera-sites/{siteId}/grants", new { personId });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>Every entry of the site's log, read by the data protection officer.</summary>
    public static async Task<List<JsonElement>> LogAsync(HttpClient dpo, string siteId)
    {
        var page = await dpo.GetFromJsonAsync<JsonElement>($"api/camera-sites/{siteId}/access-log?limit=1000");
        return page.GetProperty("entries").EnumerateArray().ToList();
    }

    public sealed record School(string UnitId, string PrincipalId, string PrincipalEmail, string SiteId, string CameraId);
}
