using Bra.Core.Pages;

namespace Bra.UnitTests.Pages;

public sealed class PastedPeopleTests
{
    [Fact]
    public void Parse_SemicolonAndTabLinesWithHeadingAndBlanks_PeopleWithTheirLineNumbers()
    {
        var text = "Namn;E-post;Organisation\r\n\r\nAnna Berg; anna.berg@polisen.se ; Polisen\n  \nOla Ek\tola.ek@skolan.se\tSkolan\n";

        var result = PastedPeople.Parse(text, withTitle: false);

        Assert.True(result.Ok);
        Assert.Equal(
            [new PastedPerson(3, "Anna Berg", "anna.berg@polisen.se", "Polisen", null), new PastedPerson(5, "Ola Ek", "ola.ek@skolan.se", "Skolan", null)],
            result.People);
    }

    [Fact]
    public void Parse_EveryKindOfWrongLine_EachReportedByNumberInSwedishAndTheRightOnesKept()
    {
        var text = string.Join('\n',
            "Anna Berg; anna.berg@polisen.se; Polisen",
            "Bo Ek; bo.ek@example; Skolan",
            "Cecilia Holm; cecilia.holm@example.se",
            "; ; ",
            "Anna B; ANNA.BERG@polisen.se; Polisen",
            "Dan Ros; dan@example.se; Kommunen; Rektor");

        var result = PastedPeople.Parse(text, withTitle: false);

        Assert.False(result.Ok);
        Assert.Equal([1], result.People.Select(p => p.Line));
        Assert.Equal(
        [
            new PastedLineError(2, "\"bo.ek@example\" är inte en giltig e-postadress."),
            new PastedLineError(3, "Raden ska ha formen \"Namn; e-post; organisation\" men har 2 fält."),
            new PastedLineError(4, "Namn saknas, e-postadress saknas, organisation saknas."),
            new PastedLineError(5, "E-postadressen finns redan på rad 1."),
            new PastedLineError(6, "Raden ska ha formen \"Namn; e-post; organisation\" men har 4 fält."),
        ], result.Errors);
    }

    [Fact]
    public void Parse_WithTitle_FourthFieldIsTheTitleAndMayBeLeftOut()
    {
        var result = PastedPeople.Parse("Eva Lind\teva.lind@ica.se\tICA Kvantum\tButikschef\nPer Al; per.al@polisen.se; Polisen;", withTitle: true);

        Assert.True(result.Ok);
        Assert.Equal(["Butikschef", null], result.People.Select(p => p.Title));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t\n")]
    [InlineData("Namn; e-post; organisation")]
    public void Parse_NothingButBlanksOrHeading_OneErrorAskingForALine(string? text)
    {
        var result = PastedPeople.Parse(text, withTitle: false);

        Assert.False(result.Ok);
        Assert.Equal([new PastedLineError(0, "Klistra in minst en rad: Namn; e-post; organisation.")], result.Errors);
    }

    [Fact]
    public void Parse_MoreThanMaxLines_RefusedAsAWholeWithoutReadingThem()
    {
        var text = string.Join('\n', Enumerable.Range(0, PastedPeople.MaxLines + 1).Select(i => $"P{i}; p{i}@example.se; Org"));

        var result = PastedPeople.Parse(text, withTitle: false);

        Assert.Empty(result.People);
        Assert.Equal([new PastedLineError(0, "Högst 1000 rader kan klistras in på en gång.")], result.Errors);
    }
}
