using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.Identity;
using Bra.IntegrationTests.Cameras;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// Admission by app role against the loopback Entra tenant (the development host in Production, Entra mode): a person
/// not in the register is added at first sign-in, once; email matches only member tokens of the tenant; a stored object
/// id changes only by its own action.
/// </summary>
public sealed class FirstSignInTests(EntraHostFixture fixture) : IClassFixture<EntraHostFixture>
{
    private readonly TestIssuer issuer = fixture.Issuer;
    private readonly DevHostProcess host = fixture.Host;

    [Fact]
    public async Task FirstSignIn_AppRoleNotInRegister_AddedOnceFromTheClaims()
    {
        const string email = "nora.ny@example.se";
        var me = await MeAsync(issuer.Token(email, [StaffRoles.Staff, StaffRoles.Administrator], name: "Nora Ny"));
        var again = await MeAsync(issuer.Token(email, [StaffRoles.Staff], name: "Nora Ny"));

        var person = me.GetProperty("person");
        Assert.Equal(person.GetProperty("id").GetString(), again.GetProperty("person").GetProperty("id").GetString());
        Assert.Equal("Nora Ny", person.GetProperty("name").GetString());
        Assert.Equal(issuer.ObjectIdOf(email), person.GetProperty("entraObjectId").GetString());
        Assert.True(person.GetProperty("addedAtFirstSignIn").GetBoolean());
        Assert.Equal([StaffRoles.Administrator], person.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(1, await CountAsync(email));
    }

    [Fact]
    public async Task FirstSignIn_TenConcurrentRequests_OnePerson()
    {
        const string email = "samtidig@example.se";
        var token = issuer.Token(email, [StaffRoles.Staff], name: "Sam Tidig");

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => MeAsync(token)));

        Assert.Single(answers.Select(a => a.GetProperty("person").GetProperty("id").GetString()).Distinct());
        Assert.Equal(1, await CountAsync(email));
    }

    [Fact]
    public async Task FirstSignIn_MemberTokenEmailOfRecordWithoutObjectId_MatchedAndObjectIdStored()
    {
        const string email = "forregistrerad@example.se";
        var id = await CreateAsync("För Registrerad", email);

        var person = (await MeAsync(issuer.Token(email, [StaffRoles.Staff]))).GetProperty("person");

        Assert.Equal(id, person.GetProperty("id").GetString());
        Assert.Equal(issuer.ObjectIdOf(email), person.GetProperty("entraObjectId").GetString());
        Assert.False(person.GetProperty("addedAtFirstSignIn").GetBoolean());
    }

    [Fact]
    public async Task FirstSignIn_GuestTokenEmailOfRecordWithoutObjectId_NotMatched403()
    {
        const string email = "gast.adress@example.se";
        var id = await CreateAsync("Gäst Adress", email);

        using var response = await SendAsync("api/me", issuer.Token(email, [StaffRoles.Staff], objectId: Guid.NewGuid().ToString(), guest: true));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("e-postadress", (await response.JsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, (await PersonAsync(id)).GetProperty("entraObjectId").ValueKind);
        Assert.Equal(1, await CountAsync(email));
    }

    [Fact]
    public async Task FirstSignIn_TokenEmailOfRecordWithAnotherObjectId_NotMatched403()
    {
        const string email = "annat.konto@example.se";
        var id = await CreateAsync("Annat Konto", email, objectId: Guid.NewGuid().ToString());

        using var response = await SendAsync("api/me", issuer.Token(email, [StaffRoles.Staff]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.NotEqual(issuer.ObjectIdOf(email), (await PersonAsync(id)).GetProperty("entraObjectId").GetString());
    }

    [Fact]
    public async Task SignIn_DeactivatedPersonWithAppRole_403()
    {
        const string email = "avslutad@example.se";
        var id = await CreateAsync("Av Slutad", email);
        using (var admin = Admin())
        using (var deactivated = await admin.PostAsync($"api/people/{id}/deactivate", null))
        {
            Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        }

        using var response = await SendAsync("api/me", issuer.Token(email, [StaffRoles.Administrator]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("avaktiverat", (await response.JsonAsync()).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StoredObjectId_NotChangedByPut_ChangedByItsOwnActionWithReason()
    {
        const string email = "objektid@example.se";
        var stored = issuer.ObjectIdOf(email);
        var id = (await MeAsync(issuer.Token(email, [StaffRoles.Staff], name: "Obe Jekt"))).GetProperty("person").GetProperty("id").GetString()!;
        using var admin = Admin();

        using (var changed = await admin.PutAsJsonAsync($"api/people/{id}", Body("Obe Jekt", email, Guid.NewGuid().ToString())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
            Assert.True((await changed.JsonAsync()).GetProperty("errors").TryGetProperty("entraObjectId", out _));
        }

        using (var blank = await admin.PutAsJsonAsync($"api/people/{id}", Body("Obe Jekt Ändrad", email, null)))
        {
            Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        }

        Assert.Equal(stored, (await PersonAsync(id)).GetProperty("entraObjectId").GetString());

        var replacement = Guid.NewGuid().ToString();
        using (var withoutReason = await admin.PostAsJsonAsync($"api/people/{id}/object-id", new { entraObjectId = replacement, reason = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        }

        using var corrected = await admin.PostAsJsonAsync($"api/people/{id}/object-id", new { entraObjectId = replacement, reason = "Nytt konto efter namnbyte" });
        Assert.Equal(HttpStatusCode.OK, corrected.StatusCode);
        var person = await PersonAsync(id);
        Assert.Equal(replacement, person.GetProperty("entraObjectId").GetString());
        var change = person.GetProperty("objectIdChange");
        Assert.Equal(stored, change.GetProperty("previous").GetString());
        Assert.Equal("Ada Admin", change.GetProperty("changedByName").GetString());
        Assert.Equal("Nytt konto efter namnbyte", change.GetProperty("reason").GetString());

        // The old account no longer signs in as this person.
        using var old = await SendAsync("api/me", issuer.Token(email, [StaffRoles.Staff], objectId: stored));
        Assert.Equal(HttpStatusCode.Forbidden, old.StatusCode);
    }

    private static object Body(string name, string email, string? objectId) =>
        new { name, email, title = (string?)null, managerId = (string?)null, entraObjectId = objectId, roles = Array.Empty<string>() };

    private async Task<string> CreateAsync(string name, string email, string? objectId = null)
    {
        using var admin = Admin();
        using var created = await admin.PostAsJsonAsync("api/people", Body(name, email, objectId));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.JsonAsync()).GetProperty("id").GetString()!;
    }

    private async Task<JsonElement> PersonAsync(string id)
    {
        using var admin = Admin();
        using var response = await admin.GetAsync($"api/people/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private async Task<int> CountAsync(string email)
    {
        using var admin = Admin();
        using var response = await admin.GetAsync("api/people");
        return (await response.JsonAsync()).EnumerateArray().Count(p => string.Equals(p.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase));
    }

    private async Task<JsonElement> MeAsync(string token)
    {
        using var response = await SendAsync("api/me", token);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private HttpClient Admin()
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token(EntraHostFixture.AdminEmail, [StaffRoles.Administrator]));
        return client;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await host.Client.SendAsync(request);
    }
}
