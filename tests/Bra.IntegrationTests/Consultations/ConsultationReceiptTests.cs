using System.Net;
using Azure.Data.Tables;
using Bra.Core.Consultations;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

/// <summary>
/// Receipts are mailed after the answer's response, exactly once per stored version, also when the host dies between
/// storing an answer and mailing its receipt; answers do not touch the consultation's orchestration history.
/// </summary>
public sealed class ConsultationReceiptTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string A = "kvitto.a@example.org";
    private const string B = "kvitto.b@example.org";

    [Fact]
    public async Task Receipt_AnswersRetriedUnchangedAmendedAndConcurrent_OneReceiptPerStoredVersionAndHistoryUnchanged()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var hub = "Receipts" + Guid.NewGuid().ToString("N")[..8];
        var settings = SendGridSettings(capture, hub);
        settings["Receipts__SweepInterval"] = "00:00:01"; // sweeps race the in-process sends all the time
        await using var host = new DevHostProcess(azurite, settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        var id = await StartAsync(admin, await UploadDocumentAsync(admin), [A, B], DateTimeOffset.UtcNow.AddHours(2), []);
        var links = await WaitForLinksAsync(capture, "Remiss", 2, TimeSpan.FromSeconds(30), workflowId: id);
        var historyBefore = await StableHistoryLengthAsync(hub, id);

        var formKey = Guid.NewGuid().ToString("N");
        for (var i = 0; i < 2; i++)
        {
            // The second POST is the browser retrying the same form: no new version.
            using var first = await AnswerAsync(host.Client, links[A], "supports", "Bra förslag.", "Anna A", formKey: formKey);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var unchanged = await AnswerAsync(host.Client, links[A], "supports", "Bra förslag.", "Anna A"))
        {
            Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        }

        using (var amended = await AnswerAsync(host.Client, links[A], "opposes", "Vi har ändrat oss.", "Anna A"))
        {
            Assert.Equal(HttpStatusCode.OK, amended.StatusCode);
        }

        // B sends two different answers at the same moment (two tabs): both are stored, as versions 1 and 2.
        var both = await Task.WhenAll(AnswerAsync(host.Client, links[B], "noObjection", "", "Bo B"), AnswerAsync(host.Client, links[B], "opposes", "Nej.", "Bo B"));
        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        foreach (var response in both)
        {
            response.Dispose();
        }

        await Polling.EventuallyAsync(() => Task.FromResult(Receipts(capture, id).Count), n => n >= 4, TimeSpan.FromSeconds(30), "four receipts");
        await SweepBarrierAsync(capture, id);
        var receipts = Receipts(capture, id);
        Assert.Equal(4, receipts.Count);
        Assert.Equal([$"{A} receipt-v1", $"{A} receipt-v2", $"{B} receipt-v1", $"{B} receipt-v2"],
            receipts.Select(m => $"{m.To} {m.MessageId.Split('/')[1]}").Order(StringComparer.Ordinal).ToArray());
        Assert.Contains("Vi har ändrat oss.", receipts.Single(m => m.To == A && m.MessageId.Contains("/receipt-v2/", StringComparison.Ordinal)).Text);
        Assert.Empty(await PendingReceiptRowsAsync(id));

        var status = await StatusAsync(admin, id);
        Assert.Equal(2, Consultee(status, A).GetProperty("versions").GetInt32());
        Assert.Equal(2, Consultee(status, B).GetProperty("versions").GetInt32());
        Assert.Equal(historyBefore, await HistoryLengthAsync(hub, id));
    }

    [Fact]
    public async Task Receipt_HostKilledBetweenStoringAnswerAndMailing_SentOnceAfterRestart()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var settings = SendGridSettings(capture, taskHub: "ReceiptKill" + Guid.NewGuid().ToString("N")[..8]);
        settings["Receipts__SweepInterval"] = "00:00:01";
        string id;
        string link;
        await using (var first = new DevHostProcess(azurite, settings.Concat(TestHooks.Environment).ToDictionary()))
        {
            await first.StartAsync();
            using var admin = await first.ClientForAsync(DemoPeople.Coordinator);
            id = await StartAsync(admin, await UploadDocumentAsync(admin), [A], DateTimeOffset.UtcNow.AddHours(2), []);
            link = (await WaitForLinksAsync(capture, "Remiss", 1, TimeSpan.FromSeconds(30), workflowId: id))[A];
            using (var answered = await AnswerAsync(first.Client, link, "supportsWithComments", "Synpunkter före kraschen.", "Anna A"))
            {
                Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
            }

            // The answer is stored and its receipt is about to be mailed: kill the host right there.
            await Polling.EventuallyAsync(() => Task.FromResult(first.Output), o => o.Contains($"Receipt of consultation {id} version 1 held before sending (test hook)", StringComparison.Ordinal),
                TimeSpan.FromSeconds(20), "the receipt to reach the point just before sending");
            Assert.Single(await PendingReceiptRowsAsync(id));
            await first.KillAsync();
            Assert.Empty(Receipts(capture, id));
        }

        await using var second = new DevHostProcess(azurite, settings);
        await second.StartAsync();
        await Polling.EventuallyAsync(() => Task.FromResult(Receipts(capture, id).Count), n => n >= 1, TimeSpan.FromSeconds(30), "the receipt after restart");
        await SweepBarrierAsync(capture, id);
        var receipt = Assert.Single(Receipts(capture, id));
        Assert.Equal(A, receipt.To);
        Assert.Contains("/receipt-v1/", receipt.MessageId);
        Assert.Contains("Synpunkter före kraschen.", receipt.Text);
        Assert.Empty(await PendingReceiptRowsAsync(id));
    }

    private static List<AcceptedMessage> Receipts(SendGridCapture capture, string consultationId) =>
        capture.AcceptedMessages.Where(m => m.MessageId.StartsWith(consultationId, StringComparison.Ordinal) && m.Subject.StartsWith("Kvitto", StringComparison.Ordinal)).ToList();

    /// <summary>
    /// Waits for a sweep that started after the receipts mailed so far. No event marks "a sweep found nothing to send",
    /// so this puts back the pending row of the first mailed receipt (only a sweep takes such a row; the ledger keeps it
    /// from mailing twice) and waits until a sweep has taken it: that sweep, and every send before it, is done.
    /// </summary>
    private async Task SweepBarrierAsync(SendGridCapture capture, string consultationId)
    {
        var mailed = Receipts(capture, consultationId)[0].MessageId.Split('/');
        var consulteeId = mailed[2];
        var version = int.Parse(mailed[1]["receipt-v".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var key = ConsultationStore.ReceiptKey(consulteeId, version);

        // The send that mailed it removes its pending row just after the mail: wait for that first, then put it back.
        await Polling.EventuallyAsync(() => PendingReceiptRowsAsync(consultationId), rows => !rows.Contains(key), TimeSpan.FromSeconds(30),
            "the mailed receipt's pending row to be removed");
        await new TableClient(azurite.ConnectionString, ConsultationStore.TableName)
            .AddEntityAsync(JsonRow.Of(consultationId, key, new PendingReceipt(consulteeId, version, DateTimeOffset.UtcNow)));
        await Polling.EventuallyAsync(() => PendingReceiptRowsAsync(consultationId), rows => !rows.Contains(key), TimeSpan.FromSeconds(30),
            "a receipt sweep to take the barrier row");
    }

    private async Task<List<string>> PendingReceiptRowsAsync(string consultationId)
    {
        var table = new TableClient(azurite.ConnectionString, "Consultations");
        var keys = new List<string>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == consultationId, select: ["RowKey"]))
        {
            if (row.RowKey.StartsWith("r-", StringComparison.Ordinal))
            {
                keys.Add(row.RowKey);
            }
        }

        return keys;
    }

    /// <summary>Rows of the orchestration's history (DurableTask.AzureStorage: table {hub}History, partition = instance id).</summary>
    private async Task<int> HistoryLengthAsync(string hub, string instanceId)
    {
        var table = new TableClient(azurite.ConnectionString, hub + "History");
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    /// <summary>The history length once the workflow has settled after its invitations (unchanged over two seconds).</summary>
    private async Task<int> StableHistoryLengthAsync(string hub, string instanceId)
    {
        var last = -1;
        return await Polling.EventuallyAsync(async () =>
        {
            var previous = last;
            last = await HistoryLengthAsync(hub, instanceId);
            return last > 0 && last == previous ? last : -1;
        }, length => length > 0, TimeSpan.FromSeconds(30), "the orchestration history to settle", every: TimeSpan.FromSeconds(2));
    }
}
