using System.Net;
using Azure.Data.Tables;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>Reminders with the offsets shortened to seconds (first after 3 s, then every 3 s); they stop once the signer signed.</summary>
public sealed class AgreementReminderTests(AgreementHost env) : IClassFixture<AgreementHost>
{
    [Fact]
    public async Task Reminders_SignerSilent_RemindedWithNewLinkOldLinkReplacedStopAfterSigningLargeCopyLinked()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails, expiresAt: DateTimeOffset.UtcNow.AddMinutes(5));
        var invite = await WaitForLinksAsync(env.Capture, id, 1);
        await WaitForLinksAsync(env.Capture, id, 1, "remind");
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

        // The orchestration's end is the positive signal: once it has completed it sends nothing more, so the reminders
        // mailed by then are all there will be. Every one of them went out before the signed copy.
        await Polling.EventuallyAsync(() => RuntimeStatusAsync(id), s => s == "Completed", TimeSpan.FromSeconds(30), "the agreement's orchestration to complete");
        var reminders = Messages(env.Capture, id, "remind");
        Assert.Equal(Signer(status, emails[0]).GetProperty("reminders").GetInt32(), reminders.Count);
        Assert.All(reminders, r => Assert.True(r.At <= completed.At, $"a reminder went out at {r.At:O}, after the signed copy at {completed.At:O}"));
    }

    /// <summary>The orchestration's runtime status as DurableTask.AzureStorage keeps it (table {hub}Instances, partition = instance id).</summary>
    private async Task<string?> RuntimeStatusAsync(string instanceId)
    {
        var instances = new TableClient(env.Azurite.ConnectionString, env.Host.TaskHubName + "Instances");
        var row = await instances.GetEntityIfExistsAsync<TableEntity>(instanceId, "", select: ["RuntimeStatus"]);
        return row.HasValue ? row.Value!.GetString("RuntimeStatus") : null;
    }
}
