using System.Net;
using System.Net.Http.Json;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>A host whose signer links stay readable for 30 seconds after completion (long enough for a slow machine to produce the certificate within it).</summary>
public sealed class AgreementReadPeriodHost() : ConsultationHost(new Dictionary<string, string>
{
    ["Agreements__ReadPeriodAfterCompletion"] = "00:00:30",
    ["Agreements__MaxAttachmentBytes"] = "0",
});

/// <summary>
/// Issue 22, links that stop: a signer's link (page, document, certificate) answers 410 with a Swedish page once the
/// agreement is cancelled or declined, and after the read period past completion.
/// </summary>
public sealed class AgreementLinkEndTests(AgreementReadPeriodHost env) : IClassFixture<AgreementReadPeriodHost>
{
    [Fact]
    public async Task Cancel_SignerLinks_PageDocumentAndCertificate410WithSwedishPage()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var token = (await WaitForLinksAsync(env.Capture, id, 1))[emails[0]];
        using (var document = await env.Host.Client.GetAsync($"sign/{token}/document"))
        {
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        }

        using (var cancel = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/cancel", new { reason = "Fel dokument." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        foreach (var path in new[] { $"sign/{token}", $"sign/{token}/document", $"sign/{token}/certificate" })
        {
            using var response = await env.Host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Contains("Överenskommelsen är återkallad", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Decline_OtherSignersLinks_PageAndDocument410()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        using (var declined = await DeclineAsync(env.Host.Client, links[emails[1]], "Vi avstår."))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        }

        await WaitForStateAsync(env.Admin, id, "declined");
        foreach (var path in new[] { $"sign/{links[emails[0]]}", $"sign/{links[emails[0]]}/document" })
        {
            using var response = await env.Host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Contains("Överenskommelsen är avböjd", html);
            Assert.DoesNotContain("Vi avstår.", html);
        }

        using var own = await env.Host.Client.GetAsync($"sign/{links[emails[1]]}/document");
        Assert.Equal(HttpStatusCode.Gone, own.StatusCode);
    }

    [Fact]
    public async Task Completed_CompletionLinkServesCopyThenAfterReadPeriod410_InvitationLinkReplaced()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var invitation = (await WaitForLinksAsync(env.Capture, id, 1))[emails[0]];
        var sha = (await WaitForInvitedAsync(env.Admin, id, emails)).GetProperty("documentSha256").GetString()!;
        using (var signed = await SignAsync(env.Host.Client, invitation, "Part 1", sha))
        {
            Assert.True(signed.StatusCode == HttpStatusCode.OK, $"signing gave {(int)signed.StatusCode}");
        }

        // Attachments are off in this host, so the completion mail carries a new personal link; the invitation's is replaced by it.
        var completion = (await WaitForLinksAsync(env.Capture, id, 1, "completed"))[emails[0]];
        Assert.NotEqual(invitation, completion);
        foreach (var path in new[] { $"sign/{completion}/document", $"sign/{completion}/certificate" })
        {
            using var response = await env.Host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path.Replace(completion, "{token}", StringComparison.Ordinal)} right after completion gave {(int)response.StatusCode}");
        }

        using (var old = await env.Host.Client.GetAsync($"sign/{invitation}/certificate"))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
            Assert.Contains("Länken har ersatts", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()));
        }

        // The read period (30 s) passes: the link stops for the page, the document and the certificate.
        await Polling.EventuallyAsync(async () =>
        {
            using var page = await env.Host.Client.GetAsync($"sign/{completion}");
            return page.StatusCode;
        }, s => s == HttpStatusCode.Gone, TimeSpan.FromSeconds(90), "the completed agreement's link to expire");
        foreach (var path in new[] { $"sign/{completion}/document", $"sign/{completion}/certificate" })
        {
            using var response = await env.Host.Client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Contains("Länken har upphört att gälla", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task ReplaceSigner_OldLinksDocument410()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var token = (await WaitForLinksAsync(env.Capture, id, 1))[emails[0]];
        var signerId = Signer(await StatusAsync(env.Admin, id), emails[0]).GetProperty("id").GetString()!;
        using (var replaced = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/signers/{signerId}/replace", new { name = "Ny Person", email = Emails(1)[0] }))
        {
            Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        }

        using var document = await env.Host.Client.GetAsync($"sign/{token}/document");
        Assert.Equal(HttpStatusCode.Gone, document.StatusCode);
        Assert.Contains("Länken gäller inte längre", WebUtility.HtmlDecode(await document.Content.ReadAsStringAsync()));
    }

    /// <summary>Issue 21: link pages and their files ask not to be indexed, and robots.txt keeps crawlers out of links, staff pages, API and dev pages.</summary>
    [Fact]
    public async Task LinkPages_XRobotsTagNoindex_RobotsTxtDisallowsPrivateAreas()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var token = (await WaitForLinksAsync(env.Capture, id, 1))[emails[0]];
        foreach (var path in new[] { $"sign/{token}", $"sign/{token}/document", "sign/AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "respond/AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            using var response = await env.Host.Client.GetAsync(path);
            Assert.Contains("noindex", string.Join(",", response.Headers.GetValues("X-Robots-Tag")));
        }

        using var robots = await env.Host.Client.GetAsync("robots.txt");
        Assert.Equal(HttpStatusCode.OK, robots.StatusCode);
        Assert.Equal("text/plain", robots.Content.Headers.ContentType!.MediaType);
        var text = await robots.Content.ReadAsStringAsync();
        Assert.All(new[] { "/respond/", "/sign/", "/staff", "/api/", "/dev" }, prefix => Assert.Contains("Disallow: " + prefix, text));
    }
}
