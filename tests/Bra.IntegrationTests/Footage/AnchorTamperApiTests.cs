using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Specialized;
using Bra.Core.Footage;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>
/// An insider with the app's storage role rewrites a site's log and anchors in Azurite behind the application's back;
/// the verification API and /staff/audit say what and where, and anchoring refuses to cover it.
/// </summary>
public sealed class AnchorTamperApiTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    [Fact]
    public async Task Verify_NewestRowsDeletedLaterBlobWithSequenceZeroAndMalformedLine_EachReportedThroughApiAndAuditPage()
    {
        var (school, _) = await SiteWithEntriesAsync("Manipulationsskolan", 5);
        var site = school.SiteId;
        using (var anchored = await fixture.Dpo.PostAsync($"api/camera-sites/{site}/access-log/anchor", null))
        {
            Assert.Equal(5, (await anchored.JsonAsync()).GetProperty("anchor").GetProperty("sequence").GetInt64());
        }

        var before = await VerifyAsync(site);
        Assert.True(before.GetProperty("intact").GetBoolean(), before.ToString());
        Assert.Equal(5, (await VerifyAsync(site)).GetProperty("verifiedFrom").GetInt64());

        var storage = fixture.Azurite.Storage();
        var table = await storage.TableAsync(FootageStore.LogTable);
        await table.DeleteEntityAsync(site, FootageStore.RowKey(5));
        await table.DeleteEntityAsync(site, FootageStore.RowKey(4));
        var anchors = await storage.ContainerAsync(FootageStore.AnchorContainer);
        var yearBlob = $"{site}/{DateTimeOffset.UtcNow.Year}.jsonl";
        await anchors.GetBlobClient($"{site}/9999.jsonl").UploadAsync(BinaryData.FromString(
            $"{{\"siteId\":\"{site}\",\"sequence\":0,\"hash\":\"{new string('0', 64)}\",\"anchoredAt\":\"9999-01-01T00:00:00+00:00\"}}\n"));
        using (var malformed = new MemoryStream("{\"siteId\":\"inte en förankring\n"u8.ToArray()))
        {
            await anchors.GetAppendBlobClient(yearBlob).AppendBlockAsync(malformed);
        }

        foreach (var verify in new[] { await VerifyAsync(site), await VerifyAsync(site, "?full=true") })
        {
            Assert.False(verify.GetProperty("intact").GetBoolean());
            Assert.Equal("truncated", verify.GetProperty("problem").GetString());
            Assert.Equal(4, verify.GetProperty("firstBrokenSequence").GetInt64());
            Assert.Equal(3, verify.GetProperty("entries").GetInt64());
            Assert.Equal(5, verify.GetProperty("anchoredSequence").GetInt64());
            Assert.Equal(
                [(yearBlob, 1, "beyondChain"), (yearBlob, 2, "unreadable"), ($"{site}/9999.jsonl", 1, "backwards")],
                verify.GetProperty("anchorProblems").EnumerateArray()
                    .Select(p => (p.GetProperty("blob").GetString(), p.GetProperty("line").GetInt32(), p.GetProperty("problem").GetString())));
        }

        using (var anchor = await fixture.Dpo.PostAsync($"api/camera-sites/{site}/access-log/anchor", null))
        {
            Assert.Equal(HttpStatusCode.Conflict, anchor.StatusCode);
        }

        var audit = await AuditPageAsync("");
        Assert.Contains($"{site}/9999.jsonl", audit);
        Assert.Contains("Bruten vid post 4 (avkortad efter förankring)", audit);
        Assert.Contains("går bakåt", audit);
        Assert.Contains("oläslig", audit);
        Assert.Contains("Bruten vid post 4", await AuditPageAsync("?full=true"));
    }

    [Fact]
    public async Task Anchor_MalformedLineInYearBlob_StillAnchorsAboveLastAndVerifiesIncrementally()
    {
        var (school, principal) = await SiteWithEntriesAsync("Radfelsskolan", 2);
        var site = school.SiteId;
        using (await fixture.Dpo.PostAsync($"api/camera-sites/{site}/access-log/anchor", null))
        {
        }

        var anchors = await fixture.Azurite.Storage().ContainerAsync(FootageStore.AnchorContainer);
        using (var malformed = new MemoryStream("trasig rad\n"u8.ToArray()))
        {
            await anchors.GetAppendBlobClient($"{site}/{DateTimeOffset.UtcNow.Year}.jsonl").AppendBlockAsync(malformed);
        }

        using (var access = await principal.PostAsJsonAsync($"api/camera-sites/{site}/access-log", Access(school.CameraId)))
        {
            Assert.Equal(HttpStatusCode.Created, access.StatusCode);
        }

        using var anchored = await fixture.Dpo.PostAsync($"api/camera-sites/{site}/access-log/anchor", null);
        var body = await anchored.JsonAsync();
        Assert.True(anchored.StatusCode == HttpStatusCode.OK, body.ToString());
        Assert.Equal(3, body.GetProperty("anchor").GetProperty("sequence").GetInt64());

        var verify = await VerifyAsync(site);
        Assert.False(verify.GetProperty("intact").GetBoolean());
        Assert.Equal(JsonValueKind.Null, verify.GetProperty("firstBrokenSequence").ValueKind);
        Assert.Equal(3, verify.GetProperty("entries").GetInt64());
        var problem = Assert.Single(verify.GetProperty("anchorProblems").EnumerateArray());
        Assert.Equal((2, "unreadable"), (problem.GetProperty("line").GetInt32(), problem.GetProperty("problem").GetString()));
        Assert.Equal(3, (await VerifyAsync(site)).GetProperty("verifiedFrom").GetInt64());
    }

    private async Task<(School School, HttpClient Principal)> SiteWithEntriesAsync(string name, int count)
    {
        var school = await CreateSchoolAsync(fixture.Admin, name);
        await GrantAsync(fixture.Admin, school.SiteId, school.PrincipalId);
        var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        for (var n = 0; n < count; n++)
        {
            using var access = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log", Access(school.CameraId));
            Assert.Equal(HttpStatusCode.Created, access.StatusCode);
        }

        return (school, principal);
    }

    private Task<JsonElement> VerifyAsync(string site, string query = "") =>
        fixture.Dpo.GetFromJsonAsync<JsonElement>($"api/camera-sites/{site}/access-log/verify{query}");

    private async Task<string> AuditPageAsync(string query)
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"bra_dev_staff={await fixture.Host.TokenAsync(DataProtectionOfficer)}");
        using var response = await client.GetAsync("staff/audit" + query);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.True(response.StatusCode == HttpStatusCode.OK, html);
        return html;
    }
}
