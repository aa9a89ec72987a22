using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Bra.Core.Storage;

/// <summary>
/// The application's Table and Blob clients. Tables and containers are created on first use (and again after a
/// failure), so a host starts even while storage is down and the health check can say so.
/// </summary>
public sealed class StorageAccount(TableServiceClient tables, BlobServiceClient blobs)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<TableClient>>> tableCache = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> containerCache = new();

    public TableServiceClient Tables => tables;

    public BlobServiceClient Blobs => blobs;

    public Task<TableClient> TableAsync(string name, CancellationToken cancellationToken = default) =>
        Cached(tableCache, name, async () =>
        {
            var client = tables.GetTableClient(name);
            await client.CreateIfNotExistsAsync(cancellationToken);
            return client;
        });

    public Task<BlobContainerClient> ContainerAsync(string name, CancellationToken cancellationToken = default) =>
        Cached(containerCache, name, async () =>
        {
            var client = blobs.GetBlobContainerClient(name);
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            return client;
        });

    private static async Task<T> Cached<T>(ConcurrentDictionary<string, Lazy<Task<T>>> cache, string name, Func<Task<T>> create)
    {
        var entry = cache.GetOrAdd(name, _ => new Lazy<Task<T>>(create));
        try
        {
            return await entry.Value;
        }
        catch
        {
            cache.TryRemove(new KeyValuePair<string, Lazy<Task<T>>>(name, entry));
            throw;
        }
    }
}
