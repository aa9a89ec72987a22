using System.Net;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>Reminders with the offsets shortened to seconds (first after 3 s, then every 3 s).</summary>
public sealed class AgreementReminderTests(AgreementHost env) : IClassFixture<AgreementHost>
{
    [Fact]
    public async Task Reminders_SignerSilent_RemindedWithNewLinkOldLinkReplacedStopAfterSigningLargeCopyLinked()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails, expiresAt: DateTimeOffset.UtcNow.AddMinutes(5));
        var invite = await WaitForLinksAsync(env.Capture, id, 1);
        var reminded = await WaitForLinksAsync(env.Capture, id, 1, "remind");
        var status = await Polling.EventuallyAsync(() => StatusAsync(env.Admin, id), s => Signer(s, emails[0]).GetProperty("reminders").GetInt32() >= 1,
            TimeSpan.FromSeconds(10), "the reminder in the agreement's status");
        Assert.Equal(System.Text.Json.JsonValueKind.String, Signer(status, emails[0]).GetProperty("remindedAt").ValueKind);
        Assert.StartsWith("Påminnelse", Messages(env.Capture, id, "remind")[0].Subject);

        using (var old = await env.Host.Client.GetAsync($"sign/{invite[emails[0]]}"))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
        }

        // The newest reminder mail is the one the agreement counted last (a reminder is counted after its mail went out),
        // so its link is the signer's current one.
        await Polling.EventuallyAsync(async () => (Mails: Messages(env.Capture, id, "remind").Count,
                Counted: Signer(await StatusAsync(env.Admin, id), emails[0]).GetProperty("reminders").GetInt32()),
            n => n.Mails == n.Counted, TimeSpan.FromSeconds(10), "the reminder mails to match the agreement's count");
        var newest = Messages(env.Capture, id, "remind").Last();
        var token = System.Text.RegularExpressions.Regex.Match(newest.Text, @"/sign/([A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43})").Groups[1].Value;
        using (var signed = await SignAsync(env.Host.Client, token, "Part Ett", status.GetProperty("documentSha256").GetString()!))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        status = await WaitForStateAsync(env.Admin, id, "completed");

        // Over the attachment limit (0 here) the signed copy is linked: a fresh personal link whose page offers the certificate.
        var completed = (await WaitForMessagesAsync(env.Capture, id, "completed", 1)).Single();
        var request = env.Capture.Accepted.Single(r => r.Body.RootElement.GetProperty("personalizations").EnumerateArray()
            .Any(p => p.GetProperty("custom_args").GetProperty("bra_message_id").GetString() == completed.MessageId));
        Assert.False(request.Body.RootElement.TryGetProperty("attachments", out _));
        var link = System.Text.RegularExpressions.Regex.Match(completed.Text, @"/sign/([A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43})").Groups[1].Value;
        var pdf = await env.Host.Client.GetByteArrayAsync($"sign/{link}/certificate");
        Assert.Equal(status.GetProperty("certificateSha256").GetString(), Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)));
        var count = Messages(env.Capture, id, "remind").Count;
        // A fixed wait, bounded and on purpose: nothing marks "no reminder was sent", and reminders come every 3 s here, so
        // after 4 s a completed agreement that still reminded would have mailed once more.
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(count, Messages(env.Capture, id, "remind").Count);
        Assert.NotEmpty(reminded);
    }
}
