using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Consultations;

/// <summary>Everything a consultation holds, with the rows of one consultation in one partition.</summary>
public sealed record ConsultationData(Consultation Consultation, IReadOnlyList<Consultee> Consultees, IReadOnlyList<Answer> Answers)
{
    // Grouped once: the status API and the compilation ask for every consultee's versions (1,000 x 1,000 otherwise).
    private readonly ILookup<string, Answer> byConsultee = Answers.OrderBy(a => a.Version).ToLookup(a => a.ConsulteeId, StringComparer.Ordinal);

    public IReadOnlyList<Answer> VersionsOf(string consulteeId) => byConsultee[consulteeId].ToList();

    /// <summary>
    /// A consultee's latest version, when the first came in and how many there are, from the consultee row (versions are
    /// numbered from 1 without gaps, so the latest's number is the count).
    /// </summary>
    public static (Answer? Last, DateTimeOffset? FirstAt, int Count) AnswersOf(Consultee consultee) =>
        (consultee.LastAnswer, consultee.FirstAnsweredAt, consultee.LastAnswer?.Version ?? 0);
}

public enum Reservation
{
    Reserved,
    NotFound,
    NotOpen,
    ConsulteeCap,
    ForwardCap,
}

/// <summary>
/// A receipt still to be mailed for a stored answer version (row <c>r-{consulteeId}-{version}</c>), inserted in the same
/// transaction as the version and deleted once the receipt is sent. A sender claims it first (ETag) until <see cref="ClaimedUntil"/>,
/// counting <see cref="Attempts"/>.
/// </summary>
public sealed record PendingReceipt(string ConsulteeId, int Version, DateTimeOffset StoredAt, DateTimeOffset? ClaimedUntil = null, int Attempts = 0);

/// <summary>
/// Table <c>Consultations</c>: partition <c>consultation</c> holds one header row per consultation (listing); the
/// partition named by the consultation id holds its consultees (<c>c-{id}</c>) and every answer version
/// (<c>a-{consulteeId}-{version}</c>; the consultee row keeps a copy of the latest)
/// and the receipts still to be mailed (<c>r-{consulteeId}-{version}</c>). Versions are inserted, never replaced, so a
/// race or a retry cannot lose one. Rows <c>l-{consulteeId}</c> (the latest version's copy before the consultee row kept
/// it) are no longer written or read.
/// </summary>
public sealed class ConsultationStore(StorageAccount storage)
{
    public const string TableName = "Consultations";
    private const string HeaderPartition = "consultation";
    private readonly RecordTable records = new(storage, TableName);

    /// <summary>Header reads in flight, shared by <see cref="GetSharedAsync"/>; a header write here drops its id's entry.</summary>
    private readonly ConcurrentDictionary<string, Task<(Consultation Value, ETag ETag)?>> headerReads = new(StringComparer.Ordinal);

    /// <summary>The most rows one table transaction may hold.</summary>
    private const int MaxTransactionRows = 100;

    public async Task CreateAsync(Consultation consultation, IReadOnlyList<Consultee> consultees, CancellationToken ct)
    {
        await AddConsulteesAsync(consultation.Id, consultees, ct);
        await records.InsertAsync(HeaderPartition, consultation.Id, consultation with { ConsulteeCount = consultees.Count }, ct);
        headerReads.TryRemove(consultation.Id, out _);
    }

    /// <summary>
    /// Reserves room for <paramref name="consultees"/> more consultees (and, for a forward, one forward) on the header,
    /// ETag-guarded and retried on concurrent changes, so concurrent additions and forwards never pass the caps. A
    /// reservation whose consultees are then not added (a lost race afterwards) only makes the count err on the safe side.
    /// </summary>
    public async Task<Reservation> ReserveAsync(string id, int consultees, bool forward, DateTimeOffset now, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await GetAsync(id, ct) is not { } current)
            {
                return Reservation.NotFound;
            }

            var c = current.Value;
            if (!c.TakesAnswersAt(now))
            {
                return Reservation.NotOpen;
            }

            // Consultations stored before the count existed: count their rows once.
            var count = c.ConsulteeCount > 0 ? c.ConsulteeCount : await CountConsulteesAsync(id, ct);
            if (count + consultees > ConsultationRules.MaxConsultees)
            {
                return Reservation.ConsulteeCap;
            }

            if (forward && c.Forwards >= ConsultationRules.MaxForwards)
            {
                return Reservation.ForwardCap;
            }

            if (await TryUpdateAsync(c with { ConsulteeCount = count + consultees, Forwards = c.Forwards + (forward ? 1 : 0) }, current.ETag, ct))
            {
                return Reservation.Reserved;
            }

