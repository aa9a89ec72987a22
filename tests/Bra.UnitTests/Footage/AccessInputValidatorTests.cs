using Bra.Core.Cameras;
using Bra.Core.Footage;
using Microsoft.Extensions.Time.Testing;

namespace Bra.UnitTests.Footage;

/// <summary>The rules of a logged access to footage (period, action, purpose), each named by its field in Swedish.</summary>
public sealed class AccessInputValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);
    private static readonly AccessInputValidator Validator = new(new FakeTimeProvider(Now));

    private static readonly CameraSite Site =
        new("s1", "Felskolan", null, SiteKind.SchoolIndoor, "u1", "Trygghet", null, 72, null, true, Today, null, AccessPolicy.PrincipalAndManager, [],
            SiteState.Active, null, Today.AddYears(-1), null, new LegalBasis(LegalBasisType.ImyPermit, "DI-1", Today.AddYears(-4), Today.AddYears(1)),
            [new Camera("c1", "K1", null, false, null, false, false, null)], null, false, [], 1, Now, Now);

    private static AccessInput Valid() => new(["c1"], Now.AddHours(-5), Now.AddHours(-4), AccessKind.View, "Granska skadegörelse vid entrén", null);

    [Fact]
    public void Validate_Complete_NoErrors()
    {
        Assert.Empty(Validator.Validate(Valid(), Site));
    }

    [Fact]
    public void Validate_EndBeforeStart_FootageToNamed()
    {
        var errors = Validator.Validate(Valid() with { FootageTo = Now.AddHours(-6) }, Site);
        Assert.Equal(["footageTo"], errors.Keys);
        Assert.Equal(["Slutet på tidsintervallet (footageTo) får inte ligga före början (footageFrom)."], errors["footageTo"]);
    }

    [Fact]
    public void Validate_NoPurpose_PurposeAskedFor()
    {
        Assert.Equal(["Ange syftet med åtkomsten."], Validator.Validate(Valid() with { Purpose = null }, Site)["purpose"]);
    }

    [Fact]
    public void Validate_OneWordPurpose_AskedForASentence()
    {
        Assert.Equal(["Beskriv syftet med en mening, inte ett enstaka ord (till exempel: Granska skadegörelse vid huvudentrén natten till den 3 mars)."],
            Validator.Validate(Valid() with { Purpose = "kontroll" }, Site)["purpose"]);
    }

    [Fact]
    public void Validate_NoAction_ActionAskedFor()
    {
        Assert.Equal(["Ange vad du gör med materialet: view (titta) eller export (exportera)."], Validator.Validate(Valid() with { Action = null }, Site)["action"]);
    }

    [Fact]
    public void Validate_CameraNotOnTheSite_NamesCameraAndSite()
    {
        Assert.Equal(["Kameran 'okand' finns inte på platsen Felskolan."], Validator.Validate(Valid() with { CameraIds = ["okand"] }, Site)["cameraIds"]);
    }
}
