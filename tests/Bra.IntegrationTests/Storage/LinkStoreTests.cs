using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Links;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Storage;

/// <summary>
/// Grouped tokens against real Table storage (Azurite): a write retried after a lost response neither fails nor leaves a
/// link that cannot be revoked.
/// </summary>
public sealed class LinkStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Kind = "consultation";

    [Fact]
    public async Task IssueManyAsync_LinkTransactionResponseLost_ChunkDrawsNewGroupAndOrphansStayRevocable()
    {
        // The second transaction is the first chunk's link rows: it is stored, its response lost, and the client's retry
        // meets its own rows (409).
        var lose = new LoseResponse(message => message.Request.Uri.Path.EndsWith("/$batch", StringComparison.Ordinal), 2);
        var (storage, _) = Counted(lose);
        await storage.TableAsync(LinkStore.TableName);
        var links = new LinkStore(storage, TimeProvider.System);
        var workflow = Guid.NewGuid().ToString("N");
        string[] parties = ["p0", "p1", "p2"];

        var tokens = await links.IssueManyAsync(Kind, workflow, parties, expiresAt: null, CancellationToken.None);

        Assert.Equal(1, lose.Lost);
        Assert.Single(tokens.Select(LinkTokens.GroupOf).Distinct());
        var found = await Task.WhenAll(tokens.Select(t => links.FindAsync(t, CancellationToken.None)));
        Assert.Equal(parties, found.Select(l => l!.PartyId));
        Assert.All(found, l => Assert.Equal(LinkState.Active, l!.State));
        // The first attempt's three links (nobody has their tokens) are indexed too: cancelling revokes all six.
        Assert.Equal(6, await links.RevokeAsync(Kind, workflow, null, LinkRevocation.Cancelled, null, CancellationToken.None));
        Assert.All(await Task.WhenAll(tokens.Select(t => links.FindAsync(t, CancellationToken.None))), l => Assert.Equal(LinkState.Revoked, l!.State));
    }

    [Fact]
    public async Task IssueAsync_LinkInsertResponseLost_DrawsAgainAndOrphanStaysRevocable()
    {
        // The first insert (POST to the table, not a transaction) is the link row: stored, its response lost, the retry 409.
        var lose = new LoseResponse(message => message.Request.Method == RequestMethod.Post
            && message.Request.Uri.Path.EndsWith("/" + LinkStore.TableName, StringComparison.Ordinal), 1);
        var (storage, _) = Counted(lose);
        await storage.TableAsync(LinkStore.TableName);
        var links = new LinkStore(storage, TimeProvider.System);
        var workflow = Guid.NewGuid().ToString("N");

        var token = await links.IssueAsync(Kind, workflow, "p1", expiresAt: null, CancellationToken.None);

        Assert.Equal(1, lose.Lost);
        Assert.Equal((LinkState.Active, null), await StateAsync(links, token));
        Assert.Equal(2, await links.RevokeAsync(Kind, workflow, "p1", LinkRevocation.Forwarded, null, CancellationToken.None));
        Assert.Equal((LinkState.Revoked, LinkRevocation.Forwarded), await StateAsync(links, token));
    }

    [Fact]
    public async Task RevokeAsync_TwoConcurrentCancellationsOfGroupedLinks_EachLinkRevokedOnce()
    {
        var storage = azurite.Storage();
        await storage.TableAsync(LinkStore.TableName);
        var links = new LinkStore(storage, TimeProvider.System);
        var workflow = Guid.NewGuid().ToString("N");
        var tokens = await links.IssueManyAsync(Kind, workflow, Enumerable.Range(0, 250).Select(i => $"p{i}").ToList(), null, CancellationToken.None);
        await links.RevokeAsync(Kind, workflow, "p7", LinkRevocation.Forwarded, null, CancellationToken.None);

        var counts = await Task.WhenAll(
            links.RevokeAsync(Kind, workflow, null, LinkRevocation.Cancelled, null, CancellationToken.None),
            links.RevokeAsync(Kind, workflow, null, LinkRevocation.Cancelled, null, CancellationToken.None));

        // Whichever call wrote a group first counted it; the other found it revoked (after a 412 for its transaction).
        Assert.Equal(249, counts.Sum());
        var found = await Task.WhenAll(tokens.Select(t => links.FindAsync(t, CancellationToken.None)));
        Assert.All(found, l => Assert.Equal(LinkState.Revoked, l!.State));
        Assert.Equal(LinkRevocation.Forwarded, found[7]!.RevokedBecause);
        Assert.Equal(249, found.Count(l => l!.RevokedBecause == LinkRevocation.Cancelled));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task FindAsync_UnknownTokenOfEitherShape_Null(string token)
    {
        var storage = azurite.Storage();
        await storage.TableAsync(LinkStore.TableName);
        Assert.Null(await new LinkStore(storage, TimeProvider.System).FindAsync(token, CancellationToken.None));
    }

    private static async Task<(LinkState, LinkRevocation?)> StateAsync(LinkStore links, string token) =>
        await links.FindAsync(token, CancellationToken.None) is { } link ? (link.State, link.RevokedBecause) : throw new InvalidOperationException("no link");

    private (StorageAccount Storage, StorageOperationCounter Counter) Counted(HttpPipelinePolicy? extra)
    {
        var counter = new StorageOperationCounter();
        var options = new TableClientOptions { Retry = { Delay = TimeSpan.FromMilliseconds(10) } };
        options.AddPolicy(counter.Policy, HttpPipelinePosition.PerRetry);
        if (extra is not null)
        {
            options.AddPolicy(extra, HttpPipelinePosition.PerRetry);
        }

        return (new StorageAccount(new TableServiceClient(azurite.ConnectionString, options), new BlobServiceClient(azurite.ConnectionString)), counter);
    }

    /// <summary>
    /// Lets the <paramref name="nth"/> request that matches through to storage and then loses its response (a transient
    /// I/O error), so the client's retry policy sends it again, as after a dropped connection.
    /// </summary>
    private sealed class LoseResponse(Func<HttpMessage, bool> matches, int nth) : HttpPipelinePolicy
    {
        private int seen;
        private int lost;

        public int Lost => lost;

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var lose = matches(message) && Interlocked.Increment(ref seen) == nth;
            await ProcessNextAsync(message, pipeline);
            if (lose)
            {
                Interlocked.Increment(ref lost);
                throw new IOException("The response was lost (test).");
            }
        }
    }
}
