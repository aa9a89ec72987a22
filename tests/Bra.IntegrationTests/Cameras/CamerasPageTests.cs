using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Cameras;

public sealed class CamerasPageTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task CamerasPage_SignedInAdministrator_StatusInWordsAndIconsAxeCleanOnDesktopPhoneAndPrint()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/camera-requests?state=pending"), p => p.GetArrayLength() >= 2,
            TimeSpan.FromSeconds(60), "the demo requests submitted");
        await CreateSiteAsync(admin, PublicSite("Röda torget", Today.AddDays(-1)));

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(Coordinator), Url = host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync("staff/cameras");
        Assert.Equal(200, response!.Status);
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        Assert.Equal("Kameraregistret", (await page.Locator("h1").InnerTextAsync()).Trim());
        await AssertAxeCleanAsync(page, "desktop");

        var avesta = page.Locator("li.camera-site", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Avesta centrum" }) });
        Assert.Contains("Kräver uppmärksamhet", await avesta.Locator(".light").InnerTextAsync());
        Assert.Contains("!", await avesta.Locator(".light-icon").InnerTextAsync());
        var avestaText = await avesta.InnerTextAsync();
        Assert.Contains("2 ärenden väntar på beslut", avestaText);
        Assert.Contains("förlängning, inskickat i dag", avestaText);
        Assert.Contains("utökning, inskickat i dag", avestaText);
        Assert.Contains("Beslutet gäller till: " + Date(Today.AddDays(45)), avestaText);

        var school = page.Locator("li.camera-site", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Domarhagsskolan" }) });
        Assert.Contains("✓", await school.Locator(".light").InnerTextAsync());
        Assert.Contains("Giltigt beslut", await school.Locator(".light").InnerTextAsync());
        var red = page.Locator("li.camera-site", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Röda torget" }) });
        Assert.Contains("✕", await red.Locator(".light").InnerTextAsync());
        Assert.Contains("Saknar giltigt beslut", await red.Locator(".light").InnerTextAsync());
        var ended = page.Locator("li.camera-site", new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Stationsparken" }) });
        Assert.Contains("Avslutad", await ended.Locator(".light").InnerTextAsync());

        await page.SetViewportSizeAsync(360, 740);
        await page.ReloadAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the page scrolls sideways on a phone");
        await AssertAxeCleanAsync(page, "phone");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("header.site").IsVisibleAsync());
        Assert.True(await avesta.IsVisibleAsync());
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.SetViewportSizeAsync(1280, 800);

        await page.GetByRole(AriaRole.Link, new() { Name = "Ändringshistorik för Avesta centrum" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/cameras/site-avesta-centrum#historik");
        Assert.Equal("Avesta centrum", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Platsen skapades av Sam Samordnare – Demodata", await page.Locator("#historik + ol").InnerTextAsync());
        Assert.Contains("Tillstånd från IMY", await page.Locator("main").InnerTextAsync());
        await AssertAxeCleanAsync(page, "site page");

        using var principal = await host.ClientForAsync(Principal);
        using var dpo = await host.ClientForAsync(DataProtectionOfficer);
        Assert.Equal(HttpStatusCode.Forbidden, (await principal.GetAsync("staff/cameras")).StatusCode);
        using var audit = await dpo.GetAsync("staff/cameras");
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Equal("no-referrer", audit.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.NotFound, (await dpo.GetAsync("staff/cameras/finns-inte")).StatusCode);
        await context.CloseAsync();
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + BrowserFixture.Describe(violations));
    }
}
