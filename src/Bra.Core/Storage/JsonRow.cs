using Bra.Core.Http;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Bra.Core.Storage;

/// <summary>A table row that holds one record as JSON. Records stay plain C# records; the ETag guards concurrent writes.</summary>
public sealed class JsonRow : ITableEntity
{
    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Json { get; set; } = "";

    public static JsonRow Of<T>(string partitionKey, string rowKey, T value) =>
        new() { PartitionKey = partitionKey, RowKey = rowKey, Json = JsonSerializer.Serialize(value, AppJson.Options) };

    public T Read<T>() => JsonSerializer.Deserialize<T>(Json, AppJson.Options)
        ?? throw new InvalidDataException($"Row {PartitionKey}/{RowKey} holds no value.");
}
