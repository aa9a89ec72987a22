using System.Net;
using System.Security.Cryptography;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>The forms of /staff/agreements/{id} in Chromium: replace a signer, cancel, refusals, the document download.</summary>
public sealed class AgreementStaffFormsBrowserTests(ConsultationHost env, BrowserFixture browser) : IClassFixture<ConsultationHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ReplaceSignerForm_KeyboardOnly_ErrorSummaryThenOldLinkDeadNewSignerInvited()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        var signerId = Signer(await StatusAsync(env.Admin, id), emails[1]).GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync();
        Assert.Equal(200, (await page.GotoAsync($"staff/agreements/{id}"))!.Status);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "open agreement");

        // Keyboard only: a bad address comes back with the summary linked to the field and the name kept.
        await BrowserFixture.TabUntilAsync(page, $"#name-{signerId}", null);
        await page.Keyboard.TypeAsync("Ny <i>Person</i>");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("inte-en-adress");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Ersätt Part 2");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal($"#email-{signerId}", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("Ny <i>Person</i>", await page.InputValueAsync($"#name-{signerId}"));
        Assert.Equal("true", await page.GetAttributeAsync($"#email-{signerId}", "aria-invalid"));
        Assert.Equal("sent", (await StatusAsync(env.Admin, id)).GetProperty("state").GetString());
        Assert.Contains(emails[1], (await StatusAsync(env.Admin, id)).GetProperty("signers").ToString());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "replace form with errors");

        // Follow the summary's link to the field, correct it and send again: POST-redirect-GET with a notice.
        var replacement = Emails(1)[0];
        await page.FocusAsync(".error-summary a");
        await page.Keyboard.PressAsync("Enter");
        await page.FocusAsync($"#email-{signerId}");
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync(replacement);
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Ersätt Part 2");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**?ersatt=1");
        Assert.Contains("Undertecknaren är ersatt", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("Ny <i>Person</i>", await page.InnerTextAsync("main"));
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "after replacing");

        using (var old = await env.Host.Client.GetAsync($"sign/{links[emails[1]]}"))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        }

        var fresh = await WaitForLinksAsync(env.Capture, id, 3);
        using (var invited = await env.Host.Client.GetAsync($"sign/{fresh[replacement]}"))
        {
            Assert.Equal(HttpStatusCode.OK, invited.StatusCode);
        }

        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("Ny <i>Person</i>", Signer(status, replacement).GetProperty("name").GetString());
        Assert.Equal("Organisation 2", Signer(status, replacement).GetProperty("organisation").GetString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task CancelForm_ReasonMissingThenGiven_SummaryThenCancelledAndStalePageGets409InSwedish()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        await WaitForLinksAsync(env.Capture, id, 2);
        var (context, page) = await StaffPageAsync();
        var stale = await context.NewPageAsync();
        await page.GotoAsync($"staff/agreements/{id}");
        await stale.GotoAsync($"staff/agreements/{id}");

        await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla överenskommelsen" }).ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal("#cancel-reason", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("sent", (await StatusAsync(env.Admin, id)).GetProperty("state").GetString());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "cancel form with errors");

        await page.FillAsync("#cancel-reason", "Fel version av avtalet.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla överenskommelsen" }).ClickAsync();
        await page.WaitForURLAsync("**?aterkallad=1");
        Assert.Contains("Överenskommelsen är återkallad", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(0, await page.Locator("form[action$='/cancel']").CountAsync());
        var status = await WaitForStateAsync(env.Admin, id, "cancelled");
        Assert.Equal("Fel version av avtalet.", status.GetProperty("endReason").GetString());
        Assert.Equal(2, (await WaitForMessagesAsync(env.Capture, id, "cancelled", 2)).Count);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "cancelled agreement");

        // The page loaded before the cancellation still has its forms: the state no longer allows them (409, Swedish, values kept).
        await stale.FillAsync("#cancel-reason", "Igen");
        var refused = await stale.RunAndWaitForResponseAsync(
            () => stale.GetByRole(AriaRole.Button, new() { Name = "Återkalla överenskommelsen" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, refused.Status);
        await stale.WaitForLoadStateAsync();
        Assert.Contains("Överenskommelsen kan inte återkallas: den är återkallad.", await stale.Locator("[role=alert]").InnerTextAsync());
        Assert.Equal("Fel version av avtalet.", (await StatusAsync(env.Admin, id)).GetProperty("endReason").GetString());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(stale, "409 refusal");
        await context.CloseAsync();
    }

    [Fact]
    public async Task AgreementForms_WithoutAntiforgeryToken_RefusedInSwedishNothingChanges()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        await WaitForLinksAsync(env.Capture, id, 2);
        var signerId = Signer(await StatusAsync(env.Admin, id), emails[1]).GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync();
        await page.GotoAsync($"staff/agreements/{id}");

        var cancel = page.APIRequest.CreateFormData();
        cancel.Set("reason", "Utan token");
        var replace = page.APIRequest.CreateFormData();
        replace.Set("name", "Smygare");
        replace.Set("email", Emails(1)[0]);
        foreach (var (path, form) in new[] { ($"staff/agreements/{id}/cancel", cancel), ($"staff/agreements/{id}/signers/{signerId}/replace", replace) })
        {
            var refused = await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
            Assert.Equal(400, refused.Status);
            Assert.StartsWith("text/html", refused.Headers["content-type"]);
            Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refused.TextAsync()));
        }

        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("sent", status.GetProperty("state").GetString());
        Assert.Equal("Part 2", Signer(status, emails[1]).GetProperty("name").GetString());
        Assert.Empty(Messages(env.Capture, id, "cancelled"));
        await context.CloseAsync();
    }

    [Fact]
    public async Task AgreementDocumentPage_Administrator_DownloadsTheDocumentWithTheRecordedHash()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var (context, page) = await StaffPageAsync();
        await page.GotoAsync($"staff/agreements/{id}");
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Ladda ner dokumentet", Exact = false }).GetAttributeAsync("href");
        Assert.Equal($"/staff/agreements/{id}/document", href);
        var download = await page.APIRequest.GetAsync(href!);
        Assert.Equal(200, download.Status);
        var sha = Convert.ToHexStringLower(SHA256.HashData(await download.BodyAsync()));
        Assert.Equal((await StatusAsync(env.Admin, id)).GetProperty("documentSha256").GetString(), sha);
        Assert.Contains("attachment", download.Headers["content-disposition"]);

        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = env.Host.BaseAddress };
        using var redirected = await anonymous.GetAsync($"staff/agreements/{id}/document");
        Assert.Equal(HttpStatusCode.Found, redirected.StatusCode);
        Assert.Equal(404, (await page.APIRequest.GetAsync("/staff/agreements/finns-inte/document")).Status);
        await context.CloseAsync();
    }

    private async Task<(IBrowserContext Context, IPage Page)> StaffPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await env.Host.TokenAsync(DemoPeople.Coordinator), Url = env.Host.BaseAddress.ToString() }]);
        return (context, await context.NewPageAsync());
    }
}
