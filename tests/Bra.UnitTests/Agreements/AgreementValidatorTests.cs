using Bra.Core.Agreements;
using Microsoft.Extensions.Time.Testing;

namespace Bra.UnitTests.Agreements;

public sealed class AgreementValidatorTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    private static CreateAgreementInput Valid(params SignerInput?[] signers) => new("Trygghetsöverenskommelse", "BRÅ 2026/1", "doc1",
        signers.Length == 0 ? [new SignerInput("Anna", "anna@example.org", "ICA", null)] : signers, "parallel", null, null, ["cc@example.org"]);

    private static Dictionary<string, string[]> Errors(CreateAgreementInput input) =>
        AgreementRules.Errors(new CreateAgreementValidator(Time).Validate(input));

    [Fact]
    public void Create_ValidInput_NoErrors() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void Create_SameEmailTwiceInOtherCase_SignersError()
    {
        var errors = Errors(Valid(new SignerInput("A", "a@example.org", "X", null), new SignerInput("B", " A@Example.org", "Y", null)));
        Assert.Contains("samma adress", errors["signers"].Single());
    }

    [Fact]
    public void Create_FiftyOneSigners_SignersError()
    {
        var many = Enumerable.Range(0, 51).Select(i => new SignerInput($"P{i}", $"p{i}@example.org", "X", null)).ToArray();
        Assert.Equal("Ange mellan 1 och 50 undertecknare.", Errors(Valid(many))["signers"].Single());
    }

    [Fact]
    public void Create_BadSignerFields_ErrorsNamedByIndexAndField()
    {
        var errors = Errors(Valid(new SignerInput("", "inte-en-adress", null, null)));
        Assert.Equal("Ange namnet.", errors["signers[0].name"].Single());
        Assert.StartsWith("Ange en giltig e-postadress", errors["signers[0].email"].Single());
        Assert.Equal("Ange organisationen.", errors["signers[0].organisation"].Single());
    }

    [Fact]
    public void Create_UnknownOrderPastExpiryBadCc_ErrorsInSwedish()
    {
        var errors = Errors(Valid() with { Order = "random", ExpiresAt = "2026-11-01T00:00:00Z", Cc = ["nope"] });
        Assert.Contains("parallel", errors["order"].Single());
        Assert.Contains("passerat", errors["expiresAt"].Single());
        Assert.True(errors.ContainsKey("cc[0]"));
    }

    [Fact]
    public void Create_NoTitleNoDocument_BothReported()
    {
        var errors = Errors(Valid() with { Title = " ", DocumentId = null });
        Assert.Equal("Ange rubriken.", errors["title"].Single());
        Assert.True(errors.ContainsKey("documentId"));
    }

    [Fact]
    public void Sign_ConsentNotTicked_ConsentError()
    {
        var errors = AgreementRules.Errors(new SignFormValidator().Validate(new SignForm("Anna Andersson", false)));
        Assert.Contains(AgreementRules.ConsentText, errors["consent"].Single());
        Assert.False(errors.ContainsKey("typedName"));
    }

    [Fact]
    public void Sign_NoTypedName_TypedNameError() =>
        Assert.True(AgreementRules.Errors(new SignFormValidator().Validate(new SignForm(" ", true))).ContainsKey("typedName"));

    [Fact]
    public void Decline_NoReason_ReasonError() =>
        Assert.Equal("Ange varför du avböjer att underteckna.", AgreementRules.Errors(new DeclineFormValidator().Validate(new DeclineForm(""))).Single().Value.Single());

    [Fact]
    public void Cancel_NoReason_ReasonError() =>
        Assert.True(AgreementRules.Errors(new CancelAgreementValidator().Validate(new CancelAgreementInput(null))).ContainsKey("reason"));

    [Fact]
    public void Replace_BadEmail_EmailError() =>
        Assert.True(AgreementRules.Errors(new ReplaceSignerValidator().Validate(new ReplaceSignerInput("Ny", "x@", null, null))).ContainsKey("email"));
}
