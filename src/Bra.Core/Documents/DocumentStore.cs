using System.Security.Cryptography;
using Azure;
using Azure.Storage.Blobs.Models;
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

    /// <summary>Checks name and content against the allowed kinds and size; returns the stored record or an error message (Swedish).</summary>
    public async Task<(StoredDocument? Document, string? Error)> SaveAsync(
        string fileName, byte[] content, IReadOnlySet<DocumentKind> allowed, long maxBytes, string? uploadedBy, CancellationToken ct)
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

        var document = new StoredDocument(Guid.NewGuid().ToString("N"), name, DocumentKinds.ContentType(kind.Value), content.Length,
            Convert.ToHexStringLower(SHA256.HashData(content)), time.GetUtcNow(), uploadedBy);
        var container = await storage.ContainerAsync(Container, ct);
        await container.GetBlobClient(document.Id).UploadAsync(new BinaryData(content), new BlobUploadOptions
        {
            Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = document.ContentType },
        }, ct);
        var table = await storage.TableAsync(TableName, ct);
        await table.AddEntityAsync(JsonRow.Of(Partition, document.Id, document), ct);
        return (document, null);
    }

    public async Task<StoredDocument?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }

        var table = await storage.TableAsync(TableName, ct);
        var row = await table.GetEntityIfExistsAsync<JsonRow>(Partition, id, cancellationToken: ct);
        return row.HasValue ? row.Value!.Read<StoredDocument>() : null;
    }

    public async Task<Stream> OpenReadAsync(string id, CancellationToken ct)
    {
        var container = await storage.ContainerAsync(Container, ct);
        return await container.GetBlobClient(id).OpenReadAsync(cancellationToken: ct);
    }

    /// <summary>A file as a download response: attachment disposition with the stored name, no sniffing, no caching.</summary>
    public async Task<IResult> DownloadAsync(StoredDocument document, CancellationToken ct)
    {
        var stream = await OpenReadAsync(document.Id, ct);
        return new DownloadResult(document, stream);
    }

    public static bool IsId(string? id) => id is { Length: 32 } && id.All(char.IsAsciiHexDigitLower);

    private sealed class DownloadResult(StoredDocument document, Stream stream) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            await using (stream)
            {
                var response = httpContext.Response;
                Pages.SecurityHeaders.Apply(response);
                response.ContentType = document.ContentType;
                response.ContentLength = document.Size;
                response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = document.FileName, DispositionType = "attachment" }.ToString();
                response.Headers["X-Content-SHA256"] = document.Sha256;
                await stream.CopyToAsync(response.Body, httpContext.RequestAborted);
            }
        }
    }
}
