using Bra.Core.Http;
using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Bra.Core.Storage;

namespace Bra.Core.Footage;

public sealed record StoredGrant(FootageGrant Grant, ETag ETag);

/// <summary>
/// Grants, the access log and its anchors.
/// <list type="bullet">
/// <item>Table <c>FootageGrants</c>: one partition per site, one row per grant.</item>
/// <item>Table <c>FootageAccessLog</c>: one partition per site, RowKey = the entry's sequence zero-padded to 12 digits,
/// insert-only. Appending entry n+1 is an insert of RowKey n+1; when another writer took n+1 the insert fails with 409,
/// and the writer re-reads the head and tries n+2, so concurrent appends give contiguous sequences and one chain.
/// Beside each entry, in the same partition and the same batch transaction (both rows or neither), an index row keyed
/// by the person who acted, <c>actor-{hex of the person id}-{999999999999 - sequence}</c>, holding a copy of the entry:
/// a person's entries newest first are one range of the partition (<see cref="RecentOfPersonAsync"/>). Sequence keys
/// are digits only, so they sort before every index key, and the log's readers stop before them.</item>
/// <item>Container <c>audit-anchors</c> (WORM in Azure, set by infra): one append blob per site and year,
/// <c>{siteId}/{yyyy}.jsonl</c>, one JSON line per anchor. Blocks are only ever appended.</item>
/// <item>Table <c>FootageDenials</c>: one partition per site, one row per refused person (hex of the person id): the
/// person's open one-minute window of refusals and the running total (<see cref="DenialWindow"/>).</item>
/// <item>Table <c>FootageVerification</c>: one row per site, the checkpoint incremental verification starts from.</item>
/// </list>
/// </summary>
public sealed class FootageStore(StorageAccount storage) : IGrantRecords
{
    public const string GrantsTable = "FootageGrants";
    public const string LogTable = "FootageAccessLog";
    public const string AnchorContainer = "audit-anchors";
    public const string VerificationTable = "FootageVerification";
    public const string DenialsTable = "FootageDenials";
    private const string CheckpointRow = "checkpoint";
    private const int MaxAppendAttempts = 1000;
    private readonly RecordTable grants = new(storage, GrantsTable);
    private readonly RecordTable log = new(storage, LogTable);
    private readonly BlobFiles anchors = new(storage, AnchorContainer);
    private readonly RecordTable verification = new(storage, VerificationTable);
    private readonly RecordTable denials = new(storage, DenialsTable);

    private readonly ConcurrentDictionary<string, Head> heads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public static string RowKey(long sequence) => sequence.ToString("D12", CultureInfo.InvariantCulture);

    /// <summary>Every sequence key (digits only) sorts before this, and every index key after it.</summary>
    private const string AfterSequences = ":";
    private const long MaxSequence = 999_999_999_999;

    /// <summary>The index row key of a person's entry: the person's prefix, then the sequence inverted so the newest comes first.</summary>
    public static string PersonIndexKey(string personId, long sequence) =>
        PersonIndexPrefix(personId) + (MaxSequence - sequence).ToString("D12", CultureInfo.InvariantCulture);

    private static string PersonIndexPrefix(string personId) => $"actor-{Convert.ToHexStringLower(Encoding.UTF8.GetBytes(personId))}-";

    public Task AddGrantAsync(FootageGrant grant, CancellationToken ct) => grants.InsertAsync(grant.SiteId, grant.Id, grant, ct);

    public async Task<StoredGrant?> GetGrantAsync(string siteId, string grantId, CancellationToken ct) =>
        await grants.GetAsync<FootageGrant>(siteId, grantId, ct) is { } row ? new(row.Value, row.ETag) : null;

    /// <returns>False when the grant changed since it was read (ETag).</returns>
    public async Task<bool> ReplaceGrantAsync(FootageGrant grant, ETag etag, CancellationToken ct) =>
        await grants.TryReplaceAsync(grant.SiteId, grant.Id, grant, etag, ct) is not null;

    public async Task<IReadOnlyList<FootageGrant>> ListGrantsAsync(string siteId, CancellationToken ct) =>
        (await grants.ListAsync<FootageGrant>(r => r.PartitionKey == siteId, ct)).OrderBy(g => g.GrantedAt).ToList();

    /// <summary>Every grant a person holds or held, across sites (the grants table is small: people, not events).</summary>
    public async Task<IReadOnlyList<FootageGrant>> ListGrantsOfPersonAsync(string personId, CancellationToken ct)
    {
        var table = await grants.ClientAsync(ct);
        var list = new List<FootageGrant>();
        await foreach (var row in table.QueryAsync<JsonRow>(cancellationToken: ct))
        {
            if (row.Read<FootageGrant>() is { } grant && grant.PersonId == personId)
            {
                list.Add(grant);
            }
        }

        return list.OrderBy(g => g.GrantedAt).ToList();
    }

