using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Configuration;

namespace Bra.Core.Storage;

/// <summary>
/// A storage account read from a setting in the form the Functions runtime uses for <c>AzureWebJobsStorage</c>: either a
/// connection string (Azurite, local) or, in Azure, the identity-based form with <c>__blobServiceUri</c>,
/// <c>__tableServiceUri</c>, <c>__queueServiceUri</c>, <c>__credential=managedidentity</c> and <c>__clientId</c>.
/// The Functions host and the Durable task hub use <c>AzureWebJobsStorage</c>; the council's data (tables, documents,
/// audit anchors, keys) uses <c>DataStorage</c> when it is set (in Azure: an account of its own) and the host's account
/// otherwise (locally, one Azurite).
/// </summary>
public sealed record StorageConnection(string? ConnectionString, Uri? BlobUri, Uri? TableUri, Uri? QueueUri, TokenCredential? Credential)
{
    public const string Setting = "AzureWebJobsStorage";

    /// <summary>The council's data account; falls back to <see cref="Setting"/> when absent.</summary>
    public const string DataSetting = "DataStorage";

    /// <summary>The host's account (<c>AzureWebJobsStorage</c>): Functions host state and the Durable task hub.</summary>
    public static StorageConnection From(IConfiguration configuration) => From(configuration, Setting);

    /// <summary>The account holding the council's data: <c>DataStorage</c> when set, else <c>AzureWebJobsStorage</c>.</summary>
    public static StorageConnection ForData(IConfiguration configuration) =>
        From(configuration, configuration.GetSection(DataSetting).Exists() ? DataSetting : Setting);

    private static StorageConnection From(IConfiguration configuration, string setting)
    {
        var section = configuration.GetSection(setting);
        if (!string.IsNullOrWhiteSpace(section.Value))
        {
            return new(section.Value, null, null, null, null);
        }

        var blob = section["blobServiceUri"];
        var table = section["tableServiceUri"];
        if (string.IsNullOrWhiteSpace(blob) || string.IsNullOrWhiteSpace(table))
        {
            throw new InvalidOperationException(
                $"Set {setting} to a connection string, or {setting}__blobServiceUri and {setting}__tableServiceUri with a managed identity.");
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
