using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.Consultations;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Workspace;

/// <summary>The staff workspace in Chromium: the start pages, the shared header and navigation, sign-in, 403 and sign-out.</summary>
public sealed class StaffWorkspacePageTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    private static readonly Dictionary<string, string> Settings = new() { ["Cameras__DailyScanEnabled"] = "false" };

    [Fact]
    public async Task StaffPages_Coordinator_StartPagesHeaderConsultationsAxeCleanOnDesktopPhoneAndPrint()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/camera-requests?state=pending"), p => p.GetArrayLength() >= 2,
            TimeSpan.FromSeconds(60), "the demo requests submitted");
        await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/consultations"), list => list.GetArrayLength() >= 1,
            TimeSpan.FromSeconds(60), "the demo consultation started");

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(Coordinator), Url = host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        var start = await page.GotoAsync("/");
        Assert.Equal(200, start!.Status);
        Assert.Equal("Lokala BRÅ", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("Lokala BRÅ – Avesta kommun", await page.TitleAsync());
        Assert.Contains("trygghet", await page.Locator("meta[name=description]").GetAttributeAsync("content") ?? "", StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Link, new() { Name = "Logga in" }).IsVisibleAsync());
        await AssertAxeCleanEverywhereAsync(page, "public start page");

        Assert.Equal(200, (await page.GotoAsync("staff"))!.Status);
        Assert.Equal("Översikt", (await page.Locator("h1").InnerTextAsync()).Trim());
        var header = await page.Locator("header.site").InnerTextAsync();
        Assert.Contains("Sam Samordnare (administratör)", header);
        Assert.Contains("Lokala BRÅ – Avesta kommun", header);
        Assert.Equal("Översikt – Lokala BRÅ – Avesta kommun", await page.TitleAsync());
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Personalsidor" });
        Assert.Equal(["Översikt", "Remisser", "Överenskommelser", "Kameraregistret", "Kameraärenden", "Kamerabilder", "Personer", "Enheter"], (await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.Equal("page", await nav.GetByRole(AriaRole.Link, new() { Name = "Översikt" }).GetAttributeAsync("aria-current"));
        var main = await page.Locator("main").InnerTextAsync();
        Assert.Contains(DemoConsultation.Title, main);
        Assert.Contains("Avesta centrum: förlängning, inskickat i dag", main);
        Assert.Contains("Avesta centrum: utökning, inskickat i dag", main);
        Assert.Contains("Kameraplatser som kräver uppmärksamhet", main);
        await AssertAxeCleanEverywhereAsync(page, "staff start page");

        // Keyboard alone: the skip link comes first, then the service name and the navigation.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Till innehållet", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Remisser", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/staff/consultations");
        Assert.Equal("Remisser", (await page.Locator("h1").InnerTextAsync()).Trim());
        var row = page.Locator("tbody tr", new() { HasText = DemoConsultation.Title });
        Assert.Contains("Öppen", await row.InnerTextAsync());
        Assert.Contains("av", await row.InnerTextAsync());
        await AssertAxeCleanEverywhereAsync(page, "consultations");

        await row.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync("**/staff/consultations/*");
        Assert.Equal(DemoConsultation.Title, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.True(await page.Locator("tbody tr").CountAsync() >= 1, "the consultees are listed");
        await AssertAxeCleanEverywhereAsync(page, "consultation");
        var csv = await page.GetByRole(AriaRole.Link, new() { Name = "Sammanställningen som kalkylblad (CSV)" }).GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(csv!);
        Assert.Equal(200, download.Status);
        Assert.StartsWith("text/csv", download.Headers["content-type"]);

        // Close early: without the form's token refused and nothing changes; with it POST-redirect-GET to the closed consultation.
        var consultationPath = new Uri(page.Url).AbsolutePath;
        var forged = await page.APIRequest.PostAsync(consultationPath + "/close", new() { Form = page.APIRequest.CreateFormData() });
        Assert.Equal(400, forged.Status);
        Assert.Equal("open", (await admin.GetFromJsonAsync<JsonElement>("api" + consultationPath["/staff".Length..])).GetProperty("state").GetString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Stäng remissen nu" }).ClickAsync();
        await page.WaitForURLAsync("**?stangd=1");
        Assert.Contains("Remissen är stängd", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("Stängd", await page.Locator("main dl").InnerTextAsync());
        await AssertAxeCleanAsync(page, "closed consultation");

        Assert.Equal(404, (await page.GotoAsync("staff/consultations/finns-inte"))!.Status);

        // Logga ut: the cookie is gone, a staff page sends the browser to sign-in again.
        await page.GotoAsync("staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga ut" }).ClickAsync();
        await page.WaitForURLAsync(host.BaseAddress.ToString());
        Assert.DoesNotContain(await context.CookiesAsync(), c => c.Name == "bra_dev_staff");
        await page.GotoAsync("staff");
        Assert.Contains("/dev/signin?returnUrl=%2Fstaff", page.Url);
        await context.CloseAsync();
    }

    [Fact]
    public async Task StaffPage_Anonymous_RedirectToSignInAndBackToThePage()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);

        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };
        using var redirect = await raw.GetAsync("staff/cameras?format=x");
        Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
        Assert.Equal("/dev/signin?returnUrl=%2Fstaff%2Fcameras%3Fformat%3Dx", redirect.Headers.Location!.OriginalString);
        using var api = await raw.GetAsync("api/camera-sites");
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        // A return address on another site is dropped from the sign-in form (no open redirect).
        Assert.DoesNotContain("returnUrl", await raw.GetStringAsync("dev/signin?returnUrl=%2F%2Fevil.example%2F"));

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();
        await page.GotoAsync("staff/cameras");
        Assert.Contains("/dev/signin?returnUrl=%2Fstaff%2Fcameras", page.Url);
        await page.GetByLabel("Sam Samordnare", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/cameras");
        Assert.Equal("Kameraregistret", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal("page", await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Kameraregistret" }).GetAttributeAsync("aria-current"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task StaffPages_WrongRoleAndForgedSignOut_Swedish403PageAndRefused()
    {
        await using var host = new DevHostProcess(azurite, Settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        var principalToken = await host.TokenAsync(Principal);
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = principalToken, Url = host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        foreach (var path in new[] { "staff/consultations", "staff/cameras", "staff/audit" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"]);
            Assert.Equal("Åtkomst nekad", (await page.Locator("h1").InnerTextAsync()).Trim());
            await AssertAxeCleanEverywhereAsync(page, "403 " + path);
        }

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Personalsidor" });
        Assert.Equal(["Översikt", "Kamerabilder"], (await nav.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.Equal(200, (await page.GotoAsync("staff"))!.Status);
        Assert.DoesNotContain("Öppna remisser", await page.Locator("main").InnerTextAsync());
        await AssertAxeCleanEverywhereAsync(page, "principal's start page");

        // Signing out without the form's anti-forgery token is refused and the sign-in stays.
        using var forged = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "staff/logout") { Content = new FormUrlEncodedContent([]) };
        request.Headers.Add("Cookie", "bra_dev_staff=" + principalToken);
        using var refused = await forged.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ingenting har ändrats", WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.False(refused.Headers.Contains("Set-Cookie") && refused.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("bra_dev_staff=", StringComparison.Ordinal)));

        // The same for a page's form (here the footage site's access form): a Swedish page, not a problem document.
        using var form = new HttpRequestMessage(HttpMethod.Post, "staff/footage/site-domarhagsskolan")
        {
            Content = new FormUrlEncodedContent([new("action", "view"), new("purpose", "Test")]),
        };
        form.Headers.Add("Cookie", "bra_dev_staff=" + principalToken);
        using var refusedForm = await forged.SendAsync(form);
        Assert.Equal(HttpStatusCode.BadRequest, refusedForm.StatusCode);
        Assert.Equal("text/html", refusedForm.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refusedForm.Content.ReadAsStringAsync()));

        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(DataProtectionOfficer), Url = host.BaseAddress.ToString() }]);
        Assert.Equal(200, (await page.GotoAsync("staff/audit"))!.Status);
        Assert.Contains("Granskning", await nav.InnerTextAsync());
        Assert.Contains("(dataskyddsombud)", await page.Locator("header.site").InnerTextAsync());
        await context.CloseAsync();
    }

    /// <summary>The navigation each demo role sees: the route table's entries its access opens, in the declared order.</summary>
    public static readonly TheoryData<string, string[]> NavigationByRole = new()
    {
        { Coordinator, ["Översikt", "Remisser", "Överenskommelser", "Kameraregistret", "Kameraärenden", "Kamerabilder", "Personer", "Enheter"] },
        { DataProtectionOfficer, ["Översikt", "Kameraregistret", "Kamerabilder", "Granskning"] },
        { "bildningschef@example.se", ["Översikt", "Kameraärenden", "Kamerabilder"] },
        { Principal, ["Översikt", "Kamerabilder"] },
    };

    private static readonly string[] EveryEntry = ["/staff", "/staff/consultations", "/staff/agreements", "/staff/cameras", "/staff/camera-requests",
        "/staff/footage", "/staff/audit", "/staff/people", "/staff/units"];

    [Fact]
    public async Task StaffNavigation_EachDemoRole_ListsExactlyThePagesItMayOpen()
    {
        // The head of education decides the council unit's camera requests; nobody else is configured.
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string>(Settings)
        {
            ["Cameras__DecisionMakers__" + CouncilUnitId + "__0"] = "demo-bildningschef",
        });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };

        foreach (var row in NavigationByRole)
        {
            var (email, expected) = ((string)row[0], (string[])row[1]);
            var cookie = "bra_dev_staff=" + await host.TokenAsync(email);
            var links = NavigationLinks(await GetAsync(client, "staff", cookie, HttpStatusCode.OK));
            Assert.Equal(expected, links.Select(l => l.Text));
            foreach (var path in EveryEntry)
            {
                var listed = links.Any(l => l.Href == path);
                await GetAsync(client, path.TrimStart('/'), cookie, listed ? HttpStatusCode.OK : HttpStatusCode.Forbidden);
            }
        }
    }

    private static async Task<string> GetAsync(HttpClient client, string path, string cookie, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == expected, $"{path}: {(int)response.StatusCode}, expected {(int)expected}");
        return await response.Content.ReadAsStringAsync();
    }

    private static List<(string Href, string Text)> NavigationLinks(string html)
    {
        var nav = System.Text.RegularExpressions.Regex.Match(html, "<nav aria-label=\"Personalsidor\">(.*?)</nav>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(nav.Success, "The staff page has no navigation.");
        return System.Text.RegularExpressions.Regex.Matches(nav.Groups[1].Value, "<a href=\"([^\"]*)\"[^>]*>([^<]*)</a>")
            .Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value).Trim())).ToList();
    }

    private static async Task AssertAxeCleanEverywhereAsync(IPage page, string what)
    {
        await AssertAxeCleanAsync(page, what + ", desktop");
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            what + ": the page scrolls sideways on a phone");
        await AssertAxeCleanAsync(page, what + ", phone");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.site").IsVisibleAsync(), what + ": the header is printed");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + BrowserFixture.Describe(violations));
    }
}
