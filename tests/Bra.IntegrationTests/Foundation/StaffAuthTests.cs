using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.IntegrationTests.Cameras;
using Bra.IntegrationTests.Support;
using Microsoft.IdentityModel.Tokens;

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
    public async Task AdministratorRoute_ValidStaffTokenWithoutAdministratorRole_403()
    {
        using var response = await SendAsync("api/people", issuer.Token(StaffEmail, [StaffRoles.Staff]));
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task StaffRoute_ValidTokenWithNoneOfTheAppsRoles_403AskTheItDepartment()
    {
        using var response = await SendAsync("api/me", issuer.Token(StaffEmail, []));
        var problem = await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("IT-avdelningen", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task StaffPage_ValidTokenWithNoneOfTheAppsRoles_Swedish403PageAskTheItDepartment()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "staff");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token("utan.roll@example.se", []));
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Be IT-avdelningen om åtkomst", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        Assert.False(await InRegisterAsync("utan.roll@example.se"));
    }

    [Fact]
    public async Task Me_StaffRoleOnly_200WithPersonAndTokenRoles()
    {
        using var response = await SendAsync("api/me", issuer.Token(StaffEmail, [StaffRoles.Staff]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(StaffEmail, body.RootElement.GetProperty("person").GetProperty("email").GetString());
        Assert.Equal([StaffRoles.Staff], body.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task StaffRoute_IdTokenForTheApp_401()
    {
        using var response = await SendAsync("api/people", issuer.IdToken(AdminEmail, [StaffRoles.Administrator]));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaffRoute_DelegatedTokenWithoutApiScope_401()
    {
        using var response = await SendAsync("api/people", issuer.Token(AdminEmail, [StaffRoles.Administrator], scope: "User.Read openid"));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("none")]
    public async Task StaffRoute_TokenNotSignedWithRs256_401(string algorithm)
    {
        var credentials = algorithm == "none"
            ? null
            : new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = "test-key-1" }, SecurityAlgorithms.HmacSha256);
        using var response = await SendAsync("api/people", issuer.TokenWithAlgorithm(AdminEmail, [StaffRoles.Administrator], credentials));
        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task StaffRoute_IssuerRotatedSigningKeyAfterMetadataCached_NewTokenAccepted()
    {
        using (var cached = await SendAsync("api/me", issuer.Token(StaffEmail, [StaffRoles.Staff])))
        {
            Assert.Equal(HttpStatusCode.OK, cached.StatusCode);
        }

        issuer.RotateKey();
        using var response = await SendAsync("api/me", issuer.Token(StaffEmail, [StaffRoles.Staff]));
        Assert.True(response.StatusCode == HttpStatusCode.OK, host.Output);
    }

    [Theory]
    [InlineData("api/people")]
    [InlineData("staff/cameras")]
    public async Task TokenStoreHeaderOnly_NeverHonoured(string path)
    {
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("X-MS-TOKEN-AAD-ACCESS-TOKEN", issuer.Token(AdminEmail, [StaffRoles.Administrator]));
        using var response = await raw.SendAsync(request);
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Found, response.StatusCode.ToString());
    }

    [Fact]
    public async Task StaffPage_ClientPrincipalAsThePlatformSendsIt_NeverHonouredByTheDevelopmentHost()
    {
        // The host runs with WEBSITE_AUTH_ENABLED=True (see the fixture): the development host still never reads the header.
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "staff/cameras");
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL", PrincipalHeader(issuer.ObjectIdOf(AdminEmail), AdminEmail, [StaffRoles.Administrator]));
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-NAME", AdminEmail);
        request.Headers.Add("X-MS-CLIENT-PRINCIPAL-IDP", "aad");
        using var response = await raw.SendAsync(request);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.StartsWith("/.auth/login/aad", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task StaffPageForm_BearerWithoutAntiforgeryToken_RefusedAndNothingChanges()
    {
        using var admin = ClientWith(issuer.Token(AdminEmail, [StaffRoles.Administrator]));
        var id = await Consultations.ConsultationDriver.StartAsync(admin, await Consultations.ConsultationDriver.UploadDocumentAsync(admin),
            ["forwarded@example.org"], DateTimeOffset.UtcNow.AddDays(7), []);
        await Consultations.ConsultationDriver.WaitForStatusAsync(admin, id, s => s.GetProperty("state").GetString() == "open", TimeSpan.FromSeconds(40));

        // A client with a valid credential and cookies (the anti-forgery cookie) kept between requests.
        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = host.BaseAddress };
        browser.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", issuer.Token(AdminEmail, [StaffRoles.Administrator]));
        using var page = await browser.GetAsync($"staff/consultations/{id}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains($"action=\"/staff/consultations/{id}/close\"", html);

        // The same form posted without its anti-forgery token (as a foreign page would): a Swedish 400 page, still open.
        using var refused = await browser.PostAsync($"staff/consultations/{id}/close", new FormUrlEncodedContent([new("x", "1")]));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("text/html", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal("open", (await Consultations.ConsultationDriver.StatusAsync(admin, id)).GetProperty("state").GetString());

        // With the page's token the same post closes it: the refusal was the missing token, not the credential.
        var field = System.Text.RegularExpressions.Regex.Match(html, "name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"");
        Assert.True(field.Success, "the page has no anti-forgery field");
        using var closed = await browser.PostAsync($"staff/consultations/{id}/close",
            new FormUrlEncodedContent([new(field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value))]));
        Assert.Equal(HttpStatusCode.SeeOther, closed.StatusCode);
        Assert.Equal($"/staff/consultations/{id}?stangd=1", closed.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task StaffPage_NoForwardedToken_RedirectToAppServiceLoginBackToThePage()
    {
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var response = await raw.GetAsync("staff/cameras");
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=%2Fstaff%2Fcameras", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task DecideCameraRequest_AdministratorInRegisterWithoutTokenRole_403()
    {
        using var admin = ClientWith(issuer.Token(AdminEmail, [StaffRoles.Administrator]));
        var assessmentId = await CameraTestData.UploadDocumentAsync(admin, "intresseavvagning-roller.md");
        var adminId = (await (await admin.GetAsync("api/me")).JsonAsync()).GetProperty("person").GetProperty("id").GetString();
        using var unit = await admin.PostAsJsonAsync("api/units", new { name = "Lokala BRÅ", kind = "council", headPersonId = adminId });
        var unitId = (await unit.JsonAsync()).GetProperty("id").GetString();
        var site = await CameraTestData.CreateSiteAsync(admin, CameraTestData.PublicSite("Rolltorget", CameraTestData.Today.AddDays(20), s =>
        {
            s["unitId"] = unitId;
            s["operators"] = new System.Text.Json.Nodes.JsonArray(adminId);
        }));
        using var created = await admin.PostAsJsonAsync($"api/camera-sites/{site.GetProperty("id").GetString()}/requests", new
        {
            kind = "extension",
            justification = "Bevakningen behövs fortsatt",
            requestedPeriod = new { from = CameraTestData.Date(CameraTestData.Today.AddDays(21)), to = CameraTestData.Date(CameraTestData.Today.AddYears(3)) },
            assessmentDocumentId = assessmentId,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.JsonAsync()).GetProperty("id").GetString();

        // The same person, whose register entry still says Administrator, after the Administrator app role was removed.
        using var formerAdmin = ClientWith(issuer.Token(AdminEmail, [StaffRoles.Staff]));
        using var response = await formerAdmin.PostAsJsonAsync($"api/camera-requests/{id}/decision", new
        {
            outcome = "approved", decidedBy = "Ada Admin", decidedOn = CameraTestData.Date(CameraTestData.Today),
            validUntil = CameraTestData.Date(CameraTestData.Today.AddYears(3)),
        });
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
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

    private async Task<bool> InRegisterAsync(string email)
    {
        using var admin = ClientWith(issuer.Token(AdminEmail, [StaffRoles.Administrator]));
        var people = await (await admin.GetAsync("api/people")).JsonAsync();
        return people.EnumerateArray().Any(p => string.Equals(p.GetProperty("email").GetString(), email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>X-MS-CLIENT-PRINCIPAL as App Service Authentication sends it after an Entra sign-in (base64 JSON, mapped claim names).</summary>
    private string PrincipalHeader(string objectId, string email, string[] roles)
    {
        var claims = new List<object>
        {
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
            new { typ = "http://schemas.microsoft.com/identity/claims/tenantid", val = issuer.TenantId },
            new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", val = email },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            auth_typ = "aad", claims, name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        })));
    }

    private Task<HttpResponseMessage> SendAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return host.Client.SendAsync(request);
    }

    private HttpClient ClientWith(string token)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
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
        var people = new PeopleStore(azurite.Storage(), TimeProvider.System);
        await people.CreatePersonAsync(new PersonInput("Ada Admin", AdminEmail, "Administratör", null, null, [StaffRoles.Administrator]));
        await people.CreatePersonAsync(new PersonInput("Sture Staff", StaffEmail, "Handläggare", null, null, []));
        var settings = Issuer.Settings();
        settings["Email__Provider"] = nameof(EmailProvider.Outbox);
        settings["Email__FromAddress"] = "noreply@example.se";
        settings["WEBSITE_AUTH_ENABLED"] = "True"; // as App Service sets it: the development host must still ignore the principal header
        Host = new DevHostProcess(azurite, settings, environmentName: "Production");
        await Host.StartAsync();
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }

            if (Issuer is not null)
            {
                await Issuer.DisposeAsync();
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