            await Task.Delay(Random.Shared.Next(5, 20 + attempt * 5), ct);
        }

        throw new InvalidOperationException($"Consultation {id} kept changing; nothing was reserved.");
    }

    private async Task<int> CountConsulteesAsync(string id, CancellationToken ct)
    {
        var table = await Table(ct);
        var count = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(r => r.PartitionKey == id && r.RowKey.CompareTo("c-") >= 0 && r.RowKey.CompareTo("c.") < 0,
                           select: ["RowKey"], cancellationToken: ct))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// Adds the consultees' rows, up to 100 in one table transaction (they share the consultation's partition), a few
    /// transactions side by side: 1,000 consultees cost 10 storage requests instead of 1,000. A transaction that meets a
    /// row already there (stored by an earlier attempt whose response was lost) is done again row by row, skipping those.
    /// </summary>
    public async Task AddConsulteesAsync(string consultationId, IReadOnlyList<Consultee> consultees, CancellationToken ct)
    {
        var table = await Table(ct);
        var rows = consultees.Select(c => JsonRow.Of(consultationId, ConsulteeKey(c.Id), c)).ToList();
        await Parallel.ForEachAsync(rows.Chunk(MaxTransactionRows), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (chunk, token) =>
        {
            try
            {
                if (chunk.Length > 1)
                {
                    await table.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Add, r)), token);
                    return;
                }
            }
            catch (TableTransactionFailedException ex) when (ex.Status == 409)
            {
                // Some row of the chunk is there already: the rest one by one below.
            }

            foreach (var row in chunk)
            {
                // False when an earlier attempt whose response was lost inserted it.
                await records.TryInsertAsync(row, token);
            }
        });
    }

    public async Task<(Consultation Value, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        return await records.GetAsync<Consultation>(HeaderPartition, id, ct) is { } row ? (row.Value, row.ETag) : null;
    }

    /// <summary>
    /// The header as a point read returns it, shared by every caller that asks while that read is in flight (request
    /// coalescing): 200 consultees answering at once cost a few header reads, not 200. A caller never gets a header older
    /// than a read that was already running when it asked, the same staleness a read of its own has by the time it is
    /// used; and never one from before a header write made through this store, which drops the shared read so that later
    /// callers read again. For the link pages (<see cref="RespondRoutes"/>); writes read with <see cref="GetAsync"/>.
    /// </summary>
    public Task<(Consultation Value, ETag ETag)?> GetSharedAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return Task.FromResult<(Consultation Value, ETag ETag)?>(null);
        }

        while (true)
        {
            if (headerReads.TryGetValue(id, out var running))
            {
                return running.WaitAsync(ct);
            }

            var started = new TaskCompletionSource<(Consultation Value, ETag ETag)?>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (headerReads.TryAdd(id, started.Task))
            {
                _ = ReadSharedAsync(id, started);
                return started.Task.WaitAsync(ct);
            }
        }
    }

    /// <summary>Runs one shared header read (not cancelled by the caller that started it: the others wait for it too).</summary>
    private async Task ReadSharedAsync(string id, TaskCompletionSource<(Consultation Value, ETag ETag)?> shared)
    {
        try
        {
            shared.SetResult(await GetAsync(id, CancellationToken.None));
        }
        catch (Exception ex)
        {
            shared.SetException(ex);
        }
        finally
        {
            // Only this read's entry: a write may have dropped it and a newer read taken its place.
            headerReads.TryRemove(KeyValuePair.Create(id, shared.Task));
        }
    }

    /// <summary>Replaces the header if it has not changed since it was read; false on a concurrent change.</summary>
    public async Task<bool> TryUpdateAsync(Consultation consultation, ETag etag, CancellationToken ct)
    {
        try
        {
            return await records.TryReplaceAsync(HeaderPartition, consultation.Id, consultation, etag, ct) is not null;
        }
        finally
        {
            headerReads.TryRemove(consultation.Id, out _);
        }
    }

    /// <summary>Reads, changes and writes the header, retrying on concurrent changes. The change returns null to leave it as is.</summary>
    public async Task<Consultation?> UpdateAsync(string id, Func<Consultation, Consultation?> change, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        try
        {
            return await records.UpdateAsync(HeaderPartition, id, change, ct);
        }
        finally
        {
            headerReads.TryRemove(id, out _);
        }
    }

    public async Task<IReadOnlyList<Consultation>> ListAsync(CancellationToken ct)
    {
        var list = await records.ListAsync<Consultation>(r => r.PartitionKey == HeaderPartition, ct);
        return list.OrderByDescending(c => c.CreatedAt).ToList();
    }

    public async Task<ConsultationData?> LoadAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        // The header and the consultation's partition are read side by side.
        var headerRead = GetAsync(id, ct);
        var rowsRead = PartitionAsync(id, ct);
        await Task.WhenAll(headerRead, rowsRead);
        if (await headerRead is not { } header)
        {
            return null;
        }

        var (consultees, answers) = await rowsRead;
        return new ConsultationData(header.Value, consultees.OrderBy(c => c.AddedAt).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(), answers);
    }

    /// <summary>
    /// The header and the consultees, each row with its latest answer (<see cref="ConsultationData.AnswersOf"/>); the
    /// versions are not read, so <see cref="ConsultationData.Answers"/> is empty. For views that show each consultee's
    /// latest answer.
    /// </summary>
    public async Task<ConsultationData?> LoadLatestAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        var headerRead = GetAsync(id, ct);
        var consulteesRead = records.RangeAsync<Consultee>(id, "c-", "c.", ct);
        await Task.WhenAll(headerRead, consulteesRead);
        if (await headerRead is not { } header)
        {
            return null;
        }

        var consultees = await consulteesRead;
        return new ConsultationData(header.Value, consultees.OrderBy(c => c.AddedAt).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(), []);
    }

    /// <summary>The consultees and the answer versions: two range queries side by side (the latest copies and pending receipts are not read).</summary>
    private async Task<(List<Consultee> Consultees, List<Answer> Answers)> PartitionAsync(string id, CancellationToken ct)
    {
        var consultees = records.RangeAsync<Consultee>(id, "c-", "c.", ct);
        var answers = records.RangeAsync<Answer>(id, "a-", "a.", ct);
        return (await consultees, await answers);
    }

    public async Task<(Consultee Value, ETag ETag)?> GetConsulteeAsync(string consultationId, string consulteeId, CancellationToken ct) =>
        await records.GetAsync<Consultee>(consultationId, ConsulteeKey(consulteeId), ct) is { } row ? (row.Value, row.ETag) : null;

    public async Task<bool> TryUpdateConsulteeAsync(string consultationId, Consultee consultee, ETag etag, CancellationToken ct) =>
        await records.TryReplaceAsync(consultationId, ConsulteeKey(consultee.Id), consultee, etag, ct) is not null;

    public async Task<IReadOnlyList<Answer>> VersionsAsync(string consultationId, string consulteeId, CancellationToken ct) =>
        (await records.RangeAsync<Answer>(consultationId, $"a-{consulteeId}-", $"a-{consulteeId}.", ct)).OrderBy(a => a.Version).ToList();

    /// <summary>
    /// Inserts the answer as the next version and replaces the consultee row with <paramref name="consultee"/> (which keeps
    /// it as the latest) if the row still has <paramref name="etag"/>, with its <see cref="PendingReceipt"/> when a receipt
    /// is due: one table transaction, so all are stored or none. False when another version or change got there first
    /// (409 on the version or 412 on the consultee row). With a receipt, its pending row (with its ETag) comes back too.
    /// </summary>
    public async Task<(bool Stored, JsonRow? PendingReceipt)> TryInsertAnswerAsync(string consultationId, Consultee consultee, ETag etag, Answer answer, bool withReceipt,
        CancellationToken ct)
    {
        var table = await Table(ct);
        List<TableTransactionAction> actions =
        [
            new(TableTransactionActionType.Add, JsonRow.Of(consultationId, $"a-{answer.ConsulteeId}-{answer.Version:D5}", answer)),
            new(TableTransactionActionType.UpdateReplace, JsonRow.Of(consultationId, ConsulteeKey(consultee.Id), consultee), etag),
        ];
        var receipt = withReceipt
            ? JsonRow.Of(consultationId, ReceiptKey(answer.ConsulteeId, answer.Version), new PendingReceipt(answer.ConsulteeId, answer.Version, answer.ReceivedAt))
            : null;
        if (receipt is not null)
        {
            actions.Add(new(TableTransactionActionType.Add, receipt));
        }

        try
        {
            var responses = (await table.SubmitTransactionAsync(actions, ct)).Value;
            if (receipt is not null && responses.Count == actions.Count && responses[^1].Headers.ETag is { } stored)
            {
                receipt.ETag = stored;
                return (true, receipt);
            }

            return (true, null);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (false, null);
        }
    }

    /// <summary>One stored answer version, or null.</summary>
    public async Task<Answer?> GetAnswerAsync(string consultationId, string consulteeId, int version, CancellationToken ct) =>
        (await records.GetAsync<Answer>(consultationId, $"a-{consulteeId}-{version:D5}", ct))?.Value;

    public static string ReceiptKey(string consulteeId, int version) => $"r-{consulteeId}-{version:D5}";

    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    private static string ConsulteeKey(string id) => "c-" + id;

    private Task<TableClient> Table(CancellationToken ct) => records.ClientAsync(ct);
}
