using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Bra.Core.Documents;
using Bra.Core.People;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>/staff/agreements/new in Chromium and over HTTP: from sign-in to a signature, and every way a post can be refused.</summary>
public sealed partial class NewAgreementPageBrowserTests(OutboxHost env, BrowserFixture browser) : IClassFixture<OutboxHost>, IClassFixture<BrowserFixture>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n");

    [Fact]
    public async Task NewAgreementPage_SignInUploadPasteFixSend_InvitationsInOutboxAndSignatureOnAgreementPage()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var emails = new[] { $"anna.{tag}@example.org", $"bo.{tag}@example.org", $"cia.{tag}@example.org" };
        var documentsBefore = await DocumentCountAsync();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString() });
        var page = await context.NewPageAsync();

        // Anonymous: the list sends the browser to sign-in and back; sign in as the administrator.
        await page.GotoAsync("staff/agreements");
        Assert.Contains("/dev/signin", page.Url);
        await page.GetByLabel("Sam Samordnare", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/agreements");
        await page.GetByRole(AriaRole.Link, new() { Name = "Skicka en överenskommelse" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/agreements/new");
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "empty form", print: true);
        var defaultExpiry = DateOnly.Parse(await page.InputValueAsync("#expiresAt"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(defaultExpiry.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber, 29, 31);

        // One wrong line: the page says which, keeps everything typed and the uploaded file (stored once).
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "trygghetsavtal.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.FillAsync("#title", $"Trygghetsöverenskommelse {tag}");
        await page.FillAsync("#caseNumber", "BRÅ 2026/77");
        await page.FillAsync("#signers", $"Anna Ek; {emails[0]}; ICA Kvantum; Butikschef\nBo Berg; bo-at-example; Polisen\nCia Ceder; {emails[2]}; Kommunen; Samordnare");
        await page.FillAsync("#message", "Välkomna att underteckna <b>avtalet</b>.");
        await page.FillAsync("#cc", $"kopia.{tag}@example.org");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        Assert.Equal("#signers", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Contains("Rad 2: \"bo-at-example\" är inte en giltig e-postadress.", await page.InnerTextAsync(".error-summary"));
        Assert.Contains("bo-at-example", await page.InputValueAsync("#signers"));
        Assert.Equal($"Trygghetsöverenskommelse {tag}", await page.InputValueAsync("#title"));
        Assert.Equal("Välkomna att underteckna <b>avtalet</b>.", await page.InputValueAsync("#message"));
        Assert.Contains("Uppladdat: trygghetsavtal.pdf", await page.InnerTextAsync("#file-hint"));
        Assert.Equal(documentsBefore + 1, await DocumentCountAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "form with errors", print: true);

        // Corrected: the preview lists the three signers in pasted order; still one stored document, nothing sent.
        await page.FillAsync("#signers", $"Anna Ek; {emails[0]}; ICA Kvantum; Butikschef\nBo Berg; {emails[1]}; Polisen\nCia Ceder; {emails[2]}; Kommunen; Samordnare");
        await page.GetByRole(AriaRole.Button, new() { Name = "Förhandsgranska" }).ClickAsync();
        await page.WaitForSelectorAsync("#forhandsgranskning");
        Assert.Equal([$"Anna Ek, {emails[0]}, ICA Kvantum, Butikschef", $"Bo Berg, {emails[1]}, Polisen", $"Cia Ceder, {emails[2]}, Kommunen, Samordnare"],
            await page.Locator("#forhandsgranskning ~ ol li").AllInnerTextsAsync());
        Assert.Equal(0, await page.Locator(".error-summary").CountAsync());
        Assert.Equal(documentsBefore + 1, await DocumentCountAsync());
        Assert.DoesNotContain(await AgreementsAsync(), a => a.Title == $"Trygghetsöverenskommelse {tag}");
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "preview", print: true);

        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka överenskommelsen" }).ClickAsync();
        await page.WaitForURLAsync(new Regex(@"/staff/agreements/[0-9a-f]{32}\?skickad=1$"));
        var id = IdIn().Match(page.Url).Groups[1].Value;
        Assert.Contains("Överenskommelsen är skickad", await page.Locator("[role=status]").InnerTextAsync());
        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("BRÅ 2026/77", status.GetProperty("caseNumber").GetString());
        Assert.Equal(emails, status.GetProperty("signers").EnumerateArray().Select(s => s.GetProperty("email").GetString()));
        Assert.Equal("Butikschef", status.GetProperty("signers")[0].GetProperty("title").GetString());
        Assert.Equal([$"kopia.{tag}@example.org"], status.GetProperty("cc").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(documentsBefore + 1, await DocumentCountAsync());

        // The invitations are in the development outbox; the first signer follows the link in theirs and signs.
        var invitations = await Polling.EventuallyAsync(async () => (await OutboxAsync()).Where(m => m.Id.StartsWith($"{id}/invite", StringComparison.Ordinal)).ToList(),
            found => found.Count == 3, TimeSpan.FromSeconds(30), "three invitations in the outbox");
        Assert.Equal(emails.Order(), invitations.Select(m => m.To).Order());
        await page.GotoAsync("dev/outbox");
        await page.Locator("article", new() { HasText = emails[0] }).Locator("a[href*='/sign/']").First.ClickAsync();
        await page.WaitForSelectorAsync("#typedName");
        Assert.Contains("Välkomna att underteckna <b>avtalet</b>.", await page.InnerTextAsync("main"));
        await page.FillAsync("#typedName", "Anna Ek");
        await page.CheckAsync("#consent");
        await page.GetByRole(AriaRole.Button, new() { Name = "Underteckna", Exact = true }).ClickAsync();
        await page.WaitForSelectorAsync("text=Tack, du har undertecknat");

        await page.GotoAsync($"staff/agreements/{id}");
        Assert.Contains("delvis undertecknad", await page.InnerTextAsync("dl"));
        Assert.Contains("Undertecknade", await page.Locator("main p", new() { HasText = emails[0] }).InnerTextAsync());
        Assert.Contains("Inbjuden, har inte undertecknat", await page.Locator("main p", new() { HasText = emails[1] }).InnerTextAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task NewAgreementPage_KeyboardOnly_PreviewThenSendSequential()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (context, page) = await SignedInAsync(DemoPeople.Coordinator);
        await page.GotoAsync("staff/agreements/new");

        await BrowserFixture.TabUntilAsync(page, "#file", null);
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(new FilePayload { Name = "avtal.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync($"Tangentbordsavtal {tag}");
        await BrowserFixture.TabUntilAsync(page, "#signers", null);
        await page.Keyboard.TypeAsync($"Dan Dahl; dan.{tag}@example.org; Polisen\nEva Ek; eva.{tag}@example.org; Kommunen; Chef");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("order-parallel", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.PressAsync("ArrowDown");
        Assert.True(await page.IsCheckedAsync("#order-sequential"));
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Förhandsgranska");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#forhandsgranskning");
        Assert.Contains("En i taget", await page.InnerTextAsync("#forhandsgranskning + p + dl"));

        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Skicka överenskommelsen");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**?skickad=1");
        var status = await StatusAsync(env.Admin, IdIn().Match(page.Url).Groups[1].Value);
        Assert.Equal("sequential", status.GetProperty("order").GetString());
        Assert.Equal($"Tangentbordsavtal {tag}", status.GetProperty("title").GetString());
        Assert.Equal("avtal.pdf", status.GetProperty("documentFileName").GetString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task NewAgreementPage_AnonymousThenWrongRole_SignInRedirectThen403PageAndNothingCreated()
    {
        var before = (await AgreementsAsync()).Count;
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = env.Host.BaseAddress };
        using (var get = await anonymous.GetAsync("staff/agreements/new"))
        {
            Assert.Equal(HttpStatusCode.Found, get.StatusCode);
            Assert.Equal("/dev/signin?returnUrl=%2Fstaff%2Fagreements%2Fnew", get.Headers.Location!.OriginalString);
        }

        using (var post = await anonymous.PostAsync("staff/agreements/new", Multipart(("title", "Anonym"), ("signers", "A; a@example.org; X"), ("action", "send"))))
        {
            Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        }

        var (context, page) = await SignedInAsync(DemoPeople.Principal);
        var forbidden = await page.GotoAsync("staff/agreements/new");
        Assert.Equal(403, forbidden!.Status);
        Assert.Contains("Du har inte behörighet till den här sidan.", await page.InnerTextAsync("main"));
        var form = page.APIRequest.CreateFormData();
        form.Set("title", "Rektorns avtal");
        form.Set("action", "send");
        var post2 = await page.APIRequest.PostAsync("staff/agreements/new", new() { Multipart = form, MaxRedirects = 0 });
        Assert.Equal(403, post2.Status);
        Assert.Equal(before, (await AgreementsAsync()).Count);
        await context.CloseAsync();
    }

    [Fact]
    public async Task SendAgreementForm_WithoutAntiforgeryToken_400InSwedishNothingStoredOrSent()
    {
        var (agreements, documents) = ((await AgreementsAsync()).Count, await DocumentCountAsync());
        var (context, page) = await SignedInAsync(DemoPeople.Coordinator);
        await page.GotoAsync("staff/agreements/new");
        var form = ValidForm(page, Guid.NewGuid().ToString("N")[..8]);
        var refused = await page.APIRequest.PostAsync("staff/agreements/new", new() { Multipart = form, MaxRedirects = 0 });
        Assert.Equal(400, refused.Status);
        Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refused.TextAsync()));
        Assert.Equal(agreements, (await AgreementsAsync()).Count);
        Assert.Equal(documents, await DocumentCountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task SendAgreementForm_SameFormSentTwiceAtOnce_OneAgreementOneInvitationEach()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (context, page) = await SignedInAsync(DemoPeople.Coordinator);
        await page.GotoAsync("staff/agreements/new");
        var token = await TokenFieldAsync(page);
        var sendKey = await page.InputValueAsync("input[name=sendKey]");
        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
        {
            var form = ValidForm(page, tag);
            form.Set(token.Name, token.Value);
            form.Set("sendKey", sendKey);
            return page.APIRequest.PostAsync("staff/agreements/new", new() { Multipart = form, MaxRedirects = 0 });
        }));

        var sent = (await AgreementsAsync()).Where(a => a.Title == $"Dubbelklick {tag}").ToList();
        var id = Assert.Single(sent).Id;
        Assert.Contains(responses, r => r.Status == 303);
        Assert.All(responses, r => Assert.True(r.Status == 303 ? r.Headers["location"] == $"/staff/agreements/{id}?skickad=1" : r.Status == 409, $"{r.Status}"));
        var invitations = await Polling.EventuallyAsync(async () => (await OutboxAsync()).Where(m => m.Id.StartsWith($"{id}/invite", StringComparison.Ordinal)).ToList(),
            found => found.Count >= 2, TimeSpan.FromSeconds(30), "two invitations");
        Assert.Equal(2, invitations.Select(m => m.To).Distinct().Count());
        Assert.Equal(2, invitations.Count);

        // Sent again later (the browser's back button and "Skicka" once more): the same agreement, not a second one.
        var again = ValidForm(page, tag);
        again.Set(token.Name, token.Value);
        again.Set("sendKey", sendKey);
        var repeated = await page.APIRequest.PostAsync("staff/agreements/new", new() { Multipart = again, MaxRedirects = 0 });
        Assert.Equal(303, repeated.Status);
        Assert.Equal($"/staff/agreements/{id}?skickad=1", repeated.Headers["location"]);
        Assert.Single(await AgreementsAsync(), a => a.Title == $"Dubbelklick {tag}");
        await context.CloseAsync();
    }

    [Fact]
    public async Task SendAgreementForm_ContentLengthSmallerOrLargerThanTheBody_RefusedNothingStored()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (agreements, documents) = ((await AgreementsAsync()).Count, await DocumentCountAsync());
        var form = await RawHttp.StaffFormTokenAsync(env.Host, DemoPeople.Coordinator, "staff/agreements/new");
        var fields = new Dictionary<string, string>
        {
            [form.Field] = form.Value,
            ["title"] = $"Ljuger {tag}",
            ["signers"] = $"Anna; anna.{tag}@example.org; ICA",
            ["action"] = "send",
        };
        var (contentType, body) = RawHttp.Multipart(fields, ("file", "stor.pdf", "application/pdf", [.. Pdf, .. new byte[256 * 1024]]));

        // Claims 4 KB but sends 256 KB: the server reads what was claimed, the form ends mid-file, nothing is kept.
        var cut = await RawHttp.PostAsync(env.Host.BaseAddress, "staff/agreements/new", form.Cookies, contentType, body, declaredLength: 4096);
        Assert.True(cut.Status == 400, cut.ToString());
        Assert.Contains("Formuläret kom inte fram helt", cut.Page);

        // Claims more than the limit: refused before anything is read.
        var claimed = await RawHttp.PostAsync(env.Host.BaseAddress, "staff/agreements/new", form.Cookies, contentType, body.AsMemory(0, 4096), declaredLength: 40L * 1024 * 1024);
        Assert.True(claimed.Status == 413, claimed.ToString());
        Assert.Contains("Formuläret är för stort", claimed.Page);

        Assert.Equal(agreements, (await AgreementsAsync()).Count);
        Assert.Equal(documents, await DocumentCountAsync());
    }

    private static IFormData ValidForm(IPage page, string tag)
    {
        var form = page.APIRequest.CreateFormData();
        form.Set("title", $"Dubbelklick {tag}");
        form.Set("signers", $"Anna; anna.{tag}@example.org; ICA\nBo; bo.{tag}@example.org; Polisen");
        form.Set("order", "parallel");
        form.Set("action", "send");
        form.Set("file", new FilePayload { Name = "avtal.pdf", MimeType = "application/pdf", Buffer = Pdf });
        return form;
    }

    private static async Task<(string Name, string Value)> TokenFieldAsync(IPage page)
    {
        var field = page.Locator("form[action='/staff/agreements/new'] input[type=hidden]").First;
        return ((await field.GetAttributeAsync("name"))!, (await field.GetAttributeAsync("value"))!);
    }

    private async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await env.Host.TokenAsync(email), Url = env.Host.BaseAddress.ToString() }]);
        return (context, await context.NewPageAsync());
    }

    private async Task<List<(string Id, string Title)>> AgreementsAsync()
    {
        var list = await ConsultationDriver.BodyAsync(await env.Admin.GetAsync("api/agreements"));
        return list.EnumerateArray().Select(a => (a.GetProperty("id").GetString()!, a.GetProperty("title").GetString()!)).ToList();
    }

    private async Task<int> DocumentCountAsync()
    {
        var table = new TableClient(env.Azurite.ConnectionString, DocumentStore.TableName);
        await table.CreateIfNotExistsAsync();
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<List<(string Id, string To, string Text)>> OutboxAsync()
    {
        using var json = JsonDocument.Parse(await env.Host.Client.GetStringAsync("dev/outbox?format=json"));
        return json.RootElement.EnumerateArray()
            .Select(m => (m.GetProperty("id").GetString()!, m.GetProperty("to").GetString()!, m.GetProperty("text").GetString()!)).ToList();
    }

    private static MultipartFormDataContent Multipart(params (string Name, string Value)[] fields)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        return content;
    }

    [GeneratedRegex(@"/staff/agreements/([0-9a-f]{32})")]
    private static partial Regex IdIn();
}
