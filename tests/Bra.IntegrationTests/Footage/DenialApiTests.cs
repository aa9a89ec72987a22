using System.Net;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>Refused reads and page visits through the development host: bounded in the log, counted per person and site on /staff/audit.</summary>
public sealed class DenialApiTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    [Fact]
    public async Task RefusedReads_60InARow_AtMostElevenEntriesAndAuditShowsTheCount()
    {
        var school = await CreateSchoolAsync(fixture.Admin, "Nekandeskolan");
        using var stranger = await fixture.ClientForAsync(OtherPrincipal);
        for (var n = 0; n < 60; n++)
        {
            using var refused = await stranger.GetAsync($"api/camera-sites/{school.SiteId}/access-log");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var denials = (await LogAsync(fixture.Dpo, school.SiteId)).Where(e => e.GetProperty("actor").GetString() == OtherPrincipalId).ToList();
        Assert.InRange(denials.Count, 1, 11);
        Assert.Equal(1, denials[0].GetProperty("count").GetInt32());

        var audit = await AuditPageAsync();
        Assert.Contains("<td>Nekandeskolan</td><th scope=\"row\">Erik Exempel</th><td>60</td>", audit);
    }

    [Fact]
    public async Task FootagePage_VisitWithoutGrant_LoggedAsRefusedViewOfThePage()
    {
        var school = await CreateSchoolAsync(fixture.Admin, "Sidbesöksskolan");
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"bra_dev_staff={await fixture.Host.TokenAsync(OtherPrincipal)}");

        using var page = await client.GetAsync($"staff/footage/{school.SiteId}");

        Assert.True(page.IsSuccessStatusCode || page.StatusCode == HttpStatusCode.Forbidden, page.StatusCode.ToString());
        var denial = Assert.Single(await LogAsync(fixture.Dpo, school.SiteId));
        Assert.Equal(("denied", "view-page", OtherPrincipalId), (denial.GetProperty("action").GetString(), denial.GetProperty("attempted").GetString(),
            denial.GetProperty("actor").GetString()));
    }

    private async Task<string> AuditPageAsync()
    {
        using var client = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", $"bra_dev_staff={await fixture.Host.TokenAsync(DataProtectionOfficer)}");
        using var response = await client.GetAsync("staff/audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}
