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
}