    /// <summary>
    /// Appends <paramref name="entry"/> as the next entry of its site's chain: fills in sequence, previous hash and hash.
    /// The insert goes to the sequence after the head this instance last saw; when another writer (another instance)
    /// took it, the insert fails with 409 and the writer reads the rows after its head and tries the next sequence.
    /// When a row read that way is this entry (its id: a storage-level retry of an insert that had in fact succeeded),
    /// that is the answer, so a retry never appends twice. Writers in one instance queue per site instead of racing.
    /// </summary>
    public async Task<AccessLogEntry> AppendAsync(AccessLogEntry entry, CancellationToken ct)
    {
        var table = await log.ClientAsync(ct);
        var gate = gates.GetOrAdd(entry.SiteId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var head = heads.GetValueOrDefault(entry.SiteId) ?? Head.Empty;
            for (var attempt = 0; ; attempt++)
            {
                var next = entry with { Sequence = head.Sequence + 1, PreviousHash = head.Hash, Hash = "" };
                next = next with { Hash = AccessLogHash.Compute(next) };
                if (await TryInsertWithIndexAsync(table, next, ct))
                {
                    heads[next.SiteId] = new Head(next.Sequence, next.Hash);
                    return next;
                }

                if (attempt >= MaxAppendAttempts)
                {
                    throw new InvalidOperationException($"The access log of site {entry.SiteId} kept moving on; entry {entry.Id} was not appended.");
                }

                var (latest, mine) = await ForwardAsync(table, entry.SiteId, head, entry.Id, ct);
                if (mine is not null)
                {
                    return mine;
                }

                head = latest;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Inserts the entry and its person index row in one batch transaction; false when the entry's sequence is taken
    /// (409: the transaction failed whole, so no index row was left behind).
    /// </summary>
    private static async Task<bool> TryInsertWithIndexAsync(TableClient table, AccessLogEntry entry, CancellationToken ct)
    {
        try
        {
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, JsonRow.Of(entry.SiteId, RowKey(entry.Sequence), entry)),
                new TableTransactionAction(TableTransactionActionType.Add, JsonRow.Of(entry.SiteId, PersonIndexKey(entry.Actor, entry.Sequence), entry)),
            ], ct);
            return true;
        }
        catch (TableTransactionFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    /// <summary>The person's latest <paramref name="count"/> entries in the site's log, newest first, from the person index alone.</summary>
    public async Task<IReadOnlyList<AccessLogEntry>> RecentOfPersonAsync(string siteId, string personId, int count, CancellationToken ct)
    {
        var table = await log.ClientAsync(ct);
        var prefix = PersonIndexPrefix(personId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {siteId} and RowKey gt {prefix} and RowKey lt {prefix + "~"}");
        var entries = new List<AccessLogEntry>();
        await foreach (var row in table.QueryAsync<JsonRow>(filter, maxPerPage: count, cancellationToken: ct))
        {
            if (TryRead(row) is { } entry)
            {
                entries.Add(entry);
            }

            if (entries.Count == count)
            {
                break;
            }
        }

        return entries;
    }

    /// <summary>The stored rows of a site's log from <paramref name="fromSequence"/> on, in RowKey order; an unreadable entry is null.</summary>
    public async IAsyncEnumerable<(long Sequence, AccessLogEntry? Entry)> ReadAsync(string siteId, long fromSequence = 1,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        var table = await log.ClientAsync(ct);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {siteId} and RowKey ge {RowKey(fromSequence)} and RowKey lt {AfterSequences}");
        await foreach (var row in table.QueryAsync<JsonRow>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            yield return (long.TryParse(row.RowKey, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) ? sequence : -1, TryRead(row));
        }
    }

    /// <summary>Every readable entry of a site's log, in sequence order.</summary>
    public async IAsyncEnumerable<AccessLogEntry> EntriesAsync(string siteId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var (_, entry) in ReadAsync(siteId, 1, ct))
        {
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    public async Task<AccessLogPage> PageAsync(string siteId, long fromSequence, int limit, CancellationToken ct)
    {
        var entries = new List<AccessLogEntry>();
        long? next = null;
        await foreach (var (sequence, entry) in ReadAsync(siteId, fromSequence, ct))
        {
            if (entries.Count == limit)
            {
                next = sequence;
                break;
            }

            if (entry is not null)
            {
                entries.Add(entry);
            }
        }

        return new(entries, next);
    }

    /// <summary>
    /// Every anchor line of the site: the blobs under <c>{siteId}/</c> in name order, each line in order (empty lines
    /// skipped, numbered as they stand). A line that is not an anchor of this site with a 64-digit lowercase hex hash is
    /// returned with a null anchor, so one bad line never hides the others.
    /// </summary>
    public async Task<IReadOnlyList<StoredAnchor>> AnchorsAsync(string siteId, CancellationToken ct)
    {
        var container = await anchors.ContainerAsync(ct);
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = siteId + "/" }, ct))
        {
            names.Add(blob.Name);
        }

        var list = new List<StoredAnchor>();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var content = (await container.GetBlobClient(name).DownloadContentAsync(ct)).Value.Content.ToString();
            var lines = content.Split('\n');
            for (var n = 0; n < lines.Length; n++)
            {
                if (!string.IsNullOrWhiteSpace(lines[n]))
                {
                    list.Add(new(name, n + 1, ParseAnchor(lines[n], siteId)));
                }
            }
        }

        return list;
    }

