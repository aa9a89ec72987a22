using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;

namespace Bra.IntegrationTests.People;

/// <summary>
/// /staff/people and /staff/units in Chromium as the coordinator (an administrator): every form's success and refusals
/// (Swedish error summary linked to the field, what was typed kept, nothing changed), axe at desktop and 360 px, the
/// keyboard alone through the add-person form, sign-in, the 403 page and forms without anti-forgery token.
/// </summary>
public sealed class PeoplePagesBrowserTests(PeopleHostFixture fixture, BrowserFixture browser) : IClassFixture<PeopleHostFixture>, IClassFixture<BrowserFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task CreatePersonForm_KeyboardOnlyDuplicateEmailThenCorrected_ExplainedKeptThenAdded()
    {
        var (context, page) = await StaffPageAsync(DemoPeople.Coordinator);
        Assert.Equal(200, (await page.GotoAsync("staff/people"))!.Status);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Personalsidor" });
        Assert.Equal("page", await nav.GetByRole(AriaRole.Link, new() { Name = "Personer" }).GetAttributeAsync("aria-current"));
        Assert.Contains("Sam Samordnare", await page.Locator("tbody").InnerTextAsync());
        Assert.Contains("administratör", await page.Locator("tr", new() { HasText = "Sam Samordnare" }).InnerTextAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "people list");

        // Keyboard only, from the list to the form: an address someone else has comes back explained, the rest kept.
        await BrowserFixture.TabUntilAsync(page, "a[href='/staff/people/new']", null);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/staff/people/new");
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "new person form");
        var before = await SnapshotAsync();
        await BrowserFixture.TabUntilAsync(page, "#name", null);
        await page.Keyboard.TypeAsync("Tova <b>Tangent</b>");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoPeople.PoliceContact.ToUpperInvariant());
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Fältassistent");
        await BrowserFixture.TabUntilAsync(page, "#role-DataProtectionOfficer", null);
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Lägg till personen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Contains(PeopleRules.DuplicateEmail, await page.Locator(".error-summary").InnerTextAsync());
        Assert.Equal("#email", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("true", await page.GetAttributeAsync("#email", "aria-invalid"));
        Assert.Equal("Tova <b>Tangent</b>", await page.InputValueAsync("#name"));
        Assert.Equal("Fältassistent", await page.InputValueAsync("#title"));
        Assert.True(await page.IsCheckedAsync("#role-DataProtectionOfficer"));
        Assert.False(await page.IsCheckedAsync("#role-Administrator"));
        Assert.Equal(before, await SnapshotAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "new person form with errors");

        // Follow the summary's link to the field, correct it and send again: POST-redirect-GET to the person's page.
        await page.FocusAsync(".error-summary a");
        await page.Keyboard.PressAsync("Enter");
        await page.FocusAsync("#email");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("tova.tangent@example.se");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Lägg till personen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**?tillagd=1");
        Assert.Contains("Personen är tillagd", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal("Person: Tova <b>Tangent</b>", (await page.Locator("h1").InnerTextAsync()).Trim());
        var id = new Uri(page.Url).Segments[^1];
        var stored = await Admin.GetFromJsonAsync<JsonElement>($"api/people/{id}");
        Assert.Equal("tova.tangent@example.se", stored.GetProperty("email").GetString());
        Assert.Equal("Fältassistent", stored.GetProperty("title").GetString());
        Assert.Equal(["DataProtectionOfficer"], stored.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "added person");
        await context.CloseAsync();
    }

    [Fact]
    public async Task UpdatePersonForm_ManagerCycleOrUnknownManager_ExplainedKeptUnchangedThenSaved()
    {
        var (context, page) = await StaffPageAsync(DemoPeople.Coordinator);
        Assert.Equal(200, (await page.GotoAsync("staff/people/demo-bildningschef"))!.Status);
        var before = await SnapshotAsync();

        // The head of education manages the principal; making the principal her manager would close a loop.
        await page.FillAsync("#title", "Förvaltningschef");
        await page.SelectOptionAsync("#managerId", "demo-rektor-domarhagsskolan");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Spara ändringarna" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        Assert.Contains(PeopleRules.ManagerCycle, await page.Locator(".error-summary").InnerTextAsync());
        Assert.Equal("#managerId", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("demo-rektor-domarhagsskolan", await page.InputValueAsync("#managerId"));
        Assert.Equal("Förvaltningschef", await page.InputValueAsync("#title"));
        Assert.Equal(before, await SnapshotAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "person form with a manager cycle");

        // A manager the register does not know (a forged or stale form, with a valid token): explained, the value kept.
        var unknown = await page.APIRequest.PostAsync("staff/people/demo-bildningschef", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", await TokenAsync(page))
                .Set("name", "Britt Exempelsson").Set("email", DemoPeople.HeadOfEducation).Set("managerId", "finns-inte"),
        });
        Assert.Equal(400, unknown.Status);
        var html = WebUtility.HtmlDecode(await unknown.TextAsync());
        Assert.Contains(PeopleRules.UnknownManager, html);
        Assert.Contains("<option value=\"finns-inte\" selected", html);
        Assert.Equal(before, await SnapshotAsync());

        // Corrected: saved, and shown after the redirect.
        await page.SelectOptionAsync("#managerId", "");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ändringarna" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/people/demo-bildningschef?sparad=1");
        Assert.Contains("Ändringarna är sparade", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal("Förvaltningschef", await page.InputValueAsync("#title"));
        Assert.Equal("Förvaltningschef", (await Admin.GetFromJsonAsync<JsonElement>("api/people/demo-bildningschef")).GetProperty("title").GetString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task DeactivatePersonForm_ActivePerson_DeactivatedShownAndNoLongerOfferedAsManager()
    {
        using var created = await Admin.PostAsJsonAsync("api/people", new { name = "Olle Slutar", email = "olle.slutar@example.se" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync(DemoPeople.Coordinator);
        await page.GotoAsync("staff/people/new");
        Assert.Equal(1, await page.Locator($"#managerId option[value='{id}']").CountAsync());

        await page.GotoAsync($"staff/people/{id}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Avaktivera Olle Slutar" }).ClickAsync();
        await page.WaitForURLAsync($"**/staff/people/{id}?avaktiverad=1");
        Assert.Contains("Personen är avaktiverad", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Avaktivera Olle Slutar" }).CountAsync());
        Assert.False((await Admin.GetFromJsonAsync<JsonElement>($"api/people/{id}")).GetProperty("active").GetBoolean());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "deactivated person");

        await page.GotoAsync("staff/people");
        Assert.Contains("avaktiverad", await page.Locator("tr", new() { HasText = "Olle Slutar" }).InnerTextAsync());
        await page.GotoAsync("staff/people/new");
        Assert.Equal(0, await page.Locator($"#managerId option[value='{id}']").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task UnitForms_NoKindThenUnknownHeadThenValid_ExplainedKeptThenAddedAndEdited()
    {
        var (context, page) = await StaffPageAsync(DemoPeople.Coordinator);
        Assert.Equal(200, (await page.GotoAsync("staff/units"))!.Status);
        Assert.Contains("Domarhagsskolan", await page.Locator("tr", new() { HasText = "Rita Rektorsdotter" }).InnerTextAsync());
        Assert.Contains("skola", await page.Locator("tr", new() { HasText = "Domarhagsskolan" }).InnerTextAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "units list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Lägg till en enhet" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/units/new");
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "new unit form");
        var before = await SnapshotAsync();
        await page.FillAsync("#name", "Nya skolan");
        await page.SelectOptionAsync("#headPersonId", "demo-rektor-exempelskolan");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till enheten" }).ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Contains("Ange typ av enhet", await page.Locator(".error-summary").InnerTextAsync());
        Assert.Equal("#kind", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("Nya skolan", await page.InputValueAsync("#name"));
        Assert.Equal("demo-rektor-exempelskolan", await page.InputValueAsync("#headPersonId"));
        Assert.Equal(before, await SnapshotAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "unit form with errors");

        var unknown = await page.APIRequest.PostAsync("staff/units/new", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", await TokenAsync(page))
                .Set("name", "Nya skolan").Set("kind", "school").Set("headPersonId", "finns-inte"),
        });
        Assert.Equal(400, unknown.Status);
        var html = WebUtility.HtmlDecode(await unknown.TextAsync());
        Assert.Contains(PeopleRules.UnknownHead, html);
        Assert.Contains("href=\"#headPersonId\"", html);
        Assert.Contains("<option value=\"finns-inte\" selected", html);
        Assert.Equal(before, await SnapshotAsync());

        await page.SelectOptionAsync("#kind", "school");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till enheten" }).ClickAsync();
        await page.WaitForURLAsync("**?tillagd=1");
        Assert.Contains("Enheten är tillagd", await page.Locator("[role=status]").InnerTextAsync());
        var id = new Uri(page.Url).Segments[^1];
        var unit = await Admin.GetFromJsonAsync<JsonElement>($"api/units/{id}");
        Assert.Equal("school", unit.GetProperty("kind").GetString());
        Assert.Equal("demo-rektor-exempelskolan", unit.GetProperty("headPersonId").GetString());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "added unit");

        await page.FillAsync("#name", "Nya skolan F–9");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara ändringarna" }).ClickAsync();
        await page.WaitForURLAsync($"**/staff/units/{id}?sparad=1");
        Assert.Equal("Nya skolan F–9", (await Admin.GetFromJsonAsync<JsonElement>($"api/units/{id}")).GetProperty("name").GetString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task PeoplePages_AnonymousWrongRoleOrNoToken_SignInOr403OrRefusedNothingChanged()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = fixture.Host.BaseAddress };
        foreach (var path in new[] { "staff/people", "staff/units", "staff/people/new", "staff/units/unit-lokala-bra" })
        {
            using var redirect = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal("/dev/signin?returnUrl=" + Uri.EscapeDataString("/" + path), redirect.Headers.Location!.OriginalString);
        }

        // Each person's first sign-in stores their Entra object id (matched by email): sign both in before the snapshot.
        foreach (var email in new[] { DemoPeople.Principal, DemoPeople.Coordinator })
        {
            using var signedIn = await fixture.Host.ClientForAsync(email);
            Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("api/me")).StatusCode);
        }

        var before = await SnapshotAsync();
        var (principalContext, principal) = await StaffPageAsync(DemoPeople.Principal);
        foreach (var path in new[] { "staff/people", "staff/units", "staff/people/demo-polis" })
        {
            var response = await principal.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.Equal("Åtkomst nekad", (await principal.Locator("h1").InnerTextAsync()).Trim());
            await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(principal, "403 " + path);
        }

        Assert.DoesNotContain("Personer", await principal.GetByRole(AriaRole.Navigation, new() { Name = "Personalsidor" }).InnerTextAsync());
        await principal.GotoAsync("staff");
        var withToken = await principal.APIRequest.PostAsync("staff/people/new", new()
        {
            Form = principal.APIRequest.CreateFormData().Set("__RequestVerificationToken", await TokenAsync(principal)).Set("name", "Rektorns vän").Set("email", "van@example.se"),
        });
        Assert.Equal(403, withToken.Status);
        Assert.Contains("Åtkomst nekad", WebUtility.HtmlDecode(await withToken.TextAsync()));
        await principalContext.CloseAsync();

        var (context, page) = await StaffPageAsync(DemoPeople.Coordinator);
        Assert.Equal(404, (await page.GotoAsync("staff/people/finns-inte"))!.Status);
        Assert.Equal(404, (await page.GotoAsync("staff/units/finns-inte"))!.Status);
        await page.GotoAsync("staff/people");
        var forms = new (string Path, (string, string)[] Fields)[]
        {
            ("staff/people/new", [("name", "Utan token"), ("email", "utan.token@example.se")]),
            ("staff/people/demo-polis", [("name", "Ändrad utan token"), ("email", DemoPeople.PoliceContact)]),
            ("staff/people/demo-polis/deactivate", []),
            ("staff/units/new", [("name", "Utan token"), ("kind", "school")]),
            ("staff/units/unit-lokala-bra", [("name", "Ändrad utan token"), ("kind", "council")]),
        };
        foreach (var (path, fields) in forms)
        {
            var form = page.APIRequest.CreateFormData();
            foreach (var (name, value) in fields)
            {
                form.Set(name, value);
            }

            var refused = await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
            Assert.Equal(400, refused.Status);
            Assert.StartsWith("text/html", refused.Headers["content-type"]);
            Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refused.TextAsync()));
        }

        Assert.Equal(before, await SnapshotAsync());
        await context.CloseAsync();
    }

    private async Task<string> SnapshotAsync() => await Admin.GetStringAsync("api/people") + await Admin.GetStringAsync("api/units");

    private async Task<(IBrowserContext Context, IPage Page)> StaffPageAsync(string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await fixture.Host.TokenAsync(email), Url = fixture.Host.BaseAddress.ToString() }]);
        return (context, await context.NewPageAsync());
    }

    private static async Task<string> TokenAsync(IPage page) => (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;
}
