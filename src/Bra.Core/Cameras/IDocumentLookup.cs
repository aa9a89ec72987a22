using Azure;
using Bra.Core.Storage;

namespace Bra.Core.Cameras;

/// <summary>
/// The one thing the camera register needs from the document store: whether a document id names a stored document.
/// The register keeps ids only; the documents feature owns the documents.
/// </summary>
public interface IDocumentLookup
{
    Task<bool> ExistsAsync(string documentId, CancellationToken ct = default);
}

/// <summary>A document exists when a blob of that name exists in the <c>documents</c> container.</summary>
public sealed class BlobDocumentLookup(StorageAccount storage) : IDocumentLookup
{
    public const string ContainerName = "documents";

    public async Task<bool> ExistsAsync(string documentId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(documentId) || documentId.Length > 200 || documentId.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        var container = await storage.ContainerAsync(ContainerName, ct);
        try
        {
            return (await container.GetBlobClient(documentId).ExistsAsync(ct)).Value;
        }
        catch (RequestFailedException ex) when (ex.Status == 400)
        {
            return false;
        }
    }
}
