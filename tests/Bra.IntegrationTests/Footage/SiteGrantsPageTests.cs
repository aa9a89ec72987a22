using System.Net;
using System.Net.Http.Json;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>Grants on the camera site's page; its own class (own Azurite) because it grants on the demo school too.</summary>
public sealed class SiteGrantsPageTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SiteGrantsPage_AdministratorGrantsOnlyWhomPolicyAllowsAndRevokesWithReason_AxeCleanKeyboardOnly()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(Coordinator), Url = host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        await page.GotoAsync("staff/cameras/site-domarhagsskolan");
        await page.GetByRole(AriaRole.Link, new() { Name = "Behörigheter till materialet från Domarhagsskolan" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/cameras/site-domarhagsskolan/grants");
        Assert.Equal(["Rita Rektorsdotter (Rektor, Domarhagsskolan)", "Britt Exempelsson (Bildningschef)"],
            (await page.Locator("#personId option").AllInnerTextsAsync()).Select(t => t.Trim()));
        Assert.Contains("bara rektor för Domarhagsskolan och rektors chef enligt personregistret kan väljas", await page.Locator("#personId-tips").InnerTextAsync());
        await AssertAxeCleanAsync(page, "grants page");

        await page.Locator("#personId").FocusAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/grants?sparad=1");
        Assert.Contains("Rita Rektorsdotter: giltig tills vidare", await page.Locator("main").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla för Rita Rektorsdotter" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync(".error-summary");
        Assert.Contains("Ange varför behörigheten återkallas.", await page.Locator(".error-summary").InnerTextAsync());
        await AssertAxeCleanAsync(page, "revoke error");
        await page.GetByRole(AriaRole.Link, new() { Name = "Ange varför behörigheten återkallas." }).ClickAsync();
        await page.Keyboard.TypeAsync("Rektor har gått i pension");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/grants?sparad=1");
        Assert.Contains("Rektor har gått i pension", await page.Locator("main").InnerTextAsync());

        var grants = await admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"api/camera-sites/{DomarhagsskolanSite}/grants");
        Assert.Equal("revoked", grants.EnumerateArray().Single().GetProperty("state").GetString());
        await context.CloseAsync();
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + BrowserFixture.Describe(violations));
    }
}
