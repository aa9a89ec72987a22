using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>Agreements end to end on the development host, with every email captured by the SendGrid stand-in.</summary>
public sealed class AgreementEndToEndTests(AgreementSigningHost env) : IClassFixture<AgreementSigningHost>
{
    [Fact]
    public async Task SignAndDecline_ContentLengthSmallerOrLargerThanTheBody_RefusedSignerStillPending()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        var before = await WaitForInvitedAsync(env.Admin, id, emails);
        var sha = before.GetProperty("documentSha256").GetString()!;
        var (contentType, sign) = RawHttp.Multipart(new Dictionary<string, string> { ["typedName"] = "Lögnare " + new string('x', 80 * 1024), ["documentSha256"] = sha, ["consent"] = "ja" });
        var (_, decline) = RawHttp.Multipart(new Dictionary<string, string> { ["reason"] = "Ljuger om längden " + new string('x', 80 * 1024) });

        // Claims more than the 64 kB limit and sends 4 kB: refused with the Swedish 413 page before the body is read.
        foreach (var (path, body) in new[] { ($"sign/{links[emails[0]]}", sign), ($"sign/{links[emails[1]]}/decline", decline) })
        {
            var claimed = await RawHttp.PostAsync(env.Host.BaseAddress, path, "", contentType, body.AsMemory(0, 4096), declaredLength: 65 * 1024);
            Assert.True(claimed.Status == 413, claimed.ToString());
            Assert.Contains("För mycket text", claimed.Page);

            // Claims 4 kB and sends 80 kB: only the claimed bytes are read, a cut-off form, refused with the Swedish 400 page.
            var cut = await RawHttp.PostAsync(env.Host.BaseAddress, path, "", contentType, body, declaredLength: 4096);
            Assert.True(cut.Status == 400, cut.ToString());
            Assert.Contains("Formuläret kom inte fram helt", cut.Page);
        }

