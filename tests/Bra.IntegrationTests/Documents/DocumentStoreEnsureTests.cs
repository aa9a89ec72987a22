using Azure.Storage.Blobs;
using Bra.Core.Documents;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Documents;

/// <summary><see cref="DocumentStore.EnsureAsync"/>: a document under a fixed id, stored once, with the upload's checks and layout.</summary>
public sealed class DocumentStoreEnsureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly byte[] First = "# Intresseavvägning\n\nFörsta versionen.\n"u8.ToArray();

    [Fact]
    public async Task EnsureAsync_CalledAgainWithOtherContent_FirstDocumentKept()
    {
        var (storage, store) = Create();
        var (created, error) = await EnsureAsync(store, "demo-ensure-twice", "bedomning.md", First);
        Assert.Null(error);
        var (again, _) = await EnsureAsync(store, "demo-ensure-twice", "annan.md", "# Annan text\n"u8.ToArray());

        Assert.Equal(created, again);
        Assert.Equal("demo-ensure-twice", again!.Id);
        Assert.Equal("text/markdown; charset=utf-8", again.ContentType);
        Assert.Equal(First, await ReadAsync(store, "demo-ensure-twice"));
        Assert.Equal(again, await store.GetAsync("demo-ensure-twice", CancellationToken.None));
        var container = await storage.ContainerAsync(DocumentStore.Container, CancellationToken.None);
        var blobs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, "demo-ensure-twice", CancellationToken.None))
        {
            blobs.Add(blob.Name);
        }

        Assert.Equal(["demo-ensure-twice"], blobs);
    }

    [Fact]
    public async Task EnsureAsync_ContentNotWhatTheNameSays_RefusedNothingStored()
    {
        var (storage, store) = Create();
        var (document, error) = await EnsureAsync(store, "demo-ensure-refused", "bedomning.pdf", First);

        Assert.Null(document);
        Assert.Contains("stämmer inte med filtypen PDF", error);
        Assert.Null(await store.GetAsync("demo-ensure-refused", CancellationToken.None));
        var container = await storage.ContainerAsync(DocumentStore.Container, CancellationToken.None);
        Assert.False((await container.GetBlobClient("demo-ensure-refused").ExistsAsync()).Value);
    }

    [Fact]
    public async Task EnsureAsync_BlobLeftByAStoppedAttempt_RecordCompleted()
    {
        var (storage, store) = Create();
        var container = await storage.ContainerAsync(DocumentStore.Container, CancellationToken.None);
        await container.GetBlobClient("demo-ensure-half").UploadAsync(new BinaryData(First));

        var (document, error) = await EnsureAsync(store, "demo-ensure-half", "bedomning.md", First);

        Assert.Null(error);
        Assert.Equal(document, await store.GetAsync("demo-ensure-half", CancellationToken.None));
        Assert.Equal(First, await ReadAsync(store, "demo-ensure-half"));
    }

    [Fact]
    public async Task EnsureAsync_IdNotASlug_Throws()
    {
        var (_, store) = Create();
        await Assert.ThrowsAsync<ArgumentException>(() => EnsureAsync(store, "../utanfor", "bedomning.md", First));
    }

    private (StorageAccount Storage, DocumentStore Store) Create()
    {
        var storage = azurite.Storage();
        return (storage, new DocumentStore(storage, TimeProvider.System));
    }

    private static Task<(StoredDocument? Document, string? Error)> EnsureAsync(DocumentStore store, string id, string name, byte[] content) =>
        store.EnsureAsync(id, name, content, DocumentKinds.ConsultationDocuments, DocumentStore.MaxStaffDocumentBytes, "demo-samordnare", CancellationToken.None);

    private static async Task<byte[]> ReadAsync(DocumentStore store, string id)
    {
        await using var stream = await store.OpenReadAsync(id, CancellationToken.None);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer);
        return buffer.ToArray();
    }
}
