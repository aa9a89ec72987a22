using Azure.Identity;
using Bra.Core.Storage;
using Microsoft.Extensions.Configuration;

namespace Bra.UnitTests.Storage;

/// <summary>The storage account from <c>AzureWebJobsStorage</c>: a connection string here, the identity-based form in Azure.</summary>
public sealed class StorageConnectionTests
{
    private static StorageConnection From(params (string Key, string Value)[] settings) => StorageConnection.From(Configuration(settings));

    private static IConfiguration Configuration((string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => s.Key, s => (string?)s.Value)).Build();

    [Fact]
    public void ForData_DataStorageSet_TheDataAccountWhileTheHostKeepsAzureWebJobsStorage()
    {
        var settings = Configuration([
            ("AzureWebJobsStorage:blobServiceUri", "https://sthost.blob.core.windows.net"),
            ("AzureWebJobsStorage:tableServiceUri", "https://sthost.table.core.windows.net"),
            ("AzureWebJobsStorage:clientId", "00000000-0000-0000-0000-0000000000aa"),
            ("DataStorage:blobServiceUri", "https://stdata.blob.core.windows.net"),
            ("DataStorage:tableServiceUri", "https://stdata.table.core.windows.net"),
            ("DataStorage:credential", "managedidentity"),
            ("DataStorage:clientId", "00000000-0000-0000-0000-0000000000aa")]);

        var data = StorageConnection.ForData(settings);

        Assert.Equal("stdata", data.CreateBlobClient().AccountName);
        Assert.Equal("stdata.table.core.windows.net", data.CreateTableClient().Uri.Host);
        Assert.IsType<ManagedIdentityCredential>(data.Credential);
        Assert.Equal("sthost", StorageConnection.From(settings).CreateBlobClient().AccountName);
    }

    [Fact]
    public void ForData_DataStorageAbsent_TheHostAccountAsLocally()
    {
        var data = StorageConnection.ForData(Configuration([("AzureWebJobsStorage", "UseDevelopmentStorage=true")]));

        Assert.Equal("UseDevelopmentStorage=true", data.ConnectionString);
    }

    [Fact]
    public void ForData_DataStorageWithoutTableUri_ErrorNamesTheDataSettings()
    {
        var error = Assert.Throws<InvalidOperationException>(() => StorageConnection.ForData(Configuration([
            ("AzureWebJobsStorage", "UseDevelopmentStorage=true"),
            ("DataStorage:blobServiceUri", "https://stdata.blob.core.windows.net")])));

        Assert.Contains("DataStorage__tableServiceUri", error.Message);
    }

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
