using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Blobs;
using Bra.Core.Consultations;
using Bra.Core.People;
using Bra.Core.Time;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

/// <summary>Long answers stored whole, the compilation stored at closing and served as stored, its attachments, and the early-close message.</summary>
public sealed partial class ConsultationCompilationTests(ConsultationHost env) : IClassFixture<ConsultationHost>
{
    [Fact]
    public async Task Answer_20000CharactersOfUmlautsQuotesAndMarkup_StoredAndIntactInCompilation()
    {
        var (id, links) = await env.OpenAsync(consultees: 1);
        var comments = string.Concat(Enumerable.Repeat("ä\"<", ConsultationRules.MaxComments / 3 + 1))[..ConsultationRules.MaxComments];

        using (var answered = await AnswerAsync(env.Host.Client, links.Values.Single(), "opposes", comments, "Åsa \"Ärlig\" <Öberg>", "Rektor & chef"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        Assert.Equal(comments, AnswerText(await env.Admin.GetStringAsync($"api/consultations/{id}/compilation")));
        await CloseAsync(id);
        var html = await env.Admin.GetStringAsync($"api/consultations/{id}/compilation");
        Assert.Equal(comments, AnswerText(html));
        Assert.Contains("Åsa \"Ärlig\" <Öberg>, Rektor & chef", WebUtility.HtmlDecode(html));
    }

    [Fact]
    public async Task Compilation_BeforeClose_PreviewLabelledInEveryFormat()
    {
        var (id, links) = await env.OpenAsync(consultees: 1);
        using (await AnswerAsync(env.Host.Client, links.Values.Single(), "supports", "Bra förslag.", "Bo Bsson"))
        {
        }

        var html = WebUtility.HtmlDecode(await env.Admin.GetStringAsync($"api/consultations/{id}/compilation"));
        Assert.Contains(CompilationModel.PreviewTitle, html);
        Assert.Contains("Den slutliga sammanställningen sparas när remissen stängs", html);
        Assert.Contains("Förhandsvisning", await env.Admin.GetStringAsync($"api/consultations/{id}/compilation?format=md"));
        using var csv = await env.Admin.GetAsync($"api/consultations/{id}/compilation?format=csv");
        Assert.Contains("förhandsvisning", csv.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Theory]
    [InlineData("html")]
    [InlineData("csv")]
    [InlineData("md")]
    public async Task Compilation_AfterClose_StoredBytesServedUnchangedWithTheirSha256(string format)
    {
        var (id, links) = await env.OpenAsync(consultees: 2);
        using (await AnswerAsync(env.Host.Client, links.Values.First(), "supportsWithComments", "Med synpunkter: \"mer ljus\" <i>kvällstid</i>.", "Cilla Ceder"))
        {
        }

        var status = await CloseAsync(id);
        var blob = new BlobServiceClient(env.Azurite.ConnectionString).GetBlobContainerClient(ConsultationCloser.Container).GetBlobClient($"{id}.{format}");
        var stored = (await blob.DownloadContentAsync()).Value;
        var storedSha = Convert.ToHexStringLower(SHA256.HashData(stored.Content.ToArray()));
        Assert.Equal(storedSha, stored.Details.Metadata[ConsultationCloser.Sha256Metadata]);
        if (format == "html")
        {
            Assert.Equal(status.GetProperty("compilationSha256").GetString(), storedSha);
        }

        using var first = await env.Admin.GetAsync($"api/consultations/{id}/compilation?format={format}");
        using var second = await env.Admin.GetAsync($"api/consultations/{id}/compilation?format={format}");
        var firstBytes = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(stored.Content.ToArray(), firstBytes);
        Assert.Equal(firstBytes, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal(storedSha, first.Headers.GetValues("X-Content-SHA256").Single());
        Assert.DoesNotContain("Förhandsvisning", WebUtility.HtmlDecode(Encoding.UTF8.GetString(firstBytes)));
        Assert.Contains("Cilla Ceder", Encoding.UTF8.GetString(firstBytes));

        // Served from the stored blob, not rendered again: bytes no rendering makes, put into the blob, are what is served.
        var marked = stored.Content.ToArray().Concat(Encoding.UTF8.GetBytes($"\n{Guid.NewGuid():N}\n")).ToArray();
        await blob.UploadAsync(BinaryData.FromBytes(marked), overwrite: true);
        using var served = await env.Admin.GetAsync($"api/consultations/{id}/compilation?format={format}");
        Assert.Equal(marked, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(marked)), served.Headers.GetValues("X-Content-SHA256").Single());
    }

    [Fact]
    public async Task Compilation_AnswerRegisteredAfterClose_NewStoredRevisionServedFirstKept()
    {
        var (id, links) = await env.OpenAsync(consultees: 1);
        var first = await CloseAsync(id);
        var consulteeId = Consultee(first, links.Keys.Single()).GetProperty("id").GetString();

        using (var registered = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/responses",
                   new { consulteeId, position = "opposes", comments = "Kom per post efter stängningen.", respondentName = "Pappersbrev" }))
        {
            Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        }

        var status = await StatusAsync(env.Admin, id);
        var sha = status.GetProperty("compilationSha256").GetString();
        Assert.NotEqual(first.GetProperty("compilationSha256").GetString(), sha);
        using var served = await env.Admin.GetAsync($"api/consultations/{id}/compilation");
        var bytes = await served.Content.ReadAsByteArrayAsync();
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        Assert.Contains("Kom per post efter stängningen.", WebUtility.HtmlDecode(Encoding.UTF8.GetString(bytes)));
        Assert.Equal(bytes, await env.Admin.GetByteArrayAsync($"api/consultations/{id}/compilation"));
        var container = new BlobServiceClient(env.Azurite.ConnectionString).GetBlobContainerClient(ConsultationCloser.Container);
        var original = (await container.GetBlobClient($"{id}.html").DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(first.GetProperty("compilationSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(original)));
    }

    [Fact]
    public async Task Compilation_AnswerWithAttachment_AdministratorDownloadsItThroughItsLink()
    {
        var (id, links) = await env.OpenAsync(consultees: 1);
        var pdf = Pdf("Bilaga till remissvaret");
        using (var answered = await AnswerAsync(env.Host.Client, links.Values.Single(), "opposes", "Se bilagan.", "Dan Dahl", attachment: ("yttrande åäö.pdf", pdf)))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        await CloseAsync(id);
        var html = await env.Admin.GetStringAsync($"api/consultations/{id}/compilation");
        var link = AttachmentLink().Match(html);
        Assert.True(link.Success, "no attachment link in the compilation");
        Assert.Equal("yttrande åäö.pdf", WebUtility.HtmlDecode(link.Groups["name"].Value));
        var path = new Uri(WebUtility.HtmlDecode(link.Groups["url"].Value)).PathAndQuery;
        Assert.StartsWith($"/staff/consultations/{id}/attachments/", path);
        Assert.Contains(path, await env.Admin.GetStringAsync($"api/consultations/{id}/compilation?format=md"));

        // The link is followed in a browser: its sign-in (the cookie) counts under /staff, as on the consultation's page.
        using var browser = await BrowserClientAsync(DemoPeople.Coordinator);
        using var download = await browser.GetAsync(path.TrimStart('/'));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        using (var api = await env.Admin.GetAsync($"api/consultations/{id}/attachments/{path.Split('/')[^1]}"))
        {
            Assert.Equal(pdf, await api.Content.ReadAsByteArrayAsync());
        }

        using var principal = await BrowserClientAsync(DemoPeople.Principal);
        using (var forbidden = await principal.GetAsync(path.TrimStart('/')))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        // The consultation's own document is no attachment of an answer: not served through this route.
        using var other = await env.Admin.GetAsync($"api/consultations/{id}/attachments/{env.DocumentId}");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task RespondForm_AfterEarlyClose_SaysClosedAndWhen()
    {
        var (id, links) = await env.OpenAsync(consultees: 1, open: TimeSpan.FromDays(21));

        var status = await CloseAsync(id);
        using var page = await env.Host.Client.GetAsync($"respond/{links.Values.Single()}");

        var text = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Remissen är stängd", text);
        Assert.Contains($"Remissen stängdes {SwedishTime.Format(status.GetProperty("closedAt").GetDateTimeOffset())}", text);
        Assert.DoesNotContain("Svarstiden har gått ut", text);
        Assert.DoesNotContain("Sista svarsdag var", text);
    }

    private async Task<JsonElement> CloseAsync(string id)
    {
        using var close = await env.Admin.PostAsync($"api/consultations/{id}/close", null);
        Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        return await WaitForStatusAsync(env.Admin, id, s => s.TryGetProperty("compilationSha256", out var sha) && sha.ValueKind == JsonValueKind.String,
            TimeSpan.FromSeconds(60));
    }

    /// <summary>The one answer's comments as shown in the compilation page.</summary>
    private static string AnswerText(string html) => WebUtility.HtmlDecode(AnswerBlock().Match(html).Groups[1].Value);

    [GeneratedRegex("""<pre class="answer">(.*?)</pre>""", RegexOptions.Singleline)]
    private static partial Regex AnswerBlock();

    /// <summary>A client signed in the way the development host's browser sign-in does it (the cookie, no bearer token).</summary>
    private async Task<HttpClient> BrowserClientAsync(string email)
    {
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = env.Host.BaseAddress };
        client.DefaultRequestHeaders.Add("Cookie", "bra_dev_staff=" + await env.Host.TokenAsync(email));
        return client;
    }

    [GeneratedRegex("""<a href="(?<url>[^"]+/attachments/[^"]+)"[^>]*>(?<name>[^<]+)</a>""")]
    private static partial Regex AttachmentLink();
}
