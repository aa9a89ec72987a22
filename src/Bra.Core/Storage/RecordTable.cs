using System.Linq.Expressions;
using Azure;
using Azure.Data.Tables;

namespace Bra.Core.Storage;

/// <summary>A stored record with the ETag it was read with, so that a change is written only if nobody changed it since.</summary>
public sealed record Versioned<T>(T Value, ETag ETag);

/// <summary>
/// One table of records stored as <see cref="JsonRow"/>s: the point read, insert, conditional replace and upsert every
/// store needs, each one storage request, with the status codes that mean "not there", "already there" and "changed
/// since read" turned into results. A store creates one per table it owns (the name is a constant of that store) and keeps
/// it private; what the helpers do not cover (entity-group transactions, filtered queries, raw entities) uses
/// <see cref="ClientAsync"/> on the same table.
/// </summary>
public sealed class RecordTable(StorageAccount storage, string name)
{
    public string Name => name;

    /// <summary>The table's client, created on first use.</summary>
    public Task<TableClient> ClientAsync(CancellationToken ct) => storage.TableAsync(name, ct);

    /// <summary>The row, or null when there is none (one point read).</summary>
    public async Task<JsonRow?> GetRowAsync(string partitionKey, string rowKey, CancellationToken ct)
    {
        var table = await ClientAsync(ct);
        var response = await table.GetEntityIfExistsAsync<JsonRow>(partitionKey, rowKey, cancellationToken: ct);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>The record with its ETag, or null when there is none.</summary>
    public async Task<Versioned<T>?> GetAsync<T>(string partitionKey, string rowKey, CancellationToken ct) =>
        await GetRowAsync(partitionKey, rowKey, ct) is { } row ? new(row.Read<T>(), row.ETag) : null;

    /// <summary>The records of the rows the filter selects, in the table's order (partition, then row key).</summary>
    public async Task<List<T>> ListAsync<T>(Expression<Func<JsonRow, bool>> filter, CancellationToken ct)
    {
        var table = await ClientAsync(ct);
        var list = new List<T>();
        await foreach (var row in table.QueryAsync(filter, cancellationToken: ct))
        {
            list.Add(row.Read<T>());
        }

        return list;
    }

    /// <summary>The records of one partition whose row keys lie in [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public Task<List<T>> RangeAsync<T>(string partitionKey, string from, string to, CancellationToken ct) =>
        ListAsync<T>(r => r.PartitionKey == partitionKey && r.RowKey.CompareTo(from) >= 0 && r.RowKey.CompareTo(to) < 0, ct);

    /// <summary>Inserts the record; a row that exists already is an error (409 thrown).</summary>
    public async Task InsertAsync<T>(string partitionKey, string rowKey, T value, CancellationToken ct) =>
        await (await ClientAsync(ct)).AddEntityAsync(JsonRow.Of(partitionKey, rowKey, value), ct);

    /// <summary>Inserts the record; false when the row exists already (409), which is left as it is.</summary>
    public Task<bool> TryInsertAsync<T>(string partitionKey, string rowKey, T value, CancellationToken ct) =>
        TryInsertAsync(JsonRow.Of(partitionKey, rowKey, value), ct);

    /// <summary>Inserts a row as it is (an index row whose <see cref="JsonRow.Json"/> is a bare key); false when it exists already (409).</summary>
    public async Task<bool> TryInsertAsync(JsonRow row, CancellationToken ct)
    {
        var table = await ClientAsync(ct);
        try
        {
            await table.AddEntityAsync(row, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Replaces the row if it still has <paramref name="etag"/>. Returns the new ETag, or null when the race was lost:
    /// the row changed (412) or was deleted (404) since it was read. Either way nothing was written.
    /// </summary>
    public async Task<ETag?> TryReplaceAsync<T>(string partitionKey, string rowKey, T value, ETag etag, CancellationToken ct)
    {
        var row = JsonRow.Of(partitionKey, rowKey, value);
        var table = await ClientAsync(ct);
        try
        {
            return (await table.UpdateEntityAsync(row, etag, TableUpdateMode.Replace, ct)).Headers.ETag ?? ETag.All;
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Reads the record, applies <paramref name="change"/> and replaces it if nobody changed it meanwhile, reading again
    /// after a lost race (at most 20 times, then it throws). The change returns null to leave the record as it is.
    /// Returns the record as stored, or null when there is none.
    /// </summary>
    public async Task<T?> UpdateAsync<T>(string partitionKey, string rowKey, Func<T, T?> change, CancellationToken ct)
        where T : class
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await GetAsync<T>(partitionKey, rowKey, ct) is not { } current)
            {
                return null;
            }

            if (change(current.Value) is not { } updated)
            {
                return current.Value;
            }

            if (await TryReplaceAsync(partitionKey, rowKey, updated, current.ETag, ct) is not null)
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"Row {partitionKey}/{rowKey} of table {name} kept changing; nothing was written.");
    }

    /// <summary>Writes the record whether or not the row exists (insert or replace).</summary>
    public Task UpsertAsync<T>(string partitionKey, string rowKey, T value, CancellationToken ct) =>
        UpsertAsync(JsonRow.Of(partitionKey, rowKey, value), ct);

    /// <summary>Writes a row as it is, whether or not it exists (insert or replace).</summary>
    public async Task UpsertAsync(JsonRow row, CancellationToken ct) =>
        await (await ClientAsync(ct)).UpsertEntityAsync(row, TableUpdateMode.Replace, ct);
}
