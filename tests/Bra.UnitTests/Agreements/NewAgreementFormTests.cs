using Bra.Core.Agreements;
using Microsoft.Extensions.Time.Testing;

namespace Bra.UnitTests.Agreements;

/// <summary>The staff form's errors: pasted lines and the validator's <c>signers[i].x</c> errors both name the line they came from.</summary>
public sealed class NewAgreementFormTests
{
    private static readonly FakeTimeProvider Time = new(new DateTimeOffset(2026, 11, 2, 8, 0, 0, TimeSpan.Zero));

    private static NewAgreementForm Form(string signers, string cc = "", string title = "Trygghetsöverenskommelse") =>
        NewAgreementForm.Blank(new DateOnly(2026, 12, 2)) with { Title = title, Signers = signers, Cc = cc };

    private static Dictionary<string, string[]> Errors(NewAgreementForm form, string? fileError = null)
    {
        var people = form.People();
        var input = form.Input(fileError is null ? "doc1" : null, people);
        return form.Errors(fileError, people, AgreementRules.Errors(new CreateAgreementValidator(Time).Validate(input)));
    }

    [Fact]
    public void Errors_ValidForm_None()
    {
        var form = Form("Anna Ek; anna@example.org; ICA Kvantum; Butikschef\n\nBo Berg; bo@example.org; Polisen");
        Assert.Empty(Errors(form));
        var input = form.Input("doc1", form.People());
        Assert.Equal(["Anna Ek", "Bo Berg"], input.Signers!.Select(s => s!.Name));
        Assert.Equal("Butikschef", input.Signers![0]!.Title);
        Assert.Null(input.Signers[1]!.Title);
        Assert.Equal("2026-12-02", input.ExpiresAt);
    }

    [Fact]
    public void Errors_NameTooLongOnThirdLine_ValidatorErrorNamesLineThree()
    {
        var errors = Errors(Form($"Anna; anna@example.org; ICA\n\n{new string('x', 201)}; lang@example.org; Polisen"));
        Assert.Equal(["Rad 3: Namnet får vara högst 200 tecken."], errors["signers"]);
    }

    [Fact]
    public void Errors_WrongLineAndLongTitleElsewhere_BothByLineAndNoCountMessage()
    {
        var errors = Errors(Form($"Anna; inte-en-adress; ICA\nBo; bo@example.org; Polisen; {new string('t', 201)}"));
        Assert.Equal(2, errors["signers"].Length);
        Assert.StartsWith("Rad 1: ", errors["signers"][0]);
        Assert.Contains("inte-en-adress", errors["signers"][0]);
        Assert.Equal("Rad 2: Titeln får vara högst 200 tecken.", errors["signers"][1]);
    }

    [Fact]
    public void Errors_EveryLineWrong_OnlyTheLinesNotTheCount()
    {
        var errors = Errors(Form("bara ett namn"));
        Assert.Equal("Rad 1: Raden ska ha formen \"Namn; e-post; organisation; titel (titel kan utelämnas)\" men har ett fält.", errors["signers"].Single());
    }

    [Fact]
    public void Errors_BadCopyAddressAndNoFileAndNoTitle_InFormOrderWithTheAddress()
    {
        var errors = Errors(Form("Anna; anna@example.org; ICA", cc: "ok@example.org, nej", title: ""), fileError: "Välj dokumentet som ska undertecknas.");
        Assert.Equal(["file", "title", "cc"], errors.Keys);
        Assert.Equal(["Välj dokumentet som ska undertecknas."], errors["file"]);
        Assert.StartsWith("nej: Ange en giltig e-postadress", errors["cc"].Single());
    }

    [Fact]
    public void Errors_FiftyOneSigners_CountMessageOnSigners()
    {
        var lines = string.Join("\n", Enumerable.Range(1, 51).Select(i => $"P{i}; p{i}@example.org; Org"));
        Assert.Equal(["Ange mellan 1 och 50 undertecknare."], Errors(Form(lines))["signers"]);
    }

    [Fact]
    public void CcAddresses_CommasSemicolonsAndLineBreaks_EachAddressOnce()
    {
        Assert.Equal(["a@example.org", "b@example.org", "c@example.org"], Form("", cc: " a@example.org,b@example.org;\r\nc@example.org ").CcAddresses());
    }
}