        var after = await StatusAsync(env.Admin, id);
        Assert.Equal("sent", after.GetProperty("state").GetString());
        foreach (var email in emails)
        {
            Assert.Equal(Signer(before, email).GetProperty("state").GetString(), Signer(after, email).GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task Parallel_ThreeSignersSign_CompletesWithCertificateAndMailsEveryone()
    {
        var emails = Emails(3);
        var cc = $"cc.{Guid.NewGuid():N}@example.org";
        var id = await CreateAsync(env.Admin, env.DocumentId, emails, cc: [cc]);
        var links = await WaitForLinksAsync(env.Capture, id, 3);
        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("sent", status.GetProperty("state").GetString());
        var sha = status.GetProperty("documentSha256").GetString()!;

        using (var page = await env.Host.Client.GetAsync($"sign/{links[emails[0]]}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var html = WebUtility.HtmlDecode(await page.Content.ReadAsStringAsync());
            Assert.Contains("Trygghetsöverenskommelse Centrum", html);
            Assert.Contains(sha, html);
            Assert.Contains("Jag har läst och godkänner överenskommelsen", html);
        }

        for (var i = 0; i < 3; i++)
        {
            using var signed = await SignAsync(env.Host.Client, links[emails[i]], $"Part {i + 1} Signerad", sha);
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            if (i == 0)
            {
                Assert.Equal("partlySigned", (await StatusAsync(env.Admin, id)).GetProperty("state").GetString());
            }
        }

        status = await WaitForStateAsync(env.Admin, id, "completed");
        Assert.All(status.GetProperty("signers").EnumerateArray(), s => Assert.Equal("signed", s.GetProperty("state").GetString()));
        Assert.Equal($"/api/agreements/{id}/certificate", status.GetProperty("certificateUrl").GetString());

        var certificate = WebUtility.HtmlDecode(await env.Admin.GetStringAsync($"api/agreements/{id}/certificate"));
        Assert.Contains(sha, certificate);
        foreach (var (email, i) in emails.Select((e, i) => (e, i)))
        {
            Assert.Contains($"Part {i + 1} Signerad", certificate);
            Assert.Contains(email, certificate);
            Assert.Contains($"Organisation {i + 1}", certificate);
        }

        Assert.Contains("127.0.0.1", certificate);
        Assert.Contains("UTC", certificate);
        Assert.Contains("svensk tid", certificate);
        Assert.Contains("Öppnad av Part 1", certificate);
        Assert.Contains("Undertecknad av Part 3", certificate);
        Assert.Contains("Inbjudan skickad till Part 2", certificate);

        var pdf = await env.Admin.GetByteArrayAsync($"api/agreements/{id}/certificate?format=pdf");
        Assert.Equal("%PDF"u8.ToArray(), pdf[..4]);
        Assert.Equal(status.GetProperty("certificateSha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(pdf)));

        var completed = await WaitForMessagesAsync(env.Capture, id, "completed", 4);
        Assert.Equal(emails.Append(cc).Order(), completed.Select(m => m.To).Order());
        var request = env.Capture.Accepted.Single(r => r.Body.RootElement.GetProperty("personalizations").EnumerateArray()
            .Any(p => p.GetProperty("custom_args").GetProperty("bra_message_id").GetString()!.StartsWith($"{id}/completed", StringComparison.Ordinal)));
        var attachments = request.Body.RootElement.GetProperty("attachments").EnumerateArray().ToList();
        Assert.Equal(2, attachments.Count);
        var attachedPdf = Convert.FromBase64String(attachments.Single(a => a.GetProperty("type").GetString() == "application/pdf").GetProperty("content").GetString()!);
        Assert.Equal(pdf, attachedPdf);
        Assert.Equal(3, Messages(env.Capture, id, "invite").Count);

        // The document verifies as signed by all three; another file does not.
        var verified = await VerifyAsync(System.Text.Encoding.UTF8.GetBytes("# Lokal strategi för narkotikabekämpning\n\nUtkast för remiss.\n"));
        var match = verified.GetProperty("agreements").EnumerateArray().Single(a => a.GetProperty("id").GetString() == id);
        Assert.True(verified.GetProperty("match").GetBoolean());
        Assert.Equal(3, match.GetProperty("signers").GetArrayLength());
        Assert.False((await VerifyAsync("något annat"u8.ToArray())).GetProperty("match").GetBoolean());
    }

    [Fact]
    public async Task Sequential_SecondSigner_InvitedOnlyAfterFirstSigned()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails, order: "sequential");
        var first = await WaitForLinksAsync(env.Capture, id, 1);
        // The workflow's turn after the first invitation ends in its wait for a signature (a durable timer): by then the
        // invitation activity and the plan read after it are done, so a wrong invitation of the second signer is sent.
        await DurableTables.WaitForHistoryEventsAsync(env.Azurite.ConnectionString, env.Host.TaskHubName, id, "TimerCreated", 1, TimeSpan.FromSeconds(30));
        var status = await WaitForInvitedAsync(env.Admin, id, emails[0]);
        Assert.Equal("waiting", Signer(status, emails[1]).GetProperty("state").GetString());
        Assert.Single(Messages(env.Capture, id, "invite"));
        Assert.Equal(emails[0], first.Keys.Single());

        using (var signed = await SignAsync(env.Host.Client, first[emails[0]], "Part Ett", status.GetProperty("documentSha256").GetString()!))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        var both = await WaitForLinksAsync(env.Capture, id, 2);
        var invitedSecond = Messages(env.Capture, id, "invite").Single(m => m.To == emails[1]);
        var signedAt = Signer(await StatusAsync(env.Admin, id), emails[0]).GetProperty("signedAt").GetDateTimeOffset();
        Assert.True(invitedSecond.At >= signedAt, $"Second invited at {invitedSecond.At:O}, first signed at {signedAt:O}");
        await WaitForInvitedAsync(env.Admin, id, emails[1]);
        Assert.True(both.ContainsKey(emails[1]));
    }

    [Fact]
    public async Task Decline_AfterOneSigned_EndsDeclinedSenderToldTheReasonOtherSignersTheFact()
    {
        var emails = Emails(3);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 3);
        var sha = (await StatusAsync(env.Admin, id)).GetProperty("documentSha256").GetString()!;
        using (var signed = await SignAsync(env.Host.Client, links[emails[0]], "Part Ett", sha))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        using (var empty = await DeclineAsync(env.Host.Client, links[emails[1]], " "))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Contains("Ange varför du avböjer att underteckna.", WebUtility.HtmlDecode(await empty.Content.ReadAsStringAsync()));
        }

        using (var declined = await DeclineAsync(env.Host.Client, links[emails[1]], "Vi kan inte åta oss <nattvandring>."))
        {
            Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
            Assert.Contains("&lt;nattvandring&gt;", await declined.Content.ReadAsStringAsync());
        }

        var status = await WaitForStateAsync(env.Admin, id, "declined");
        Assert.Equal("Vi kan inte åta oss <nattvandring>.", Signer(status, emails[1]).GetProperty("declinedReason").GetString());
        // The sender learns the reason; the signer who signed and the one still invited learn the fact only.
        var notices = await WaitForMessagesAsync(env.Capture, id, "declined", 3);
        Assert.Equal(new[] { DemoPeople.Coordinator, emails[0], emails[2] }.Order(), notices.Select(m => m.To).Order());
        Assert.Contains("Vi kan inte åta oss <nattvandring>.", notices.Single(m => m.To == DemoPeople.Coordinator).Text);
        Assert.All(notices.Where(m => m.To != DemoPeople.Coordinator), m =>
        {
            Assert.Contains("har avböjt att underteckna", m.Text);
            Assert.DoesNotContain("nattvandring", m.Text);
        });
        Assert.DoesNotContain(notices, m => m.To == emails[1]);

        using var late = await SignAsync(env.Host.Client, links[emails[1]], "Part Två", sha);
        Assert.Contains("Du har avböjt", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));
        Assert.Equal("declined", Signer(await StatusAsync(env.Admin, id), emails[1]).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Expiry_NobodySigns_ExpiredSenderToldLinksDead()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails, expiresAt: DateTimeOffset.UtcNow.AddSeconds(6));
        var links = await WaitForLinksAsync(env.Capture, id, 1);
        var status = await WaitForStateAsync(env.Admin, id, "expired", TimeSpan.FromSeconds(40));
        Assert.Equal("invited", Signer(status, emails[0]).GetProperty("state").GetString());
        var told = await WaitForMessagesAsync(env.Capture, id, "expired", 1);
        Assert.Equal(DemoPeople.Coordinator, told.Single().To);
        using var page = await env.Host.Client.GetAsync($"sign/{links[emails[0]]}");
        Assert.Equal(HttpStatusCode.Gone, page.StatusCode);
        using var sign = await SignAsync(env.Host.Client, links[emails[0]], "Part Ett", status.GetProperty("documentSha256").GetString()!);
        Assert.Equal(HttpStatusCode.Gone, sign.StatusCode);
        Assert.Equal("invited", Signer(await StatusAsync(env.Admin, id), emails[0]).GetProperty("state").GetString());
    }

