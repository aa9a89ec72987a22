using Bra.Core.Consultations;

namespace Bra.UnitTests.Consultations;

public sealed class CompilationTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 1, 22, 59, 0, TimeSpan.Zero);

    private static CompilationModel Model(params Answer[] answers)
    {
        var consultation = new Consultation("c1", "Strategi", "BRÅ 1", "d1", "s.pdf", "abc123", Deadline, null, [], "p1", "Sam", "sam@example.se",
            ConsultationState.Closed, Deadline.AddDays(-30));
        // The consultee row keeps its latest version and when the first came in, as stored with each version.
        var versions = answers.OrderBy(a => a.Version).ToList();
        var consultees = new[]
        {
            new Consultee("k1", "=HYPERLINK(\"http://x\")", "k1@example.org", "+Org", Deadline.AddDays(-30), LastAnswer: versions.LastOrDefault(),
                FirstAnsweredAt: versions.FirstOrDefault()?.ReceivedAt),
            new Consultee("k2", "Tyst Instans", "k2@example.org", null, Deadline.AddDays(-30)),
        };
        return CompilationModel.From(new ConsultationData(consultation, consultees, answers), Deadline);
    }

    private static Answer Answer(int version, string comments, bool late = false) =>
        new("k1", version, Position.Opposes, comments, "@Namn", "-Roll", null, null, Deadline.AddDays(-version), late, null, null);

    [Fact]
    public void ToCsv_CellsStartingWithFormulaCharacters_EscapedWithApostrophe()
    {
        var csv = Model(Answer(1, "=1+1")).ToCsv();
        Assert.Contains("'=HYPERLINK", csv);
        Assert.Contains("'+Org", csv);
        Assert.Contains("'@Namn", csv);
        Assert.Contains("'-Roll", csv);
        Assert.Contains("'=1+1", csv);
        Assert.DoesNotContain(";=", csv);
    }

    [Fact]
    public void ToCsv_AsStoredAndServed_Utf8BomSemicolonsAndCrlfForSwedishExcel()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(Model(Answer(1, "Åtgärd; ökad närvaro")).ToCsv());

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = System.Text.Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("Remiss;Diarienummer;Dokumentets SHA-256;Remissinstans;Organisation;Ställningstagande;", lines[0]);
        Assert.Contains(";\"Åtgärd; ökad närvaro\";", lines[1]);
        Assert.Equal(4, lines.Length); // header, two consultees, and the empty text after the last CRLF
    }

    [Fact]
    public void From_SeveralVersions_LastCountsWithFirstDateAndSilentIsNotAnswered()
    {
        var model = Model(Answer(1, "första"), Answer(2, "andra", late: true));
        var row = model.Rows.Single(r => r.ConsulteeId == "k1");
        Assert.Equal("andra", row.Answer!.Comments);
        Assert.Equal(2, row.Versions);
        Assert.True(row.Late);
        Assert.Equal(PositionText.NotAnswered, model.Rows.Single(r => r.ConsulteeId == "k2").PositionText);
        Assert.Equal(1, model.AnsweredCount);
    }

    [Fact]
    public void ToMarkdown_MarkupInAnswers_RendersAsLiteralText()
    {
        var md = Model(Answer(1, "<script>alert(1)</script> [länk](http://x) **fet** | rad")).ToMarkdown();
        Assert.Contains("&lt;script&gt;", md);
        Assert.DoesNotContain("<script>", md);
        Assert.Contains("\\[länk\\]\\(http://x\\)", md);
        Assert.Contains("\\*\\*fet\\*\\*", md);
        Assert.Contains("\\| rad", md);
        Assert.Contains(PositionText.NotAnswered, md);
    }
}
