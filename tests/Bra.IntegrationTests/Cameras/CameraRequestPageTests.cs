using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Cameras;

/// <summary>The camera-request pages in Chromium: a decision-maker opens the link of the decision email and decides on the form.</summary>
public sealed partial class CameraRequestPageTests(AzuriteFixture azurite, BrowserFixture browser) : IClassFixture<AzuriteFixture>, IClassFixture<BrowserFixture>
{
    private const string HeadOfEducation = "bildningschef@example.se";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task DecisionForm_DecisionMakerFromEmailLink_KeyboardApprovalShownOnSiteAndForgedOrUnauthorizedRefused()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string>
        {
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "SG.test",
            ["Email__SendGridHost"] = capture.Host,
            ["Cameras__DailyScanEnabled"] = "false",
            ["Cameras__DecisionMakers__" + CouncilUnitId + "__0"] = "demo-bildningschef",
        });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);
        var pending = await EventuallyAsync(() => admin.GetFromJsonAsync<JsonElement>("api/camera-requests?state=pending"),
            p => p.EnumerateArray().Any(r => r.GetProperty("kind").GetString() == "extension"), Wait, "the demo extension submitted");
        var id = pending.EnumerateArray().First(r => r.GetProperty("kind").GetString() == "extension").GetProperty("id").GetString()!;
        var invite = await EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.FirstOrDefault(m => m.MessageId == $"camera-request-{id}/invite/demo-bildningschef")),
            m => m is not null, Wait, "the decision email");
        Assert.DoesNotContain("/api/", invite!.Text);
        var link = new Uri(RequestLink().Match(invite.Text).Value);
        Assert.Equal($"/staff/camera-requests/{id}", link.AbsolutePath);

        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseAddress.ToString(), Locale = "sv-SE" });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(HeadOfEducation), Url = host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();

        // The navigation and the list: the decision-maker's own requests, with kind and age in Swedish.
        Assert.Equal(200, (await page.GotoAsync("staff/camera-requests"))!.Status);
        Assert.Contains("Kameraärenden", await page.GetByRole(AriaRole.Navigation, new() { Name = "Personalsidor" }).InnerTextAsync());
        var row = await page.Locator("tbody tr", new() { HasText = "förlängning" }).InnerTextAsync();
        Assert.Contains("Avesta centrum", row);
        Assert.Contains("inskickat i dag", row);
        await AssertAxeCleanEverywhereAsync(page, "camera requests");

        Assert.Equal(200, (await page.GotoAsync(link.PathAndQuery))!.Status);
        Assert.Contains("förlängning", await page.Locator("h1").InnerTextAsync());
        Assert.Contains("inskickat i dag", await page.Locator("main").InnerTextAsync());
        await AssertAxeCleanEverywhereAsync(page, "camera request");

        // Without the form's token: refused with a Swedish page, the request stays pending.
        var forged = await page.APIRequest.PostAsync(link.AbsolutePath, new() { Form = page.APIRequest.CreateFormData().Set("outcome", "rejected").Set("decidedBy", "X").Set("reason", "Y") });
        Assert.Equal(400, forged.Status);
        Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await forged.TextAsync()));
        Assert.Equal("submitted", (await admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{id}")).GetProperty("state").GetString());

        // Rejected without a reason: a Swedish error summary linked to the field, what was typed kept.
        await page.GetByLabel("Avslås").CheckAsync();
        await page.GetByLabel("Beslutat av").FillAsync("Britt Exempelsson, bildningschef");
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera beslutet" }).ClickAsync();
        var summary = page.Locator(".error-summary");
        Assert.Contains("Ange skälet till avslaget.", await summary.InnerTextAsync());
        Assert.Equal("#reason", await summary.GetByRole(AriaRole.Link).First.GetAttributeAsync("href"));
        Assert.Equal("Britt Exempelsson, bildningschef", await page.GetByLabel("Beslutat av").InputValueAsync());
        Assert.True(await page.GetByLabel("Avslås").IsCheckedAsync());
        await AssertAxeCleanEverywhereAsync(page, "decision form with errors");
        Assert.Equal("submitted", (await admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{id}")).GetProperty("state").GetString());

        // Approve with the keyboard alone.
        var validUntil = Date(Today.AddYears(2));
        await page.GotoAsync(link.PathAndQuery);
        for (var i = 0; i < 40 && await ActiveIdAsync(page) != "outcome-approved"; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Equal("outcome-approved", await ActiveIdAsync(page));
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("decidedBy", await ActiveIdAsync(page));
        await page.Keyboard.TypeAsync("Britt Exempelsson, bildningschef");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("BIN 2026/12");
        await page.Keyboard.PressAsync("Tab");
        // The date input's segments follow the browser's locale; the date is set as its picker sets it.
        Assert.Equal("validUntil", await ActiveIdAsync(page));
        await page.FillAsync("#validUntil", validUntil);
        await BrowserFixture.TabUntilAsync(page, "#conditions", null);
        await page.Keyboard.TypeAsync("Endast kvällstid");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Registrera beslutet", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**?beslutat=1");
        Assert.Contains("Beslutet är registrerat", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains($"Giltigt till och med {validUntil}", await page.Locator("main").InnerTextAsync());
        await AssertAxeCleanEverywhereAsync(page, "decided request");

        // Decided already: a second decision gets a Swedish message.
        var again = await page.APIRequest.PostAsync(link.AbsolutePath, new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", await TokenAsync(page)).Set("outcome", "rejected").Set("decidedBy", "X").Set("reason", "Y"),
        });
        Assert.Equal(409, again.Status);
        Assert.Contains("redan beviljat", WebUtility.HtmlDecode(await again.TextAsync()));

        // The site (read by the coordinator: the register is for administrators) shows the new validity, the decision in its
        // history, and links its still pending request to the request page.
        var other = pending.EnumerateArray().First(r => r.GetProperty("id").GetString() != id).GetProperty("id").GetString()!;
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(Coordinator), Url = host.BaseAddress.ToString() }]);
        await EventuallyAsync(async () => { await page.GotoAsync("staff/cameras/site-avesta-centrum"); return await page.Locator("main").InnerTextAsync(); },
            text => text.Contains($"giltigt till {validUntil}"), Wait, "the new validity on the site page");
        Assert.Contains("Ett ärende beviljades av Britt Exempelsson", await page.Locator("#historik + ol").InnerTextAsync());
        Assert.Equal(1, await page.Locator($"a[href='/staff/camera-requests/{other}']").CountAsync());

        // Someone who may not decide gets the Swedish 403 page on the form post (with a valid token).
        await context.ClearCookiesAsync();
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await host.TokenAsync(Principal), Url = host.BaseAddress.ToString() }]);
        await page.GotoAsync("staff");
        var refused = await page.APIRequest.PostAsync($"staff/camera-requests/{other}", new()
        {
            Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", await TokenAsync(page)).Set("outcome", "rejected").Set("decidedBy", "X").Set("reason", "Y"),
        });
        Assert.Equal(403, refused.Status);
        Assert.StartsWith("text/html", refused.Headers["content-type"]);
        Assert.Contains("Åtkomst nekad", WebUtility.HtmlDecode(await refused.TextAsync()));
        Assert.Equal("submitted", (await admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{other}")).GetProperty("state").GetString());
        Assert.Equal(403, (await page.GotoAsync("staff/camera-requests"))!.Status);
        await context.CloseAsync();
    }

    [GeneratedRegex(@"https?://\S+/staff/camera-requests/\S+")]
    private static partial Regex RequestLink();

    private static Task<string> ActiveIdAsync(IPage page) => page.EvaluateAsync<string>("() => document.activeElement.id");

    private static async Task<string> TokenAsync(IPage page) => (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;

    private static async Task AssertAxeCleanEverywhereAsync(IPage page, string what)
    {
        await AssertAxeCleanAsync(page, what + ", desktop");
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            what + ": the page scrolls sideways on a phone");
        await AssertAxeCleanAsync(page, what + ", phone");
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + BrowserFixture.Describe(violations));
    }
}
