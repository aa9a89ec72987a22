using System.Text.Json;
using System.Text.Json.Serialization;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Links;

/// <summary>
/// Capability links. Issuing returns the raw token (<see cref="LinkTokens"/>: <c>{group}.{secret}</c>) to the caller,
/// which puts it in an email and forgets it; only its SHA-256 is stored. A link row lives at partition
/// <c>g-{group}</c>, row = the hash of the whole token, so a lookup is one point read and the links issued together
/// (up to 100, one group) are written in one table transaction. An index row per link (partition
/// <c>party-{kind}-{workflowId}</c>, row <c>{partyId}-{hash}</c>, value: the link row's partition and row) lets a
/// workflow's or a party's links be revoked without a scan; it is written before its link, so every link that exists
/// can be found.
/// <para>
/// The group is not a credential (the 256-bit secret is) and is the only part of a token that appears in storage, as a
/// partition key; the token and the secret never appear in logs, exceptions or keys (the row key is a hash).
/// </para>
/// </summary>
public sealed class LinkStore(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "CapabilityLinks";

    private readonly RecordTable records = new(storage, TableName);

    /// <summary>The most rows one table transaction may hold.</summary>
    private const int MaxTransactionRows = 100;

    /// <summary>Creates a new link for the party (a group of one) and returns the raw token (never log or store it).</summary>
    public async Task<string> IssueAsync(string workflowKind, string workflowId, string partyId, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        while (true)
        {
            var drawn = Draw(workflowKind, workflowId, [partyId], expiresAt).Single();

            // The index row first, so that every link that exists can be found for revocation.
            await records.UpsertAsync(drawn.IndexRow, ct);
            if (await records.TryInsertAsync(drawn.LinkRow, ct))
            {
                return drawn.Token;
            }

            // A 256-bit collision does not happen; an insert retried after a lost response does. Draw again.
        }
    }

    /// <summary>
    /// Creates a new link for each party, as <see cref="IssueAsync"/> does, and returns the raw tokens in the parties' order
    /// (never log or store them). Each chunk of up to 100 parties gets one group: its index rows (which share the
    /// workflow's partition) go in one table transaction, then its link rows (which share the group's partition) in
    /// another, so 1,000 links cost 20 storage requests instead of 2,000. A link transaction retried after a lost
    /// response meets its own rows (409): the chunk draws a new group and new tokens and is written again; the links
    /// of the first attempt nobody has a token for stay, revocable through their index rows.
    /// </summary>
    public async Task<string[]> IssueManyAsync(string workflowKind, string workflowId, IReadOnlyList<string> partyIds, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        var tokens = new string[partyIds.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, partyIds.Count).Chunk(MaxTransactionRows), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
            async (chunk, token) =>
            {
                while (true)
                {
                    var drawn = Draw(workflowKind, workflowId, chunk.Select(i => partyIds[i]), expiresAt);
                    // The index rows first, so that every link that exists can be found for revocation.
                    await table.SubmitTransactionAsync(drawn.Select(d => new TableTransactionAction(TableTransactionActionType.UpsertReplace, d.IndexRow)), token);
                    try
                    {
                        await table.SubmitTransactionAsync(drawn.Select(d => new TableTransactionAction(TableTransactionActionType.Add, d.LinkRow)), token);
                    }
                    catch (TableTransactionFailedException ex) when (ex.Status == 409)
                    {
                        // Written by an attempt whose response was lost (the group is random: nothing else is there). Draw again.
                        continue;
                    }

                    for (var i = 0; i < chunk.Length; i++)
                    {
                        tokens[chunk[i]] = drawn[i].Token;
                    }

                    return;
                }
            });
        return tokens;
    }

    /// <summary>The link a raw token stands for, or null when the token is unknown (one point read).</summary>
    public async Task<CapabilityLink?> FindAsync(string token, CancellationToken ct)
    {
        if (!LinkTokens.LooksValid(token))
        {
            return null;
        }

        var hash = LinkTokens.Hash(token);
        return (await records.GetAsync<CapabilityLink>(GroupPartition(LinkTokens.GroupOf(token)), hash, ct))?.Value;
    }

    /// <summary>
    /// Revokes the active links of one party (or, when <paramref name="partyId"/> is null, of the whole workflow), except
    /// the hashes in <paramref name="keep"/>. Idempotent: a link already revoked keeps its first reason. Links that share
    /// a group (issued together) are read with one query of their partition and revoked in one table transaction; the
    /// others (a group of one) with a point read and a replace each.
    /// </summary>
    public async Task<int> RevokeAsync(string workflowKind, string workflowId, string? partyId, LinkRevocation reason, IReadOnlySet<string>? keep,
        CancellationToken ct)
    {
        var partition = IndexPartition(workflowKind, workflowId);
        var indexed = partyId is null
            ? await records.ListAsync<JsonElement>(r => r.PartitionKey == partition, ct)
            : await records.RangeAsync<JsonElement>(partition, partyId + "-", partyId + ".", ct);
        var addresses = indexed.Select(v => v.Deserialize<LinkAddress>(AppJson.Storage)!).Where(a => keep is null || !keep.Contains(a.Hash)).ToList();

        var revoked = 0;
        foreach (var group in addresses.GroupBy(a => a.Partition))
        {
            revoked += group.Count() > 1
                ? await RevokeTogetherAsync(group.Key, group.Select(a => a.Row).ToHashSet(StringComparer.Ordinal), reason, ct)
                : await RevokeOneAsync(group.Single(), reason, ct);
        }

        return revoked;
    }

    /// <summary>Revokes the active ones of <paramref name="rows"/> in one group's partition: one query, one transaction per 100.</summary>
    private async Task<int> RevokeTogetherAsync(string partition, IReadOnlySet<string> rows, LinkRevocation reason, CancellationToken ct)
    {
        var table = await records.ClientAsync(ct);
        var active = new List<(JsonRow Row, CapabilityLink Link)>();
        await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == partition, cancellationToken: ct))
        {
            if (rows.Contains(row.RowKey) && row.Read<CapabilityLink>() is { State: LinkState.Active } link)
            {
                active.Add((row, link));
            }
        }

        var revoked = 0;
        foreach (var chunk in active.Chunk(MaxTransactionRows))
        {
            var now = time.GetUtcNow();
            try
            {
                await table.SubmitTransactionAsync(chunk.Select(c => new TableTransactionAction(TableTransactionActionType.UpdateReplace,
                    JsonRow.Of(partition, c.Row.RowKey, c.Link with { State = LinkState.Revoked, RevokedBecause = reason, RevokedAt = now }), c.Row.ETag)), ct);
                revoked += chunk.Length;
            }
            catch (TableTransactionFailedException ex) when (ex.Status is 412 or 404)
            {
                // One of them changed meanwhile (revoked by a concurrent call): these one by one.
                foreach (var (row, _) in chunk)
                {
                    revoked += await RevokeOneAsync(new LinkAddress(partition, row.RowKey), reason, ct);
                }
            }
        }

        return revoked;
    }

    /// <summary>Revokes one link if it is active: a point read and a replace. 1 when this call revoked it, else 0.</summary>
    private async Task<int> RevokeOneAsync(LinkAddress address, LinkRevocation reason, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            if (await records.GetAsync<CapabilityLink>(address.Partition, address.Row, ct) is not { Value.State: LinkState.Active } row)
            {
                return 0;
            }

            var updated = row.Value with { State = LinkState.Revoked, RevokedBecause = reason, RevokedAt = time.GetUtcNow() };
            if (await records.TryReplaceAsync(address.Partition, address.Row, updated, row.ETag, ct) is not null)
            {
                return 1;
            }

            // Changed meanwhile (revoked by a concurrent call): read again.
        }

        return 0;
    }

    /// <summary>New tokens in one new group for the parties, with their index and link rows.</summary>
    private List<Drawn> Draw(string workflowKind, string workflowId, IEnumerable<string> partyIds, DateTimeOffset? expiresAt)
    {
        var group = LinkTokens.NewGroup();
        var now = time.GetUtcNow();
        return partyIds.Select(partyId =>
        {
            var token = LinkTokens.NewToken(group);
            var link = new CapabilityLink(LinkTokens.Hash(token), workflowKind, workflowId, partyId, now, expiresAt, LinkState.Active);
            var address = new LinkAddress(GroupPartition(group), link.Hash);
            return new Drawn(token, JsonRow.Of(IndexPartition(workflowKind, workflowId), $"{partyId}-{link.Hash}", address),
                JsonRow.Of(address.Partition, address.Row, link));
        }).ToList();
    }

    private static string IndexPartition(string workflowKind, string workflowId) => $"party-{workflowKind}-{workflowId}";

    private static string GroupPartition(string group) => $"g-{group}";

    private sealed record Drawn(string Token, JsonRow IndexRow, JsonRow LinkRow);

    /// <summary>Where a link row is: the value of its index row.</summary>
    private sealed record LinkAddress(string Partition, string Row)
    {
        /// <summary>The token's hash (the row key).</summary>
        [JsonIgnore]
        public string Hash => Row;
    }
}
