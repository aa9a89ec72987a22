using System.Xml.Linq;
using Azure.Storage.Blobs.Models;
using Bra.Core.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Bra.Core.Pages;

/// <summary>
/// The Data Protection key ring behind the staff forms' anti-forgery tokens, kept in the council's blob storage so that
/// every instance of the app (Flex Consumption has no shared disk) and every restart use the same keys: a form
/// rendered by one instance is accepted by another. One blob per key, written once. At rest the keys are protected by
/// the storage account's encryption and reachable only by the app's identity (docs/deploy.md).
/// </summary>
public sealed class FormKeyRing(StorageAccount storage) : IXmlRepository
{
    public const string Container = "dataprotection-keys";

    private readonly BlobFiles files = new(storage, Container);

    // IXmlRepository is synchronous; the framework calls it when it loads the ring (at start, about once a day, and when
    // it meets an unknown key), never per request.
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        var container = files.ContainerAsync(CancellationToken.None).GetAwaiter().GetResult();
        var elements = new List<XElement>();
        foreach (var blob in container.GetBlobs(BlobTraits.None, BlobStates.None, prefix: null, CancellationToken.None))
        {
            var content = container.GetBlobClient(blob.Name).DownloadContent().Value.Content;
            elements.Add(XElement.Parse(content.ToString()));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        var content = System.Text.Encoding.UTF8.GetBytes(element.ToString(SaveOptions.DisableFormatting));
        var name = $"{friendlyName}.xml";
        if (!files.TryCreateAsync(name, content, "application/xml", null, CancellationToken.None).GetAwaiter().GetResult())
        {
            throw new InvalidOperationException($"A Data Protection key named {name} is already stored.");
        }
    }
}
