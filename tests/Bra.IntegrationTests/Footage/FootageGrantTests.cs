using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.IntegrationTests.Cameras;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

public sealed class FootageGrantTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    [Fact]
    public async Task Grants_SchoolSite_PrincipalAndManagerAcceptedOthersRefusedWithReasonAndLogged()
    {
        var admin = fixture.Admin;
        var dpo = fixture.Dpo;

        var principal = await GrantAsync(admin, DomarhagsskolanSite, PrincipalId);
        Assert.Equal("valid", principal.GetProperty("state").GetString());
        Assert.True(principal.GetProperty("valid").GetBoolean());
        Assert.Equal(CoordinatorId, principal.GetProperty("grantedById").GetString());
        using (var rektor = await fixture.ClientForAsync(Principal))
        {
            var manager = await GrantAsync(rektor, DomarhagsskolanSite, HeadOfEducationId);
            Assert.Equal("Britt Exempelsson", manager.GetProperty("personName").GetString());
        }

        foreach (var refused in new[] { OtherPrincipalId, CoordinatorId, DataProtectionOfficerId })
        {
            var problem = await GrantAsync(admin, DomarhagsskolanSite, refused, HttpStatusCode.Forbidden);
            Assert.Contains("bara rektor för Domarhagsskolan och rektors chef", problem.GetProperty("detail").GetString());
        }

        using (var other = await fixture.ClientForAsync(OtherPrincipal))
        {
            var problem = await GrantAsync(other, DomarhagsskolanSite, OtherPrincipalId, HttpStatusCode.Forbidden);
            Assert.Equal("Bara administratörer och platsens rektor får ge behörighet till materialet.", problem.GetProperty("detail").GetString());
        }

        var grants = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{DomarhagsskolanSite}/grants");
        Assert.Equal([PrincipalId, HeadOfEducationId], grants.EnumerateArray().Select(g => g.GetProperty("personId").GetString()));

        var denials = (await LogAsync(dpo, DomarhagsskolanSite)).Where(e => e.GetProperty("action").GetString() == "denied").ToList();
        // One entry per person and site a minute: the coordinator's second and third refusals are counted, not logged yet.
        Assert.Equal(2, denials.Count);
        Assert.All(denials, d => Assert.Equal("grant", d.GetProperty("attempted").GetString()));
        Assert.Equal([CoordinatorId, OtherPrincipalId], denials.Select(d => d.GetProperty("actor").GetString()));
        Assert.Contains("Erik Exempel", denials[0].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Grants_PrincipalReplacedInPeopleRegister_FormerPrincipalRefusedAtOnceAndGrantShownNotValid()
    {
        var admin = fixture.Admin;
        var dpo = fixture.Dpo;
        var school = await CreateSchoolAsync(admin, "Bytesskolan");
        var grant = await GrantAsync(admin, school.SiteId, school.PrincipalId);
        using var former = await fixture.ClientForAsync(school.PrincipalEmail);
        using (var before = await former.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log", Access(school.CameraId)))
        {
            Assert.Equal(HttpStatusCode.Created, before.StatusCode);
        }

        var successor = await CreateAsync(admin, "api/people", new { name = "Ny Rektor", email = $"ny.{Guid.NewGuid():N}@example.se", managerId = HeadOfEducationId });
        using (var replaced = await admin.PutAsJsonAsync($"api/units/{school.UnitId}", new { name = "Bytesskolan", kind = "school", headPersonId = successor }))
        {
            Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        }

        using var after = await former.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log", Access(school.CameraId));
        var problem = await after.JsonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.StartsWith("Din behörighet till materialet från Bytesskolan gäller inte längre", problem.GetProperty("detail").GetString());

        var grants = await admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{school.SiteId}/grants");
        var shown = grants.EnumerateArray().Single(g => g.GetProperty("id").GetString() == grant.GetProperty("id").GetString());
        Assert.False(shown.GetProperty("valid").GetBoolean());
        Assert.Equal("notEntitled", shown.GetProperty("state").GetString());
        Assert.Contains("Enligt personregistret är personen ingen av dem", shown.GetProperty("stateReason").GetString());

        var log = await LogAsync(dpo, school.SiteId);
        Assert.Equal(["view", "denied"], log.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal(school.PrincipalId, log[1].GetProperty("actor").GetString());
        Assert.Equal("access", log[1].GetProperty("attempted").GetString());
    }

    [Fact]
    public async Task Grants_NamedOperatorsSite_AdministratorGrantsNamedOperatorOthersRefused()
    {
        var admin = fixture.Admin;
        var dpo = fixture.Dpo;
        const string avesta = "site-avesta-centrum";

        var grant = await GrantAsync(admin, avesta, CoordinatorId);
        Assert.True(grant.GetProperty("valid").GetBoolean());
        var refused = await GrantAsync(admin, avesta, PrincipalId, HttpStatusCode.Forbidden);
        Assert.Contains("de namngivna operatörerna i kameraregistret", refused.GetProperty("detail").GetString());
        using (var principal = await fixture.ClientForAsync(Principal))
        {
            var notAdmin = await GrantAsync(principal, avesta, PrincipalId, HttpStatusCode.Forbidden);
            Assert.Equal("Bara administratörer får ge behörighet till materialet på den här platsen.", notAdmin.GetProperty("detail").GetString());
        }

        Assert.Equal(2, (await LogAsync(dpo, avesta)).Count(e => e.GetProperty("action").GetString() == "denied"));
    }

    [Fact]
    public async Task Grants_RevokeWithReason_GrantShownRevokedAndAccessRefused()
    {
        var admin = fixture.Admin;
        var school = await CreateSchoolAsync(admin, "Återkallelseskolan");
        var grant = await GrantAsync(admin, school.SiteId, school.PrincipalId);
        var url = $"api/camera-sites/{school.SiteId}/grants/{grant.GetProperty("id").GetString()}";

        using (var noReason = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = JsonContent.Create(new { reason = " " }) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Equal("Ange varför behörigheten återkallas.", (await noReason.JsonAsync()).GetProperty("errors").GetProperty("reason")[0].GetString());
        }

        using (var revoked = await admin.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url) { Content = JsonContent.Create(new { reason = "Rektor har bytt tjänst" }) }))
        {
            var body = await revoked.JsonAsync();
            Assert.Equal(HttpStatusCode.OK, revoked.StatusCode);
            Assert.Equal("revoked", body.GetProperty("state").GetString());
            Assert.Equal("Rektor har bytt tjänst", body.GetProperty("revokeReason").GetString());
        }

        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        using var refused = await principal.PostAsJsonAsync($"api/camera-sites/{school.SiteId}/access-log", Access(school.CameraId));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Rektor har bytt tjänst", (await refused.JsonAsync()).GetProperty("detail").GetString());
    }
}
