using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bra.IntegrationTests.Support;
using Microsoft.Playwright;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Cameras;

/// <summary>
/// The camera register's forms in Chromium (issue 11): create and edit a site with its legal basis and assessment, add, change
/// and remove cameras, create, submit and withdraw a change request with its assessment; the refusals (no token, the data
/// protection officer, a decision-maker who is not an administrator, anonymous, a body larger than it says).
/// </summary>
public sealed class CameraSiteFormsBrowserTests(CameraFormsHost env, BrowserFixture browser) : IClassFixture<CameraFormsHost>, IClassFixture<BrowserFixture>
{
    private const string HeadOfEducation = "bildningschef@example.se";

    [Fact]
    public async Task EditSiteForm_KeyboardOnlyWithBadValues_SwedishErrorsValuesKeptNothingSavedThenSavedInHistory()
    {
        var site = await NewSiteAsync("Formtorget");
        var id = site.GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync(Coordinator);
        Assert.Equal(200, (await page.GotoAsync($"staff/cameras/{id}"))!.Status);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "site page with forms");

        // Keyboard only, from the top of the page: a new name, a retention over the rule of thumb without a reason, and a
        // date that can be read two ways, typed as a browser without a date picker sends it (the field is a date input).
        Assert.Equal("date", await page.GetAttributeAsync("#legalBasis-validUntil", "type"));
        await page.EvalOnSelectorAsync("#legalBasis-validUntil", "e => e.type = 'text'");
        await BrowserFixture.TabUntilAsync(page, "#name", null);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("Formtorget <b>ny</b>");
        await BrowserFixture.TabUntilAsync(page, "#retentionHours", null);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("96");
        await BrowserFixture.TabUntilAsync(page, "#legalBasis-validUntil", null);
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.TypeAsync("1/2/2030");
        await BrowserFixture.TabUntilAsync(page, "button[type=submit]", "Spara platsen");
        var refused = await page.RunAndWaitForResponseAsync(() => page.Keyboard.PressAsync("Enter"), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        await page.WaitForSelectorAsync("#fel-rubrik");
        var summary = await page.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("Platsen kunde inte sparas", summary);
        Assert.Contains("Lagringstid över 72 timmar kräver en skriftlig motivering.", summary);
        Assert.Contains("Giltigt till och med: ”1/2/2030” kan läsas både som 1 februari 2030 (2030-02-01) och 2 januari 2030 (2030-01-02). Skriv datumet som ÅÅÅÅ-MM-DD, till exempel", summary);
        var links = await page.Locator(".error-summary a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#legalBasis-validUntil", "#retentionReason"], links.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal("Formtorget <b>ny</b>", await page.InputValueAsync("#name"));
        Assert.Equal("96", await page.InputValueAsync("#retentionHours"));
        Assert.Equal("1/2/2030", await page.GetAttributeAsync("#legalBasis-validUntil", "value"));
        Assert.Equal("true", await page.GetAttributeAsync("#legalBasis-validUntil", "aria-invalid"));
        var unchanged = await SiteAsync(id);
        Assert.Equal(site.GetProperty("name").GetString(), unchanged.GetProperty("name").GetString());
        Assert.Equal(site.GetProperty("revision").GetInt32(), unchanged.GetProperty("revision").GetInt32());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "site form with errors");

