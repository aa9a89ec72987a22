using Bra.Core.Consultations;
using Bra.Core.Time;

namespace Bra.UnitTests.Consultations;

public sealed class ConsultationRemindersTests
{
    [Fact]
    public void Plan_WholeDays_At0900SwedishOnThatDate()
    {
        var plan = ConsultationReminders.Plan(new DateTimeOffset(2026, 12, 1, 22, 59, 0, TimeSpan.Zero), ["P7D", "P1D"]);
        Assert.Equal([new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc)], plan.Select(p => p.At));
    }

    [Fact]
    public void Plan_AcrossDaylightSavingChange_StillAt0900Local()
    {
        // Deadline 2 April 2026 (summer time), reminder 7 days earlier falls on 26 March (winter time): 09:00 CET = 08:00 UTC.
        var plan = ConsultationReminders.Plan(SwedishTime.ParseDeadline("2026-04-02")!.Value, ["P7D"]);
        Assert.Equal(new DateTime(2026, 3, 26, 8, 0, 0, DateTimeKind.Utc), plan.Single().At);
    }

    [Fact]
    public void Plan_Seconds_ExactlyBeforeDeadline()
    {
        var deadline = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(deadline.UtcDateTime.AddSeconds(-20), ConsultationReminders.Plan(deadline, ["PT20S"]).Single().At);
    }

    [Fact]
    public void Plan_OffsetBeyondRepresentableDates_SkippedNotThrown()
    {
        var plan = ConsultationReminders.Plan(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), ["P3000000D", "PT2000000000H", "P1D"]);
        Assert.Equal(["P1D"], plan.Select(r => r.Key.Split('-')[1]));
    }

    [Fact]
    public void Plan_KeyDependsOnDeadline_MovedDeadlineGetsFreshKeys()
    {
        var a = ConsultationReminders.Plan(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), ["P1D"]).Single().Key;
        var b = ConsultationReminders.Plan(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), ["P1D"]).Single().Key;
        Assert.NotEqual(a, b);
        // The key is the reminder mail's purpose in the email ledger: its format is stored and must not change.
        Assert.Equal("reminder-P1D-20261201T100000Z", a);
    }
}
