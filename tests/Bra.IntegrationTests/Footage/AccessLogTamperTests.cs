using Bra.Core;
using Azure;
using Azure.Data.Tables;
using Bra.Core.Footage;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.IntegrationTests.Footage;

/// <summary>Someone with write access to storage changes the log behind the application's back; verification says where.</summary>
public sealed class AccessLogTamperTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string site = "site-" + Guid.NewGuid().ToString("N")[..12];
    private FootageStore? store;
    private AccessLog? log;
    private TableClient? table;

    private static readonly StaffUser Actor = new(new Person("p1", "Rita Rektorsdotter", "rita@example.se", null, null, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), new HashSet<string>());

    private async Task<AccessLog> LogWithEntriesAsync(int count)
    {
        var storage = azurite.Storage();
        store = new FootageStore(storage);
        log = new AccessLog(store, TimeProvider.System, NullLogger<AccessLog>.Instance);
        table = await storage.TableAsync(FootageStore.LogTable);
        for (var n = 1; n <= count; n++)
        {
            await log.AppendAsync(log.NewEntry(site, Actor, LogAction.View) with
            {
                CameraIds = ["k1"], FootageFrom = DateTimeOffset.UtcNow.AddHours(-2), FootageTo = DateTimeOffset.UtcNow.AddHours(-1),
                Purpose = $"Granska händelse nummer {n} vid entrén",
            }, CancellationToken.None);
        }

        return log;
    }

    private async Task<JsonRow> RowAsync(long sequence) => (await table!.GetEntityAsync<JsonRow>(site, FootageStore.RowKey(sequence))).Value;

    [Fact]
    public async Task Verify_OneFieldOfStoredEntryChanged_AlteredAtThatSequence()
    {
        var log = await LogWithEntriesAsync(6);
        var row = await RowAsync(4);
        row.Json = row.Json.Replace("nummer 4", "nummer 9");
        await table!.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var result = await log.VerifyAsync(site, full: true, CancellationToken.None);

        Assert.False(result.Intact);
        Assert.Equal(4, result.FirstBrokenSequence);
        Assert.Equal("altered", result.Problem);
    }

    [Fact]
    public async Task Verify_EntryDeleted_MissingAtThatSequence()
    {
        var log = await LogWithEntriesAsync(6);
        await table!.DeleteEntityAsync(site, FootageStore.RowKey(3));

        var result = await log.VerifyAsync(site, full: true, CancellationToken.None);

        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal("missing", result.Problem);
    }

    [Fact]
    public async Task Verify_TwoEntriesSwapped_ReorderedAtFirstOfThem()
    {
        var log = await LogWithEntriesAsync(6);
        var second = await RowAsync(2);
        var fifth = await RowAsync(5);
        (second.Json, fifth.Json) = (fifth.Json, second.Json);
        await table!.UpdateEntityAsync(second, ETag.All, TableUpdateMode.Replace);
        await table.UpdateEntityAsync(fifth, ETag.All, TableUpdateMode.Replace);

        var result = await log.VerifyAsync(site, full: true, CancellationToken.None);

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal("reordered", result.Problem);
    }

    [Fact]
    public async Task Verify_TailCutAfterAnchor_TruncatedAtFirstCutSequence()
    {
        var log = await LogWithEntriesAsync(10);
        var anchored = await log.AnchorAsync(site, CancellationToken.None);
        Assert.Equal(10, anchored.Value!.Anchor!.Sequence);
        Assert.True((await log.VerifyAsync(site, full: true, CancellationToken.None)).Intact);
        foreach (var n in new[] { 8, 9, 10 })
        {
            await table!.DeleteEntityAsync(site, FootageStore.RowKey(n));
        }

        var result = await log.VerifyAsync(site, full: true, CancellationToken.None);
        var reanchor = await log.AnchorAsync(site, CancellationToken.None);

        Assert.Equal(8, result.FirstBrokenSequence);
        Assert.Equal("truncated", result.Problem);
        Assert.Equal(7, result.Entries);
        Assert.Equal(10, result.AnchoredSequence);
        Assert.Equal(ResultStatus.Conflict, reanchor.Status);
    }

    [Fact]
    public async Task Anchor_ChainAlteredSinceLastAnchor_RefusedAndNothingWritten()
    {
        var log = await LogWithEntriesAsync(3);
        await log.AnchorAsync(site, CancellationToken.None);
        await log.AppendAsync(log.NewEntry(site, Actor, LogAction.Export) with { Purpose = "Exportera bilder till polisen" }, CancellationToken.None);
        var row = await RowAsync(4);
        row.Json = row.Json.Replace("Exportera", "Radera");
        await table!.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Replace);

        var refused = await log.AnchorAsync(site, CancellationToken.None);

        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("post 4", refused.Message);
        Assert.Equal([3L], (await store!.AnchorsAsync(site, CancellationToken.None)).Select(a => a.Anchor!.Sequence));
    }
}
