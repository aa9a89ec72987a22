using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// Staff sign-in as in Azure: the development host runs in Production with Entra mode against a loopback tenant, so
/// tokens go through the real validation (signature from OpenID metadata, issuer, audience, lifetime).
/// </summary>
public sealed class StaffAuthTests(EntraHostFixture fixture) : IClassFixture<EntraHostFixture>
{
    private const string AdminEmail = EntraHostFixture.AdminEmail;
    private const string StaffEmail = EntraHostFixture.StaffEmail;
    private readonly TestIssuer issuer = fixture.Issuer;
    private readonly DevHostProcess host = fixture.Host;

    [Fact]
    public async Task StaffRoute_NoToken_401ProblemDocument()
    {
        using var response = await host.Client.GetAsync("api/people");
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaffRoute_ValidAdministratorToken_200()
    {
        using var response = await SendAsync("api/people", issuer.Token(AdminEmail, [StaffRoles.Administrator]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(AdminEmail, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StaffRoute_ExpiredToken_401SaysSignInAgain()
    {
        using var response = await SendAsync("api/people", issuer.Token(AdminEmail, [StaffRoles.Administrator], expires: DateTime.UtcNow.AddMinutes(-10)));
        var problem = await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("gått ut", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StaffRoute_WrongAudience_401()
    {
        using var response = await SendAsync("api/people", issuer.Token(AdminEmail, [StaffRoles.Administrator], audience: "api://another-app"));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaffRoute_WrongSignature_401()
    {
        using var response = await SendAsync("api/people", issuer.Token(AdminEmail, [StaffRoles.Administrator], signingKey: TestIssuer.ForgedKey()));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaffRoute_ForgedClientPrincipalHeaderOnly_401()
    {
        var principal = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = "email", val = AdminEmail }, new { typ = "roles", val = StaffRoles.Administrator } },
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/people");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", Convert.ToBase64String(Encoding.UTF8.GetBytes(principal)));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", AdminEmail);
        using var response = await host.Client.SendAsync(request);
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AdministratorRoute_ValidTokenWithoutRole_403()
    {
        using var response = await SendAsync("api/people", issuer.Token(StaffEmail, []));
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StaffRoute_ValidTokenPersonNotInRegister_403()
    {
        using var response = await SendAsync("api/me", issuer.Token("stranger@example.se", [StaffRoles.Administrator]));
        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("personregistret", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Me_ValidTokenWithoutRole_200WithPerson()
    {
        using var response = await SendAsync("api/me", issuer.Token(StaffEmail, []));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(StaffEmail, body.RootElement.GetProperty("person").GetProperty("email").GetString());
        Assert.Empty(body.RootElement.GetProperty("roles").EnumerateArray());
    }

    [Theory]
    [InlineData("GET", "dev/signin")]
    [InlineData("POST", "dev/signin")]
    [InlineData("POST", "dev/token")]
    [InlineData("GET", "dev/outbox")]
    [InlineData("GET", "dev/outbox?format=json")]
    public async Task DevRoutes_OutsideDevelopment_404(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST")
        {
            request.Content = new StringContent("{\"email\":\"" + AdminEmail + "\"}", Encoding.UTF8, "application/json");
        }

        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Client.SendAsync(request);
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, body.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("detail").GetString()));
        return body.RootElement.Clone();
    }
}

/// <summary>A loopback Entra tenant, two people in the register, and the development host in Production over its own Azurite.</summary>
public sealed class EntraHostFixture : IAsyncLifetime
{
    public const string AdminEmail = "admin.entra@example.se";
    public const string StaffEmail = "staff.entra@example.se";
    private readonly AzuriteFixture azurite = new();

    public TestIssuer Issuer { get; private set; } = null!;

    public DevHostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Issuer = await TestIssuer.StartAsync();
        var people = new PeopleStore(new StorageAccount(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString)), TimeProvider.System);
        await people.CreatePersonAsync(new PersonInput("Ada Admin", AdminEmail, "Administratör", null, null, [StaffRoles.Administrator]));
        await people.CreatePersonAsync(new PersonInput("Sture Staff", StaffEmail, "Handläggare", null, null, []));
        var settings = Issuer.Settings();
        settings["Email__Provider"] = nameof(EmailProvider.Outbox);
        settings["Email__FromAddress"] = "noreply@example.se";
        Host = new DevHostProcess(azurite, settings, environmentName: "Production");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Issuer.DisposeAsync();
        await azurite.DisposeAsync();
    }
}