    [Fact]
    public async Task ReplaceSigner_BeforeSigning_OldLinkDeadNewSignerInvitedAndCanSign()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        var status = await StatusAsync(env.Admin, id);
        var signerId = Signer(status, emails[1]).GetProperty("id").GetString()!;
        var replacement = Emails(1)[0];
        using (var replaced = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/signers/{signerId}/replace", new { name = "Ny Person", email = replacement }))
        {
            Assert.Equal(HttpStatusCode.Accepted, replaced.StatusCode);
        }

        using (var old = await env.Host.Client.GetAsync($"sign/{links[emails[1]]}"))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        }

        using (var oldSign = await SignAsync(env.Host.Client, links[emails[1]], "Part Två", status.GetProperty("documentSha256").GetString()!))
        {
            Assert.Equal(HttpStatusCode.Gone, oldSign.StatusCode);
        }

        var fresh = await WaitForLinksAsync(env.Capture, id, 3);
        using (var signed = await SignAsync(env.Host.Client, fresh[replacement], "Ny Person", status.GetProperty("documentSha256").GetString()!))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        status = await StatusAsync(env.Admin, id);
        Assert.Equal("signed", Signer(status, replacement).GetProperty("state").GetString());
        Assert.DoesNotContain(status.GetProperty("signers").EnumerateArray(), s => s.GetProperty("email").GetString() == emails[1]);

