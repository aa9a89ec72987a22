using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Bra.Core.Storage;

/// <summary>
/// Reads the storage account from the same setting the Functions runtime uses, <c>AzureWebJobsStorage</c>: either a
/// connection string (Azurite, local) or, in Azure, the identity-based form with <c>__blobServiceUri</c>,
/// <c>__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential=managedidentity</c> and <c>__clientId</c>.
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobUri, Uri? TableUri, Uri? QueueUri, TokenCredential? Credential)
{
    public const string Setting = "AzureWebJobsStorage";

    public static StorageConnection From(IConfiguration configuration)
    {
        var section = configuration.GetSection(Setting);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new(section.Value, null, null, null, null);
        }

        var blob = section["blobServiceUri"];
        var table = section["tableServiceUri"];
        if (string.IsNullOrWhiteSpace(blob) || string.IsNullOrWhiteSpace(table))
        {
            throw new InvalidOperationException(
                $"Set {Setting} to a connection string, or {Setting}__blobServiceUri and {Setting}__tableServiceUri with a managed identity.");
        }

        var clientId = section["clientId"];
        TokenCredential credential = string.IsNullOrWhiteSpace(clientId)
            ? new DefaultAzureCredential()
            : new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        var queue = section["queueServiceUri"];
        return new(null, new Uri(blob), new Uri(table), string.IsNullOrWhiteSpace(queue) ? null : new Uri(queue), credential);
    }

    /// <param name="policy">An extra pipeline policy run on every attempt (the operation counter), or null.</param>
    public TableServiceClient CreateTableClient(HttpPipelinePolicy? policy = null)
    {
        var options = new TableClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableUri, Credential, options);
    }

    public BlobServiceClient CreateBlobClient(HttpPipelinePolicy? policy = null)
    {
        var options = new BlobClientOptions();
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }

        return ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobUri, Credential, options);
    }
}
