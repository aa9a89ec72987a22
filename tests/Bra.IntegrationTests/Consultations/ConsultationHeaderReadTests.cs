using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Consultations;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Consultations;

/// <summary>
/// <see cref="ConsultationStore.GetSharedAsync"/> (issue 10): callers that ask for a consultation's header while a read of
/// it is in flight share that read, and a header write through the store makes later callers read again. Against real
/// Table storage (Azurite); the first header read is held in the pipeline so that "in flight" is certain, not timed.
/// </summary>
public sealed class ConsultationHeaderReadTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task GetSharedAsync_200CallersWhileOneReadIsInFlight_OneStorageRequestAndEveryCallerGetsTheHeader()
    {
        var (store, gate) = await StoreAsync();
        var consultation = await CreateAsync(store);
        var before = gate.Requests;

        var first = store.GetSharedAsync(consultation.Id, CancellationToken.None);
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var others = Enumerable.Range(0, 199).Select(_ => store.GetSharedAsync(consultation.Id, CancellationToken.None)).ToList();
        gate.Release();
        var all = await Task.WhenAll(others.Prepend(first));

        Assert.Equal(1, gate.Requests - before);
        Assert.All(all, read => Assert.Equal(consultation.Title, read!.Value.Value.Title));
        Assert.Single(all.Select(read => read!.Value.ETag).Distinct());
    }

    [Fact]
    public async Task GetSharedAsync_AfterAHeaderWriteWhileAnOlderReadIsInFlight_ReadsAgainAndSeesTheWrite()
    {
        var (store, gate) = await StoreAsync();
        var consultation = await CreateAsync(store);

        var older = store.GetSharedAsync(consultation.Id, CancellationToken.None);
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var cancelledAt = DateTimeOffset.UtcNow;
        await store.UpdateAsync(consultation.Id, c => c with { State = ConsultationState.Cancelled, CancelledAt = cancelledAt }, CancellationToken.None);
        var after = await store.GetSharedAsync(consultation.Id, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        gate.Release();

        Assert.Equal(ConsultationState.Cancelled, after!.Value.Value.State);
        // The caller that asked before the write gets whatever its read returns (here the request was held before it was sent).
        Assert.Equal(consultation.Id, (await older)!.Value.Value.Id);
    }

    [Fact]
    public async Task GetSharedAsync_CallerThatStartedTheReadGivesUp_OthersStillGetTheHeader()
    {
        var (store, gate) = await StoreAsync();
        var consultation = await CreateAsync(store);
        using var impatient = new CancellationTokenSource();

        var first = store.GetSharedAsync(consultation.Id, impatient.Token);
        await gate.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var second = store.GetSharedAsync(consultation.Id, CancellationToken.None);
        await impatient.CancelAsync();
        gate.Release();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal(consultation.Id, (await second)!.Value.Value.Id);
    }

    [Fact]
    public async Task GetSharedAsync_UnknownThenCreated_NullThenTheHeader()
    {
        var (store, gate) = await StoreAsync();
        gate.Release();
        var id = Guid.NewGuid().ToString("N");

        Assert.Null(await store.GetSharedAsync(id, CancellationToken.None));
        Assert.Null(await store.GetSharedAsync("not-an-id", CancellationToken.None));
        var created = await CreateAsync(store, id);
        Assert.Equal(created.Title, (await store.GetSharedAsync(id, CancellationToken.None))!.Value.Value.Title);
    }

    private async Task<(ConsultationStore Store, HoldFirstHeaderRead Gate)> StoreAsync()
    {
        var gate = new HoldFirstHeaderRead();
        var options = new TableClientOptions();
        options.AddPolicy(gate, HttpPipelinePosition.PerRetry);
        var storage = new StorageAccount(new TableServiceClient(azurite.ConnectionString, options), new BlobServiceClient(azurite.ConnectionString));
        await storage.TableAsync(ConsultationStore.TableName);
        return (new ConsultationStore(storage), gate);
    }

    private static async Task<Consultation> CreateAsync(ConsultationStore store, string? id = null)
    {
        var now = DateTimeOffset.UtcNow;
        var consultation = new Consultation(id ?? Guid.NewGuid().ToString("N"), "Remiss om trygghetsvandring", null, "doc", "remiss.md", "sha", now.AddDays(7), null, [],
            "owner", "Ägare", "agare@example.se", ConsultationState.Open, now);
        await store.CreateAsync(consultation, [new Consultee(Guid.NewGuid().ToString("N"), "Instans", "instans@example.org", "Org", now)], CancellationToken.None);
        return consultation;
    }

    /// <summary>Counts the header point reads (GETs of the <c>consultation</c> partition) and holds the first one until released.</summary>
    private sealed class HoldFirstHeaderRead : HttpPipelinePolicy
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int requests;

        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Requests => Volatile.Read(ref requests);

        public void Release() => release.TrySetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (message.Request.Method == RequestMethod.Get
                && Uri.UnescapeDataString(message.Request.Uri.ToUri().AbsolutePath).Contains("PartitionKey='consultation'", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref requests);
                if (Held.TrySetResult())
                {
                    await release.Task;
                }
            }

            await ProcessNextAsync(message, pipeline);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            throw new NotSupportedException("The store reads asynchronously.");
    }
}
