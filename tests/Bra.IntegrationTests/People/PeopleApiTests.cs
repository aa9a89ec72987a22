using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.People;

/// <summary>The people register API on the development host: every bad input answers 400/413 and changes nothing.</summary>
public sealed class PeopleApiTests(PeopleHostFixture fixture) : IClassFixture<PeopleHostFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task CreatePerson_Valid_201AndReadable()
    {
        using var created = await Admin.PostAsJsonAsync("api/people", new { name = "Kim Ny", email = "kim.ny@example.se", title = "Fältassistent", managerId = "demo-bildningschef" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        var id = body.RootElement.GetProperty("id").GetString();
        Assert.Equal($"/api/people/{id}", created.Headers.Location?.ToString());

        using var read = JsonDocument.Parse(await Admin.GetStringAsync($"api/people/{id}"));
        Assert.Equal("kim.ny@example.se", read.RootElement.GetProperty("email").GetString());
        Assert.Equal("demo-bildningschef", read.RootElement.GetProperty("managerId").GetString());
    }

    /// <summary>
    /// The create route's 400s: a body that is not JSON, and the one rule that needs the register's unique index (an
    /// address taken, whatever its case); nothing stored. The pure rules are unit tests (PersonRulesTests, PeopleValidatorTests).
    /// </summary>
    [Theory]
    [InlineData("{\"name\":\"Utan slut\"", "body")]
    [InlineData("{\"name\":\"Dubblett\",\"email\":\"SAMORDNARE@example.se\"}", "email")]
    public async Task CreatePerson_BadInput_400NamingFieldAndNothingStored(string json, string field)
    {
        var before = await PeopleSnapshotAsync();
        using var response = await Admin.PostAsync("api/people", new StringContent(json, Encoding.UTF8, "application/json"));

        var errors = await AssertValidationProblemAsync(response);
        Assert.True(errors.TryGetProperty(field, out var messages), $"No error for '{field}': {errors}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        Assert.Equal(before, await PeopleSnapshotAsync());
    }

    [Fact]
    public async Task UpdatePerson_ManagerCycle_400AndUnchanged()
    {
        // The head of education manages the principal; making the principal her manager would close a loop.
        var before = await PeopleSnapshotAsync();
        using var response = await Admin.PutAsJsonAsync("api/people/demo-bildningschef", new
        {
            name = "Britt Exempelsson", email = DemoPeople.HeadOfEducation, title = "Bildningschef", managerId = "demo-rektor-domarhagsskolan",
        });

        var errors = await AssertValidationProblemAsync(response);
        Assert.Contains("slinga", errors.GetProperty("managerId")[0].GetString());
        Assert.Equal(before, await PeopleSnapshotAsync());
    }

    [Fact]
    public async Task UpdatePerson_ChangedEmail_OldAddressFreedNewOneTaken()
    {
        using var created = await Admin.PostAsJsonAsync("api/people", new { name = "Byter Adress", email = "gammal@example.se" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        using var updated = await Admin.PutAsJsonAsync($"api/people/{id}", new { name = "Byter Adress", email = "ny@example.se" });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        using var reuse = await Admin.PostAsJsonAsync("api/people", new { name = "Tar Gamla", email = "gammal@example.se" });
        Assert.Equal(HttpStatusCode.Created, reuse.StatusCode);
        using var clash = await Admin.PostAsJsonAsync("api/people", new { name = "Tar Nya", email = "ny@example.se" });
        Assert.Equal([PeopleRules.DuplicateEmail], (await AssertValidationProblemAsync(clash)).GetProperty("email").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task CreatePerson_SameEmailConcurrently_ExactlyOneStored()
    {
        var attempts = Enumerable.Range(0, 8).Select(i =>
            Admin.PostAsJsonAsync("api/people", new { name = $"Samtidig {i}", email = "samtidig@example.se" }));
        var responses = await Task.WhenAll(attempts);

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        using var people = JsonDocument.Parse(await Admin.GetStringAsync("api/people"));
        Assert.Single(people.RootElement.EnumerateArray(), p => p.GetProperty("email").GetString() == "samtidig@example.se");
    }

    [Fact]
    public async Task CreatePerson_OversizedBody_413()
    {
        var huge = "{\"name\":\"" + new string('a', 300_000) + "\",\"email\":\"stor@example.se\"}";
        using var response = await Admin.PostAsync("api/people", new StringContent(huge, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task CreateAndUpdateUnit_Valid_HeadShownInMe()
    {
        using var created = await Admin.PostAsJsonAsync("api/units", new { name = "Nyskolan", kind = "school", headPersonId = "demo-rektor-exempelskolan" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var renamed = await Admin.PutAsJsonAsync($"api/units/{id}", new { name = "Nyskolan F–9", kind = "school", headPersonId = "demo-rektor-exempelskolan" });
        Assert.Equal(HttpStatusCode.OK, renamed.StatusCode);

        using var principal = await fixture.Host.ClientForAsync(DemoPeople.OtherPrincipal);
        using var me = JsonDocument.Parse(await principal.GetStringAsync("api/me"));
        Assert.Contains(me.RootElement.GetProperty("unitsHeaded").EnumerateArray(), u => u.GetProperty("name").GetString() == "Nyskolan F–9");
    }

    [Fact]
    public async Task GetPerson_Unknown_404Problem()
    {
        using var response = await Admin.GetAsync("api/people/finns-inte");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task DeactivatePerson_TheirValidToken_403AndDeactivationVisibleInGet()
    {
        using var created = await Admin.PostAsJsonAsync("api/people", new { name = "Ava Slutar", email = "ava.slutar@example.se", roles = new[] { "Administrator" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var leaver = await fixture.Host.ClientForAsync("ava.slutar@example.se");
        using (var before = await leaver.GetAsync("api/me"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var deactivated = await Admin.PostAsync($"api/people/{id}/deactivate", null);
        Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);

        using var read = JsonDocument.Parse(await Admin.GetStringAsync($"api/people/{id}"));
        Assert.False(read.RootElement.GetProperty("active").GetBoolean());
        Assert.Equal(JsonValueKind.String, read.RootElement.GetProperty("deactivatedAt").ValueKind);
        Assert.Equal("ava.slutar@example.se", read.RootElement.GetProperty("email").GetString());
        using var after = await leaver.GetAsync("api/me");
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Contains("avaktiverat", await after.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task DeactivatedPerson_AsNewManagerOrUnitHead_400()
    {
        using var created = await Admin.PostAsJsonAsync("api/people", new { name = "Gun Gått", email = "gun.gatt@example.se" });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using (var deactivated = await Admin.PostAsync($"api/people/{id}/deactivate", null))
        {
            Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        }

        var before = await PeopleSnapshotAsync();
        using var report = await Admin.PostAsJsonAsync("api/people", new { name = "Ny Medarbetare", email = "ny.medarbetare@example.se", managerId = id });
        Assert.Contains("avaktiverad", (await AssertValidationProblemAsync(report)).GetProperty("managerId")[0].GetString());
        using var unit = await Admin.PostAsJsonAsync("api/units", new { name = "Nya skolan", kind = "school", headPersonId = id });
        Assert.Contains("avaktiverad", (await AssertValidationProblemAsync(unit)).GetProperty("headPersonId")[0].GetString());
        Assert.Equal(before, await PeopleSnapshotAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    public async Task CreatePerson_JsonBodyWithoutJsonContentType_415AndNothingStored(string? contentType)
    {
        var before = await PeopleSnapshotAsync();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("{\"name\":\"Text Plain\",\"email\":\"text.plain@example.se\"}"));
        if (contentType is not null)
        {
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await Admin.PostAsync("api/people", content);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await PeopleSnapshotAsync());
    }

    private async Task<string> PeopleSnapshotAsync() => await Admin.GetStringAsync("api/people") + await Admin.GetStringAsync("api/units");

    private static async Task<JsonElement> AssertValidationProblemAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("errors").Clone();
    }
}

/// <summary>One development host with demo data for the people tests, and the coordinator's (administrator's) client.</summary>
public sealed class PeopleHostFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();

    public DevHostProcess Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Host = new DevHostProcess(azurite);
        await Host.StartAsync();
        Admin = await Host.ClientForAsync(DemoPeople.Coordinator);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        try
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