        // Corrected: POST-redirect-GET to the page with a notice; the change is stored and told in the history.
        await page.FillAsync("#legalBasis-validUntil", "2030-12-31");
        await page.FillAsync("#retentionReason", "Helgbevakning kräver längre lagring.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara platsen" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=sparad");
        Assert.Contains("Platsen är sparad.", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal("Formtorget <b>ny</b>", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Platsen ändrades av Sam Samordnare", await page.Locator("#historik + ol").InnerTextAsync());
        var saved = await SiteAsync(id);
        Assert.Equal("Formtorget <b>ny</b>", saved.GetProperty("name").GetString());
        Assert.Equal(96, saved.GetProperty("retentionHours").GetInt32());
        Assert.Equal("2030-12-31", saved.GetProperty("legalBasis").GetProperty("validUntil").GetString());
        Assert.Equal("DI-2022-1", saved.GetProperty("legalBasis").GetProperty("decisionNumber").GetString());
        Assert.Equal(1, saved.GetProperty("cameras").GetArrayLength());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "saved site");
        await context.CloseAsync();
    }

    [Fact]
    public async Task CreateSiteForm_NameMissingThenGiven_ErrorsAndFileAskedAgainThenCreatedWithUploadedAssessment()
    {
        var (context, page) = await StaffPageAsync(Coordinator);
        Assert.Equal(200, (await page.GotoAsync("staff/cameras"))!.Status);
        var before = (await env.Admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).GetArrayLength();
        var name = "Ny plats " + Guid.NewGuid().ToString("N")[..6];
        var assessment = Encoding.UTF8.GetBytes("# Intresseavvägning\n\nBevakningen behövs vid busshållplatsen.\n");
        var file = new FilePayload { Name = "bedomning.md", MimeType = "text/markdown", Buffer = assessment };

        await page.SelectOptionAsync("#unitId", CouncilUnitId);
        await page.FillAsync("#purpose", "Förebygga skadegörelse vid hållplatsen");
        await page.CheckAsync("#operators");
        await page.CheckAsync("#legalBasis-type-ownAssessment");
        await page.FillAsync("#legalBasis-decisionReference", "KS 2026/77");
        await page.FillAsync("#legalBasis-decidedBy", "Kommunstyrelsen");
        await page.FillAsync("#legalBasis-decidedOn", Date(Today.AddDays(-3)));
        await page.FillAsync("#legalBasis-validUntil", Date(Today.AddYears(2)));
        await page.SetInputFilesAsync("#legalBasis-assessment", file);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Skapa platsen" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        var summary = await page.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("Platsen kunde inte skapas", summary);
        Assert.Contains("Ange platsens namn.", summary);
        Assert.Contains("Välj filen igen", summary);
        Assert.Equal("Förebygga skadegörelse vid hållplatsen", await page.InputValueAsync("#purpose"));
        Assert.Equal("KS 2026/77", await page.InputValueAsync("#legalBasis-decisionReference"));
        Assert.True(await page.IsCheckedAsync("#legalBasis-type-ownAssessment"));
        Assert.True(await page.IsCheckedAsync("#operators"));
        Assert.Equal(CouncilUnitId, await page.InputValueAsync("#unitId"));
        Assert.Equal(before, (await env.Admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).GetArrayLength());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "create form with errors");

        await page.FillAsync("#name", name);
        await page.SetInputFilesAsync("#legalBasis-assessment", file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa platsen" }).ClickAsync();
        await page.WaitForURLAsync("**/staff/cameras/*?klart=skapad");
        Assert.Contains("Platsen är skapad.", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal(name, (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Contains("Platsen skapades av Sam Samordnare", await page.Locator("#historik + ol").InnerTextAsync());
        Assert.Contains("Sparad: bedomning.md", await page.Locator("#legalBasis-assessment-tips").InnerTextAsync());

        var id = new Uri(page.Url).Segments[^1];
        var created = await SiteAsync(id);
        Assert.Equal("planned", created.GetProperty("state").GetString());
        Assert.Equal("ownAssessment", created.GetProperty("legalBasis").GetProperty("type").GetString());
        var documentId = created.GetProperty("legalBasis").GetProperty("assessmentDocumentId").GetString()!;
        using var download = await env.Admin.GetAsync($"api/documents/{documentId}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(SHA256.HashData(assessment), SHA256.HashData(await download.Content.ReadAsByteArrayAsync()));
        Assert.Equal(before + 1, (await env.Admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).GetArrayLength());
        await context.CloseAsync();
    }

    [Fact]
    public async Task CameraForms_AddWithoutAudioReasonThenChangeAndRemove_ErrorKeptThenEachChangeInSwedishHistory()
    {
        var id = (await NewSiteAsync("Kameratorget")).GetProperty("id").GetString()!;
        var cameraId = (await SiteAsync(id)).GetProperty("cameras")[0].GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync(Coordinator);
        await page.GotoAsync($"staff/cameras/{id}");

        await page.FillAsync("#camera-new-label", "K9");
        await page.FillAsync("#camera-new-placement", "Entrén");
        await page.CheckAsync("#camera-new-features-audioRecording");
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Lägg till kameran" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        Assert.Contains("Ljudupptagning är avstängd om inte ett skriftligt skäl anges.", await page.Locator(".error-summary").InnerTextAsync());
        Assert.Equal("#camera-new-audioReason", await page.GetAttributeAsync(".error-summary a", "href"));
        Assert.Equal("K9", await page.InputValueAsync("#camera-new-label"));
        Assert.Equal("Entrén", await page.InputValueAsync("#camera-new-placement"));
        Assert.True(await page.IsCheckedAsync("#camera-new-features-audioRecording"));
        Assert.Equal(1, (await SiteAsync(id)).GetProperty("cameras").GetArrayLength());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "camera form with errors");

        await page.FillAsync("#camera-new-audioReason", "Larmverifiering enligt beslut");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lägg till kameran" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=kamera-tillagd");
        Assert.Contains("Kameran är tillagd.", await page.Locator("[role=status]").InnerTextAsync());
        var cameras = (await SiteAsync(id)).GetProperty("cameras");
        Assert.Equal(2, cameras.GetArrayLength());
        Assert.True(cameras[1].GetProperty("audioRecording").GetBoolean());

        await page.FillAsync($"#camera-{cameraId}-label", "C1 norr");
        await page.GetByRole(AriaRole.Button, new() { Name = "Spara kameran C1" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=kamera-sparad");
        Assert.Equal("C1 norr", (await SiteAsync(id)).GetProperty("cameras")[0].GetProperty("label").GetString());
        Assert.True((await SiteAsync(id)).GetProperty("cameras")[0].GetProperty("privacyMasking").GetBoolean());

        await page.GetByRole(AriaRole.Button, new() { Name = "Ta bort kameran K9" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=kamera-borttagen");
        cameras = (await SiteAsync(id)).GetProperty("cameras");
        Assert.Equal(1, cameras.GetArrayLength());
        Assert.Equal("C1 norr", cameras[0].GetProperty("label").GetString());
        var history = await page.Locator("#historik + ol").InnerTextAsync();
        Assert.Contains("En kamera lades till av Sam Samordnare – K9", history);
        Assert.Contains("En kamera ändrades av Sam Samordnare – C1 norr", history);
        Assert.Contains("En kamera togs bort av Sam Samordnare", history);
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "after removing a camera");
        await context.CloseAsync();
    }

    [Fact]
    public async Task RequestForms_CreateWithoutThenWithUploadedAssessment_DraftThenSubmittedThenWithdrawn()
    {
        var id = (await NewSiteAsync("Ärendetorget")).GetProperty("id").GetString()!;
        var (context, page) = await StaffPageAsync(Coordinator);
        await page.GotoAsync($"staff/cameras/{id}");
        var until = Date(Today.AddYears(3));

        await page.SelectOptionAsync("#request-kind", "extension");
        await page.FillAsync("#request-requestedPeriod-to", until);
        var refused = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Skapa ärendet" }).ClickAsync(), r => r.Request.Method == "POST");
        Assert.Equal(400, refused.Status);
        var summary = await page.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("Ärendet kunde inte skapas", summary);
        Assert.Contains("Ange motiveringen till ärendet.", summary);
        Assert.Contains("Välj filen med den dokumenterade intresseavvägningen", summary);
        var links = await page.Locator(".error-summary a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(["#request-assessment", "#request-justification"], links.Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(until, await page.InputValueAsync("#request-requestedPeriod-to"));
        Assert.Equal("extension", await page.InputValueAsync("#request-kind"));
        Assert.Empty(await RequestsOfAsync(id));
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "request form with errors");

        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% Bedömning inför förlängning\n%%EOF\n");
        await page.FillAsync("#request-justification", "Bevakningen behövs även kommande period.");
        await page.SetInputFilesAsync("#request-assessment", new FilePayload { Name = "forlangning.pdf", MimeType = "application/pdf", Buffer = pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Skapa ärendet" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=arende-skapat");
        Assert.Contains("Ärendet är sparat som utkast.", await page.Locator("[role=status]").InnerTextAsync());
        var request = Assert.Single(await RequestsOfAsync(id));
        Assert.Equal("draft", request.GetProperty("state").GetString());
        Assert.Equal(until, request.GetProperty("requestedPeriod").GetProperty("to").GetString());
        using (var document = await env.Admin.GetAsync($"api/documents/{request.GetProperty("assessmentDocumentId").GetString()}"))
        {
            Assert.Equal(pdf, await document.Content.ReadAsByteArrayAsync());
        }

        var requestId = request.GetProperty("id").GetString()!;
        await page.GetByRole(AriaRole.Button, new() { Name = "Skicka in förlängning för beslut" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=arende-inskickat");
        Assert.Contains("Ärendet är inskickat för beslut.", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal("submitted", (await env.Admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{requestId}")).GetProperty("state").GetString());
        Assert.Equal(1, await page.Locator($"a[href='/staff/camera-requests/{requestId}']").CountAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla förlängning" }).ClickAsync();
        await page.WaitForURLAsync("**?klart=arende-aterkallat");
        Assert.Contains("Ärendet är återkallat.", await page.Locator("[role=status]").InnerTextAsync());
        Assert.Equal("withdrawn", (await env.Admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{requestId}")).GetProperty("state").GetString());
        Assert.Contains("Förlängning: återkallat", await page.Locator("main").InnerTextAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, await page.GetByRole(AriaRole.Button, new() { Name = "Återkalla förlängning" }).CountAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "withdrawn request");
        await context.CloseAsync();
    }

    [Fact]
    public async Task CameraForms_WithoutAntiforgeryToken_RefusedInSwedishNothingChanges()
    {
        var site = await NewSiteAsync("Tokentorget");
        var id = site.GetProperty("id").GetString()!;
        var cameraId = site.GetProperty("cameras")[0].GetProperty("id").GetString()!;
        var draft = await CreateRequestAsync(id);
        var (context, page) = await StaffPageAsync(Coordinator);
        await page.GotoAsync($"staff/cameras/{id}");

        string[] paths =
        [
            "staff/cameras", $"staff/cameras/{id}", $"staff/cameras/{id}/cameras", $"staff/cameras/{id}/cameras/{cameraId}",
            $"staff/cameras/{id}/cameras/{cameraId}/remove", $"staff/cameras/{id}/requests", $"staff/camera-requests/{draft}/submit",
            $"staff/camera-requests/{draft}/withdraw",
        ];
        foreach (var path in paths)
        {
            var form = page.APIRequest.CreateFormData().Set("name", "Smygplats").Set("label", "Smyg").Set("kind", "extension")
                .Set("justification", "Utan token").Set("unitId", CouncilUnitId).Set("purpose", "X").Set("retentionHours", "24")
                .Set("accessPolicy", "namedOperators").Set("operators", "demo-samordnare").Set("state", "planned");
            var refused = await page.APIRequest.PostAsync(path, new() { Form = form, MaxRedirects = 0 });
            Assert.True(refused.Status == 400, $"{path}: {refused.Status}");
            Assert.StartsWith("text/html", refused.Headers["content-type"]);
            Assert.Contains("Formuläret kunde inte tas emot", WebUtility.HtmlDecode(await refused.TextAsync()));
        }

        var after = await SiteAsync(id);
        Assert.Equal(site.GetProperty("revision").GetInt32(), after.GetProperty("revision").GetInt32());
        Assert.Equal("C1", after.GetProperty("cameras")[0].GetProperty("label").GetString());
        Assert.Equal("draft", Assert.Single(await RequestsOfAsync(id)).GetProperty("state").GetString());
        Assert.DoesNotContain((await env.Admin.GetFromJsonAsync<JsonElement>("api/camera-sites")).EnumerateArray(), s => s.GetProperty("name").GetString() == "Smygplats");
        await context.CloseAsync();
    }

    [Fact]
    public async Task CameraForms_DataProtectionOfficerDecisionMakerAndAnonymous_NoFormsOr403PageOrSignIn()
    {
        var site = await NewSiteAsync("Granskningstorget");
        var id = site.GetProperty("id").GetString()!;
        var request = await CreateRequestAsync(id);
        Assert.Equal(HttpStatusCode.Accepted, (await env.Admin.PostAsync($"api/camera-requests/{request}/submit", null)).StatusCode);

        // The data protection officer reads the site without forms; a post with a valid token of theirs is refused with the 403 page.
        var (context, page) = await StaffPageAsync(DataProtectionOfficer);
        Assert.Equal(200, (await page.GotoAsync($"staff/cameras/{id}"))!.Status);
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        Assert.Contains("Ändringshistorik", await page.Locator("main").InnerTextAsync());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "site page for the data protection officer");
        Assert.Equal(200, (await page.GotoAsync("staff/cameras"))!.Status);
        Assert.Equal(0, await page.Locator("main form").CountAsync());
        var token = (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))!;
        foreach (var path in new[] { $"staff/cameras/{id}", $"staff/cameras/{id}/cameras", $"staff/camera-requests/{request}/withdraw" })
        {
            var refused = await page.APIRequest.PostAsync(path, new()
            {
                Form = page.APIRequest.CreateFormData().Set("__RequestVerificationToken", token).Set("name", "Ändrad av DSO").Set("label", "DSO"),
                MaxRedirects = 0,
            });
            Assert.True(refused.Status == 403, $"{path}: {refused.Status}");
            Assert.StartsWith("text/html", refused.Headers["content-type"]);
            Assert.Contains("Åtkomst nekad", WebUtility.HtmlDecode(await refused.TextAsync()));
        }

        var after = await SiteAsync(id);
        Assert.Equal(site.GetProperty("revision").GetInt32(), after.GetProperty("revision").GetInt32());
        Assert.Equal("submitted", (await env.Admin.GetFromJsonAsync<JsonElement>($"api/camera-requests/{request}")).GetProperty("state").GetString());
        await context.CloseAsync();

        // A decision-maker who is not an administrator follows the site link on the request's page: the Swedish 403 page, not JSON.
        (context, page) = await StaffPageAsync(HeadOfEducation);
        Assert.Equal(200, (await page.GotoAsync($"staff/camera-requests/{request}"))!.Status);
        var followed = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Link, new() { Name = "Granskningstorget", Exact = false }).ClickAsync(), r => r.Url.EndsWith($"/staff/cameras/{id}", StringComparison.Ordinal));
        Assert.Equal(403, followed.Status);
        Assert.StartsWith("text/html", followed.Headers["content-type"]);
        Assert.Equal("Åtkomst nekad", (await page.Locator("h1").InnerTextAsync()).Trim());
        await BrowserFixture.AssertAxeCleanAtDesktopAndPhoneAsync(page, "403 page for a decision-maker");
        await context.CloseAsync();

        // Without sign-in: the page redirects to sign-in and back; a form post to sign-in and the start page; nothing changes.
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = env.Host.BaseAddress };
        using (var get = await anonymous.GetAsync($"staff/cameras/{id}"))
        {
            Assert.Equal(HttpStatusCode.Found, get.StatusCode);
            Assert.Equal($"/dev/signin?returnUrl={Uri.EscapeDataString($"/staff/cameras/{id}")}", get.Headers.Location!.OriginalString);
        }

        using (var post = await anonymous.PostAsync($"staff/cameras/{id}", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Anonym" })))
        {
            Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
            Assert.StartsWith("/dev/signin", post.Headers.Location!.OriginalString);
        }

        Assert.Equal(site.GetProperty("name").GetString(), (await SiteAsync(id)).GetProperty("name").GetString());
    }

    [Fact]
    public async Task RequestForm_BodyLargerThanItsContentLengthSaysOrChunkedOverLimit_RefusedNothingStored()
    {
        var id = (await NewSiteAsync("Storlekstorget")).GetProperty("id").GetString()!;
        var cookie = "bra_dev_staff=" + await env.Host.TokenAsync(Coordinator);
        var path = $"staff/cameras/{id}/requests";
        var contentType = $"multipart/form-data; boundary={Boundary}";
        byte[] big = [.. MultipartHead(), .. Enumerable.Repeat((byte)'x', 27 * 1024 * 1024)];

        // Claims more than the limit (and sends little): refused before reading.
        var answer = await RawHttp.PostAsync(env.Host.BaseAddress, path, cookie, contentType, MultipartHead(), declaredLength: 30L * 1024 * 1024);
        Assert.True(answer.Status == 413, answer.ToString());
        Assert.Contains("Formuläret är för stort", answer.Page);

        // Claims a small body and sends 27 MB: only the declared bytes are read; the cut form is not one of ours.
        answer = await RawHttp.PostAsync(env.Host.BaseAddress, path, cookie, contentType, big, declaredLength: 2048);
        Assert.True(answer.Status is 400 or 413, answer.ToString());
        Assert.Contains("Formuläret", answer.Page);

        // No length at all (chunked) and over the limit: the bounded reader stops at the limit.
        answer = await RawHttp.PostAsync(env.Host.BaseAddress, path, cookie, contentType, big, declaredLength: null);
        Assert.True(answer.Status == 413, answer.ToString());
        Assert.Contains("Formuläret är för stort", answer.Page);

        Assert.Empty(await RequestsOfAsync(id));
        Assert.Equal("ok", (await env.Host.Client.GetFromJsonAsync<JsonElement>("api/health")).GetProperty("status").GetString());
    }

    private const string Boundary = "grans0123456789";

    /// <summary>The start of a request form whose file part goes on as long as the test sends bytes (no closing boundary).</summary>
    private static byte[] MultipartHead() => Encoding.UTF8.GetBytes(
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nextension\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"justification\"\r\n\r\nFör stor\r\n" +
        $"--{Boundary}\r\nContent-Disposition: form-data; name=\"assessment\"; filename=\"stor.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n");

    private async Task<JsonElement> NewSiteAsync(string name) =>
        await CreateSiteAsync(env.Admin, PublicSite($"{name} {Guid.NewGuid().ToString("N")[..6]}", Today.AddYears(1)));

    private async Task<JsonElement> SiteAsync(string id) => await env.Admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{id}");

    private async Task<List<JsonElement>> RequestsOfAsync(string siteId) =>
        (await env.Admin.GetFromJsonAsync<JsonElement>("api/camera-requests")).EnumerateArray().Where(r => r.GetProperty("siteId").GetString() == siteId).ToList();

    private async Task<string> CreateRequestAsync(string siteId)
    {
        var document = await UploadDocumentAsync(env.Admin, "forlangning.md");
        using var response = await env.Admin.PostAsJsonAsync($"api/camera-sites/{siteId}/requests",
            new { kind = "extension", justification = "Behövs fortsatt.", assessmentDocumentId = document });
        var body = await response.JsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        return body.GetProperty("id").GetString()!;
    }

    private async Task<(IBrowserContext Context, IPage Page)> StaffPageAsync(string email)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = env.Host.BaseAddress.ToString(), Locale = "sv-SE" });
        await context.AddCookiesAsync([new Microsoft.Playwright.Cookie { Name = "bra_dev_staff", Value = await env.Host.TokenAsync(email), Url = env.Host.BaseAddress.ToString() }]);
        return (context, await context.NewPageAsync());
    }
}
