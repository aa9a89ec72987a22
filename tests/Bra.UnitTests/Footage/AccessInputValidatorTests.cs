using Bra.Core.Footage;
using Bra.Core.Http;
using static Bra.UnitTests.Footage.FootageInputs;

namespace Bra.UnitTests.Footage;

/// <summary>The rules of a logged access to footage (cameras, period, action, purpose), each named by its field in Swedish.</summary>
public sealed class AccessInputValidatorTests
{
    private static readonly AccessInputValidator Validator = new(Time);

    private static Dictionary<string, string[]> Check(AccessInput input) => Errors(Validator, input);

    [Fact]
    public void Validate_Complete_NoErrors()
    {
        Assert.Empty(Check(Access()));
    }

    [Fact]
    public void Validate_WithoutTheSite_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => Validator.Validate(Access()));
    }

    [Fact]
    public void Validate_NoCameras_CameraIdsAskedFor()
    {
        Assert.Equal(["Ange minst en kamera (cameraIds)."], Check(Access() with { CameraIds = [] })["cameraIds"]);
    }

    [Fact]
    public void Validate_CameraNotOnTheSite_NamesCameraAndSiteOnce()
    {
        Assert.Equal(["Kameran 'okand' finns inte på platsen Felskolan."], Check(Access() with { CameraIds = ["c1", "okand", "okand"] })["cameraIds"]);
    }

    [Fact]
    public void Validate_NoPeriod_BothEndsAskedFor()
    {
        var errors = Check(Access() with { FootageFrom = null, FootageTo = null });
        Assert.Equal(["footageFrom", "footageTo"], errors.Keys.Order());
        Assert.Equal(["Ange från vilken tidpunkt materialet gäller (footageFrom)."], errors["footageFrom"]);
        Assert.Equal(["Ange till vilken tidpunkt materialet gäller (footageTo)."], errors["footageTo"]);
    }

    [Fact]
    public void Validate_StartInTheFuture_FootageFromNamed()
    {
        var errors = Check(Access() with { FootageFrom = Now.AddMinutes(1), FootageTo = Now.AddHours(1) });
        Assert.Equal(["footageFrom"], errors.Keys);
        Assert.Equal(["Materialet kan inte vara inspelat i framtiden."], errors["footageFrom"]);
    }

    [Fact]
    public void Validate_EndBeforeStart_FootageToNamed()
    {
        var errors = Check(Access() with { FootageTo = Now.AddHours(-6) });
        Assert.Equal(["footageTo"], errors.Keys);
        Assert.Equal(["Slutet på tidsintervallet (footageTo) får inte ligga före början (footageFrom)."], errors["footageTo"]);
    }

    [Fact]
    public void Validate_NoAction_ActionAskedFor()
    {
        Assert.Equal(["Ange vad du gör med materialet: view (titta) eller export (exportera)."], Check(Access() with { Action = null })["action"]);
    }

    [Fact]
    public void Validate_UnknownAction_ActionAskedFor()
    {
        Assert.Equal(["Ange vad du gör med materialet: view (titta) eller export (exportera)."], Check(Access() with { Action = (AccessKind)7 })["action"]);
    }

    [Fact]
    public void Validate_NoPurpose_PurposeAskedFor()
    {
        Assert.Equal(["Ange syftet med åtkomsten."], Check(Access() with { Purpose = "  " })["purpose"]);
    }

    [Theory]
    [InlineData("kontroll")]
    [InlineData("titta på det")]
    public void Validate_PurposeNotASentence_AskedForASentence(string purpose)
    {
        Assert.Equal(["Beskriv syftet med en mening, inte ett enstaka ord (till exempel: Granska skadegörelse vid huvudentrén natten till den 3 mars)."],
            Check(Access() with { Purpose = purpose })["purpose"]);
    }

    [Fact]
    public void Validate_PurposeTooLong_MaxLengthNamed()
    {
        Assert.Equal(["Högst 2000 tecken."], Check(Access() with { Purpose = string.Join(' ', Enumerable.Repeat("skadegörelse", 200)) })["purpose"]);
    }

    [Fact]
    public void Validate_IncidentRefTooLong_MaxLengthNamed()
    {
        Assert.Equal(["Högst 100 tecken."], Check(Access() with { IncidentRef = new string('x', 101) })["incidentRef"]);
    }
}
