using Bra.Core.Consultations;

namespace Bra.UnitTests.Consultations;

public sealed class ConsultationRulesTests
{
    [Fact]
    public void Answer_NoObjectionWithoutComments_Valid()
    {
        var (draft, errors) = ConsultationRules.Answer("noObjection", "", "Namn", null);
        Assert.Empty(errors);
        Assert.Equal(Position.NoObjection, draft!.Position);
        Assert.Null(draft.Comments);
    }

    [Theory]
    [InlineData("supports")]
    [InlineData("supportsWithComments")]
    [InlineData("opposes")]
    public void Answer_OtherPositionsWithoutComments_CommentsRequired(string position)
    {
        var (_, errors) = ConsultationRules.Answer(position, " ", "Namn", null);
        Assert.Contains("comments", errors.Keys);
    }

    [Fact]
    public void Answer_UnknownPosition_PositionError()
    {
        var (_, errors) = ConsultationRules.Answer("maybe", "x", "Namn", null);
        Assert.Contains("tillstyrker med synpunkter", errors["position"][0]);
    }

    [Fact]
    public void Answer_Exactly20000Characters_Valid_20001_Refused()
    {
        Assert.Empty(ConsultationRules.Answer("opposes", new string('x', 20_000), "N", null).Errors);
        Assert.Contains("comments", ConsultationRules.Answer("opposes", new string('x', 20_001), "N", null).Errors.Keys);
    }

    [Fact]
    public void Consultees_DuplicateIgnoringCase_ErrorOnSecond()
    {
        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Consultees(errors, [new("A", "a@example.org", null), new("B", "A@Example.org", null)], new HashSet<string>(), 10);
        Assert.Equal(["consultees[1].email"], errors.Keys);
    }

    [Fact]
    public void Consultees_AlreadyInConsultation_Refused()
    {
        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Consultees(errors, [new("A", "a@example.org", null)], new HashSet<string> { "a@example.org" }, 10);
        Assert.Contains("consultees[0].email", errors.Keys);
    }

    [Fact]
    public void Consultees_ThousandUnique_Valid()
    {
        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Consultees(errors, Enumerable.Range(0, 1000).Select(i => (ConsulteeInput?)new ConsulteeInput($"N{i}", $"n{i}@example.org", "Org")).ToList(),
            new HashSet<string>(), ConsultationRules.MaxConsultees);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("P3000000D")]
    [InlineData("P366D")]
    [InlineData("PT8785H")]
    public void Reminders_OffsetOverAYear_ErrorNamesTheField(string offset)
    {
        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Reminders(errors, ["P7D", offset]);
        Assert.Equal(["reminders[1]"], errors.Keys);
        Assert.Contains("högst 365 dagar", errors["reminders[1]"][0]);
    }

    [Fact]
    public void Reminders_ElevenOffsets_CountRefused()
    {
        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Reminders(errors, Enumerable.Range(1, 11).Select(i => (string?)$"P{i}D").ToList());
        Assert.Contains("Högst 10 påminnelser", Assert.Single(errors["reminders"]));
    }

    [Fact]
    public void Reminders_TenWithinAYear_Valid()
    {
        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Reminders(errors, ["P365D", "PT20S", .. Enumerable.Range(1, 8).Select(i => (string?)$"P{i}D")]);
        Assert.Empty(errors);
    }
}
