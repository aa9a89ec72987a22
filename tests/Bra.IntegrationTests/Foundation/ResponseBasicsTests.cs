using System.Net;
using System.Text;
using Bra.Core.Consultations;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Support.Polling;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// What every response of the development host carries, served through the same route table and dispatcher as the
/// Functions app: download names for å/ä/ö, security headers, the Swedish 404 page and the icon.
/// </summary>
public sealed class ResponseBasicsTests(ResponseBasicsFixture fixture) : IClassFixture<ResponseBasicsFixture>
{
    private HttpClient Admin => fixture.Admin;

    [Fact]
    public async Task GetDocument_SwedishFileName_Rfc6266AttachmentWithUtf8NameAndAsciiFallback()
    {
        const string name = "Åtgärdsplan för Älvängen.md";
        var id = await Cameras.CameraTestData.UploadDocumentAsync(Admin, name);

        using var download = await Admin.GetAsync($"api/documents/{id}");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        AssertAttachment(download, name, "filename*=UTF-8''%C3%85tg%C3%A4rdsplan%20f%C3%B6r%20%C3%84lv%C3%A4ngen.md");
        Assert.Equal("nosniff", Header(download, "X-Content-Type-Options"));
        Assert.Equal("no-store", download.Headers.CacheControl?.ToString());
        Assert.Equal(64, Header(download, "X-Content-SHA256").Length);
    }

    [Fact]
    public async Task GetCameraRegister_Csv_SwedishFileNameBomAndSemicolons()
    {
        using var csv = await Admin.GetAsync("api/camera-register?format=csv");

        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var fileName = csv.Content.Headers.ContentDisposition?.FileNameStar;
        Assert.Matches(@"^kameraförteckning-\d{4}-\d{2}-\d{2}\.csv$", fileName);
        AssertAttachment(csv, fileName!, "filename*=UTF-8''kameraf%C3%B6rteckning-");
        await AssertSpreadsheetCsvAsync(csv, "Id;Plats;");
    }

    [Fact]
    public async Task GetCompilation_Csv_SwedishFileNameBomAndSemicolons()
    {
        using var csv = await EventuallyAsync(() => Admin.GetAsync($"api/consultations/{DemoConsultation.ConsultationId}/compilation?format=csv"),
            r => r.StatusCode == HttpStatusCode.OK, TimeSpan.FromSeconds(60), "the demo consultation");

        // The demo consultation is open, so this is the preview (the stored compilation is named without the suffix).
        AssertAttachment(csv, $"remissammanställning-{DemoConsultation.ConsultationId}-förhandsvisning.csv", "filename*=UTF-8''remissammanst%C3%A4llning-");
        Assert.Equal("nosniff", Header(csv, "X-Content-Type-Options"));
        await AssertSpreadsheetCsvAsync(csv, "Remiss;Diarienummer;");
    }

    [Fact]
    public async Task Responses_ApiJsonProblemAndPage_NosniffAndNoStore()
    {
        using var people = await Admin.GetAsync("api/people");
        using var problem = await Admin.GetAsync("api/people/finns-inte");
        using var page = await Admin.GetAsync("staff/cameras");
        using var health = await fixture.Host.Client.GetAsync("api/health");

        Assert.Equal(HttpStatusCode.OK, people.StatusCode);
        Assert.Equal("application/json", people.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, problem.StatusCode);
        Assert.Equal("application/problem+json", problem.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        foreach (var response in new[] { people, problem, page, health })
        {
            Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
            // A page with a form also gets the anti-forgery service's own "no-cache" beside the route's "no-store".
            Assert.True(response.Headers.CacheControl is { NoStore: true, Public: false, MaxAge: null }, response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Responses_EachRoutesResponsePolicy_PublicOnlyForTheStartPageAndIcon()
    {
        using var start = await fixture.Host.Client.GetAsync("");
        using var icon = await fixture.Host.Client.GetAsync("favicon.ico");
        using var link = await fixture.Host.Client.GetAsync("respond/" + new string('x', 43));
        using var missing = await fixture.Host.Client.GetAsync("finns-inte");
        using var openApi = await fixture.Host.Client.GetAsync("api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.Equal("public, max-age=300", start.Headers.CacheControl?.ToString());
        Assert.Equal("public, max-age=604800", icon.Headers.CacheControl?.ToString());
        foreach (var response in new[] { link, missing, openApi })
        {
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Responses_OverHttpsAtTheFrontEnd_HstsOnlyThen()
    {
        using var plain = await Admin.GetAsync("api/people");
        using var forwarded = new HttpRequestMessage(HttpMethod.Get, "api/people") { Headers = { { "X-Forwarded-Proto", "https" } } };
        using var https = await Admin.SendAsync(forwarded);

        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000", Header(https, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task UnknownPath_Page_Swedish404Page()
    {
        using var response = await fixture.Host.Client.GetAsync("nope/finns-inte");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"sv\">", html);
        Assert.Contains("<h1>Sidan finns inte</h1>", html);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Fact]
    public async Task UnknownPath_Api_404ProblemDocument()
    {
        using var response = await fixture.Host.Client.GetAsync("api/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Adressen finns inte", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task UnknownPath_PostOrPathOnlyServedForOtherMethods_404Not405()
    {
        using var post = await fixture.Host.Client.PostAsync("nope", new StringContent("x"));
        using var delete = await Admin.DeleteAsync("api/people");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("application/problem+json", delete.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Favicon_Get_200IconCacheable()
    {
        using var response = await fixture.Host.Client.GetAsync("favicon.ico");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/x-icon", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0, 0, 1, 0, 1, 0 }, bytes[..6]); // an ICO header with one image
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.True(response.Headers.CacheControl?.Public, response.Headers.CacheControl?.ToString());
    }

    private static void AssertAttachment(HttpResponseMessage response, string fileName, string encodedStart)
    {
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(fileName, disposition.FileNameStar);
        var fallback = disposition.FileName!.Trim('"');
        Assert.True(fallback.All(char.IsAscii), fallback);
        Assert.EndsWith(Path.GetExtension(fileName), fallback);
        Assert.Contains(encodedStart, string.Join(",", response.Content.Headers.GetValues("Content-Disposition")));
    }

    private static async Task AssertSpreadsheetCsvAsync(HttpResponseMessage response, string headerStart)
    {
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.StartsWith(headerStart, Encoding.UTF8.GetString(bytes[3..]));
        Assert.Contains("\r\n", Encoding.UTF8.GetString(bytes));
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : "";
}

public sealed class ResponseBasicsFixture : IAsyncLifetime
{
    private readonly AzuriteFixture azurite = new();

    public DevHostProcess Host { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await azurite.InitializeAsync();
        Host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await Host.StartAsync();
        Admin = await Host.ClientForAsync(DemoPeople.Coordinator);
    }

    public async Task DisposeAsync()
    {
        Admin?.Dispose();
        try
        {
            if (Host is not null)
            {
                await Host.DisposeAsync();
            }
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }
}
