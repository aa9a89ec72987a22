using Bra.Core.Time;

namespace Bra.UnitTests.Consultations;

public sealed class DateInputTests
{
    private static readonly DateOnly Today = new(2026, 12, 8);

    [Theory]
    [InlineData("2027-02-01", 2027, 2, 1)]
    [InlineData(" 2027-2-1 ", 2027, 2, 1)]
    [InlineData("21.12.2026", 2026, 12, 21)]
    [InlineData("1.2.2027", 2027, 2, 1)]
    [InlineData("5 jan 2027", 2027, 1, 5)]
    [InlineData("5 jan. 2027", 2027, 1, 5)]
    [InlineData("21 december 2026", 2026, 12, 21)]
    [InlineData("21 December 2026", 2026, 12, 21)]
    [InlineData("3 maj 2027", 2027, 5, 3)]
    [InlineData("21/12 2026", 2026, 12, 21)]
    [InlineData("21/12/2026", 2026, 12, 21)]
    [InlineData("2/2/2027", 2027, 2, 2)]
    public void Read_SwedishForms_DayFirst(string text, int year, int month, int day) =>
        Assert.Equal(new DateReading(new DateOnly(year, month, day), null), DateInput.Read(text));

    [Fact]
    public void Read_DayAndMonthBothUpToTwelve_RefusedNamingBothReadings()
    {
        var reading = DateInput.Read("1/2/2027");

        Assert.Null(reading.Date);
        Assert.Contains("1 februari 2027 (2027-02-01)", reading.Problem, StringComparison.Ordinal);
        Assert.Contains("2 januari 2027 (2027-01-02)", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("21 december")]
    [InlineData("5 jan")]
    public void Read_NoYear_RefusedNeverGuessed(string text)
    {
        var reading = DateInput.Read(text);

        Assert.Null(reading.Date);
        Assert.Contains("saknar år", reading.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12/21/2026")]
    [InlineData("31.2.2027")]
    [InlineData("2027-13-01")]
    [InlineData("5 foo 2027")]
    [InlineData("i morgon")]
    [InlineData("21-12-26")]
    public void Read_NotADate_Problem(string text)
    {
        var reading = DateInput.Read(text);

        Assert.Null(reading.Date);
        Assert.NotNull(reading.Problem);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void Read_Blank_NeitherDateNorProblem(string? text) => Assert.True(DateInput.Read(text).IsBlank);

    [Fact]
    public void Error_NamesLabelAndGivesExampleAMonthAhead() =>
        Assert.Equal("Sista svarsdag: ”1/2/2027” kan läsas både som 1 februari 2027 (2027-02-01) och 2 januari 2027 (2027-01-02). Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2027-01-08.",
            DateInput.Error("Sista svarsdag", DateInput.Read("1/2/2027"), Today));

    [Fact]
    public void Error_Blank_AsksForADate() =>
        Assert.Equal("Sista svarsdag: ange ett datum, till exempel 2027-01-08.", DateInput.Error("Sista svarsdag", DateInput.Read(""), Today));
}
