using Azure;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Consultations;

/// <summary>Everything a consultation holds, with the rows of one consultation in one partition.</summary>
public sealed record ConsultationData(Consultation Consultation, IReadOnlyList<Consultee> Consultees, IReadOnlyList<Answer> Answers)
{
    public IReadOnlyList<Answer> VersionsOf(string consulteeId) =>
        Answers.Where(a => a.ConsulteeId == consulteeId).OrderBy(a => a.Version).ToList();
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
/// Table <c>Consultations</c>: partition <c>consultation</c> holds one header row per consultation (listing); the
/// partition named by the consultation id holds its consultees (<c>c-{id}</c>) and every answer version
/// (<c>a-{consulteeId}-{version}</c>). Versions are inserted, never replaced, so a race or a retry cannot lose one.
/// </summary>
public sealed class ConsultationStore(StorageAccount storage)
{
    public const string TableName = "Consultations";
    private const string HeaderPartition = "consultation";

    public async Task CreateAsync(Consultation consultation, IReadOnlyList<Consultee> consultees, CancellationToken ct)
    {
        await AddConsulteesAsync(consultation.Id, consultees, ct);
        var table = await Table(ct);
        await table.AddEntityAsync(JsonRow.Of(HeaderPartition, consultation.Id, consultation with { ConsulteeCount = consultees.Count }), ct);
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

    public async Task AddConsulteesAsync(string consultationId, IReadOnlyList<Consultee> consultees, CancellationToken ct)
    {
        var table = await Table(ct);
        await Parallel.ForEachAsync(consultees, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (c, token) =>
        {
            try
            {
                await table.AddEntityAsync(JsonRow.Of(consultationId, ConsulteeKey(c.Id), c), token);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // Inserted by an earlier attempt whose response was lost.
            }
        });
    }

    public async Task<(Consultation Value, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        var table = await Table(ct);
        var row = await table.GetEntityIfExistsAsync<JsonRow>(HeaderPartition, id, cancellationToken: ct);
        return row.HasValue ? (row.Value!.Read<Consultation>(), row.Value.ETag) : null;
    }

    /// <summary>Replaces the header if it has not changed since it was read; false on a concurrent change (412).</summary>
    public async Task<bool> TryUpdateAsync(Consultation consultation, ETag etag, CancellationToken ct)
    {
        var table = await Table(ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(HeaderPartition, consultation.Id, consultation), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Reads, changes and writes the header, retrying on concurrent changes. The change returns null to leave it as is.</summary>
    public async Task<Consultation?> UpdateAsync(string id, Func<Consultation, Consultation?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await GetAsync(id, ct) is not { } current)
            {
                return null;
            }

            if (change(current.Value) is not { } updated)
            {
                return current.Value;
            }

            if (await TryUpdateAsync(updated, current.ETag, ct))
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"Consultation {id} kept changing; the update was not made.");
    }

    public async Task<IReadOnlyList<Consultation>> ListAsync(CancellationToken ct)
    {
        var table = await Table(ct);
        var list = new List<Consultation>();
        await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == HeaderPartition, cancellationToken: ct))
        {
            list.Add(row.Read<Consultation>());
        }

        return list.OrderByDescending(c => c.CreatedAt).ToList();
    }

    public async Task<ConsultationData?> LoadAsync(string id, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is not { } header)
        {
            return null;
        }

        var table = await Table(ct);
        var consultees = new List<Consultee>();
        var answers = new List<Answer>();
        await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == id, cancellationToken: ct))
        {
            if (row.RowKey.StartsWith("c-", StringComparison.Ordinal))
            {
                consultees.Add(row.Read<Consultee>());
            }
            else if (row.RowKey.StartsWith("a-", StringComparison.Ordinal))
            {
                answers.Add(row.Read<Answer>());
            }
        }

        return new ConsultationData(header.Value, consultees.OrderBy(c => c.AddedAt).ThenBy(c => c.Name, StringComparer.Ordinal).ToList(), answers);
    }

    public async Task<(Consultee Value, ETag ETag)?> GetConsulteeAsync(string consultationId, string consulteeId, CancellationToken ct)
    {
        var table = await Table(ct);
        var row = await table.GetEntityIfExistsAsync<JsonRow>(consultationId, ConsulteeKey(consulteeId), cancellationToken: ct);
        return row.HasValue ? (row.Value!.Read<Consultee>(), row.Value.ETag) : null;
    }

    public async Task<bool> TryUpdateConsulteeAsync(string consultationId, Consultee consultee, ETag etag, CancellationToken ct)
    {
        var table = await Table(ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(consultationId, ConsulteeKey(consultee.Id), consultee), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    public async Task<IReadOnlyList<Answer>> VersionsAsync(string consultationId, string consulteeId, CancellationToken ct)
    {
        var table = await Table(ct);
        var prefix = $"a-{consulteeId}-";
        var end = $"a-{consulteeId}.";
        var list = new List<Answer>();
        await foreach (var row in table.QueryAsync<JsonRow>(
                           r => r.PartitionKey == consultationId && r.RowKey.CompareTo(prefix) >= 0 && r.RowKey.CompareTo(end) < 0, cancellationToken: ct))
        {
            list.Add(row.Read<Answer>());
        }

        return list.OrderBy(a => a.Version).ToList();
    }

    /// <summary>Inserts the answer as the next version; false when that version number was taken meanwhile (409).</summary>
    public async Task<bool> TryInsertAnswerAsync(string consultationId, Answer answer, CancellationToken ct)
    {
        var table = await Table(ct);
        try
        {
            await table.AddEntityAsync(JsonRow.Of(consultationId, $"a-{answer.ConsulteeId}-{answer.Version:D5}", answer), ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return false;
        }
    }

    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    private static string ConsulteeKey(string id) => "c-" + id;

    private Task<TableClient> Table(CancellationToken ct) => storage.TableAsync(TableName, ct);
}
