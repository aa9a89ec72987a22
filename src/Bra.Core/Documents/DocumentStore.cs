using System.Security.Cryptography;
using Bra.Core.Storage;

namespace Bra.Core.Documents;

/// <summary>
/// Files in blob storage (container <c>documents</c>, one blob per id, written once with If-None-Match so nothing is
/// ever overwritten) and their records in the <c>Documents</c> table.
/// </summary>
public sealed class DocumentStore(StorageAccount storage, TimeProvider time)
{
    public const string TableName = "Documents";
    public const string Container = "documents";
    private const string Partition = "document";
    private readonly RecordTable records = new(storage, TableName);
    private readonly BlobFiles files = new(storage, Container);

    /// <summary>The largest document staff upload (a consultation's document, an agreement's document, a camera site's own assessment).</summary>
    public const long MaxStaffDocumentBytes = 25L * 1024 * 1024;

    /// <summary>The largest attachment a consultee adds to an answer.</summary>
    public const long MaxAnswerAttachmentBytes = 10L * 1024 * 1024;

    /// <summary>
    /// The uploader rule for staff: any of <see cref="DocumentKinds.ConsultationDocuments"/> up to
    /// <see cref="MaxStaffDocumentBytes"/>, recorded as uploaded by <paramref name="personId"/>.
    /// </summary>
    public Task<(StoredDocument? Document, string? Error)> SaveStaffDocumentAsync(Upload upload, string personId, CancellationToken ct) =>
        SaveAsync(upload.FileName, upload.Content, DocumentKinds.ConsultationDocuments, MaxStaffDocumentBytes, personId, ct);

    /// <summary>The uploader rule for a consultee's answer: any of <see cref="DocumentKinds.AnswerAttachments"/> up to <see cref="MaxAnswerAttachmentBytes"/>, by no staff member.</summary>
    public Task<(StoredDocument? Document, string? Error)> SaveAnswerAttachmentAsync(Upload upload, CancellationToken ct) =>
        SaveAsync(upload.FileName, upload.Content, DocumentKinds.AnswerAttachments, MaxAnswerAttachmentBytes, uploadedBy: null, ct);

    /// <summary>
    /// A document a form carries from an earlier post (a hidden field), only when <paramref name="personId"/> uploaded it:
    /// nobody takes over another person's upload by its id.
    /// </summary>
    public async Task<StoredDocument?> GetUploadedByAsync(string? id, string personId, CancellationToken ct) =>
        string.IsNullOrEmpty(id) ? null : await GetAsync(id, ct) is { } document && document.UploadedBy == personId ? document : null;

    /// <summary>Checks name and content against the allowed kinds and size; returns the stored record or an error message (Swedish).</summary>
    public async Task<(StoredDocument? Document, string? Error)> SaveAsync(
        string fileName, byte[] content, IReadOnlySet<DocumentKind> allowed, long maxBytes, string? uploadedBy, CancellationToken ct)
    {
        var (document, error) = Check(Guid.NewGuid().ToString("N"), fileName, content, allowed, maxBytes, uploadedBy);
        if (document is null)
        {
            return (null, error);
        }

        if (!await files.TryCreateAsync(document.Id, content, document.ContentType, metadata: null, ct))
        {
            throw new InvalidOperationException($"Document {document.Id} was stored already.");
        }

        await records.InsertAsync(Partition, document.Id, document, ct);
        return (document, null);
    }

    /// <summary>
    /// Stores a document under a fixed id (demo data, seeded at every start) unless one is stored there already; the
    /// same checks and layout as <see cref="SaveAsync"/>. An existing document is returned as it is, never replaced;
    /// a blob left by an attempt that stopped before its record was written is kept and the record completed.
    /// </summary>
    public async Task<(StoredDocument? Document, string? Error)> EnsureAsync(
        string id, string fileName, byte[] content, IReadOnlySet<DocumentKind> allowed, long maxBytes, string? uploadedBy, CancellationToken ct)
    {
        if (!IsId(id))
        {
            throw new ArgumentException($"'{id}' is not a document id (lowercase letters, digits and hyphens, at most 64).", nameof(id));
        }

        if (await GetAsync(id, ct) is { } existing)
        {
            return (existing, null);
        }

        var (document, error) = Check(id, fileName, content, allowed, maxBytes, uploadedBy);
        if (document is null)
        {
            return (null, error);
        }

        // A file that is there already was written by an earlier attempt; the record below completes it.
        await files.TryCreateAsync(document.Id, content, document.ContentType, metadata: null, ct);
        return await records.TryInsertAsync(Partition, document.Id, document, ct) ? (document, null) : (await GetAsync(id, ct), null);
    }

    public async Task<StoredDocument?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        return (await records.GetAsync<StoredDocument>(Partition, id, ct))?.Value;
    }

    public Task<Stream> OpenReadAsync(string id, CancellationToken ct) => files.OpenReadAsync(id, ct);

    /// <summary>The stored file with what a download names it: its stored name, content type and SHA-256.</summary>
    public async Task<DocumentFile> OpenFileAsync(StoredDocument document, CancellationToken ct) =>
        new(await OpenReadAsync(document.Id, ct), document.FileName, document.ContentType, document.Sha256);

    /// <summary>
    /// Generated ids are 32 lowercase hexadecimal digits; fixed ids (demo data) are lowercase ASCII letters, digits and
    /// hyphens. Both are safe as blob names, row keys and URL segments.
    /// </summary>
    public static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && id[0] != '-' && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    private (StoredDocument? Document, string? Error) Check(
        string id, string fileName, byte[] content, IReadOnlySet<DocumentKind> allowed, long maxBytes, string? uploadedBy)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/')).Trim();
        var allowedList = string.Join(", ", allowed.Select(k => k.ToString().ToUpperInvariant()));
        if (name.Length == 0 || name.Length > 200)
        {
            return (null, "Filen saknar namn eller har ett för långt namn (högst 200 tecken).");
        }

        if (content.Length == 0)
        {
            return (null, "Filen är tom. Välj en fil med innehåll.");
        }

        if (content.Length > maxBytes)
        {
            return (null, $"Filen är för stor. Högst {maxBytes / (1024 * 1024)} MB tas emot.");
        }

        var kind = DocumentKinds.FromName(name);
        if (kind is null || !allowed.Contains(kind.Value))
        {
            return (null, $"Filtypen tas inte emot. Tillåtna typer: {allowedList}.");
        }

        if (!DocumentKinds.ContentMatches(kind.Value, content))
        {
            return (null, $"Filens innehåll stämmer inte med filtypen {kind.Value.ToString().ToUpperInvariant()}. Kontrollera att filen är hel och har rätt filändelse.");
        }

        return (new StoredDocument(id, name, DocumentKinds.ContentType(kind.Value), content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content)), time.GetUtcNow(), uploadedBy), null);
    }
}

/// <summary>A stored document's content, opened for reading, with its stored name, content type and SHA-256 (lowercase hex).</summary>
public sealed record DocumentFile(Stream Content, string FileName, string ContentType, string Sha256);
