using Bra.Core.Consultations;

namespace Bra.UnitTests.Consultations;

public sealed class ConsulteeLinesTests
{
    [Fact]
    public void Parse_WrongLinesAmongRight_OneErrorPerLineByNumberAndConsulteesWithTheirLines()
    {
        var read = ConsulteeLines.Parse("Anna Berg; anna@example.se; Polisen\n\nBo Ek;; \nCia Holm\tcia@example.se\tSkolan\nfel");

        Assert.Equal(["consultees-rad-3", "consultees-rad-5"], read.Errors.Keys);
        Assert.Equal("Rad 3: E-postadress saknas, organisation saknas.", Assert.Single(read.Errors["consultees-rad-3"]));
        Assert.StartsWith("Rad 5: Raden ska ha formen", Assert.Single(read.Errors["consultees-rad-5"]));
        Assert.Equal([1, 4], read.Lines);
        Assert.Equal(new ConsulteeInput("Cia Holm", "cia@example.se", "Skolan"), read.Consultees[1]);
    }

    [Fact]
    public void Parse_NothingPasted_OneErrorForTheWholeField()
    {
        var read = ConsulteeLines.Parse("  \n");

        Assert.Equal("Klistra in minst en rad: Namn; e-post; organisation.", Assert.Single(read.Errors["consultees"]));
        Assert.Empty(read.Consultees);
    }

    [Fact]
    public void ByLine_ServiceErrorsByIndex_ReportedByPastedLineNumberAndOthersKept()
    {
        var lines = new[] { 2, 5, 9 };
        var errors = new Dictionary<string, string[]>
        {
            ["consultees[1].email"] = ["E-postadressen finns redan."],
            ["consultees[1].name"] = ["Namnet är för långt."],
            ["consultees[2]"] = ["Ange namn och e-postadress."],
            ["consultees"] = ["Högst 5000 remissinstanser per remiss."],
        };

        var byLine = ConsulteeLines.ByLine(errors, lines);

        Assert.Equal(["Rad 5: E-postadressen finns redan. Namnet är för långt."], byLine["consultees-rad-5"]);
        Assert.Equal(["Rad 9: Ange namn och e-postadress."], byLine["consultees-rad-9"]);
        Assert.Equal(["Högst 5000 remissinstanser per remiss."], byLine["consultees"]);
        Assert.Equal(3, byLine.Count);
        Assert.All(byLine.Keys, key => Assert.Equal("consultees", ConsulteeLines.Anchor(key)));
    }
}
