using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Bra.Core.Storage;

/// <summary>
/// The files of one blob container, written once: a name that is taken keeps its first content. A store creates one
/// per container it owns (the name is a constant of that store); listing and append blobs use <see cref="ContainerAsync"/>.
/// </summary>
public sealed class BlobFiles(StorageAccount storage, string name)
{
    public string Name => name;

    /// <summary>The container's client, created on first use.</summary>
    public Task<BlobContainerClient> ContainerAsync(CancellationToken ct) => storage.ContainerAsync(name, ct);

    /// <summary>
    /// Writes the file only if there is none of that name (If-None-Match: *). False when there is one (409/412): it is
    /// left as it was and nothing was written.
    /// </summary>
    public async Task<bool> TryCreateAsync(string blobName, byte[] content, string contentType, IDictionary<string, string>? metadata, CancellationToken ct)
    {
        var container = await ContainerAsync(ct);
        try
        {
            await container.GetBlobClient(blobName).UploadAsync(new BinaryData(content), new BlobUploadOptions
            {
                Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata,
            }, ct);
            return true;
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>The file's content, or null when there is none.</summary>
    public async Task<byte[]?> ReadAsync(string blobName, CancellationToken ct)
    {
        var container = await ContainerAsync(ct);
        try
        {
            return (await container.GetBlobClient(blobName).DownloadContentAsync(ct)).Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>A stream over the file's content (it must exist).</summary>
    public async Task<Stream> OpenReadAsync(string blobName, CancellationToken ct) =>
        await (await ContainerAsync(ct)).GetBlobClient(blobName).OpenReadAsync(cancellationToken: ct);
}
