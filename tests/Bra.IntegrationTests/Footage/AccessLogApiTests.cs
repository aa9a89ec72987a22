using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bra.IntegrationTests.Cameras;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

public sealed class AccessLogApiTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    [Fact]
    public async Task AccessLog_GrantedPrincipal_EntryWithWhoAndWhenFromServerNotBody()
    {
        var admin = fixture.Admin;
        var school = await CreateSchoolAsync(admin, "Loggskolan");
        await GrantAsync(admin, school.SiteId, school.PrincipalId);
        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        var started = DateTimeOffset.UtcNow;

        using var response = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log", new
        {
            cameraIds = new[] { school.CameraId },
            footageFrom = "2026-01-10T22:00:00+01:00",
            footageTo = "2026-01-10T23:30:00+01:00",
            action = "export",
            purpose = "Exportera bilder av inbrottet till skolans anmälan",
            actor = CoordinatorId,
            recordedAt = "2020-01-01T00:00:00Z",
            sequence = 99,
        });
        var entry = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, entry.GetProperty("sequence").GetInt64());
        Assert.Equal(new string('0', 64), entry.GetProperty("previousHash").GetString());
        Assert.Matches("^[0-9a-f]{64}$", entry.GetProperty("hash").GetString());
        Assert.Equal(school.PrincipalId, entry.GetProperty("actor").GetString());
        Assert.Equal("export", entry.GetProperty("action").GetString());
        Assert.InRange(entry.GetProperty("recordedAt").GetDateTimeOffset(), started.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        Assert.Equal(new DateTimeOffset(2026, 1, 10, 21, 0, 0, TimeSpan.Zero), entry.GetProperty("footageFrom").GetDateTimeOffset());
    }

    [Fact]
    public async Task AccessLog_BadInputs_StatusAndSwedishMessageAndNothingAppendedExceptDueDenials()
    {
        var admin = fixture.Admin;
        var dpo = fixture.Dpo;
        var school = await CreateSchoolAsync(admin, "Felskolan");
        await GrantAsync(admin, school.SiteId, school.PrincipalId);
        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        var log = $"api/camera-sites/{school.SiteId}/access-log";
        var from = DateTimeOffset.UtcNow.AddHours(-5);

        // The route's 400 against the site as stored, and nothing appended (below); the pure rules (period, action,
        // purpose) are unit tests of AccessInputValidator.
        using (var unknownCamera = await principal.PostAsJsonAsync(log,
                   new { cameraIds = new[] { "okand" }, footageFrom = from, footageTo = from.AddHours(1), action = "view", purpose = "Granska skadegörelse vid entrén" }))
        {
            var problem = await unknownCamera.JsonAsync();
            Assert.True(unknownCamera.StatusCode == HttpStatusCode.BadRequest, problem.ToString());
            Assert.Equal("Kameran 'okand' finns inte på platsen Felskolan.", problem.GetProperty("errors").GetProperty("cameraIds")[0].GetString());
        }

        using (var unknownPerson = await admin.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/grants", new { personId = "finns-inte" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownPerson.StatusCode);
            Assert.Equal("Personen finns inte i personregistret.", (await unknownPerson.JsonAsync()).GetProperty("errors").GetProperty("personId")[0].GetString());
        }

        using (var unknownSite = await principal.PostAsJsonAsync("api/camera-sites/finns-inte/access-log", Access(school.CameraId)))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknownSite.StatusCode);
            Assert.Equal("Kameraplatsen finns inte.", (await unknownSite.JsonAsync()).GetProperty("detail").GetString());
        }

        using (var notJson = await principal.PostAsync(log, new StringContent("{", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
            Assert.Contains("Ogiltig JSON", (await notJson.JsonAsync()).GetProperty("errors").ToString());
        }

        using (var disclosure = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/disclosures", new
               {
                   policeCaseNumber = "5000-K123456-26", requestingAuthority = "Polismyndigheten", requestingOfficer = "Inspektör Exempel",
                   footageFrom = from, footageTo = from.AddHours(-2), legalGround = "Begäran enligt 10 kap. 17 § OSL",
                   handedOverAt = DateTimeOffset.UtcNow.AddDays(1), handoverMethod = "Krypterat USB-minne",
               }))
        {
            var problem = await disclosure.JsonAsync();
            Assert.Equal(HttpStatusCode.BadRequest, disclosure.StatusCode);
            Assert.Equal("Överlämningen kan inte ligga i framtiden. Registrera utlämnandet när det har skett.", problem.GetProperty("errors").GetProperty("handedOverAt")[0].GetString());
            Assert.True(problem.GetProperty("errors").TryGetProperty("footageTo", out _));
        }

        Assert.Empty(await LogAsync(dpo, school.SiteId));

        using var stranger = await fixture.ClientForAsync(OtherPrincipal);
        using (var refused = await stranger.PostAsJsonAsync(log, new { purpose = "x" }))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Equal("Du har ingen behörighet till materialet från Felskolan.", (await refused.JsonAsync()).GetProperty("detail").GetString());
        }

        var entries = await LogAsync(dpo, school.SiteId);
        var denial = Assert.Single(entries);
        Assert.Equal("denied", denial.GetProperty("action").GetString());
        Assert.Equal(OtherPrincipalId, denial.GetProperty("actor").GetString());
        Assert.Equal(JsonValueKind.Null, denial.GetProperty("purpose").ValueKind);
    }

    [Fact]
    public async Task AccessLog_50ConcurrentAppends_Sequences1To50AndChainIntact()
    {
        var admin = fixture.Admin;
        var dpo = fixture.Dpo;
        var school = await CreateSchoolAsync(admin, "Samtidighetsskolan");
        await GrantAsync(admin, school.SiteId, school.PrincipalId);
        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);

        var statuses = await Task.WhenAll(Enumerable.Range(1, 50).Select(async n =>
        {
            using var response = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log",
                Access(school.CameraId, $"Granska händelse nummer {n} vid entrén"));
            return response.StatusCode;
        }));

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.Created, s));
        var entries = await LogAsync(dpo, school.SiteId);
        Assert.Equal(Enumerable.Range(1, 50).Select(n => (long)n), entries.Select(e => e.GetProperty("sequence").GetInt64()));
        Assert.Equal(50, entries.Select(e => e.GetProperty("purpose").GetString()).Distinct().Count());
        var verify = await dpo.GetFromJsonAsync<JsonElement>($"api/camera-sites/{school.SiteId}/access-log/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean(), verify.ToString());
        Assert.Equal(50, verify.GetProperty("entries").GetInt64());
        Assert.Equal(entries[^1].GetProperty("hash").GetString(), verify.GetProperty("headHash").GetString());
    }

    [Fact]
    public async Task Disclosures_PrincipalRecordsOthersRefused_SameChainAnchoredVerifiedAndExported()
    {
        var admin = fixture.Admin;
        var dpo = fixture.Dpo;
        var school = await CreateSchoolAsync(admin, "Polisskolan");
        await GrantAsync(admin, school.SiteId, school.PrincipalId);
        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        using var stranger = await fixture.ClientForAsync(OtherPrincipal);
        var disclosure = new
        {
            policeCaseNumber = "5000-K123456-26", requestingAuthority = "Polismyndigheten", requestingOfficer = "Inspektör Exempel",
            cameraIds = new[] { school.CameraId }, footageFrom = DateTimeOffset.UtcNow.AddDays(-2), footageTo = DateTimeOffset.UtcNow.AddDays(-2).AddHours(1),
            legalGround = "Begäran enligt 10 kap. 17 § OSL", handedOverAt = DateTimeOffset.UtcNow.AddMinutes(-30), handoverMethod = "=Krypterat USB-minne",
        };
        using (var access = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log", Access(school.CameraId, action: "export")))
        {
            Assert.Equal(HttpStatusCode.Created, access.StatusCode);
        }

        using (var recorded = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/disclosures", disclosure))
        {
            var entry = await recorded.JsonAsync();
            Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
            Assert.Equal("disclosure", entry.GetProperty("action").GetString());
            Assert.Equal(2, entry.GetProperty("sequence").GetInt64());
            Assert.Equal("5000-K123456-26", entry.GetProperty("policeCaseNumber").GetString());
        }

        using (var refused = await stranger.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/disclosures", disclosure))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using (var principalAnchor = await principal.PostAsync($"api/camera-sites/{school.SiteId}/access-log/anchor", null))
        {
            Assert.Equal(HttpStatusCode.Forbidden, principalAnchor.StatusCode);
        }

        using (var anchored = await dpo.PostAsync($"api/camera-sites/{school.SiteId}/access-log/anchor", null))
        {
            var body = await anchored.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, anchored.StatusCode);
            Assert.True(body.GetProperty("written").GetBoolean());
            Assert.Equal(3, body.GetProperty("anchor").GetProperty("sequence").GetInt64());
        }

        using (var again = await dpo.PostAsync($"api/camera-sites/{school.SiteId}/access-log/anchor", null))
        {
            Assert.False((await again.JsonAsync()).GetProperty("written").GetBoolean());
        }

        var verify = await principal.GetFromJsonAsync<JsonElement>($"api/camera-sites/{school.SiteId}/access-log/verify");
        Assert.True(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(3, verify.GetProperty("entries").GetInt64());
        Assert.Equal(3, verify.GetProperty("anchoredSequence").GetInt64());

        var page = await principal.GetFromJsonAsync<JsonElement>($"api/camera-sites/{school.SiteId}/access-log?from=2&limit=1");
        Assert.Equal("disclosure", page.GetProperty("entries")[0].GetProperty("action").GetString());
        Assert.Equal(3, page.GetProperty("next").GetInt64());

        using var csv = await dpo.GetAsync($"api/camera-sites/{school.SiteId}/access-log?format=csv");
        var bytes = await csv.Content.ReadAsByteArrayAsync();
        var text = Encoding.UTF8.GetString(bytes);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        Assert.StartsWith("Nummer;Registrerad;Person-id;Namn;Åtgärd", text.TrimStart('\uFEFF'));
        Assert.Contains("Utlämnande till polisen", text);
        Assert.Contains("'=Krypterat USB-minne", text);
        Assert.Contains("filename*=UTF-8''", csv.Content.Headers.ContentDisposition!.ToString());

        using (var badFormat = await dpo.GetAsync($"api/camera-sites/{school.SiteId}/access-log?format=xml"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        }

        using (var strangerReads = await stranger.GetAsync($"api/camera-sites/{school.SiteId}/access-log"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, strangerReads.StatusCode);
        }

        var actions = (await LogAsync(dpo, school.SiteId)).Select(e => (e.GetProperty("action").GetString(), e.GetProperty("attempted").GetString())).ToList();
        // The stranger's refused read came within a minute of the refused disclosure: counted, not logged (until the flush).
        Assert.Equal([("export", null), ("disclosure", null), ("denied", "disclosure")], actions);
    }
}
