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
    [InlineData("5 jan 2027", 2027, 1, 5, 22)]
    [InlineData("21.12.2026", 2026, 12, 21, 22)]
    [InlineData("21/12 2026", 2026, 12, 21, 22)]
    [InlineData("2027-03-28", 2027, 3, 28, 21)]
    public void ParseDeadline_SwedishDate_EndsAt2359SwedishTime(string text, int year, int month, int day, int utcHour) =>
        Assert.Equal(new DateTimeOffset(year, month, day, utcHour, 59, 0, TimeSpan.Zero), SwedishTime.ParseDeadline(text));

    [Fact]
    public void ParseDeadline_DateTimeWithoutOffset_SwedishTime() =>
        Assert.Equal(new DateTimeOffset(2026, 7, 1, 10, 0, 0, TimeSpan.Zero), SwedishTime.ParseDeadline("2026-07-01T12:00"));

    [Theory]
    [InlineData("")]
    [InlineData("1/2/2027")]
    [InlineData("21 december")]
    [InlineData("12/21/2026 10:00")]
    [InlineData("imorgon")]
    [InlineData("2026-13-01")]
    public void ParseDeadline_NotADate_Null(string text) => Assert.Null(SwedishTime.ParseDeadline(text));

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
