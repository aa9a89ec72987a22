using Azure;
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
    private readonly RecordTable records = new(storage, TableName);
    private readonly BlobFiles certificates = new(storage, CertificateContainer);

    public async Task CreateAsync(Agreement agreement, IReadOnlyList<Signer> signers, CancellationToken ct)
    {
        foreach (var signer in signers)
        {
            await records.UpsertAsync(agreement.Id, SignerRow(signer.Id), signer, ct);
        }

        await records.InsertAsync(HeaderPartition, agreement.Id, agreement, ct);
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

        return await records.TryInsertAsync(SendKeyPartition, sendKey, agreementId, ct)
            ? agreementId
            : (await records.GetAsync<string>(SendKeyPartition, sendKey, ct) ?? throw new InvalidOperationException("A claimed send key cannot be read.")).Value;
    }

    public async Task<(Agreement Agreement, ETag ETag)?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        return await records.GetAsync<Agreement>(HeaderPartition, id, ct) is { } row ? (row.Value, row.ETag) : null;
    }

    public async Task<AgreementData?> LoadAsync(string id, CancellationToken ct)
    {
        if (await GetAsync(id, ct) is not { } header)
        {
            return null;
        }

        var table = await records.ClientAsync(ct);
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
        var list = await records.ListAsync<Agreement>(r => r.PartitionKey == HeaderPartition, ct);
        return list.OrderByDescending(a => a.CreatedAt).ToList();
    }

    public async Task<(Signer Signer, ETag ETag)?> GetSignerAsync(string agreementId, string signerId, CancellationToken ct)
    {
        if (!IsId(agreementId) || !IsId(signerId))
        {
            return null;
        }

        return await records.GetAsync<Signer>(agreementId, SignerRow(signerId), ct) is { } row ? (row.Value, row.ETag) : null;
    }

    /// <summary>Replaces the signer if it is unchanged since it was read; false when someone else changed it first.</summary>
    public async Task<bool> TryUpdateSignerAsync(string agreementId, Signer signer, ETag etag, CancellationToken ct) =>
        await records.TryReplaceAsync(agreementId, SignerRow(signer.Id), signer, etag, ct) is not null;

    /// <summary>Changes a signer with retries on concurrent changes; the change returns null to leave the signer as it is.</summary>
    public async Task<Signer?> UpdateSignerAsync(string agreementId, string signerId, Func<Signer, Signer?> change, CancellationToken ct) =>
        IsId(agreementId) && IsId(signerId) ? await records.UpdateAsync(agreementId, SignerRow(signerId), change, ct) : null;

    public async Task<bool> TryUpdateAsync(Agreement agreement, ETag etag, CancellationToken ct) =>
        await records.TryReplaceAsync(HeaderPartition, agreement.Id, agreement, etag, ct) is not null;

    /// <summary>Changes the header with retries on concurrent changes; the change returns null to leave it as it is. Returns the header as stored.</summary>
    public async Task<Agreement?> UpdateAsync(string id, Func<Agreement, Agreement?> change, CancellationToken ct) =>
        IsId(id) ? await records.UpdateAsync(HeaderPartition, id, change, ct) : null;

    public async Task AddEventAsync(string agreementId, AgreementEventKind kind, string? signerId, string? detail, CancellationToken ct)
    {
        var at = time.GetUtcNow();
        await records.InsertAsync(agreementId, $"e-{at.UtcTicks:D19}-{Guid.NewGuid():N}", new AgreementEvent(at, kind, signerId, detail), ct);
    }

    /// <summary>Writes a certificate file once; a second write (a retried activity) keeps the first. Returns the stored bytes.</summary>
    public async Task<byte[]> SaveCertificateAsync(string name, byte[] content, string contentType, CancellationToken ct)
    {
        return await certificates.TryCreateAsync(name, content, contentType, metadata: null, ct)
            ? content
            : await certificates.ReadAsync(name, ct) ?? throw new InvalidOperationException($"Certificate {name} exists but cannot be read.");
    }

    public Task<byte[]?> ReadCertificateAsync(string name, CancellationToken ct) => certificates.ReadAsync(name, ct);

    /// <summary>Agreement ids are 32 hex digits and signer ids short; anything else cannot name a row.</summary>
    public static bool IsId(string? id) => id is { Length: > 0 and <= 64 } && id.All(char.IsAsciiLetterOrDigit);

    private static string SignerRow(string signerId) => "s-" + signerId;
}
