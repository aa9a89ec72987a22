using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Consultations;

/// <summary>"Starta en remiss" (/staff/consultations/new) in Chromium and over raw HTTP.</summary>
public sealed partial class NewConsultationPageTests(OutboxHost env, BrowserFixture browser) : IClassFixture<OutboxHost>, IClassFixture<BrowserFixture>
{
    private const string FormPath = "staff/consultations/new";

    [Fact]
    public async Task NewConsultation_CoordinatorWithOneWrongLineThenCorrected_PreviewSendOutboxAnswerCloseAndCompilation()
    {
        var tag = Tag();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString(), Locale = "sv-SE" });
        var page = await context.NewPageAsync();

        // Sign in from the consultations list, then "Starta en remiss".
        await page.GotoAsync("staff/consultations");
        Assert.Contains("/dev/signin?returnUrl=%2Fstaff%2Fconsultations", page.Url);
        await page.GetByLabel("Sam Samordnare", new() { Exact = false }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Logga in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/staff/consultations");
        await page.GetByRole(AriaRole.Link, new() { Name = "Starta en remiss" }).ClickAsync();
        await page.WaitForURLAsync("**/" + FormPath);
        Assert.Equal("Starta en remiss", (await page.Locator("h1").InnerTextAsync()).Trim());

        // One wrong line (no valid address on line 3): listed by its number, everything kept, the PDF carried by its id.
        var pdf = ConsultationDriver.Pdf("Remissen " + tag);
        await page.FillAsync("#title", "Trygghetsvandringar " + tag);
        await page.FillAsync("#caseNumber", tag);
        await page.FillAsync("#deadline", Deadline(14));
        await page.FillAsync("#message", "Svara gärna om avsnitt <b>4</b>.");
        await page.SetInputFilesAsync("#document", new FilePayload { Name = "trygghet åäö.pdf", MimeType = "application/pdf", Buffer = pdf });
        var emails = new[] { $"polisen.{tag}@example.org", $"skolan.{tag}@example.org", $"foreningen.{tag}@example.org" };
        var wrong = $"Namn; E-post; Organisation\nPelle Polis; {emails[0]}; Polisen\nSara Skola\t{emails[1]}\tSkolförvaltningen\nFia Förening; foreningen-at-example; Fritidsgården";
        await page.FillAsync("#consultees", wrong);
        await page.GetByRole(AriaRole.Button, new() { Name = "Granska utskicket" }).ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        var summary = await page.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("Rad 4: \"foreningen-at-example\" är inte en giltig e-postadress.", summary);
        Assert.Equal("#consultees", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal(wrong, (await page.InputValueAsync("#consultees")).Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal("Trygghetsvandringar " + tag, await page.InputValueAsync("#title"));
        Assert.Equal("Svara gärna om avsnitt <b>4</b>.", await page.InputValueAsync("#message"));
        Assert.Contains("Vald fil: trygghet åäö.pdf", await page.InnerTextAsync("#document-hint"));
        Assert.Empty(await OutboxToAsync(emails));
        await AssertAxeCleanEverywhereAsync(page, "form with a wrong line");

        // Corrected without choosing the file again: the preview shows recipients, deadline and the invitation.
        await page.FillAsync("#consultees", wrong.Replace("foreningen-at-example", emails[2], StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Granska utskicket" }).ClickAsync();
        await page.WaitForSelectorAsync("#inbjudan");
        Assert.Equal("Granska remissen innan den skickas", (await page.Locator("h1").InnerTextAsync()).Trim());
        var rows = await page.Locator("tbody tr").AllInnerTextsAsync();
        Assert.Equal(3, rows.Count);
        Assert.Contains(emails[1], rows[1]);
        Assert.Contains("Skolförvaltningen", rows[1]);
        var preview = await page.Locator("main").InnerTextAsync();
        Assert.Contains("trygghet åäö.pdf", preview);
        Assert.Contains(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), preview);
        Assert.Contains("kl. 23:59", preview);
        var invitation = await page.InnerTextAsync("#inbjudan");
        Assert.Contains("Hej Pelle Polis,", invitation);
        Assert.Contains("till Polisen för synpunkter", invitation);
        Assert.Contains("Svara gärna om avsnitt <b>4</b>.", invitation);
        Assert.Empty(await OutboxToAsync(emails));
        await AssertAxeCleanEverywhereAsync(page, "preview");

        // Send: 303 to the consultation's page.
        var sent = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Skicka remissen till 3 remissinstanser" }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(303, sent.Status);
        await page.WaitForURLAsync(new Regex("/staff/consultations/[0-9a-f]{32}$"));
        var consultationPath = new Uri(page.Url).AbsolutePath;
        var id = consultationPath.Split('/')[^1];
        Assert.Equal("Trygghetsvandringar " + tag, (await page.Locator("h1").InnerTextAsync()).Trim());
        var status = await ConsultationDriver.StatusAsync(env.Admin, id);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), status.GetProperty("documentSha256").GetString());

        // The invitations in the development outbox; answer one through its link.
        var invitations = await EventuallyAsync(() => OutboxToAsync(emails), m => m.Count == 3, TimeSpan.FromSeconds(60), "three invitations");
        Assert.All(invitations, m => Assert.StartsWith($"Remiss {tag}: Trygghetsvandringar", m.GetProperty("subject").GetString()));
        var outbox = await context.NewPageAsync();
        await outbox.GotoAsync("dev/outbox");
        var article = outbox.Locator("article", new() { HasText = emails[1] });
        await article.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("respond") }).ClickAsync();
        await outbox.WaitForURLAsync("**/respond/**");
        await outbox.CheckAsync("#position-supportsWithComments");
        await outbox.FillAsync("#comments", "Skolan tillstyrker och vill vara med.");
        await outbox.FillAsync("#respondentName", "Sara Skola");
        await outbox.GetByRole(AriaRole.Button, new() { Name = "Skicka svaret" }).ClickAsync();
        await outbox.WaitForSelectorAsync("text=Tack, ert svar är registrerat");

        // The answer on the consultation's page; close early; the compilation holds the answer.
        await page.ReloadAsync();
        var row = page.Locator("tbody tr", new() { HasText = "Sara Skola" });
        Assert.Contains("Svarade", await row.InnerTextAsync());
        Assert.Contains("Tillstyrker med synpunkter", await row.InnerTextAsync());
        Assert.Contains("1 av 3", await page.Locator("main dl").InnerTextAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Stäng remissen nu" }).ClickAsync();
        await page.WaitForURLAsync("**?stangd=1");
        Assert.Contains("Sammanställningen sparas här och är intern; remissinstanserna får den inte.", await page.Locator("[role=status]").InnerTextAsync());
        await ConsultationDriver.WaitForStatusAsync(env.Admin, id, s => s.TryGetProperty("compilationSha256", out var sha) && sha.ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(60));
        await page.ReloadAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Sammanställningen som kalkylblad (CSV)" }).ClickAsync());
        Assert.Equal($"remissammanställning-{id}.csv", download.SuggestedFilename);
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("Skolan tillstyrker och vill vara med.", csv);
        Assert.Contains("Pelle Polis", csv);

        // The owner's email points at the staff pages, not at /api.
        var compiled = await EventuallyAsync(() => OutboxAsync(), all => all.Any(m => m.GetProperty("subject").GetString() == $"Remissammanställning klar: {tag}: Trygghetsvandringar {tag}"),
            TimeSpan.FromSeconds(30), "the owner's compilation email");
        var owner = compiled.Single(m => m.GetProperty("subject").GetString()!.StartsWith($"Remissammanställning klar: {tag}", StringComparison.Ordinal));
        Assert.Contains($"{env.Host.BaseAddress}staff/consultations/{id}/compilation", owner.GetProperty("text").GetString());
        Assert.DoesNotContain("/api/", owner.GetProperty("text").GetString() + owner.GetProperty("html").GetString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task NewConsultationForm_KeyboardOnly_EmptyFormSummaryThenPreview()
    {
        var (context, page) = await SignedInAsync(Coordinator);
        Assert.Equal(200, (await page.GotoAsync(FormPath))!.Status);
        await AssertAxeCleanEverywhereAsync(page, "empty form");

        // Submit the empty form with the keyboard: every required field is named in the summary.
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Granska utskicket");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#fel-rubrik");
        var summary = await page.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("Ange en rubrik för remissen.", summary);
        Assert.Contains("Sista svarsdag: ange ett datum, till exempel", summary);
        Assert.Contains("Välj remissdokumentet", summary);
        Assert.Contains("Klistra in minst en rad", summary);
        Assert.Equal(["#title", "#deadline", "#document", "#consultees"], await page.Locator(".error-summary a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"));
        await AssertAxeCleanEverywhereAsync(page, "empty form with errors");

        // Fill in by keyboard alone (the file through the chooser the keyboard opens) and reach the preview.
        var tag = Tag();
        await page.FocusAsync(".error-summary a");
        await page.Keyboard.PressAsync("Enter");
        await BrowserFixture.TabUntilAsync(page, "#title", null);
        await page.Keyboard.TypeAsync("Tangentbordsremiss " + tag);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(tag);
        await page.Keyboard.PressAsync("Tab");
        // The date input's segments follow the browser's locale; the date is set as its picker sets it.
        Assert.Equal("deadline", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.FillAsync("#deadline", Deadline(30));
        await BrowserFixture.TabUntilAsync(page, "#message", null);
        await page.Keyboard.TypeAsync("Hej!");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("document", await page.EvaluateAsync<string>("document.activeElement.id"));
        var chooser = await page.RunAndWaitForFileChooserAsync(() => page.Keyboard.PressAsync("Space"));
        await chooser.SetFilesAsync(new FilePayload { Name = "remiss.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("Remisstext " + tag) });
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("consultees", await page.EvaluateAsync<string>("document.activeElement.id"));
        await page.Keyboard.TypeAsync($"Tina Tangent; tina.{tag}@example.org; Tangentbyrån");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Granska utskicket");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#inbjudan");
        Assert.Contains($"tina.{tag}@example.org", await page.Locator("tbody").InnerTextAsync());

        // "Ändra uppgifterna" by keyboard keeps everything and the document.
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Ändra uppgifterna");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#consultees");
        Assert.Equal("Tangentbordsremiss " + tag, await page.InputValueAsync("#title"));
        Assert.Contains("Vald fil: remiss.txt", await page.InnerTextAsync("#document-hint"));
        Assert.Equal(0, await page.Locator("#fel-rubrik").CountAsync());
        await context.CloseAsync();
    }

    [Fact]
    public async Task NewConsultationPage_AnonymousWrongRoleAndPostWithoutToken_SignInRedirect403AndNothingStarted()
    {
        using var raw = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = env.Host.BaseAddress };
        using (var anonymous = await raw.GetAsync(FormPath))
        {
            Assert.Equal(HttpStatusCode.Found, anonymous.StatusCode);
            Assert.Equal("/dev/signin?returnUrl=%2Fstaff%2Fconsultations%2Fnew", anonymous.Headers.Location!.OriginalString);
        }

        var (context, page) = await SignedInAsync(Principal);
        foreach (var response in new[] { await page.GotoAsync(FormPath), await page.GotoAsync("staff/consultations") })
        {
            Assert.Equal(403, response!.Status);
            Assert.Equal("Åtkomst nekad", (await page.Locator("h1").InnerTextAsync()).Trim());
        }

        await AssertAxeCleanEverywhereAsync(page, "403");
        await context.CloseAsync();

        // A principal's post with a valid token of its own is refused too, and so is the coordinator's without one.
        var before = await CountsAsync();
        var principal = await FormClient.OpenAsync(env.Host, Principal);
        using (var refused = await principal.PostAsync(Form(principal.Token, Tag(), "preview", withFile: true)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        var admin = await FormClient.OpenAsync(env.Host, Coordinator);
        var key = Guid.NewGuid().ToString("N");
        foreach (var token in new[] { null, "forged" })
        {
            using var forged = await admin.PostAsync(Form(token, Tag(), "send", withFile: true, formKey: key));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()));
        }

        Assert.Equal(before, await CountsAsync());
        using var gone = await env.Admin.GetAsync($"api/consultations/{key}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task NewConsultationForm_ValidatorErrorsOfConsultees_ListedByPastedLineNumber()
    {
        var admin = await FormClient.OpenAsync(env.Host, Coordinator);
        var tag = Tag();
        var lines = $"\nAnna A; anna.{tag}@example.org; Polisen\n\n{new string('N', 201)}; lang.{tag}@example.org; Skolan\nBo B; bo.{tag}@example.org; {new string('O', 201)}";
        using var response = await admin.PostAsync(Form(admin.Token, tag, "preview", withFile: true, consultees: lines));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Rad 4: Remissinstansens namn får vara högst 200 tecken.", html);
        Assert.Contains("Rad 5: Organisation får vara högst 200 tecken.", html);
        Assert.DoesNotContain("Rad 2:", html);
        Assert.Contains("<a href=\"#consultees\">", html);
        // The document uploaded with this post is carried by its id, for the next post.
        Assert.Matches("name=\"documentId\" value=\"[0-9a-f]{32}\"", html);
    }

    [Fact]
    public async Task NewConsultationForm_SamePreviewSentTwice_OneConsultationBothTimesRedirected()
    {
        var admin = await FormClient.OpenAsync(env.Host, Coordinator);
        var tag = Tag();
        using var preview = await admin.PostAsync(Form(admin.Token, tag, "preview", withFile: true));
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var html = await preview.Content.ReadAsStringAsync();
        var key = Hidden(html, "formKey");
        var documentId = Hidden(html, "documentId");

        var locations = new List<string>();
        foreach (var _ in Enumerable.Range(0, 2))
        {
            using var sent = await admin.PostAsync(Form(admin.Token, tag, "send", withFile: false, formKey: key, documentId: documentId));
            Assert.Equal(HttpStatusCode.SeeOther, sent.StatusCode);
            locations.Add(sent.Headers.Location!.OriginalString);
        }

        Assert.Equal([$"/staff/consultations/{key}", $"/staff/consultations/{key}"], locations);
        var list = await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations");
        Assert.Single(list.EnumerateArray(), c => c.GetProperty("caseNumber").GetString() == tag);
        var status = await ConsultationDriver.StatusAsync(env.Admin, key);
        Assert.Equal(2, status.GetProperty("consultees").GetArrayLength());
        await EventuallyAsync(() => OutboxToAsync([$"a.{tag}@example.org", $"b.{tag}@example.org"]), m => m.Count == 2, TimeSpan.FromSeconds(60), "two invitations");
    }

    [Fact]
    public async Task NewConsultationForm_BodyOverLimitDeclaredChunkedOrUnderstated_RefusedAndNothingStored()
    {
        var admin = await FormClient.OpenAsync(env.Host, Coordinator);
        var before = await CountsAsync();
        var big = new byte[Bra.Core.Consultations.NewConsultationPageRoutes.MaxFormBytes + 1024];
        "%PDF-1.4\n"u8.CopyTo(big);

        // Declared over the limit: refused from the header, before the body is read.
        var declared = await admin.RawPostAsync(big, declaredLength: big.Length + 400);
        Assert.True(declared.Status == 413, declared.ToString());
        Assert.Contains("Formuläret är för stort", declared.Page);

        // No length (chunked): reading stops at the limit.
        var chunked = await admin.RawPostAsync(big, declaredLength: null);
        Assert.True(chunked.Status == 413, chunked.ToString());

        // A length far smaller than what follows: only the declared bytes are read, as a cut-off form that is refused.
        var understated = await admin.RawPostAsync(big, declaredLength: 2048);
        Assert.True(understated.Status == 400, understated.ToString());
        Assert.Contains("Formuläret kom inte fram helt", understated.Page);

        Assert.Equal(before, await CountsAsync());
    }

    private async Task<(IBrowserContext Context, IPage Page)> SignedInAsync(string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString(), Locale = "sv-SE" });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await env.Host.TokenAsync(email), Url = env.Host.BaseAddress.ToString() }]);
        return (context, await context.NewPageAsync());
    }

    /// <summary>Stored documents and consultations, to show that a refused post stored nothing.</summary>
    private async Task<(int Documents, int Consultations)> CountsAsync()
    {
        var table = new Azure.Data.Tables.TableClient(env.Azurite.ConnectionString, "Documents");
        var documents = 0;
        await foreach (var _ in table.QueryAsync<Azure.Data.Tables.TableEntity>(select: ["RowKey"]))
        {
            documents++;
        }

        return (documents, (await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations")).GetArrayLength());
    }

    private async Task<List<JsonElement>> OutboxAsync() =>
        [.. (await env.Host.Client.GetFromJsonAsync<JsonElement>("dev/outbox?format=json")).EnumerateArray()];

    private async Task<List<JsonElement>> OutboxToAsync(IEnumerable<string> emails)
    {
        var set = emails.ToHashSet(StringComparer.Ordinal);
        return [.. (await OutboxAsync()).Where(m => set.Contains(m.GetProperty("to").GetString()!))];
    }

    private static MultipartFormDataContent Form(string? token, string tag, string step, bool withFile, string? formKey = null, string? documentId = null,
        string? consultees = null)
    {
        var form = new MultipartFormDataContent();
        if (token is not null)
        {
            form.Add(new StringContent(token), "__RequestVerificationToken");
        }

        form.Add(new StringContent("Remiss " + tag), "title");
        form.Add(new StringContent(tag), "caseNumber");
        form.Add(new StringContent(Deadline(10)), "deadline");
        form.Add(new StringContent(""), "message");
        form.Add(new StringContent(consultees ?? $"A; a.{tag}@example.org; Org A\nB; b.{tag}@example.org; Org B"), "consultees");
        form.Add(new StringContent(step), "step");
        if (formKey is not null)
        {
            form.Add(new StringContent(formKey), "formKey");
        }

        if (documentId is not null)
        {
            form.Add(new StringContent(documentId), "documentId");
        }

        if (withFile)
        {
            var file = new ByteArrayContent(ConsultationDriver.Pdf(tag));
            file.Headers.ContentType = new("application/pdf");
            form.Add(file, "document", "remiss.pdf");
        }

        return form;
    }

    private static string Hidden(string html, string name) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"name=\"{name}\" value=\"([^\"]*)\"").Groups[1].Value);

    private static string Tag() => "T" + Guid.NewGuid().ToString("N")[..8];

    private static string Deadline(int days) => DateTime.UtcNow.AddDays(days).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task AssertAxeCleanEverywhereAsync(IPage page, string what)
    {
        await AssertAxeCleanAsync(page, what + ", desktop");
        await page.SetViewportSizeAsync(360, 740);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            what + ": the page scrolls sideways on a phone");
        await AssertAxeCleanAsync(page, what + ", phone");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await AssertAxeCleanAsync(page, what + ", print");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });
        await page.SetViewportSizeAsync(1280, 800);
    }

    private static async Task AssertAxeCleanAsync(IPage page, string what)
    {
        var violations = await BrowserFixture.AxeViolationsAsync(page);
        Assert.True(violations.Count == 0, what + ": " + BrowserFixture.Describe(violations));
    }

    /// <summary>A signed-in person's HTTP client with the form page's anti-forgery cookie and token, and a raw-socket post for lying bodies.</summary>
    private sealed class FormClient(HttpClient client, Uri baseAddress, string cookies, string token)
    {
        public string Token => token;

        public static async Task<FormClient> OpenAsync(DevHostProcess host, string email)
        {
            var signIn = "bra_dev_staff=" + await host.TokenAsync(email);
            var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = host.BaseAddress };
            // The form's token comes with its cookie; a principal cannot open the form, so read them from the start page's sign-out form.
            using var request = new HttpRequestMessage(HttpMethod.Get, "staff");
            request.Headers.Add("Cookie", signIn);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var antiforgery = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith(".AspNetCore.Antiforgery", StringComparison.Ordinal));
            return new FormClient(client, host.BaseAddress, $"{signIn}; {antiforgery}", Hidden(await response.Content.ReadAsStringAsync(), "__RequestVerificationToken"));
        }

        public async Task<HttpResponseMessage> PostAsync(HttpContent content)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, FormPath) { Content = content };
            request.Headers.Add("Cookie", cookies);
            return await client.SendAsync(request);
        }

        /// <summary>
        /// A multipart post written to the socket by hand (<see cref="RawHttp"/>): with a declared length (true or not) or
        /// chunked when it is null, with a valid anti-forgery token and a file part of <paramref name="file"/>.
        /// </summary>
        public async Task<RawAnswer> RawPostAsync(byte[] file, long? declaredLength)
        {
            var (contentType, body) = RawHttp.Multipart(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["step"] = "preview" }, ("document", "stor.pdf", "application/pdf", file));
            return await RawHttp.PostAsync(baseAddress, FormPath, cookies, contentType, body, declaredLength);
        }
    }
}
