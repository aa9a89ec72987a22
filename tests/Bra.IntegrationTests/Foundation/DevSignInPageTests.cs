using Bra.IntegrationTests.Support;
using Microsoft.Playwright;

namespace Bra.IntegrationTests.Foundation;

public sealed class DevSignInPageTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignIn_ChoosePersonWithKeyboard_BrowserSignedInAndTokenShown()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });

        await page.GotoAsync("dev/signin");
        await page.WaitForSelectorAsync("text=Sam Samordnare");
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));

        await page.GetByLabel("Sam Samordnare", new() { Exact = false }).CheckAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("text=Inloggad som Sam Samordnare");
        var token = await page.InputValueAsync("#token");
        Assert.StartsWith("ey", token);

        // The browser's sign-in holds on staff pages; the API takes only an Authorization header.
        var cameras = await page.GotoAsync("staff/cameras");
        Assert.Equal(200, cameras!.Status);
        var me = await page.GotoAsync("api/me");
        Assert.Equal(401, me!.Status);
    }
}
