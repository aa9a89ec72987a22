using Bra.Core.Consultations;

namespace Bra.UnitTests.Consultations;

/// <summary>A consultee's latest answer as the status view and the compilation read it: from the consultee row, which keeps it.</summary>
public sealed class ConsultationDataTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 1, 22, 59, 0, TimeSpan.Zero);

    private static readonly Consultation Open = new("c1", "Strategi", null, "d1", "s.pdf", "abc123", Deadline, null, [], "p1", "Sam", "sam@example.se",
        ConsultationState.Open, Deadline.AddDays(-30));

    private static Answer Version(string consulteeId, int version) =>
        new(consulteeId, version, Position.Opposes, $"Version {version}", "Namn", null, null, null, Deadline.AddDays(-10 + version), false, null, null);

    [Fact]
    public void AnswersOf_RowWithLastAnswerAndNoVersionsRead_LatestFirstAndCountFromRow()
    {
        var kept = new Consultee("k1", "Instans", "k1@example.org", null, Deadline.AddDays(-30), LastAnswer: Version("k1", 3),
            FirstAnsweredAt: Deadline.AddDays(-9));
        var data = new ConsultationData(Open, [kept], []);

        Assert.Equal((Version("k1", 3), Deadline.AddDays(-9), 3), ConsultationData.AnswersOf(kept));
        var row = CompilationModel.From(data, Deadline).Rows.Single();
        Assert.Equal((3, "Version 3", Deadline.AddDays(-9)), (row.Versions, row.Answer!.Comments, row.FirstAnsweredAt));
        var view = ConsultationStatus.Build(data, [], withConsultees: true).Consultees!.Single();
        Assert.Equal((ConsulteeState.Answered, 3, Deadline.AddDays(-9), Deadline.AddDays(-7)), (view.State, view.Versions, view.AnsweredAt, view.LastAmendedAt));
    }

    [Fact]
    public void AnswersOf_NotAnsweredYet_NoAnswer()
    {
        var waiting = new Consultee("k1", "Instans", "k1@example.org", null, Deadline.AddDays(-30));
        var data = new ConsultationData(Open, [waiting], []);

        Assert.Equal(((Answer?)null, (DateTimeOffset?)null, 0), ConsultationData.AnswersOf(waiting));
        Assert.Equal(ConsulteeState.Invited, ConsultationStatus.Build(data, [], withConsultees: true).Consultees!.Single().State);
    }
}
