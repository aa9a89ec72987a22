using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using Note = Bra.IntegrationTests.Storage.JsonRowStorageTests.Note;

namespace Bra.IntegrationTests.Storage;

/// <summary>The table and blob helpers every store uses, against real Table and Blob storage (Azurite).</summary>
public sealed class RecordTableTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private StorageAccount Storage => azurite.Storage();

    private RecordTable Table => new(Storage, "RecordTableTests");

    private BlobFiles Files => new(Storage, "record-table-tests");

    [Fact]
    public async Task GetAsync_MissingRow_Null()
    {
        Assert.Null(await Table.GetAsync<Note>("p", "missing", default));
        Assert.Null(await Table.GetRowAsync("p", "missing", default));
    }

    [Fact]
    public async Task TryInsertAsync_SameKeyTwice_SecondFalseAndFirstKept()
    {
        Assert.True(await Table.TryInsertAsync("p", "twice", new Note("n1", "först"), default));

        Assert.False(await Table.TryInsertAsync("p", "twice", new Note("n1", "andra"), default));

        Assert.Equal(new Note("n1", "först"), (await Table.GetAsync<Note>("p", "twice", default))!.Value);
    }

    [Fact]
    public async Task TryReplaceAsync_StaleETag_NullAndRowUnchanged()
    {
        await Table.InsertAsync("p", "stale", new Note("n1", "original"), default);
        var first = (await Table.GetAsync<Note>("p", "stale", default))!;
        var changed = await Table.TryReplaceAsync("p", "stale", new Note("n1", "ändrad"), first.ETag, default);
        Assert.NotNull(changed);

        Assert.Null(await Table.TryReplaceAsync("p", "stale", new Note("n1", "förlorad"), first.ETag, default));

        var stored = (await Table.GetAsync<Note>("p", "stale", default))!;
        Assert.Equal(new Note("n1", "ändrad"), stored.Value);
        Assert.Equal(changed, stored.ETag);
    }

    [Fact]
    public async Task TryReplaceAsync_RowDeletedSinceRead_NullAndNothingWritten()
    {
        await Table.InsertAsync("p", "deleted", new Note("n1", "original"), default);
        var read = (await Table.GetAsync<Note>("p", "deleted", default))!;
        await (await Table.ClientAsync(default)).DeleteEntityAsync("p", "deleted");

        Assert.Null(await Table.TryReplaceAsync("p", "deleted", new Note("n1", "sen"), read.ETag, default));

        Assert.Null(await Table.GetRowAsync("p", "deleted", default));
    }

    [Fact]
    public async Task TryInsertAndGet_RecordAtJsonRowMaximum_RoundTripsAndReplaces()
    {
        var note = JsonRowStorageTests.Fill(JsonRow.MaxJsonChars);

        Assert.True(await Table.TryInsertAsync("p", "max", note, default));
        var read = (await Table.GetAsync<Note>("p", "max", default))!;
        Assert.Equal(note, read.Value);

        // Also at the maximum, in plain letters: Azurite refuses an update whose request body exceeds 1 MB in UTF-8 (Azure
        // counts the stored entity, 2 bytes a character), and the ä, quotes and < above are escaped to up to 6 bytes on the wire.
        var replaced = new Note("n2", new string('a', JsonRow.MaxJsonChars - "{\"id\":\"n2\",\"text\":\"\"}".Length));
        Assert.Equal(JsonRow.MaxJsonChars, JsonRow.Of("p", "max", replaced).FullJson().Length);
        Assert.NotNull(await Table.TryReplaceAsync("p", "max", replaced, read.ETag, default));

        Assert.Equal(replaced, (await Table.GetAsync<Note>("p", "max", default))!.Value);
        await Assert.ThrowsAsync<RecordTooLargeException>(() => Table.TryInsertAsync("p", "over", JsonRowStorageTests.Fill(JsonRow.MaxJsonChars + 1), default));
        Assert.Null(await Table.GetRowAsync("p", "over", default));
    }

    [Fact]
    public async Task UpdateAsync_TenConcurrentChanges_EveryOneApplied()
    {
        await Table.InsertAsync("p", "counter", new Note("n1", ""), default);

        await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() => Table.UpdateAsync<Note>("p", "counter", n => n with { Text = n.Text + "x" }, default))));

        Assert.Equal("xxxxxxxxxx", (await Table.GetAsync<Note>("p", "counter", default))!.Value.Text);
    }

    [Fact]
    public async Task UpdateAsync_ChangeReturnsNullOrRowMissing_NothingWritten()
    {
        await Table.InsertAsync("p", "same", new Note("n1", "orörd"), default);
        var before = (await Table.GetAsync<Note>("p", "same", default))!.ETag;

        Assert.Equal(new Note("n1", "orörd"), await Table.UpdateAsync<Note>("p", "same", _ => null, default));
        Assert.Null(await Table.UpdateAsync<Note>("p", "none", n => n, default));

        Assert.Equal(before, (await Table.GetAsync<Note>("p", "same", default))!.ETag);
        Assert.Null(await Table.GetRowAsync("p", "none", default));
    }

    [Fact]
    public async Task RangeAsync_RowKeysAroundTheRange_OnlyThoseInside()
    {
        foreach (var key in new[] { "a-1", "b-1", "b-2", "c-1" })
        {
            await Table.InsertAsync("range", key, new Note(key, ""), default);
        }

        var inside = await Table.RangeAsync<Note>("range", "b-", "b.", default);

        Assert.Equal(["b-1", "b-2"], inside.Select(n => n.Id));
    }

    [Fact]
    public async Task TryCreateAsync_SameNameTwice_SecondFalseAndFirstContentKept()
    {
        var first = Encoding.UTF8.GetBytes("första innehållet");
        Assert.True(await Files.TryCreateAsync("once.txt", first, "text/plain; charset=utf-8", new Dictionary<string, string> { ["sha256"] = "abc" }, default));

        Assert.False(await Files.TryCreateAsync("once.txt", Encoding.UTF8.GetBytes("andra"), "text/html", metadata: null, default));

        Assert.Equal(first, await Files.ReadAsync("once.txt", default));
        var properties = (await (await Files.ContainerAsync(default)).GetBlobClient("once.txt").GetPropertiesAsync()).Value;
        Assert.Equal("text/plain; charset=utf-8", properties.ContentType);
        Assert.Equal("abc", properties.Metadata["sha256"]);
    }

    [Fact]
    public async Task ReadAsync_MissingFile_Null()
    {
        Assert.Null(await Files.ReadAsync("missing.txt", default));
    }
}
