using Bra.Core.Consultations;
using Bra.Core.Time;

namespace Bra.UnitTests.Consultations;

public sealed class SwedishTimeTests
{
    [Fact]
    public void ParseDeadline_DateInWinter_2359SwedishIs2259Utc() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 22, 59, 0, TimeSpan.Zero), SwedishTime.ParseDeadline("2026-12-01"));

    [Fact]
    public void ParseDeadline_DateInSummer_2359SwedishIs2159Utc() =>
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 21, 59, 0, TimeSpan.Zero), SwedishTime.ParseDeadline("2026-06-01"));

    [Fact]
    public void ParseDeadline_InstantWithOffset_TakenAsIs() =>
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), SwedishTime.ParseDeadline("2026-12-01T12:00:00+02:00"));

    [Theory]
    [InlineData("")]
    [InlineData("imorgon")]
    [InlineData("2026-13-01")]
    public void ParseDeadline_NotADate_Null(string text) => Assert.Null(SwedishTime.ParseDeadline(text));

    [Fact]
    public void PlanReminders_WholeDays_At0900SwedishOnThatDate()
    {
        var plan = SwedishTime.PlanReminders(new DateTimeOffset(2026, 12, 1, 22, 59, 0, TimeSpan.Zero), ["P7D", "P1D"]);
        Assert.Equal([new DateTime(2026, 11, 24, 8, 0, 0, DateTimeKind.Utc), new DateTime(2026, 11, 30, 8, 0, 0, DateTimeKind.Utc)], plan.Select(p => p.At));
    }

    [Fact]
    public void PlanReminders_AcrossDaylightSavingChange_StillAt0900Local()
    {
        // Deadline 2 April 2026 (summer time), reminder 7 days earlier falls on 26 March (winter time): 09:00 CET = 08:00 UTC.
        var plan = SwedishTime.PlanReminders(SwedishTime.ParseDeadline("2026-04-02")!.Value, ["P7D"]);
        Assert.Equal(new DateTime(2026, 3, 26, 8, 0, 0, DateTimeKind.Utc), plan.Single().At);
    }

    [Fact]
    public void PlanReminders_Seconds_ExactlyBeforeDeadline()
    {
        var deadline = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        Assert.Equal(deadline.UtcDateTime.AddSeconds(-20), SwedishTime.PlanReminders(deadline, ["PT20S"]).Single().At);
    }

    [Fact]
    public void PlanReminders_OffsetBeyondRepresentableDates_SkippedNotThrown()
    {
        var plan = SwedishTime.PlanReminders(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), ["P3000000D", "PT2000000000H", "P1D"]);
        Assert.Equal(["P1D"], plan.Select(r => r.Key.Split('-')[1]));
    }

    [Fact]
    public void PlanReminders_KeyDependsOnDeadline_MovedDeadlineGetsFreshKeys()
    {
        var a = SwedishTime.PlanReminders(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero), ["P1D"]).Single().Key;
        var b = SwedishTime.PlanReminders(new DateTimeOffset(2026, 12, 8, 10, 0, 0, TimeSpan.Zero), ["P1D"]).Single().Key;
        Assert.NotEqual(a, b);
        Assert.StartsWith("reminder-P1D-", a);
    }

    [Theory]
    [InlineData("P7D", 7 * 24 * 3600)]
    [InlineData("PT20S", 20)]
    [InlineData("PT1H30M", 5400)]
    public void ParseOffset_Iso8601_Parsed(string text, int seconds) => Assert.Equal(TimeSpan.FromSeconds(seconds), SwedishTime.ParseOffset(text));

    [Theory]
    [InlineData("7D")]
    [InlineData("P0D")]
    [InlineData("-P1D")]
    [InlineData("sju dagar")]
    public void ParseOffset_Invalid_Null(string text) => Assert.Null(SwedishTime.ParseOffset(text));

    [Fact]
    public void Format_SwedishMonthNameAndLocalTime() =>
        Assert.Equal("1 december 2026 kl. 23:59", SwedishTime.Format(new DateTimeOffset(2026, 12, 1, 22, 59, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("2026-11-27T22:59:00Z", "2026-11-27")]
    [InlineData("2026-11-27T23:00:00Z", "2026-11-28")]
    [InlineData("2026-07-01T21:59:00Z", "2026-07-01")]
    [InlineData("2026-07-01T22:00:00Z", "2026-07-02")]
    public void Today_UtcClockNearMidnight_SwedishDate(string utc, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture),
            SwedishTime.Today(new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture))));
}
