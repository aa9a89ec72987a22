using Azure;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Cameras;

/// <summary>Who made a change: a staff person, or the system (the daily scan).</summary>
public sealed record Actor(string Id, string Name)
{
    public static readonly Actor DailyScan = new("system", "Daglig kontroll (system)");
}

public sealed record SiteWrite(CameraSite? Site, bool NotFound = false, bool Conflict = false);

/// <summary>
/// Sites and their history in one table, one partition per site: row <c>site</c> holds the record, rows
/// <c>h0000000001</c>… the history in revision order. A change writes the site (ETag-guarded) and its history entry
/// in one entity-group transaction, so the record and its history never disagree, even after a crash mid-write.
/// A history row stores the site after its change only: the state before revision n is exactly the state after
/// revision n − 1 (every change goes through here, one revision at a time), so <see cref="HistoryAsync"/> fills
/// <see cref="SiteHistoryEntry.Before"/> from the previous row. Storing it twice would halve the largest site a row
/// can hold. Rows written before this change carry their own before and are read as they are.
/// </summary>
public sealed class CameraStore(StorageAccount storage, TimeProvider time) : ICameraRequestRecords
{
    public const string SitesTable = "CameraSites";
    public const string RequestsTable = "CameraRequests";
    public const string NoticesTable = "CameraNotices";
    private const string SiteRow = "site";
    private const string RequestPartition = "request";
    private readonly RecordTable sites = new(storage, SitesTable);
    private readonly RecordTable requests = new(storage, RequestsTable);
    private readonly RecordTable notices = new(storage, NoticesTable);

    public async Task<IReadOnlyList<CameraSite>> ListSitesAsync(CancellationToken ct = default)
    {
        var list = await sites.ListAsync<CameraSite>(r => r.RowKey == SiteRow, ct);
        return list.OrderBy(s => s.Name, StringComparer.Create(new System.Globalization.CultureInfo("sv-SE"), true)).ToList();
    }

    public async Task<CameraSite?> GetSiteAsync(string id, CancellationToken ct = default) =>
        (await sites.GetAsync<CameraSite>(id, SiteRow, ct))?.Value;

    public async Task<IReadOnlyList<SiteHistoryEntry>> HistoryAsync(string siteId, CancellationToken ct = default)
    {
        var list = await sites.RangeAsync<SiteHistoryEntry>(siteId, "h", "i", ct);
        list.Sort((a, b) => a.Revision.CompareTo(b.Revision));
        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Before is null && list[i - 1].Revision == list[i].Revision - 1)
            {
                list[i] = list[i] with { Before = list[i - 1].After };
            }
        }

        return list;
    }

    /// <summary>Creates a site and its first history entry together; false when the id is taken.</summary>
    public async Task<bool> CreateSiteAsync(CameraSite site, Actor actor, string? note = null, CancellationToken ct = default)
    {
        var table = await sites.ClientAsync(ct);
        var created = site with { Revision = 1 };
        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, JsonRow.Of(site.Id, SiteRow, created)),
                new TableTransactionAction(TableTransactionActionType.Add, HistoryRow(actor, "created", created, note)),
            ], ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the stored site and records it. With <paramref name="retries"/> above zero a
    /// concurrent change makes it re-read and re-apply; otherwise the caller gets <see cref="SiteWrite.Conflict"/>.
    /// A change that returns null leaves the site as it is (nothing written).
    /// </summary>
    public async Task<SiteWrite> ChangeSiteAsync(string siteId, Func<CameraSite, CameraSite?> change, Actor actor, string action,
        string? note = null, int retries = 0, CancellationToken ct = default)
    {
        var table = await sites.ClientAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var row = await sites.GetRowAsync(siteId, SiteRow, ct);
            if (row is null)
            {
                return new(null, NotFound: true);
            }

            var before = row.Read<CameraSite>();
            if (change(before) is not { } changed)
            {
                return new(before);
            }

            var after = changed with { Revision = before.Revision + 1, UpdatedAt = time.GetUtcNow() };
            try
            {
                await table.SubmitTransactionAsync(
                [
                    new TableTransactionAction(TableTransactionActionType.UpdateReplace, JsonRow.Of(siteId, SiteRow, after), row.ETag),
                    new TableTransactionAction(TableTransactionActionType.Add, HistoryRow(actor, action, after, note)),
                ], ct);
                return new(after);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 409)
            {
                if (attempt >= retries)
                {
                    return new(null, Conflict: true);
                }
            }
        }
    }

    public async Task<IReadOnlyList<CameraRequest>> ListRequestsAsync(CancellationToken ct = default)
    {
        var list = await requests.ListAsync<CameraRequest>(r => r.PartitionKey == RequestPartition, ct);
        return list.OrderBy(r => r.CreatedAt).ToList();
    }

    public async Task<(CameraRequest Request, ETag ETag)?> GetRequestAsync(string id, CancellationToken ct = default) =>
        await requests.GetAsync<CameraRequest>(RequestPartition, id, ct) is { } row ? (row.Value, row.ETag) : null;

    public Task AddRequestAsync(CameraRequest request, CancellationToken ct = default) =>
        requests.InsertAsync(RequestPartition, request.Id, request, ct);

    /// <summary>Replaces the request if it is unchanged since read; false on a concurrent change.</summary>
    public async Task<bool> ReplaceRequestAsync(CameraRequest request, ETag etag, CancellationToken ct = default) =>
        await requests.TryReplaceAsync(RequestPartition, request.Id, request, etag, ct) is not null;

    public async Task<bool> NoticeSentAsync(string siteId, string key, CancellationToken ct = default) =>
        await notices.GetRowAsync(siteId, key, ct) is not null;

    public Task RecordNoticeAsync(string siteId, string key, CancellationToken ct = default) =>
        notices.UpsertAsync(new JsonRow { PartitionKey = siteId, RowKey = key, Json = "{}" }, ct);

    private JsonRow HistoryRow(Actor actor, string action, CameraSite after, string? note) =>
        JsonRow.Of(after.Id, $"h{after.Revision:D10}",
            new SiteHistoryEntry(after.Id, after.Revision, action, actor.Id, actor.Name, time.GetUtcNow(), null, after, note));
}
