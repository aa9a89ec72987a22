using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

public sealed class SignPageBrowserTests(ConsultationHost env, BrowserFixture browser) : IClassFixture<ConsultationHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignPage_KeyboardOnly_AxeCleanOnFormErrorsAndReceipt()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = env.Host.BaseAddress.ToString() });
        var response = await page.GotoAsync($"sign/{links[emails[0]]}");
        Assert.Equal(200, response!.Status);
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        Assert.False(await page.IsCheckedAsync("#consent"));
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "signing page");

        // On a phone the consent box sits beside its label (same row) and is a target of at least 24 px.
        await page.SetViewportSizeAsync(390, 800);
        var box = (await page.Locator("#consent").BoundingBoxAsync())!;
        var label = (await page.Locator("label[for=consent]").BoundingBoxAsync())!;
        Assert.True(label.X > box.X + box.Width - 1 && label.Y < box.Y + box.Height, $"consent box {box.X},{box.Y} {box.Width}x{box.Height}; label {label.X},{label.Y}");
        Assert.True(box.Width >= 24 && box.Height >= 24, $"consent box {box.Width}x{box.Height}");
        await page.SetViewportSizeAsync(1280, 800);
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));

        // Type the name but leave consent unticked: the error summary links to the box and keeps the name.
        await BrowserFixture.TabUntilAsync(page, "#typedName", null);
        await page.Keyboard.TypeAsync("Tangent <b>Bordsson</b>");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Underteckna");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal("Tangent <b>Bordsson</b>", await page.InputValueAsync("#typedName"));
        Assert.Equal("#consent", await page.GetAttributeAsync(".error-summary a", "href"));
        violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));

        // Tick the box with Space and sign with Enter.
        await BrowserFixture.TabUntilAsync(page, "#consent", null);
        await page.Keyboard.PressAsync("Space");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Underteckna");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("text=Tack, du har undertecknat");
        Assert.Contains("Tangent <b>Bordsson</b>", await page.InnerTextAsync("main"));
        violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));
        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("Tangent <b>Bordsson</b>", Signer(status, emails[0]).GetProperty("typedName").GetString());
    }

    [Fact]
    public async Task StaffPages_Administrator_ListAndTimelineAxeClean()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        await WaitForLinksAsync(env.Capture, id, 2);
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Cookie { Name = "bra_dev_staff", Value = await env.Host.TokenAsync(DemoPeople.Coordinator), Url = env.Host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        var list = await page.GotoAsync("staff/agreements");
        Assert.Equal(200, list!.Status);
        Assert.Contains("Part 1 (Organisation 1)", await page.InnerTextAsync($"tr:has(a[href='/staff/agreements/{id}'])"));
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "agreements list");

        var detail = await page.GotoAsync($"staff/agreements/{id}");
        Assert.Equal(200, detail!.Status);
        Assert.Contains("inbjudan skickad", await page.InnerTextAsync("main"));
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));
    }
}
