using Azure;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Email;

/// <summary>How a message ended when it did not end accepted.</summary>
public enum EmailOutcome
{
    /// <summary>The provider refused it for good (SendGrid 400 and the like); it is not tried again.</summary>
    Failed,

    /// <summary>Sent, but no answer came: it may have been delivered; it is not sent again.</summary>
    Unknown,
}

/// <summary>A message that was not accepted: who (party), what for (purpose), how, when, and the provider's text.</summary>
public sealed record UndeliveredEmail(string Party, string Purpose, EmailOutcome Outcome, DateTimeOffset At, string? Error);

/// <summary>A settled message: <paramref name="Outcome"/> is null for one the provider accepted (<paramref name="At"/> is when).</summary>
public sealed record SettledEmail(string Party, string Purpose, DateTimeOffset At, EmailOutcome? Outcome, string? Error);

/// <summary>
/// Which logical messages are settled: one row per message id, partitioned by workflow so one query answers "which
/// of these were already sent". A row without <c>Status</c> is a message the provider accepted (<c>SentAt</c>); a row
/// with <c>Status</c> <c>Failed</c> or <c>Unknown</c> is one that must not be sent again either (<c>FailedAt</c>, <c>Error</c>).
/// </summary>
public sealed class EmailLedger(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "EmailLedger";
    private const int MaxErrorLength = 1000;
    private readonly RecordTable records = new(storage, TableName);

    /// <summary>The ids of the given workflows that are settled: accepted, refused for good, or of unknown outcome.</summary>
    public async Task<HashSet<string>> SentAsync(IEnumerable<EmailMessageId> ids, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        var sent = new HashSet<string>(StringComparer.Ordinal);
        var list = ids.ToList();
        if (list.Count <= FewByPointReads)
        {
            // A few messages (a receipt): a point read each instead of reading their workflows' partitions.
            var found = await Task.WhenAll(list.Select(async id =>
                (await table.GetEntityIfExistsAsync<TableEntity>(Key(id.Workflow), RowKey(id), select: ["RowKey"], cancellationToken: ct)).HasValue ? id.ToString() : null));
            sent.UnionWith(found.OfType<string>());
            return sent;
        }

        foreach (var workflow in list.Select(i => i.Workflow).Distinct(StringComparer.Ordinal))
        {
            var partition = Key(workflow);
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["RowKey", "Id"], cancellationToken: ct))
            {
                sent.Add(row.GetString("Id"));
            }
        }

        return sent;
    }

    /// <summary>The workflow's messages that were not accepted.</summary>
    public async Task<IReadOnlyList<UndeliveredEmail>> UndeliveredAsync(string workflow, CancellationToken ct) =>
        (await SettledAsync(workflow, ct)).Where(m => m.Outcome is not null).Select(m => new UndeliveredEmail(m.Party, m.Purpose, m.Outcome!.Value, m.At, m.Error)).ToList();

    /// <summary>Every settled message of the workflow (one partition query): accepted ones and those that were not.</summary>
    public async Task<IReadOnlyList<SettledEmail>> SettledAsync(string workflow, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        var list = new List<SettledEmail>();
        var partition = Key(workflow);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, select: ["Id", "SentAt", "Status", "FailedAt", "Error"], cancellationToken: ct))
        {
            // Id is "{workflow}/{purpose}/{party}".
            var parts = row.GetString("Id")?.Split('/');
            if (parts is not { Length: 3 })
            {
                continue;
            }

            if (Enum.TryParse<EmailOutcome>(row.GetString("Status"), out var outcome) && row.GetDateTimeOffset("FailedAt") is { } failedAt)
            {
                list.Add(new SettledEmail(parts[2], parts[1], failedAt, outcome, row.GetString("Error")));
            }
            else if (row.GetDateTimeOffset("SentAt") is { } at)
            {
                list.Add(new SettledEmail(parts[2], parts[1], at, null, null));
            }
        }

        return list;
    }

    public Task RecordAsync(IEnumerable<EmailMessageId> ids, CancellationToken ct) =>
        WriteAsync(ids, now => new Dictionary<string, object> { ["SentAt"] = now }, ct);

    /// <summary>Records messages that must not be sent again although the provider did not accept them.</summary>
    public Task RecordUndeliveredAsync(IEnumerable<EmailMessageId> ids, EmailOutcome outcome, string error, CancellationToken ct) =>
        WriteAsync(ids, now => new Dictionary<string, object>
        {
            ["Status"] = outcome.ToString(),
            ["FailedAt"] = now,
            ["Error"] = error.Length > MaxErrorLength ? error[..MaxErrorLength] : error,
        }, ct);

    private async Task WriteAsync(IEnumerable<EmailMessageId> ids, Func<DateTimeOffset, Dictionary<string, object>> values, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        var now = time.GetUtcNow();
        // A workflow's messages share a partition: up to 100 rows in one table transaction (1,000 invitations: 10 requests).
        var chunks = ids.Select(id => new TableEntity(values(now)) { PartitionKey = Key(id.Workflow), RowKey = RowKey(id), ["Id"] = id.ToString() })
            .DistinctBy(e => (e.PartitionKey, e.RowKey)).GroupBy(e => e.PartitionKey, StringComparer.Ordinal).SelectMany(g => g.Chunk(MaxTransactionRows));
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (chunk, token) =>
        {
            if (chunk.Length == 1)
            {
                await table.UpsertEntityAsync(chunk[0], TableUpdateMode.Replace, token);
                return;
            }

            await table.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), token);
        });
    }

    /// <summary>The most rows one table transaction may hold.</summary>
    private const int MaxTransactionRows = 100;

    private const int FewByPointReads = 4;

    private static string RowKey(EmailMessageId id) => Key($"{id.Purpose}/{id.Party}");

    /// <summary>Table keys may not hold '/', '\\', '#' or '?'.</summary>
    private static string Key(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)
            .Replace("\\", "%5C", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal)
            .Replace("?", "%3F", StringComparison.Ordinal);
}
