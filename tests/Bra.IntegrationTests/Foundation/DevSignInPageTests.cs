using Bra.IntegrationTests.Support;
using System.Net.Http.Json;
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

    [Fact]
    public async Task SignIn_NewPersonWithRoles_AddedAtFirstSignInWithThoseRoles()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = host.BaseAddress.ToString() });

        await page.GotoAsync("dev/signin");
        await page.FillAsync("#newName", "Nora Nykomling");
        await page.FillAsync("#newEmail", "nora.nykomling@example.se");
        await page.CheckAsync("#new-role-Administrator");
        await page.ClickAsync("text=Logga in som en ny person");
        await page.WaitForSelectorAsync("text=Inloggad som Nora Nykomling");

        // Not in the register until the first staff request: then added, and the Administrator app role lets her see the register.
        var people = await page.GotoAsync("staff/people");
        Assert.Equal(200, people!.Status);
        Assert.Contains("Nora Nykomling", await page.ContentAsync());
    }

    [Fact]
    public async Task DevToken_Newcomer_FirstSignInAddsPerson_WithoutRolesRefused()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();

        using var withRole = await host.Client.PostAsJsonAsync("dev/token", new { email = "ny.api@example.se", name = "Ny Api", roles = new[] { "Staff" } });
        Assert.Equal(System.Net.HttpStatusCode.OK, withRole.StatusCode);
        using var me = await MeAsync(host, (await withRole.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!);
        Assert.Equal(System.Net.HttpStatusCode.OK, me.StatusCode);
        Assert.Contains("\"addedAtFirstSignIn\":true", await me.Content.ReadAsStringAsync());

        using var withoutRole = await host.Client.PostAsJsonAsync("dev/token", new { email = "utan.roll.api@example.se", name = "Utan Roll", roles = Array.Empty<string>() });
        using var refused = await MeAsync(host, (await withoutRole.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("accessToken").GetString()!);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("IT-avdelningen", await refused.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> MeAsync(DevHostProcess host, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/me");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await host.Client.SendAsync(request);
    }
}
