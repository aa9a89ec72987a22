using System.Net;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

public sealed class ConsultationEndToEndTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string A = "a.remiss@example.org";
    private const string B = "b.remiss@example.org";
    private const string C = "c.remiss@example.org";

    [Fact]
    public async Task Consultation_ThreeConsulteesTwoAnswerOneSilent_ReminderOnlyToSilentAndCompilationAtDeadline()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = new DevHostProcess(azurite, SendGridSettings(capture));
        await host.StartAsync();
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        var documentId = await UploadDocumentAsync(admin);

        var deadline = DateTimeOffset.UtcNow.AddSeconds(45);
        var id = await StartAsync(admin, documentId, [A, B, C], deadline, ["PT20S"]);
        var links = await WaitForLinksAsync(capture, "Remiss BRÅ 2026/17", 3, TimeSpan.FromSeconds(20));
        Assert.Equal([A, B, C], links.Keys.Order());
        Assert.Equal(3, links.Values.Distinct().Count());

        // The demo camera workflows mail too: take the request that carried this consultation's invitations.
        var invitationRequest = capture.Accepted.First(r => r.Body.RootElement.GetProperty("subject").GetString()!.Contains("BRÅ 2026/17", StringComparison.Ordinal));
        var attachment = invitationRequest.Body.RootElement.GetProperty("attachments")[0];
        Assert.Equal("text/calendar", attachment.GetProperty("type").GetString());
        var ics = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(attachment.GetProperty("content").GetString()!));
        Assert.Contains("BEGIN:VEVENT", ics);
        Assert.Contains($"DTSTART;VALUE=DATE:{Bra.Core.Time.SwedishTime.Local(deadline):yyyyMMdd}", ics);
        var invitation = capture.AcceptedMessages.First(m => m.To == A);
        Assert.Contains("Lokal strategi för narkotikabekämpning", invitation.Text);
        Assert.Contains("Sista svarsdag", invitation.Html);
        Assert.Contains("Sam Samordnare", invitation.Text);

        using (var answered = await AnswerAsync(host.Client, links[A], "supportsWithComments", "Vi tillstyrker.\n<script>alert('x')</script> <b>fet</b> =SUM(A1)",
                   "Anna Svarsdotter", "Enhetschef", ("yttrande.pdf", Pdf())))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            var page = await answered.Content.ReadAsStringAsync();
            Assert.Contains("Tack, ert svar är registrerat", WebUtility.HtmlDecode(page));
            Assert.Contains("&lt;script&gt;alert(", page);
            Assert.DoesNotContain("<script>alert", page);
        }

        using (var answered = await AnswerAsync(host.Client, links[B], "noObjection", "", "Bo Bsson"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var reminders = await WaitForLinksAsync(capture, "Påminnelse", 1, TimeSpan.FromSeconds(40));
        Assert.Equal([C], reminders.Keys);

        var status = await WaitForStatusAsync(admin, id, s => s.GetProperty("state").GetString() == "closed" && s.TryGetProperty("compilationSha256", out var sha)
            && sha.ValueKind == JsonValueKind.String, TimeSpan.FromSeconds(60));
        Assert.Equal("answered", Consultee(status, A).GetProperty("state").GetString());
        Assert.Equal("answered", Consultee(status, B).GetProperty("state").GetString());
        Assert.Equal("notAnswered", Consultee(status, C).GetProperty("state").GetString());
        Assert.Single(Consultee(status, C).GetProperty("remindedAt").EnumerateArray());
        Assert.Empty(Consultee(status, A).GetProperty("remindedAt").EnumerateArray());
        Assert.Equal(JsonValueKind.String, Consultee(status, A).GetProperty("invitedAt").ValueKind);
        var compilationUrl = status.GetProperty("compilationUrl").GetString()!;
        Assert.Equal($"/api/consultations/{id}/compilation", compilationUrl);

        // Only this consultation's messages (their ids start with its id): the demo camera workflows mail the coordinator too.
        await Polling.EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.Any(m => m.MessageId.StartsWith(id, StringComparison.Ordinal) && m.To == DemoPeople.Coordinator)),
            found => found, TimeSpan.FromSeconds(20), "the owner's compilation email");
        var owner = capture.AcceptedMessages.Single(m => m.MessageId.StartsWith(id, StringComparison.Ordinal) && m.To == DemoPeople.Coordinator);
        Assert.StartsWith("Remissammanställning klar: BRÅ 2026/17", owner.Subject);
        // The owner is pointed at the staff pages, where a browser's sign-in works, never at /api (issue 11).
        Assert.Contains($"{host.BaseAddress}staff/consultations/{id}/compilation", owner.Text);
        Assert.Contains($"href=\"{host.BaseAddress}staff/consultations/{id}/compilation\"", owner.Html);
        Assert.DoesNotContain("/api/", owner.Text + owner.Html);
        Assert.Equal(2, capture.AcceptedMessages.Count(m => m.Subject.StartsWith("Kvitto", StringComparison.Ordinal)));
        var receipt = capture.AcceptedMessages.Single(m => m.To == A && m.Subject.StartsWith("Kvitto", StringComparison.Ordinal));
        Assert.Contains("&lt;script&gt;", receipt.Html);
        Assert.DoesNotContain("<script>", receipt.Html);
        Assert.Equal(capture.AcceptedMessages.Count, capture.AcceptedMessages.Select(m => m.MessageId).Distinct().Count());

        var stored = new Azure.Storage.Blobs.BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("compilations").GetBlobClient($"{id}.html");
        var storedBytes = (await stored.DownloadContentAsync()).Value.Content.ToArray();
        Assert.Equal(status.GetProperty("compilationSha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(storedBytes)));
        Assert.Contains("Har inte svarat", WebUtility.HtmlDecode(System.Text.Encoding.UTF8.GetString(storedBytes)));

        var html = await admin.GetStringAsync(compilationUrl);
        Assert.Contains("BRÅ 2026/17", WebUtility.HtmlDecode(html));
        Assert.Contains(status.GetProperty("documentSha256").GetString()!, html);
        var table = html[html.IndexOf("<tbody>", StringComparison.Ordinal)..html.IndexOf("</tbody>", StringComparison.Ordinal)];
        Assert.Equal(3, System.Text.RegularExpressions.Regex.Count(table, "<tr>"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(WebUtility.HtmlDecode(table), "Har inte svarat"));
        Assert.Contains("Tillstyrker med synpunkter", WebUtility.HtmlDecode(table));
        Assert.Contains("Inget att invända", WebUtility.HtmlDecode(table));
        Assert.Contains("yttrande.pdf", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("<script>", html);

        var csv = await admin.GetStringAsync(compilationUrl + "?format=csv");
        Assert.Contains("Har inte svarat", csv);
        Assert.Contains("Instans 3", csv);
        var md = await admin.GetStringAsync(compilationUrl + "?format=md");
        Assert.Contains("Har inte svarat", md);
        Assert.Contains("&lt;script&gt;", md);
        Assert.DoesNotContain("<script>", md);

        foreach (var token in links.Values.Concat(reminders.Values))
        {
            Assert.DoesNotContain(token, host.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(token, status.ToString(), StringComparison.Ordinal);
        }

        // Tokens live only in the emails: no table (records, links, ledger, Durable history and instances) holds one, nor
        // its secret (the part after the group, which is a partition key of the links table and no credential).
        var secrets = links.Values.Concat(reminders.Values).SelectMany(token => new[] { token, token[(token.IndexOf('.') + 1)..] }).ToList();
        var tables = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
        var scanned = 0;
        await foreach (var item in tables.QueryAsync())
        {
            await foreach (var entity in tables.GetTableClient(item.Name).QueryAsync<Azure.Data.Tables.TableEntity>())
            {
                var text = string.Join("|", ((IDictionary<string, object>)entity).Values.Select(v => v?.ToString()));
                Assert.DoesNotContain(secrets, secret => text.Contains(secret, StringComparison.Ordinal));
                scanned++;
            }
        }

        Assert.True(scanned > 20, $"only {scanned} rows scanned");

        // The reminder's link replaced the invitation's; the newest link says the time is up.
        using var late = await AnswerAsync(host.Client, reminders[C], "supports", "För sent", "Cecilia");
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        Assert.Contains("Svarstiden har gått ut", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));
        using var replaced = await AnswerAsync(host.Client, links[C], "supports", "För sent", "Cecilia");
        Assert.Equal(HttpStatusCode.Gone, replaced.StatusCode);
        Assert.Contains("Länken har ersatts", WebUtility.HtmlDecode(await replaced.Content.ReadAsStringAsync()));
    }
}