    /// <summary>The anchor blob of <paramref name="anchor"/>: <c>{siteId}/{yyyy}.jsonl</c>, the UTC year of its anchoring.</summary>
    public static string AnchorBlobName(ChainAnchor anchor) =>
        $"{anchor.SiteId}/{anchor.AnchoredAt.UtcDateTime.Year.ToString("D4", CultureInfo.InvariantCulture)}.jsonl";

    public async Task AppendAnchorAsync(ChainAnchor anchor, CancellationToken ct)
    {
        var container = await anchors.ContainerAsync(ct);
        var blob = container.GetAppendBlobClient(AnchorBlobName(anchor));
        await blob.CreateIfNotExistsAsync(cancellationToken: ct);
        using var line = new MemoryStream(AccessLogHash.AnchorLine(anchor));
        await blob.AppendBlockAsync(line, cancellationToken: ct);
    }

    /// <summary>Where the site's last intact verification got to (table <c>FootageVerification</c>, one row per site).</summary>
    public async Task<ChainCheckpoint?> CheckpointAsync(string siteId, CancellationToken ct) =>
        (await verification.GetAsync<ChainCheckpoint>(siteId, CheckpointRow, ct))?.Value;

    /// <summary>Remembers <paramref name="checkpoint"/> unless a checkpoint at or past its sequence is already kept.</summary>
    public async Task AdvanceCheckpointAsync(ChainCheckpoint checkpoint, CancellationToken ct)
    {
        if (await CheckpointAsync(checkpoint.SiteId, ct) is not { } kept || kept.Sequence < checkpoint.Sequence)
        {
            await verification.UpsertAsync(checkpoint.SiteId, CheckpointRow, checkpoint, ct);
        }
    }

    public async Task<Versioned<DenialWindow>?> DenialWindowAsync(string siteId, string personId, CancellationToken ct) =>
        await denials.GetAsync<DenialWindow>(siteId, DenialKey(personId), ct);

    /// <returns>False when another writer created or changed the window first (409, 412, 404): read again.</returns>
    public async Task<bool> TryWriteDenialWindowAsync(DenialWindow window, ETag? etag, CancellationToken ct) => etag is { } known
        ? await denials.TryReplaceAsync(window.SiteId, DenialKey(window.PersonId), window, known, ct) is not null
        : await denials.TryInsertAsync(window.SiteId, DenialKey(window.PersonId), window, ct);

    /// <summary>Every refused person's window at the site, with its ETag.</summary>
    public async Task<IReadOnlyList<Versioned<DenialWindow>>> DenialWindowsAsync(string siteId, CancellationToken ct)
    {
        var table = await denials.ClientAsync(ct);
        var list = new List<Versioned<DenialWindow>>();
        await foreach (var row in table.QueryAsync<JsonRow>(TableClient.CreateQueryFilter($"PartitionKey eq {siteId}"), cancellationToken: ct))
        {
            list.Add(new(row.Read<DenialWindow>(), row.ETag));
        }

        return list;
    }

    private static string DenialKey(string personId) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(personId));

    private static ChainAnchor? ParseAnchor(string line, string siteId)
    {
        try
        {
            return JsonSerializer.Deserialize<ChainAnchor>(line, AppJson.Options) is { } anchor
                && anchor.SiteId == siteId
                && anchor.Hash is { Length: 64 } hash && hash.All(char.IsAsciiHexDigitLower)
                ? anchor
                : null;
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            return null;
        }
    }

    private static AccessLogEntry? TryRead(JsonRow row)
    {
        try
        {
            return row.Read<AccessLogEntry>();
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>The rows after <paramref name="head"/>: the newest one becomes the head; the one with <paramref name="entryId"/>, if any, is returned.</summary>
    private async Task<(Head Head, AccessLogEntry? Mine)> ForwardAsync(TableClient table, string siteId, Head head, string entryId, CancellationToken ct)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {siteId} and RowKey gt {RowKey(head.Sequence)} and RowKey lt {AfterSequences}");
        await foreach (var row in table.QueryAsync<JsonRow>(filter, maxPerPage: 1000, cancellationToken: ct))
        {
            if (TryRead(row) is not { } entry)
            {
                throw new InvalidDataException($"Access log row {siteId}/{row.RowKey} cannot be read; the chain is broken.");
            }

            if (entry.Id == entryId)
            {
                return (head, entry);
            }

            head = new Head(entry.Sequence, entry.Hash);
        }

        heads[siteId] = head;
        return (head, null);
    }

    private sealed record Head(long Sequence, string Hash)
    {
        public static readonly Head Empty = new(0, AccessLogHash.Genesis);
    }
}
