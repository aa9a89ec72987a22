using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Storage;

namespace Bra.IntegrationTests.Support;

/// <summary>The application's storage over a test's Azurite, for tests that drive a store directly.</summary>
public static class AzuriteStorage
{
    public static StorageAccount Storage(this AzuriteFixture azurite) =>
        new(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString));
}
