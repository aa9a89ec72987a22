using Bra.Core.Footage;
using static Bra.UnitTests.Footage.FootageInputs;

namespace Bra.UnitTests.Footage;

/// <summary>The rules of a police disclosure, each named by its field in Swedish.</summary>
public sealed class DisclosureInputValidatorTests
{
    private static readonly DisclosureInputValidator Validator = new(Time);

    private static Dictionary<string, string[]> Check(DisclosureInput input) => Errors(Validator, input);

    [Fact]
    public void Validate_Complete_NoErrors()
    {
        Assert.Empty(Check(Disclosure()));
    }

    [Fact]
    public void Validate_NoCameras_NoErrors()
    {
        Assert.Empty(Check(Disclosure() with { CameraIds = null }));
    }

    [Fact]
    public void Validate_Empty_EveryRequiredFieldAskedFor()
    {
        var errors = Check(new DisclosureInput(null, " ", null, null, null, null, null, null, ""));
        Assert.Equal(["Ange polisens ärendenummer."], errors["policeCaseNumber"]);
        Assert.Equal(["Ange vilken myndighet som begärde materialet."], errors["requestingAuthority"]);
        Assert.Equal(["Ange vilken tjänsteperson som begärde materialet."], errors["requestingOfficer"]);
        Assert.Equal(["Ange från vilken tidpunkt materialet gäller (footageFrom)."], errors["footageFrom"]);
        Assert.Equal(["Ange till vilken tidpunkt materialet gäller (footageTo)."], errors["footageTo"]);
        Assert.Equal(["Ange den rättsliga grunden för utlämnandet."], errors["legalGround"]);
        Assert.Equal(["Ange när materialet lämnades över (handedOverAt)."], errors["handedOverAt"]);
        Assert.Equal(["Ange hur materialet lämnades över (till exempel krypterat USB-minne)."], errors["handoverMethod"]);
        Assert.Equal(8, errors.Count);
    }

    [Fact]
    public void Validate_TextsTooLong_EachMaxLengthNamed()
    {
        var errors = Check(Disclosure() with
        {
            PoliceCaseNumber = new string('1', 101), RequestingAuthority = new string('a', 201), RequestingOfficer = new string('o', 201),
            LegalGround = new string('g', 2001), HandoverMethod = new string('m', 501),
        });
        Assert.Equal(["Högst 100 tecken."], errors["policeCaseNumber"]);
        Assert.Equal(["Högst 200 tecken."], errors["requestingAuthority"]);
        Assert.Equal(["Högst 200 tecken."], errors["requestingOfficer"]);
        Assert.Equal(["Högst 2000 tecken."], errors["legalGround"]);
        Assert.Equal(["Högst 500 tecken."], errors["handoverMethod"]);
        Assert.Equal(5, errors.Count);
    }

    [Fact]
    public void Validate_CameraNotOnTheSite_NamesCameraAndSite()
    {
        Assert.Equal(["Kameran 'c9' finns inte på platsen Felskolan."], Check(Disclosure() with { CameraIds = ["c9"] })["cameraIds"]);
    }

    [Fact]
    public void Validate_EndBeforeStart_FootageToNamed()
    {
        Assert.Equal(["Slutet på tidsintervallet (footageTo) får inte ligga före början (footageFrom)."],
            Check(Disclosure() with { FootageTo = Now.AddDays(-1) })["footageTo"]);
    }

    [Fact]
    public void Validate_HandedOverLaterThanFiveMinutesFromNow_HandedOverAtNamed()
    {
        Assert.Equal(["Överlämningen kan inte ligga i framtiden. Registrera utlämnandet när det har skett."],
            Check(Disclosure() with { HandedOverAt = Now.AddMinutes(6) })["handedOverAt"]);
    }

    [Fact]
    public void Validate_HandedOverWithinFiveMinutesOfNow_NoErrors()
    {
        Assert.Empty(Check(Disclosure() with { HandedOverAt = Now.AddMinutes(5) }));
    }
}
