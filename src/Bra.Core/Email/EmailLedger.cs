using Azure;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Email;

/// <summary>
/// Which logical messages were accepted by the provider: one row per message id, partitioned by workflow so one
/// query answers "which of these were already sent".
/// </summary>
public sealed class EmailLedger(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "EmailLedger";

    public async Task<HashSet<string>> SentAsync(IEnumerable<EmailMessageId> ids, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableName, ct);
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

    public async Task RecordAsync(IEnumerable<EmailMessageId> ids, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableName, ct);
        var now = time.GetUtcNow();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = ct }, async (id, token) =>
        {
            var entity = new TableEntity(Key(id.Workflow), RowKey(id)) { ["Id"] = id.ToString(), ["SentAt"] = now };
            await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, token);
        });
    }

    private const int FewByPointReads = 4;

    private static string RowKey(EmailMessageId id) => Key($"{id.Purpose}/{id.Party}");

    /// <summary>Table keys may not hold '/', '\\', '#' or '?'.</summary>
    private static string Key(string value) =>
        value.Replace("%", "%25", StringComparison.Ordinal).Replace("/", "%2F", StringComparison.Ordinal)
            .Replace("\\", "%5C", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal)
            .Replace("?", "%3F", StringComparison.Ordinal);
}
