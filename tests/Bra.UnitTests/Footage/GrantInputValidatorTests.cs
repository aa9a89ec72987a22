using Bra.Core.Validation;
using Bra.Core.Footage;
using Bra.Core.Http;
using Bra.Core.People;
using Moq;
using static Bra.UnitTests.Footage.FootageInputs;

namespace Bra.UnitTests.Footage;

/// <summary>The rules of a grant (the person against a mocked register, the end date against the clock) and of a revocation.</summary>
public sealed class GrantInputValidatorTests
{
    private readonly Mock<IPeopleLookup> people = new();

    public GrantInputValidatorTests() =>
        people.Setup(l => l.GetPersonAsync("rektor", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Person("rektor", "Rut Rektor", "rut@example.se", null, null, null, [], Now, Now, null));

    private async Task<Dictionary<string, string[]>> Check(GrantInput input) =>
        (await new GrantInputValidator(people.Object, Time).ValidateAsync(input)).ByField();

    private static Dictionary<string, string[]> Check(RevokeInput input) => new RevokeInputValidator().Validate(input).ByField();

    [Fact]
    public async Task Validate_KnownPersonNoEndDate_NoErrors()
    {
        Assert.Empty(await Check(new GrantInput(" rektor ", null)));
    }

    [Fact]
    public async Task Validate_KnownPerson_PersonKeptInTheContextAfterOneLookup()
    {
        var context = new FluentValidation.ValidationContext<GrantInput>(new GrantInput("rektor", null));

        var result = await new GrantInputValidator(people.Object, Time).ValidateAsync(context);

        Assert.True(result.IsValid);
        Assert.Equal("Rut Rektor", context.Found<Person>()?.Name);
        people.Verify(l => l.GetPersonAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Validate_EndDateToday_NoErrors()
    {
        Assert.Empty(await Check(new GrantInput("rektor", Today)));
    }

    [Fact]
    public async Task Validate_NoPerson_PersonIdAskedForWithoutLookup()
    {
        Assert.Equal(["Ange vem som ska få behörighet (personId)."], (await Check(new GrantInput(" ", null)))["personId"]);
        people.Verify(l => l.GetPersonAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Theory]
    [InlineData("finns-inte")]
    [InlineData("a/b")]
    public async Task Validate_PersonNotInTheRegister_PersonIdNamed(string personId)
    {
        Assert.Equal([GrantInputValidator.UnknownPerson], (await Check(new GrantInput(personId, null)))["personId"]);
    }

    [Fact]
    public async Task Validate_EndDatePassed_ValidUntilNamed()
    {
        var errors = await Check(new GrantInput("rektor", Today.AddDays(-1)));
        Assert.Equal(["validUntil"], errors.Keys);
        Assert.Equal(["Slutdatumet har redan passerat. Ange ett datum från och med i dag, eller inget slutdatum."], errors["validUntil"]);
    }

    [Fact]
    public void ValidateRevoke_Reason_NoErrors()
    {
        Assert.Empty(Check(new RevokeInput("Personen har slutat.")));
    }

    [Fact]
    public void ValidateRevoke_NoReason_ReasonAskedFor()
    {
        Assert.Equal(["Ange varför behörigheten återkallas."], Check(new RevokeInput(" "))["reason"]);
    }

    [Fact]
    public void ValidateRevoke_ReasonTooLong_MaxLengthNamed()
    {
        Assert.Equal(["Högst 2000 tecken."], Check(new RevokeInput(new string('x', 2001)))["reason"]);
    }
}
