using System.Net;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Agreements.AgreementDriver;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Agreements;

public sealed class AgreementRestartTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Agreement_HostKilledBetweenTwoSignatures_CompletesAndNobodyMailedTwice()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var settings = SendGridSettings(capture, taskHub: "Agree" + Guid.NewGuid().ToString("N")[..8]);
        var emails = Emails(2);
        string id;
        string sha;
        Dictionary<string, string> links;
        await using (var first = new DevHostProcess(azurite, settings))
        {
            await first.StartAsync();
            using var admin = await first.ClientForAsync(DemoPeople.Coordinator);
            var documentId = await UploadDocumentAsync(admin);
            id = await CreateAsync(admin, documentId, emails, order: "sequential");
            links = await WaitForLinksAsync(capture, id, 1);
            sha = (await AgreementDriver.StatusAsync(admin, id)).GetProperty("documentSha256").GetString()!;
            using (var signed = await SignAsync(first.Client, links[emails[0]], "Part Ett", sha))
            {
                Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
            }

            links = await WaitForLinksAsync(capture, id, 2);
            await first.KillAsync();
        }

        await using var second = new DevHostProcess(azurite, settings);
        await second.StartAsync();
        using var admin2 = await second.ClientForAsync(DemoPeople.Coordinator);
        Assert.Equal("partlySigned", (await AgreementDriver.StatusAsync(admin2, id)).GetProperty("state").GetString());
        using (var signed = await SignAsync(second.Client, links[emails[1]], "Part Två", sha))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        await WaitForStateAsync(admin2, id, "completed");
        await WaitForMessagesAsync(capture, id, "completed", 2);
        // The completion mails are the workflow's last step: once the workflow has ended, every activity it ran (retries
        // included) is done, so any second copy of a mail is in the capture.
        await DurableTables.WaitForRuntimeStatusAsync(azurite.ConnectionString, settings["TaskHubName"], id, "Completed", TimeSpan.FromSeconds(30));
        var mine = capture.AcceptedMessages.Where(m => m.MessageId.StartsWith(id + "/", StringComparison.Ordinal)).ToList();
        Assert.Equal(mine.Count, mine.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(2, mine.Count(m => m.MessageId.Contains("/invite", StringComparison.Ordinal)));
        Assert.Equal(2, mine.Count(m => m.MessageId.Contains("/completed/", StringComparison.Ordinal)));
    }
}
