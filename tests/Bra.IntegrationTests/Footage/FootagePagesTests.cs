using System.Net;
using System.Net.Http.Json;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

public sealed class FootagePagesTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FootagePages_PrincipalLogsAccessWithKeyboardAndDpoAudits_AxeCleanAndEntryInChain()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        await GrantAsync(admin, DomarhagsskolanSite, PrincipalId);
        await GrantAsync(admin, DomarhagsskolanSite, OtherPrincipalId, HttpStatusCode.Forbidden);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(Principal), Url = host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        Assert.Equal(200, (await page.GotoAsync("staff/footage"))!.Status);
        Assert.Equal("Mina kameraplatser", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertAxeCleanAsync(page, "my sites");
        await page.GetByRole(AriaRole.Link, new() { Name = "Domarhagsskolan" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/footage/site-domarhagsskolan");
        await AssertAxeCleanAsync(page, "site page");

        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera åtkomst" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        var summary = await page.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("Ange minst en kamera (cameraIds).", summary);
        Assert.Contains("Ange syftet med åtkomsten.", summary);
        await AssertAxeCleanAsync(page, "error summary");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ange syftet med åtkomsten." }).ClickAsync();
        Assert.EndsWith("#purpose", page.Url);

        await page.Locator("#cameraIds").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        var evening = DateTime.Today.AddDays(-1).AddHours(21);
        await page.Locator("#footageFrom").FillAsync(evening.ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("#footageTo").FillAsync(evening.AddHours(1).ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("#action-export").FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator("#purpose").FocusAsync();
        await page.Keyboard.TypeAsync("Exportera bilder av skadegörelsen vid huvudentrén");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("INC-42");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/staff/footage/site-domarhagsskolan?loggad=*");
        Assert.Contains("Åtkomsten är registrerad som post", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("Export – Exportera bilder av skadegörelsen vid huvudentrén", await page.Locator("main").InnerTextAsync());
        await AssertAxeCleanAsync(page, "after logging");

        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera utlämnande" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Contains("Ange polisens ärendenummer.", await page.Locator(".error-summary").InnerTextAsync());
        await AssertAxeCleanAsync(page, "disclosure errors");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ange polisens ärendenummer." }).ClickAsync();
        await page.Keyboard.TypeAsync("5000-K123456-26");
        await page.Locator("#d-requestingAuthority").FillAsync("Polismyndigheten");
        await page.Locator("#d-requestingOfficer").FillAsync("Inspektör Exempel");
        await page.Locator("#d-footageFrom").FillAsync(evening.ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("#d-footageTo").FillAsync(evening.AddHours(1).ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("#d-legalGround").FillAsync("Begäran enligt 10 kap. 17 § OSL");
        await page.Locator("#d-handedOverAt").FillAsync(evening.AddHours(2).ToString("yyyy-MM-ddTHH:mm"));
        await page.Locator("#d-handoverMethod").FillAsync("Krypterat USB-minne");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/staff/footage/site-domarhagsskolan?loggad=*");
        Assert.Contains("Utlämnande till polisen", await page.Locator("main").InnerTextAsync());

        using var dpo = await host.ClientForAsync(DataProtectionOfficer);
        var entries = await LogAsync(dpo, DomarhagsskolanSite);
        var logged = entries.Single(e => e.GetProperty("action").GetString() == "export");
        Assert.Equal("5000-K123456-26", entries.Single(e => e.GetProperty("action").GetString() == "disclosure").GetProperty("policeCaseNumber").GetString());
        Assert.Equal(PrincipalId, logged.GetProperty("actor").GetString());
        Assert.Equal(["k1"], logged.GetProperty("cameraIds").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("INC-42", logged.GetProperty("incidentRef").GetString());

        using var principal = await host.ClientForAsync(Principal);
        Assert.Equal(HttpStatusCode.Forbidden, (await principal.GetAsync("staff/audit")).StatusCode);
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(DataProtectionOfficer), Url = host.BaseAddress.ToString() }]);
        Assert.Equal(200, (await page.GotoAsync("staff/audit"))!.Status);
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Domarhagsskolan" }) });
        Assert.Contains("Obruten", await row.InnerTextAsync());
        Assert.Contains("Erik Exempel", await page.Locator("main").InnerTextAsync());
        await AssertAxeCleanAsync(page, "audit");
        await context.CloseAsync();
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + BrowserFixture.Describe(violations));
    }
}
