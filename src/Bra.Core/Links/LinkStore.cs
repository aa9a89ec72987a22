using Azure;
using Bra.Core.Storage;

namespace Bra.Core.Links;

/// <summary>
/// Capability links, one row per token hash (partition = hash, so a lookup is a point read). Issuing returns the raw
/// token to the caller, which puts it in an email and forgets it; only the hash is stored.
/// </summary>
public sealed class LinkStore(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "CapabilityLinks";
    private const string Row = "link";

    /// <summary>Creates a new link for the party and returns the raw token (never log or store it).</summary>
    public async Task<string> IssueAsync(string workflowKind, string workflowId, string partyId, DateTimeOffset? expiresAt, CancellationToken ct)
    {
        var table = await storage.TableAsync(TableName, ct);
        while (true)
        {
            var token = LinkTokens.NewToken();
            var link = new CapabilityLink(LinkTokens.Hash(token), workflowKind, workflowId, partyId, time.GetUtcNow(), expiresAt, LinkState.Active);
            try
            {
                await table.AddEntityAsync(JsonRow.Of(link.Hash, Row, link), ct);
                return token;
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                // A 256-bit collision does not happen; an insert retried after a lost response does. Draw again.
            }
        }
    }

    /// <summary>The link a raw token stands for, or null when the token is unknown.</summary>
    public async Task<CapabilityLink?> FindAsync(string token, CancellationToken ct)
    {
        if (!LinkTokens.LooksValid(token))
        {
            return null;
        }

        var table = await storage.TableAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<JsonRow>(LinkTokens.Hash(token), Row, cancellationToken: ct);
        return row.HasValue ? row.Value!.Read<CapabilityLink>() : null;
    }
}
