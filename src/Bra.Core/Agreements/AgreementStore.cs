using Azure;
using Azure.Data.Tables;
using Bra.Core.Storage;

namespace Bra.Core.Agreements;

/// <summary>
/// Table <c>Agreements</c>: partition <c>agreement</c> holds one header row per agreement (listing); the partition named
/// by the agreement id holds its signers (<c>s-{signerId}</c>) and its audit trail (<c>e-{ticks}-{n}</c>, inserted, never
/// changed). Partition <c>send</c> maps a staff form's send key to the agreement it started. Every change of a header or a signer is ETag-guarded, so two concurrent actions cannot both win.
/// Certificates are blobs in <c>agreement-certificates</c>, written once.
/// </summary>
public sealed class AgreementStore(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "Agreements";
    public const string CertificateContainer = "agreement-certificates";
    private const string HeaderPartition = "agreement";
    private const string SendKeyPartition = "send";

    public async Task CreateAsync(Agreement agreement, IReadOnlyList<Signer> signers, CancellationToken ct)
    {
        var table = await Table(ct);
        foreach (var signer in signers)
        {
            await table.UpsertEntityAsync(JsonRow.Of(agreement.Id, SignerRow(signer.Id), signer), TableUpdateMode.Replace, ct);
        }

        await table.AddEntityAsync(JsonRow.Of(HeaderPartition, agreement.Id, agreement), ct);
        await AddEventAsync(agreement.Id, AgreementEventKind.Sent, null, null, ct);
    }

    /// <summary>
    /// Records that a staff form's send key starts the agreement <paramref name="agreementId"/> (row <c>send/{key}</c>,
    /// inserted once). Returns the agreement id the key was first claimed for: this one, or an earlier send of the same form.
    /// </summary>
    public async Task<string> ClaimSendKeyAsync(string sendKey, string agreementId, CancellationToken ct)
    {
        if (!IsId(sendKey))
        {
            throw new ArgumentException("A send key is letters and digits only.", nameof(sendKey));
        }

        var table = await Table(ct);
        try
        {
            await table.AddEntityAsync(JsonRow.Of(SendKeyPartition, sendKey, agreementId), ct);
            return agreementId;
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return (await table.GetEntityAsync<JsonRow>(SendKeyPartition, sendKey, cancellationToken: ct)).Value.Read<string>();
        }
    }

    public async Task<(Agreement Agreement, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        var table = await Table(ct);
        var row = await table.GetEntityIfExistsAsync<JsonRow>(HeaderPartition, id, cancellationToken: ct);
        return row.HasValue ? (row.Value!.Read<Agreement>(), row.Value.ETag) : null;
    }

    public async Task<AgreementData?> LoadAsync(string id, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is not { } header)
        {
            return null;
        }

        var table = await Table(ct);
        var signers = new List<Signer>();
        var events = new List<AgreementEvent>();
        await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == id, cancellationToken: ct))
        {
            if (row.RowKey.StartsWith("s-", StringComparison.Ordinal))
            {
                signers.Add(row.Read<Signer>());
            }
            else if (row.RowKey.StartsWith("e-", StringComparison.Ordinal))
            {
                events.Add(row.Read<AgreementEvent>());
            }
        }

        return new AgreementData(header.Agreement, signers.OrderBy(s => s.Position).ToList(), events.OrderBy(e => e.At).ToList());
    }

    public async Task<IReadOnlyList<Agreement>> ListAsync(CancellationToken ct)
    {
        var table = await Table(ct);
        var list = new List<Agreement>();
        await foreach (var row in table.QueryAsync<JsonRow>(r => r.PartitionKey == HeaderPartition, cancellationToken: ct))
        {
            list.Add(row.Read<Agreement>());
        }

        return list.OrderByDescending(a => a.CreatedAt).ToList();
    }

    public async Task<(Signer Signer, ETag ETag)?> GetSignerAsync(string agreementId, string signerId, CancellationToken ct)
    {
        if (!IsId(agreementId) || !IsId(signerId))
        {
            return null;
        }

        var table = await Table(ct);
        var row = await table.GetEntityIfExistsAsync<JsonRow>(agreementId, SignerRow(signerId), cancellationToken: ct);
        return row.HasValue ? (row.Value!.Read<Signer>(), row.Value.ETag) : null;
    }

    /// <summary>Replaces the signer if it is unchanged since it was read; false when someone else changed it first.</summary>
    public async Task<bool> TryUpdateSignerAsync(string agreementId, Signer signer, ETag etag, CancellationToken ct)
    {
        var table = await Table(ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(agreementId, SignerRow(signer.Id), signer), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Changes a signer with retries on concurrent changes; the change returns null to leave the signer as it is.</summary>
    public async Task<Signer?> UpdateSignerAsync(string agreementId, string signerId, Func<Signer, Signer?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await GetSignerAsync(agreementId, signerId, ct) is not { } current)
            {
                return null;
            }

            if (change(current.Signer) is not { } updated)
            {
                return current.Signer;
            }

            if (await TryUpdateSignerAsync(agreementId, updated, current.ETag, ct))
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"Signer {signerId} of agreement {agreementId} kept changing.");
    }

    public async Task<bool> TryUpdateAsync(Agreement agreement, ETag etag, CancellationToken ct)
    {
        var table = await Table(ct);
        try
        {
            await table.UpdateEntityAsync(JsonRow.Of(HeaderPartition, agreement.Id, agreement), etag, TableUpdateMode.Replace, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status == 412)
        {
            return false;
        }
    }

    /// <summary>Changes the header with retries on concurrent changes; the change returns null to leave it as it is. Returns the header as stored.</summary>
    public async Task<Agreement?> UpdateAsync(string id, Func<Agreement, Agreement?> change, CancellationToken ct)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await GetAsync(id, ct) is not { } current)
            {
                return null;
            }

            if (change(current.Agreement) is not { } updated)
            {
                return current.Agreement;
            }

            if (await TryUpdateAsync(updated, current.ETag, ct))
            {
                return updated;
            }
        }

        throw new InvalidOperationException($"Agreement {id} kept changing.");
    }

    public async Task AddEventAsync(string agreementId, AgreementEventKind kind, string? signerId, string? detail, CancellationToken ct)
    {
        var table = await Table(ct);
        var at = time.GetUtcNow();
        var row = $"e-{at.UtcTicks:D19}-{Guid.NewGuid():N}";
        await table.AddEntityAsync(JsonRow.Of(agreementId, row, new AgreementEvent(at, kind, signerId, detail)), ct);
    }

    /// <summary>Writes a certificate file once; a second write (a retried activity) keeps the first. Returns the stored bytes.</summary>
    public async Task<byte[]> SaveCertificateAsync(string name, byte[] content, string contentType, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(CertificateContainer, ct);
        var blob = container.GetBlobClient(name);
        try
        {
            await blob.UploadAsync(new BinaryData(content), new Azure.Storage.Blobs.Models.BlobUploadOptions
            {
                Conditions = new Azure.Storage.Blobs.Models.BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new Azure.Storage.Blobs.Models.BlobHttpHeaders { ContentType = contentType },
            }, ct);
            return content;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        }
    }

    public async Task<byte[]?> ReadCertificateAsync(string name, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(CertificateContainer, ct);
        var blob = container.GetBlobClient(name);
        try
        {
            return (await blob.DownloadContentAsync(ct)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>Agreement ids are 32 hex digits and signer ids short; anything else cannot name a row.</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    private static string SignerRow(string signerId) => "s-" + signerId;

    private Task<TableClient> Table(CancellationToken ct) => storage.TableAsync(TableName, ct);
}
