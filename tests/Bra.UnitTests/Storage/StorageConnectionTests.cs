using Azure.Identity;
using Bra.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Bra.UnitTests.Storage;

/// <summary>The storage account from <c>AzureWebJobsStorage</c>: a connection string here, the identity-based form in Azure.</summary>
public sealed class StorageConnectionTests
{
    private static StorageConnection From(params (string Key, string Value)[] settings) =>
        StorageConnection.From(new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build());

    [Fact]
    public void From_ServiceUrisWithClientId_UserAssignedManagedIdentityAndClientsAtThoseUris()
    {
        var connection = From(
            ("AzureWebJobsStorage:blobServiceUri", "https://stbra.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://stbra.table.core.windows.net"),
            ("AzureWebJobsStorage:queueServiceUri", "https://stbra.queue.core.windows.net"),
            ("AzureWebJobsStorage:credential", "managedidentity"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-0000000000aa"));

        Assert.Null(connection.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(connection.Credential);
        Assert.Equal(new Uri("https://stbra.queue.core.windows.net"), connection.QueueUri);
        Assert.Equal("stbra.table.core.windows.net", connection.CreateTableClient().Uri.Host);
        Assert.Equal("stbra.blob.core.windows.net", connection.CreateBlobClient().Uri.Host);
        Assert.Equal("stbra", connection.CreateBlobClient().AccountName);
    }

    [Fact]
    public void From_ServiceUrisWithoutClientId_DefaultCredentialChain()
    {
        var connection = From(
            ("AzureWebJobsStorage:blobServiceUri", "https://stbra.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://stbra.table.core.windows.net"));

        Assert.IsType<DefaultAzureCredential>(connection.Credential);
        Assert.Null(connection.QueueUri);
    }

    [Fact]
    public void From_ConnectionString_UsedAsItIsWithoutCredential()
    {
        var connection = From(("AzureWebJobsStorage", "UseDevelopmentStorage=true"));

        Assert.Equal("UseDevelopmentStorage=true", connection.ConnectionString);
        Assert.Null(connection.Credential);
        Assert.Equal("devstoreaccount1", connection.CreateBlobClient().AccountName);
    }

    [Fact]
    public void From_TableUriMissing_ErrorNamesTheSettingsToSet()
    {
        var error = Assert.Throws<InvalidOperationException>(() => From(("AzureWebJobsStorage:blobServiceUri", "https://stbra.blob.core.windows.net")));

        Assert.Contains("AzureWebJobsStorage__tableServiceUri", error.Message);
    }
}
