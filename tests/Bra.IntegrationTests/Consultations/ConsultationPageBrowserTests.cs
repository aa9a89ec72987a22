using Bra.IntegrationTests.Support;
using Microsoft.Playwright;

namespace Bra.IntegrationTests.Consultations;

public sealed class ConsultationPageBrowserTests(ConsultationHost env, BrowserFixture browser) : IClassFixture<ConsultationHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnswerPage_KeyboardOnly_AxeCleanOnFormErrorAndReceiptPagesSwedish()
    {
        var (_, links) = await env.OpenAsync(1);
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { BaseURL = env.Host.BaseAddress.ToString() });
        var response = await page.GotoAsync($"respond/{links.Values.Single()}");
        Assert.Equal(200, response!.Status);
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));

        // Submit the empty form with the keyboard: the error summary must be clean too.
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Skicka svaret");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#fel-rubrik");
        violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));

        // Fill in the form by keyboard alone: radios with arrow keys, text fields by typing, submit with Enter.
        await BrowserFixture.TabUntilAsync(page, "input[type=radio]", null);
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("supportsWithComments", await page.EvalOnSelectorAsync<string>("input[name=position]:checked", "e => e.value"));
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("comments", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync("Vi tillstyrker med synpunkter om <b>uppföljning</b>.");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Tangent Bordsson");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("Samordnare");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Skicka svaret");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("text=Tack, ert svar är registrerat");
        Assert.Equal("sv", await page.GetAttributeAsync("html", "lang"));
        Assert.Contains("<b>uppföljning</b>", await page.InnerTextAsync("pre.answer"));
        violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, BrowserFixture.Describe(violations));
    }
}
