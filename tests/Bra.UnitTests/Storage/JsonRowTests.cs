using Bra.Core;
using System.Text.Json;
using Bra.Core.Consultations;
using Bra.Core.Http;
using Bra.Core.Storage;

namespace Bra.UnitTests.Storage;

public sealed class JsonRowTests
{
    private sealed record Text(string Value);

    [Fact]
    public void Of_SwedishLettersQuotesAndMarkup_StoredWithoutUnicodeEscapes()
    {
        var row = JsonRow.Of("p", "r", new Text("åäö \"citat\" <b>&+</b>"));

        Assert.Equal("{\"value\":\"åäö \\\"citat\\\" <b>&+</b>\"}", row.Json);
        Assert.Null(row.Json1);
    }

    [Fact]
    public void Of_AnswerAtEveryValidatorMaximumInWorstEscapedCharacters_StoredAndReadBack()
    {
        // Control characters are the worst case: six JSON characters each, even with relaxed escaping.
        var input = new AnswerInput("supportsWithComments", "ä" + new string('\u0001', ConsultationRules.MaxComments - 2) + "ä",
            new string('\u0002', 200), new string('"', 200));
        Assert.True(new AnswerInputValidator().Validate(input).IsValid);
        var draft = input.ToDraft();
        // A fixed instant with all seven fraction digits: the longest an instant serializes to (the clock's would vary).
        var at = new DateTimeOffset(2026, 12, 31, 23, 59, 59, TimeSpan.Zero).AddTicks(9_999_999);
        var answer = new Answer(Guid.NewGuid().ToString("N"), 99999, draft.Position, draft.Comments, draft.RespondentName, draft.RespondentRole,
            Guid.NewGuid().ToString("N"), new string('ä', 200), at, true, Guid.NewGuid().ToString("N"), new string('k', 64));

        var row = JsonRow.Of("p", "r", answer);

        Assert.True(row.FullJson().Length > 120_000, row.FullJson().Length.ToString());
        Assert.Equal(answer, row.Read<Answer>());
    }

    [Fact]
    public void Of_JsonOfExactlyMaxChars_SplitIntoMaxChunksAndReadBack()
    {
        var value = new string('ä', JsonRow.MaxJsonChars - 2); // the JSON is the string and its two quotes
        var row = JsonRow.Of("p", "r", value);

        string?[] chunks = [row.Json, row.Json1, row.Json2, row.Json3, row.Json4, row.Json5, row.Json6, row.Json7, row.Json8, row.Json9];
        Assert.All(chunks, c => Assert.Equal(JsonRow.ChunkChars, c!.Length));
        Assert.Equal(value, row.Read<string>());
    }

    [Fact]
    public void Of_JsonOneCharOverMax_ThrowsRecordTooLarge()
    {
        var ex = Assert.Throws<RecordTooLargeException>(() => JsonRow.Of("p", "r", new string('ä', JsonRow.MaxJsonChars - 1)));

        Assert.Equal(JsonRow.MaxJsonChars + 1, ex.JsonChars);
    }

    [Fact]
    public void Of_SupplementaryCharactersAcrossChunkBoundary_ReadBack()
    {
        var value = new string('a', JsonRow.ChunkChars - 2) + string.Concat(Enumerable.Repeat("😀", 20_000));

        Assert.Equal(value, JsonRow.Of("p", "r", value).Read<string>());
    }

    [Fact]
    public void Read_RowWrittenWithEscapedJsonInOneProperty_ReadsTheRecord()
    {
        // What earlier versions stored: the default (escaping) encoder, all in Json.
        var answer = new Answer("c", 1, Position.Opposes, "Vi avstyrker \"helt\" <nej>.", "Åsa Ärlig", null, null, null, new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero), false, null, "k");
        var old = new JsonRow { PartitionKey = "p", RowKey = "r", Json = JsonSerializer.Serialize(answer, AppJson.Options) };
        Assert.Contains("\\u00C5sa", old.Json);

        Assert.Equal(answer, old.Read<Answer>());
    }
}
