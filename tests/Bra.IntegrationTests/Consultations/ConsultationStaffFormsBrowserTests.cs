using System.Net;
using System.Security.Cryptography;
using Bra.Core.People;
using Bra.Core.Time;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

/// <summary>
/// The forms of /staff/consultations/{id} in Chromium: add consultees, move the deadline, cancel, register an answer
/// received by post or email, the downloads, and every refusal (errors in Swedish, nothing changed).
/// </summary>
public sealed class ConsultationStaffFormsBrowserTests(ConsultationHost env, BrowserFixture browser) : IClassFixture<ConsultationHost>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AddConsulteesForm_KeyboardOnly_WrongLinesByNumberThenAddedAndInvited()
    {
        var (id, links) = await env.OpenAsync(1);
        var existing = links.Keys.Single();
        var (context, page) = await StaffPageAsync();
        Assert.Equal(200, (await page.GotoAsync($"staff/consultations/{id}"))!.Status);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "open consultation with its forms");

        // Keyboard only: line 2 has no address, so nothing is added and the line is named.
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (first, third) = ($"ny1.{tag}@example.org", $"ny3.{tag}@example.org");
        await BrowserFixture.TabUntilAsync(page, "#consultees", null);
        await page.Keyboard.TypeAsync($"Nya <b>Nämnden</b>; {first}; Kommunen\nUtan Adress;; Föreningen\nTredje Instans; {third}; Regionen");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Lägg till och bjud in");
        var refused = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal("Remissinstanserna kunde inte läggas till", (await page.InnerTextAsync("#fel-rubrik")).Trim());
        Assert.Equal("#consultees", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("Rad 2: E-postadress saknas.", (await page.InnerTextAsync(".error-summary a")).Trim());
        Assert.Contains("Rad 2: E-postadress saknas.", await page.InnerTextAsync("#consultees-fel"));
        Assert.Equal("true", await page.GetAttributeAsync("#consultees", "aria-invalid"));
        Assert.Contains($"Nya <b>Nämnden</b>; {first}; Kommunen", await page.InputValueAsync("#consultees"));
        Assert.Equal(1, (await StatusAsync(env.Admin, id)).GetProperty("counts").GetProperty("total").GetInt32());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "add form with line errors");

        // Line 2 now names someone already invited, line 3 comes tab-separated from a spreadsheet: the service's rule comes back by line number too.
        await page.FillAsync("#consultees", $"Nya <b>Nämnden</b>; {first}; Kommunen\nRedan Inbjuden; {existing}; Föreningen\nTredje Instans\t{third}\tRegionen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till och bjud in" }).ClickAsync();
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.StartsWith($"Rad 2: E-postadressen {existing} förekommer mer än en gång", (await page.InnerTextAsync(".error-summary a")).Trim());
        Assert.Equal(1, (await StatusAsync(env.Admin, id)).GetProperty("counts").GetProperty("total").GetInt32());

        await page.FillAsync("#consultees", $"Nya <b>Nämnden</b>; {first}; Kommunen\n\nTredje Instans\t{third}\tRegionen");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till och bjud in" }).ClickAsync();
        await page.WaitForURLAsync("**?tillagda=2");
        Assert.Contains("2 remissinstanser är tillagda", await page.Locator("[role=status]").InnerTextAsync());
        var table = await page.InnerTextAsync("table");
        Assert.Contains("Nya <b>Nämnden</b>, Kommunen", table);
        Assert.Contains(third, table);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "after adding");

        var status = await StatusAsync(env.Admin, id);
        Assert.Equal(3, status.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal("Regionen", Consultee(status, third).GetProperty("organisation").GetString());
        await Polling.EventuallyAsync(() => Task.FromResult(Links(env.Capture, "Remiss", id)), l => l.ContainsKey(first) && l.ContainsKey(third),
            TimeSpan.FromSeconds(30), "the invitations of both added consultees");
        await context.CloseAsync();
    }

    [Fact]
    public async Task MoveDeadlineForm_EarlierThenLater_SwedishErrorThenMoved()
    {
        var (id, _) = await env.OpenAsync(1);
        var before = (await StatusAsync(env.Admin, id)).GetProperty("deadline").GetDateTimeOffset();
        var (context, page) = await StaffPageAsync();
        await page.GotoAsync($"staff/consultations/{id}");

        var yesterday = SwedishTime.Today(TimeProvider.System).AddDays(-1).ToString("yyyy-MM-dd");
        await page.FillAsync("#deadline", yesterday);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Flytta sista svarsdag" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal("#deadline", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Contains("Sista svarsdag: ", await page.InnerTextAsync("#deadline-fel"));
        Assert.Contains("har redan passerat. Välj ett senare datum, till exempel", await page.InnerTextAsync("#deadline-fel"));
        Assert.Equal(yesterday, await page.InputValueAsync("#deadline"));
        Assert.Equal(before, (await StatusAsync(env.Admin, id)).GetProperty("deadline").GetDateTimeOffset());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "deadline form with an error");

        var later = SwedishTime.Today(TimeProvider.System).AddDays(10);
        await page.FillAsync("#deadline", later.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Flytta sista svarsdag" }).ClickAsync();
        await page.WaitForURLAsync("**?flyttad=1");
        Assert.Contains("Sista svarsdag är flyttad", await page.Locator("[role=status]").InnerTextAsync());
        var moved = SwedishTime.At(later, new TimeOnly(23, 59));
        Assert.Contains(SwedishTime.Format(moved), await page.InnerTextAsync("main dl"));
        Assert.Equal(moved, (await StatusAsync(env.Admin, id)).GetProperty("deadline").GetDateTimeOffset());
        await context.CloseAsync();
    }

    [Fact]
    public async Task CancelForm_ReasonMissingThenGiven_SummaryThenCancelledAndStalePageGets409InSwedish()
    {
        var (id, links) = await env.OpenAsync(2);
        var (context, page) = await StaffPageAsync();
        var stale = await context.NewPageAsync();
        await page.GotoAsync($"staff/consultations/{id}");
        await stale.GotoAsync($"staff/consultations/{id}");
        Assert.Contains("Återkallandet kan inte ångras", await page.InnerTextAsync("#cancel-warning"));

        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Återkalla remissen" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal("#cancel-reason", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Contains("Ange ett skäl till att remissen återkallas", await page.InnerTextAsync("#cancel-reason-fel"));
        Assert.Equal("open", (await StatusAsync(env.Admin, id)).GetProperty("state").GetString());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "cancel form with an error");

        await page.FillAsync("#cancel-reason", "Strategin arbetas om.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla remissen" }).ClickAsync();
        await page.WaitForURLAsync("**?aterkallad=1");
        Assert.Contains("Remissen är återkallad", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("Återkallad (Strategin arbetas om.)", await page.InnerTextAsync("main dl"));
        Assert.Equal(0, await page.Locator("form[action$='/cancel'], form[action$='/close'], form[action$='/responses']").CountAsync());
        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("cancelled", status.GetProperty("state").GetString());
        Assert.Equal("Strategin arbetas om.", status.GetProperty("cancelReason").GetString());
        using (var link = await env.Host.Client.GetAsync($"respond/{links.Values.First()}"))
        {
            Assert.Equal(HttpStatusCode.Gone, link.StatusCode);
        }

        var tag = status.GetProperty("caseNumber").GetString();
        await Polling.EventuallyAsync(() => Task.FromResult(env.Capture.AcceptedMessages.Count(m => m.Subject.StartsWith($"Återkallad remiss {tag}", StringComparison.Ordinal))),
            n => n >= 2, TimeSpan.FromSeconds(30), "both withdrawal notices");
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "cancelled consultation");

        // The page loaded before still has its forms: closing is refused with 409 in Swedish and nothing changes.
        var conflict = await stale.RunAndWaitForResponseAsync(
            () => stale.GetByRole(AriaRole.Button, new() { Name = "Stäng remissen nu" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(409, conflict.Status);
        await stale.WaitForLoadStateAsync();
        Assert.Equal("Remissen kunde inte stängas. Bara en öppen remiss kan stängas. Remissen är återkallad.", (await stale.Locator("p[role=alert]").InnerTextAsync()).Trim());
        Assert.Equal("cancelled", (await StatusAsync(env.Admin, id)).GetProperty("state").GetString());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(stale, "409 refusal");
        await context.CloseAsync();
    }

    [Fact]
    public async Task RegisterResponseForm_MissingFieldsWrongFileThenPdf_ErrorsKeptThenStoredWithAttachmentDownloadable()
    {
        var (id, links) = await env.OpenAsync(2);
        var email = links.Keys.Order(StringComparer.Ordinal).First();
        var consulteeId = Consultee(await StatusAsync(env.Admin, id), email).GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync();
        await page.GotoAsync($"staff/consultations/{id}");

        // Nothing chosen: every missing field in the summary, the text kept, nothing stored.
        await page.FillAsync("#comments", "Kom per brev: <i>vi avstyrker</i>.");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Registrera svaret" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await page.WaitForSelectorAsync("#fel-rubrik");
        Assert.Equal(new[] { "#consulteeId", "#position-supports", "#respondentName" }, await page.Locator(".error-summary a").EvaluateAllAsync<string[]>("a => a.map(e => e.getAttribute('href'))"));
        Assert.Contains("Välj vilken remissinstans svaret kommer från.", await page.InnerTextAsync(".error-summary"));
        Assert.Equal("Kom per brev: <i>vi avstyrker</i>.", await page.InputValueAsync("#comments"));
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "register form with errors");

        // A file of the wrong kind: the attachment's error, the file asked for again, still nothing stored.
        await page.SelectOptionAsync("#consulteeId", consulteeId);
        await page.CheckAsync("#position-opposes");
        await page.FillAsync("#respondentName", "Brevskrivaren");
        await page.SetInputFilesAsync("#attachment", new FilePayload { Name = "svar.txt", MimeType = "text/plain", Buffer = "text"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera svaret" }).ClickAsync();
        await page.WaitForSelectorAsync("#attachment-fel");
        Assert.Contains("Tillåtna typer: PDF, DOCX, ODT", await page.InnerTextAsync("#attachment-fel"));
        Assert.Contains("Välj filen (svar.txt) igen", await page.InnerTextAsync("#attachment-hint"));
        Assert.Equal(consulteeId, await page.InputValueAsync("#consulteeId"));
        Assert.True(await page.IsCheckedAsync("#position-opposes"));
        Assert.Equal("Brevskrivaren", await page.InputValueAsync("#respondentName"));
        Assert.Equal(0, Consultee(await StatusAsync(env.Admin, id), email).GetProperty("versions").GetInt32());

        var pdf = Pdf("Inskannat brev");
        await page.SetInputFilesAsync("#attachment", new FilePayload { Name = "brev från nämnden.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Registrera svaret" }).ClickAsync();
        await page.WaitForURLAsync("**?registrerat=1");
        Assert.Contains("Svaret är registrerat", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Contains("Avstyrker", await page.Locator("tbody tr", new() { HasText = email }).InnerTextAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "after registering");

        var consultee = Consultee(await StatusAsync(env.Admin, id), email);
        Assert.Equal("answered", consultee.GetProperty("state").GetString());
        Assert.Equal("opposes", consultee.GetProperty("position").GetString());
        Assert.False(consultee.GetProperty("late").GetBoolean());

        // The attachment, the document and the compilation download through the page's links.
        var attachment = page.GetByRole(AriaRole.Link, new() { Name = "brev från nämnden.pdf" });
        var download = await page.APIRequest.GetAsync((await attachment.GetAttributeAsync("href"))!);
        Assert.Equal(200, download.Status);
        Assert.Equal(pdf, await download.BodyAsync());
        Assert.Contains("attachment", download.Headers["content-disposition"]);
        var document = await page.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "Remissdokumentet", Exact = false }).GetAttributeAsync("href"))!);
        Assert.Equal(200, document.Status);
        Assert.Equal((await StatusAsync(env.Admin, id)).GetProperty("documentSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(await document.BodyAsync())));
        foreach (var (name, type) in new[] { ("webbsida (HTML)", "text/html"), ("kalkylblad (CSV)", "text/csv"), ("text (Markdown)", "text/markdown") })
        {
            var compilation = await page.APIRequest.GetAsync((await page.GetByRole(AriaRole.Link, new() { Name = "Sammanställningen som " + name }).GetAttributeAsync("href"))!);
            Assert.Equal(200, compilation.Status);
            Assert.StartsWith(type, compilation.Headers["content-type"]);
            Assert.Contains("Kom per brev: <i>vi avstyrker</i>.", WebUtility.HtmlDecode(await compilation.TextAsync()));
        }

        Assert.Equal(404, (await page.APIRequest.GetAsync($"/staff/consultations/{id}/attachments/{env.DocumentId}")).Status);
        await context.CloseAsync();
    }

    [Fact]
    public async Task ConsultationForms_WithoutAntiforgeryToken_RefusedInSwedishNothingChanges()
    {
        var (id, links) = await env.OpenAsync(1);
        var email = links.Keys.Single();
        var before = await StatusAsync(env.Admin, id);
        var (context, page) = await StaffPageAsync();
        await page.GotoAsync($"staff/consultations/{id}");

        var forms = new Dictionary<string, Dictionary<string, string>>
        {
            ["consultees"] = new() { ["consultees"] = $"Smygare; smyg.{Guid.NewGuid():N}@example.org; Ingen" },
            ["deadline"] = new() { ["deadline"] = SwedishTime.Today(TimeProvider.System).AddDays(30).ToString("yyyy-MM-dd") },
            ["cancel"] = new() { ["reason"] = "Utan token" },
            ["close"] = new(),
            ["responses"] = new()
            {
                ["consulteeId"] = Consultee(before, email).GetProperty("id").GetString()!, ["position"] = "supports", ["comments"] = "Smyg", ["respondentName"] = "Smygare",
            },
        };
        foreach (var (path, fields) in forms)
        {
            var form = page.APIRequest.CreateFormData();
            foreach (var (key, value) in fields)
            {
                form.Set(key, value);
            }

            var refused = await page.APIRequest.PostAsync($"staff/consultations/{id}/{path}", new() { Form = form, MaxRedirects = 0 });
            Assert.True(refused.Status == 400, $"{path}: {refused.Status}");
            Assert.StartsWith("text/html", refused.Headers["content-type"]);
            Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refused.TextAsync()));
        }

        var after = await StatusAsync(env.Admin, id);
        Assert.Equal("open", after.GetProperty("state").GetString());
        Assert.Equal(before.GetProperty("deadline").GetDateTimeOffset(), after.GetProperty("deadline").GetDateTimeOffset());
        Assert.Equal(1, after.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(0, Consultee(after, email).GetProperty("versions").GetInt32());
        await context.CloseAsync();
    }

    [Fact]
    public async Task ConsultationPageAndForms_AnonymousAndWrongRole_SignInRedirectAndSwedish403Page()
    {
        var (id, _) = await env.OpenAsync(1);
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = env.Host.BaseAddress };
        using (var redirect = await anonymous.GetAsync($"staff/consultations/{id}"))
        {
            Assert.Equal(HttpStatusCode.Found, redirect.StatusCode);
            Assert.Equal($"/dev/signin?returnUrl=%2Fstaff%2Fconsultations%2F{id}", redirect.Headers.Location!.OriginalString);
        }

        using (var post = await anonymous.PostAsync($"staff/consultations/{id}/cancel", new FormUrlEncodedContent([new("reason", "Anonym")])))
        {
            Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
            Assert.StartsWith("/dev/signin", post.Headers.Location!.OriginalString);
        }

        var principal = await env.Host.TokenAsync(DemoPeople.Principal);
        foreach (var (method, path) in new[]
                 {
                     ("GET", $"staff/consultations/{id}"), ("GET", $"staff/consultations/{id}/document"), ("POST", $"staff/consultations/{id}/consultees"),
                     ("POST", $"staff/consultations/{id}/deadline"), ("POST", $"staff/consultations/{id}/cancel"), ("POST", $"staff/consultations/{id}/responses"),
                 })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path);
            request.Headers.Add("Cookie", "bra_dev_staff=" + principal);
            if (method == "POST")
            {
                request.Content = new FormUrlEncodedContent([new("reason", "Fel roll")]);
            }

            using var response = await anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains("Åtkomst nekad", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal("open", (await StatusAsync(env.Admin, id)).GetProperty("state").GetString());

        // The 403 page in the browser: axe clean on desktop and phone.
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = principal, Url = env.Host.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        Assert.Equal(403, (await page.GotoAsync($"staff/consultations/{id}"))!.Status);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "403 page");
        await context.CloseAsync();
    }

    [Fact]
    public async Task RegisterResponseForm_ContentLengthLies_RefusedInSwedishNothingStored()
    {
        var (id, links) = await env.OpenAsync(1);
        var email = links.Keys.Single();
        var consulteeId = Consultee(await StatusAsync(env.Admin, id), email).GetProperty("id").GetString()!;
        var form = await RawHttp.StaffFormTokenAsync(env.Host, DemoPeople.Coordinator, $"staff/consultations/{id}", $"/staff/consultations/{id}/responses");
        var pdf = Pdf("Bilaga " + new string('x', 64 * 1024));
        var (contentType, body) = RawHttp.Multipart(
            new Dictionary<string, string> { [form.Field] = form.Value, ["consulteeId"] = consulteeId, ["position"] = "supports", ["comments"] = "Ljuger om längden", ["respondentName"] = "Lögnare" },
            ("attachment", "svar.pdf", "application/pdf", pdf));
        var path = $"staff/consultations/{id}/responses";

        // Claims less than the form is: the server reads only what was declared, a cut-off form, and refuses it. (Bytes
        // past the declared length are never this request's body in HTTP/1.1 framing, so only the declared ones are sent.)
        var cut = await RawHttp.PostAsync(env.Host.BaseAddress, path, form.Cookies, contentType, body.AsMemory(0, 4096), declaredLength: 4096);
        Assert.True(cut.Status == 400, cut.ToString());
        Assert.Contains("Formuläret kom inte fram i sin helhet, så ingenting har sparats.", cut.Page);
        Assert.Contains("Content-Type: text/html", cut.Head);
        Assert.Equal(0, Consultee(await StatusAsync(env.Admin, id), email).GetProperty("versions").GetInt32());

        // Claims more than the form's limit: refused at once with 413, before anything is read.
        var claimed = await RawHttp.PostAsync(env.Host.BaseAddress, path, form.Cookies, contentType, body, declaredLength: 11L * 1024 * 1024);
        Assert.Equal(413, claimed.Status);
        Assert.Contains("Formuläret är för stort", claimed.Page);
        Assert.Equal(0, Consultee(await StatusAsync(env.Admin, id), email).GetProperty("versions").GetInt32());

        // The same form, honest about its length, is taken (so the refusals above were about the length only).
        var honest = await RawHttp.PostAsync(env.Host.BaseAddress, path, form.Cookies, contentType, body, declaredLength: body.Length);
        Assert.Equal(303, honest.Status);
        var consultee = Consultee(await StatusAsync(env.Admin, id), email);
        Assert.Equal(1, consultee.GetProperty("versions").GetInt32());
    }

    private async Task<(IBrowserContext Context, IPage Page)> StaffPageAsync()
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString() });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await env.Host.TokenAsync(DemoPeople.Coordinator), Url = env.Host.BaseAddress.ToString() }]);
        return (context, await context.NewPageAsync());
    }
}
