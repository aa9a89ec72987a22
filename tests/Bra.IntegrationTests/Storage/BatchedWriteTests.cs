using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Consultations;
using Bra.Core.Email;
using Bra.Core.Links;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Storage;

/// <summary>
/// Starting a consultation and inviting its consultees write rows that share a partition in table transactions (issue
/// 10), against real Table storage (Azurite): what is stored stays what it was, in far fewer storage requests, counted
/// as the hosts count them.
/// </summary>
public sealed class BatchedWriteTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private (StorageAccount Storage, StorageOperationCounter Counter) Counted()
    {
        var counter = new StorageOperationCounter();
        var options = new TableClientOptions();
        options.AddPolicy(counter.Policy, HttpPipelinePosition.PerRetry);
        return (new StorageAccount(new TableServiceClient(azurite.ConnectionString, options), new BlobServiceClient(azurite.ConnectionString)), counter);
    }

    [Fact]
    public async Task CreateAsync_1000Consultees_EveryRowStoredInTransactionsOf100()
    {
        var (storage, counter) = Counted();
        var store = new ConsultationStore(storage);
        await storage.TableAsync(ConsultationStore.TableName);
        var now = DateTimeOffset.UtcNow;
        var consultation = new Consultation(Guid.NewGuid().ToString("N"), "Remiss", null, "doc", "remiss.md", "sha", now.AddDays(7), null, [], "owner", "Ägare",
            "agare@example.se", ConsultationState.Open, now);
        var consultees = Enumerable.Range(0, 1000).Select(i => new Consultee(Guid.NewGuid().ToString("N"), $"Instans {i}", $"instans{i}@example.org", "Org", now)).ToList();
        var before = counter.Total;

        await store.CreateAsync(consultation, consultees, CancellationToken.None);

        // 10 transactions of 100 consultee rows and the header (one request per row before).
        Assert.Equal(11, counter.Total - before);
        var stored = (await store.LoadAsync(consultation.Id, CancellationToken.None))!;
        Assert.Equal(consultees.Select(c => c.Id).Order(), stored.Consultees.Select(c => c.Id).Order());
    }

    [Fact]
    public async Task IssueManyAsync_1000Parties_IndexAndLinkRowsInTransactionsOf100AndEveryTokenFindsItsParty()
    {
        var (storage, counter) = Counted();
        await storage.TableAsync(LinkStore.TableName);
        var links = new LinkStore(storage, TimeProvider.System);
        var workflow = Guid.NewGuid().ToString("N");
        var parties = Enumerable.Range(0, 1000).Select(i => $"p{i}").ToList();
        var before = counter.Total;

        var tokens = await links.IssueManyAsync("consultation", workflow, parties, expiresAt: null, CancellationToken.None);

        // 10 transactions of 100 index rows and 10 of 100 link rows, one group each (1,010 requests with a link row per
        // token hash, 2,000 one by one).
        Assert.Equal(20, counter.Total - before);
        Assert.Equal(1000, tokens.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(10, tokens.Select(LinkTokens.GroupOf).Distinct(StringComparer.Ordinal).Count());
        var found = await Task.WhenAll(tokens.Select(t => links.FindAsync(t, CancellationToken.None)));
        Assert.Equal(parties, found.Select(l => l!.PartyId));
        Assert.All(found, l => Assert.Equal((LinkState.Active, workflow), (l!.State, l.WorkflowId)));
        Assert.Equal(tokens.Select(LinkTokens.Hash), found.Select(l => l!.Hash));
        // The index finds every one of them: revoking the workflow revokes all 1,000, a group at a time (one query of its
        // partition, one transaction) instead of a point read and a replace per link (2,000 requests).
        before = counter.Total;
        Assert.Equal(1000, await links.RevokeAsync("consultation", workflow, null, LinkRevocation.Cancelled, null, CancellationToken.None));
        Assert.Equal(21, counter.Total - before); // the index partition (1,000 rows, one page), 10 queries, 10 transactions
        Assert.All(await Task.WhenAll(tokens.Select(t => links.FindAsync(t, CancellationToken.None))), l => Assert.Equal(LinkState.Revoked, l!.State));
    }

    [Fact]
    public async Task RecordAsync_1000MessagesOfOneWorkflow_TenRequestsAndEverySettled()
    {
        var (storage, counter) = Counted();
        await storage.TableAsync(EmailLedger.TableName);
        var ledger = new EmailLedger(storage, TimeProvider.System);
        var workflow = Guid.NewGuid().ToString("N");
        var ids = Enumerable.Range(0, 1000).Select(i => new EmailMessageId(workflow, $"p{i}", "invite")).ToList();
        var before = counter.Total;

        await ledger.RecordAsync(ids, CancellationToken.None);

        // Ten transactions of 100 (one request per message before).
        Assert.Equal(10, counter.Total - before);
        Assert.Equal(ids.Select(i => i.ToString()).Order(), (await ledger.SentAsync(ids, CancellationToken.None)).Order());
    }
}
