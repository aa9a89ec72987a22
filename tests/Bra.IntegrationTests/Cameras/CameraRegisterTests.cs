using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Cameras;

public sealed class CameraRegisterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Register_ActiveAndEndedWithinFiveYears_ListedAsJsonAndCsv_OlderEndedAndPlannedLeftOut()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);

        var recent = await CreateSiteAsync(admin, PublicSite("Nyligen avslutad", Today.AddYears(-1), s =>
        {
            s["state"] = "ended";
            s["startedOn"] = Date(Today.AddYears(-6));
            s["endedOn"] = Date(Today.AddYears(-5).AddDays(1));
            s["legalBasis"]!["decidedOn"] = Date(Today.AddYears(-7));
        }));
        var old = await CreateSiteAsync(admin, PublicSite("Länge sedan avslutad", Today.AddYears(-1), s =>
        {
            s["state"] = "ended";
            s["startedOn"] = Date(Today.AddYears(-8));
            s["endedOn"] = Date(Today.AddYears(-5).AddDays(-1));
            s["legalBasis"]!["decidedOn"] = Date(Today.AddYears(-9));
        }));
        var planned = await CreateSiteAsync(admin, PublicSite("Planerad plats", Today.AddYears(1), s =>
        {
            s["state"] = "planned";
            s.Remove("startedOn");
            s.Remove("legalBasis");
        }));
        var formula = await CreateSiteAsync(admin, PublicSite("=HYPERLINK(\"http://example.org\")", Today.AddYears(1), s =>
        {
            s["purpose"] = "@SUM(1+1), tryggare torg";
            s["cameras"] = new JsonArray(new JsonObject { ["label"] = "A" }, new JsonObject { ["label"] = "B" }, new JsonObject { ["label"] = "C" });
        }));

        var register = (await admin.GetFromJsonAsync<JsonElement>("api/camera-register")).EnumerateArray().ToList();
        var names = register.Select(e => e.GetProperty("name").GetString()).ToList();
        Assert.Contains("Avesta centrum", names);
        Assert.Contains("Domarhagsskolan", names);
        Assert.Contains("Stationsparken", names);
        Assert.Contains("Nyligen avslutad", names);
        Assert.DoesNotContain("Länge sedan avslutad", names);
        Assert.DoesNotContain("Planerad plats", names);
        var line = register.Single(e => e.GetProperty("id").GetString() == formula.GetProperty("id").GetString());
        Assert.Equal(3, line.GetProperty("cameraCount").GetInt32());
        Assert.Equal(72, line.GetProperty("retentionHours").GetInt32());
        Assert.Equal("Fre–lör 18–06", line.GetProperty("monitoringHours").GetString());
        Assert.Equal("imyPermit", line.GetProperty("legalBasis").GetProperty("type").GetString());
        var avesta = register.Single(e => e.GetProperty("name").GetString() == "Avesta centrum");
        Assert.Equal("Lokala BRÅ", avesta.GetProperty("unitName").GetString());

        using var csv = await admin.GetAsync("api/camera-register?format=csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Id;Plats;Platsbeskrivning;Typ;Ansvarig enhet;Läge", lines[0]);
        Assert.Equal(register.Count + 1, lines.Length);
        Assert.Contains(lines, l => l.Contains("Nyligen avslutad;", StringComparison.Ordinal) && l.Contains(";Avslutad;", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Länge sedan avslutad", StringComparison.Ordinal));
        var formulaLine = Assert.Single(lines, l => l.StartsWith(formula.GetProperty("id").GetString()!, StringComparison.Ordinal));
        Assert.Contains(";\"'=HYPERLINK(\"\"http://example.org\"\")\";", formulaLine);
        Assert.Contains(";\"'@SUM(1+1), tryggare torg\";", formulaLine);
        Assert.Contains("Tillstånd från IMY", formulaLine);

        using (var badFormat = await admin.GetAsync("api/camera-register?format=xlsx"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        }

        var all = (await admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.Contains(old.GetProperty("id").GetString(), all);
        Assert.Contains(planned.GetProperty("id").GetString(), all);
    }
}