        using var again = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/signers/{signerId}/replace", new { name = "Tredje", email = Emails(1)[0] });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Sign_TwentyConcurrentPostsOnOneLink_OneSignature()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        var sha = (await StatusAsync(env.Admin, id)).GetProperty("documentSha256").GetString()!;
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => SignAsync(env.Host.Client, links[emails[0]], $"Samtidig {i}", sha)));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var r in responses)
        {
            r.Dispose();
        }

        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("signed", Signer(status, emails[0]).GetProperty("state").GetString());
        Assert.Single(status.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "signed");
        var typed = Signer(status, emails[0]).GetProperty("typedName").GetString()!;
        Assert.StartsWith("Samtidig ", typed);
    }

    [Fact]
    public async Task Complete_StoredDocumentTamperedAfterSending_FailsWithClearErrorAndCompletesNothing()
    {
        var (code, uploaded) = await ConsultationDriver.UploadAsync(env.Admin, "avtal.md", "# Avtal\n\nOriginal.\n"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, code);
        var documentId = uploaded.GetProperty("id").GetString()!;
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, documentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 1);
        var sha = (await StatusAsync(env.Admin, id)).GetProperty("documentSha256").GetString()!;

        var blob = new Azure.Storage.Blobs.BlobServiceClient(env.Azurite.ConnectionString).GetBlobContainerClient("documents").GetBlobClient(documentId);
        await blob.UploadAsync(new BinaryData("# Avtal\n\nÄndrat i efterhand.\n"u8.ToArray()), overwrite: true);

        using (var signed = await SignAsync(env.Host.Client, links[emails[0]], "Part Ett", sha))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        var status = await WaitForStateAsync(env.Admin, id, "failed");
        Assert.Contains("Dokumentet har ändrats efter att överenskommelsen skickades", status.GetProperty("failure").GetString());
        Assert.Contains(sha, status.GetProperty("failure").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("certificateUrl").ValueKind);
        using var certificate = await env.Admin.GetAsync($"api/agreements/{id}/certificate");
        Assert.Equal(HttpStatusCode.Conflict, certificate.StatusCode);
        var toOwner = await WaitForMessagesAsync(env.Capture, id, "failed", 1);
        Assert.Equal(DemoPeople.Coordinator, toOwner.Single().To);
        Assert.Empty(Messages(env.Capture, id, "completed"));
    }

    [Fact]
    public async Task Cancel_WithReason_InvitedSignersToldLinksStop()
    {
        var emails = Emails(2);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var links = await WaitForLinksAsync(env.Capture, id, 2);
        using (var noReason = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/cancel", new { reason = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Equal("Ange skälet.", (await ConsultationDriver.BodyAsync(noReason)).GetProperty("errors").GetProperty("reason")[0].GetString());
        }

        using (var cancel = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/cancel", new { reason = "Fel version av avtalet." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        await WaitForStateAsync(env.Admin, id, "cancelled");
        var told = await WaitForMessagesAsync(env.Capture, id, "cancelled", 2);
        Assert.Equal(emails.Order(), told.Select(m => m.To).Order());
        Assert.All(told, m => Assert.Contains("Fel version av avtalet.", m.Text));
        using var sign = await SignAsync(env.Host.Client, links[emails[0]], "Part Ett", "x");
        Assert.NotEqual(HttpStatusCode.OK, sign.StatusCode);
        using var again = await env.Admin.PostAsJsonAsync($"api/agreements/{id}/cancel", new { reason = "Igen." });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task Create_BadInput_ProblemWithSwedishFieldErrors()
    {
        using var response = await env.Admin.PostAsJsonAsync("api/agreements", new
        {
            title = "",
            documentId = "finns-inte",
            signers = new[] { new { name = "A", email = "a@example.org", organisation = "X" }, new { name = "B", email = "A@example.org", organisation = "" } },
            order = "random",
            cc = new[] { "inte-en-adress" },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ConsultationDriver.BodyAsync(response)).GetProperty("errors");
        Assert.Equal("Ange rubriken.", errors.GetProperty("title")[0].GetString());
        Assert.True(errors.TryGetProperty("order", out _));
        Assert.True(errors.TryGetProperty("signers", out _));
        Assert.True(errors.TryGetProperty("signers[1].organisation", out _), errors.ToString());
        Assert.True(errors.TryGetProperty("cc[0]", out _), errors.ToString());
    }

    private async Task<JsonElement> VerifyAsync(byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", "kontroll.md");
        using var response = await env.Admin.PostAsync("api/agreements/verify", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsultationDriver.BodyAsync(response);
    }
}
