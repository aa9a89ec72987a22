using Azure.Data.Tables;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Storage;

/// <summary>Records split across string properties, in real Table storage (Azurite).</summary>
public sealed class JsonRowStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    internal sealed record Note(string Id, string Text);

    [Fact]
    public async Task AddEntity_RecordAtMaxJsonChars_StoredAsOneEntityAndReadBack()
    {
        var table = await TableAsync();
        var note = Fill(JsonRow.MaxJsonChars);
        var row = JsonRow.Of("p", "max", note);
        Assert.Equal(JsonRow.MaxJsonChars, row.FullJson().Length);

        await table.AddEntityAsync(row);

        var read = (await table.GetEntityAsync<JsonRow>("p", "max")).Value.Read<Note>();
        Assert.Equal(note, read);
        var raw = (await table.GetEntityAsync<TableEntity>("p", "max")).Value;
        Assert.All(raw.Keys.Where(k => k.StartsWith("Json", StringComparison.Ordinal)), k => Assert.True(raw.GetString(k).Length <= 32_768, k));
    }

    [Fact]
    public async Task GetEntity_RowWrittenBeforeTheSplit_ReadsTheRecord()
    {
        var table = await TableAsync();
        var old = new TableEntity("p", "old") { ["Json"] = "{\"id\":\"n2\",\"text\":\"\\u00E4 \\u0022x\\u0022 \\u003Cb\\u003E\"}" };
        await table.AddEntityAsync(old);

        Assert.Equal(new Note("n2", "ä \"x\" <b>"), (await table.GetEntityAsync<JsonRow>("p", "old")).Value.Read<Note>());
    }

    [Fact]
    public async Task UpdateEntity_LargeRecordReplacedBySmallOne_NoStaleContinuation()
    {
        var table = await TableAsync();
        await table.AddEntityAsync(JsonRow.Of("p", "shrink", Fill(100_000)));
        var current = (await table.GetEntityAsync<JsonRow>("p", "shrink")).Value;

        await table.UpdateEntityAsync(JsonRow.Of("p", "shrink", new Note("n3", "kort")), current.ETag, TableUpdateMode.Replace);

        Assert.Equal(new Note("n3", "kort"), (await table.GetEntityAsync<JsonRow>("p", "shrink")).Value.Read<Note>());
    }

    /// <summary>A note whose stored JSON is exactly <paramref name="jsonChars"/> characters of ä, quotes and &lt;.</summary>
    internal static Note Fill(int jsonChars)
    {
        const string envelope = "{\"id\":\"n1\",\"text\":\"\"}";
        var budget = jsonChars - envelope.Length;
        var text = new System.Text.StringBuilder();
        for (var i = 0; budget > 0; i++)
        {
            var ch = budget >= 2 && i % 3 == 1 ? '"' : i % 3 == 2 ? '<' : 'ä';
            text.Append(ch);
            budget -= ch == '"' ? 2 : 1;
        }

        return new Note("n1", text.ToString());
    }

    private async Task<TableClient> TableAsync()
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient("JsonRowTests");
        await table.CreateIfNotExistsAsync();
        return table;
    }
}
