using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Bra.Core.Storage;

/// <summary>
/// A table row that holds one record as JSON. Records stay plain C# records; the ETag guards concurrent writes.
/// Table storage takes at most 64 KiB (32,768 UTF-16 characters) per string property and 1 MiB per entity, so the JSON
/// is split across <see cref="Json"/> and the continuation properties <c>Json1</c>…<c>Json9</c>, 32,000 characters
/// each: a record may be up to <see cref="MaxJsonChars"/> characters and the row stays a single entity, so it is still
/// read in one request and written atomically (also inside an entity-group transaction, whose 4 MiB payload two such
/// rows fit even with every character escaped on the wire). Rows written before the split hold all of it in
/// <see cref="Json"/> and read unchanged.
/// </summary>
public sealed class JsonRow : ITableEntity
{
    public const int ChunkChars = 32_000;
    public const int MaxChunks = 10;
    public const int MaxJsonChars = ChunkChars * MaxChunks;

    public string PartitionKey { get; set; } = "";
    public string RowKey { get; set; } = "";
    public DateTimeOffset? Timestamp { get; set; }
    public ETag ETag { get; set; }
    public string Json { get; set; } = "";
    public string? Json1 { get; set; }
    public string? Json2 { get; set; }
    public string? Json3 { get; set; }
    public string? Json4 { get; set; }
    public string? Json5 { get; set; }
    public string? Json6 { get; set; }
    public string? Json7 { get; set; }
    public string? Json8 { get; set; }
    public string? Json9 { get; set; }

    /// <summary>The row for a record; throws <see cref="RecordTooLargeException"/> before any write when it cannot be stored.</summary>
    public static JsonRow Of<T>(string partitionKey, string rowKey, T value)
    {
        var json = JsonSerializer.Serialize(value, AppJson.Storage);
        var chunks = json.Length > MaxJsonChars ? null : Split(json);
        if (chunks is null || chunks.Count > MaxChunks)
        {
            throw new RecordTooLargeException(typeof(T).Name, json.Length);
        }

        var row = new JsonRow { PartitionKey = partitionKey, RowKey = rowKey };
        row.Json = chunks[0];
        row.Json1 = chunks.ElementAtOrDefault(1);
        row.Json2 = chunks.ElementAtOrDefault(2);
        row.Json3 = chunks.ElementAtOrDefault(3);
        row.Json4 = chunks.ElementAtOrDefault(4);
        row.Json5 = chunks.ElementAtOrDefault(5);
        row.Json6 = chunks.ElementAtOrDefault(6);
        row.Json7 = chunks.ElementAtOrDefault(7);
        row.Json8 = chunks.ElementAtOrDefault(8);
        row.Json9 = chunks.ElementAtOrDefault(9);
        return row;
    }

    /// <summary>The whole JSON text, the continuation properties appended in order (a method: a public property would be stored too).</summary>
    public string FullJson() => Json1 is null ? Json : new StringBuilder(Json)
        .Append(Json1).Append(Json2).Append(Json3).Append(Json4).Append(Json5).Append(Json6).Append(Json7).Append(Json8).Append(Json9).ToString();

    public T Read<T>() => JsonSerializer.Deserialize<T>(FullJson(), AppJson.Storage)
        ?? throw new InvalidDataException($"Row {PartitionKey}/{RowKey} holds no value.");

    /// <summary>Pieces of at most <see cref="ChunkChars"/> characters, never cutting a surrogate pair apart.</summary>
    private static List<string> Split(string json)
    {
        var chunks = new List<string>();
        for (var start = 0; start < json.Length || chunks.Count == 0;)
        {
            var length = Math.Min(ChunkChars, json.Length - start);
            if (length == ChunkChars && char.IsHighSurrogate(json[start + length - 1]))
            {
                length--;
            }

            chunks.Add(json.Substring(start, length));
            start += length;
        }

        return chunks;
    }
}

/// <summary>A record whose JSON exceeds what one table row can hold; thrown before anything is written.</summary>
public sealed class RecordTooLargeException(string recordType, int jsonChars)
    : InvalidOperationException($"A {recordType} record of {jsonChars} JSON characters exceeds the {JsonRow.MaxJsonChars} a table row holds.")
{
    public int JsonChars { get; } = jsonChars;
}
