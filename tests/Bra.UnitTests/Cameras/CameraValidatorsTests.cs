using Bra.Core.Cameras;
using Bra.Core.Documents;
using Bra.Core.People;

namespace Bra.UnitTests.Cameras;

/// <summary>The camera validators' pure rules (no lookups: no document id is given, so no store is asked).</summary>
public sealed class CameraValidatorsTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RequestInputValidator_ExpansionOverLimitOnEndedSite_EveryRuleReportedInSwedish()
    {
        var site = Site() with
        {
            State = SiteState.Ended,
            Cameras = Enumerable.Range(0, CameraValidator.MaxCameras).Select(i => new Camera($"c{i}", $"K{i}", null, false, null, false, false, null)).ToList(),
        };
        var input = new RequestInput(RequestKind.Expansion, "Behövs", new RequestedPeriod(Today, Today.AddDays(-1)), null,
            [new CameraInput("K99", null, false, null, false, true, null)], ["finns-inte"], null);

        var errors = CameraValidator.Errors(await new RequestInputValidator(null!).ValidateAsync(new RequestOnSite(input, site)));

        Assert.Equal(["requestedPeriod.to", "assessmentDocumentId", "addCameras", "addCameras[0].audioReason", "removeCameraIds", "siteId"], errors.Keys);
        Assert.Equal($"Platsen får ha högst {CameraValidator.MaxCameras} kameror (nu {CameraValidator.MaxCameras}).", Assert.Single(errors["addCameras"]));
        Assert.Equal("Kameran 'finns-inte' finns inte på platsen.", Assert.Single(errors["removeCameraIds"]));
        Assert.Equal("Platsen är avslutad; ett nytt ärende kan inte läggas på den.", Assert.Single(errors["siteId"]));
    }

    [Fact]
    public async Task RequestInputValidator_NewOnActiveSite_KindError()
    {
        var input = new RequestInput(RequestKind.New, "Behövs", null, null, [], [], null);
        var errors = CameraValidator.Errors(await new RequestInputValidator(null!).ValidateAsync(new RequestOnSite(input, Site())));
        Assert.Equal("Ärendet 'new' gäller en planerad plats; platsen är redan aktiv.", Assert.Single(errors["kind"]));
    }

    [Fact]
    public async Task LegalBasisValidator_TypeMissing_OnlyTheType()
    {
        var basis = new LegalBasis(null, DecidedOn: Today, ValidUntil: Today.AddDays(-5));
        var errors = CameraValidator.Errors(await new LegalBasisValidator(null!).ValidateAsync(basis));
        Assert.Equal(["type"], errors.Keys);
    }

    [Fact]
    public async Task LegalBasisValidator_OwnAssessmentEmpty_EachMissingFieldOnce()
    {
        var errors = CameraValidator.Errors(await new LegalBasisValidator(null!).ValidateAsync(new LegalBasis(LegalBasisType.OwnAssessment)));
        Assert.Equal(["assessmentDocumentId", "decisionReference", "decidedBy", "decidedOn", "validUntil"], errors.Keys);
        Assert.Equal("Ange den dokumenterade intresseavvägningen (dokument-id).", Assert.Single(errors["assessmentDocumentId"]));
        Assert.Equal("Ange giltig till eller ett datum för omprövning (reviewDate).", Assert.Single(errors["validUntil"]));
    }

    [Fact]
    public async Task LegalBasisValidator_ImyPermitValidUntilBeforeDecision_AfterDecisionError()
    {
        var basis = new LegalBasis(LegalBasisType.ImyPermit, "DI-1", Today, Today.AddDays(-1));
        var errors = CameraValidator.Errors(await new LegalBasisValidator(null!).ValidateAsync(basis));
        Assert.Equal("Giltig till måste ligga efter beslutsdatumet.", Assert.Single(Assert.Single(errors).Value));
    }

    [Fact]
    public void ValidateDecision_DatedTomorrow_DecidedOnError()
    {
        var request = new CameraRequest("r1", "s1", RequestKind.Expansion, RequestState.Submitted, "Behövs", null, null, [], [], null, "p1", "Sam", Now, Now, null, null, false);
        var errors = CameraValidator.ValidateDecision(new DecisionInput(DecisionOutcome.Approved, "Nämnden", "KS 1", Today.AddDays(1), null, null, null), request, Today);
        Assert.Equal(["decidedOn"], errors.Keys);
    }

    [Fact]
    public void ValidateCamera_LabelTooLong_MaxLengthMessage()
    {
        var errors = CameraValidator.ValidateCamera(new CameraInput(new string('k', 201), null, null, null, null, null, null));
        Assert.Equal("Högst 200 tecken.", Assert.Single(errors["label"]));
    }

    /// <summary>
    /// A valid public site as posted, but without a unit (so no store is asked: the unit lookup, the operators and the
    /// documents are the integration tests' part); each test changes one field and looks at that field's error only.
    /// </summary>
    private static SiteInput SiteInput() =>
        new("Torget", "Torget", SiteKind.PublicPlace, null, "Förebygga brott på torget", "Fre–lör 18–06", 72, null, true, Today.AddDays(-10), null,
            AccessPolicy.PrincipalAndManager, null, SiteState.Active, null, Today.AddYears(-2), null,
            new LegalBasis(LegalBasisType.ImyPermit, "DI-2022-1", Today.AddYears(-3), Today.AddYears(1), "Endast kvällstid"),
            [new CameraInput("C1", "Fasad", null, null, true, null, null)], null);

    private static async Task<Dictionary<string, string[]>> SiteErrors(SiteInput input) =>
        CameraValidator.Errors(await new SiteInputValidator(new PeopleStore(null!, TimeProvider.System), new DocumentStore(null!, TimeProvider.System)).ValidateAsync(input));

    [Fact]
    public async Task SiteInputValidator_ValidButForTheUnit_OnlyTheUnitAskedFor()
    {
        Assert.Equal(["unitId"], (await SiteErrors(SiteInput())).Keys);
    }

    [Fact]
    public async Task SiteInputValidator_RetentionOver72HoursWithoutReason_ReasonRequired()
    {
        Assert.Contains("72 timmar kräver en skriftlig motivering", Assert.Single((await SiteErrors(SiteInput() with { RetentionHours = 96 }))["retentionReason"]));
    }

    [Fact]
    public async Task SiteInputValidator_CameraWithAudioWithoutReason_NamedByIndex()
    {
        var errors = await SiteErrors(SiteInput() with { Cameras = [new CameraInput("C1", null, null, null, null, true, null)] });
        Assert.Contains("Ljudupptagning är avstängd", Assert.Single(errors["cameras[0].audioReason"]));
    }

    [Fact]
    public async Task SiteInputValidator_ValidUntilBeforeDecidedOn_NestedFieldNamed()
    {
        var errors = await SiteErrors(SiteInput() with { LegalBasis = SiteInput().LegalBasis! with { ValidUntil = Today.AddYears(-4) } });
        Assert.Contains("efter beslutsdatumet", Assert.Single(errors["legalBasis.validUntil"]));
    }

    [Fact]
    public async Task SiteInputValidator_SchoolWithNamedOperators_OnlyPrincipalAndManager()
    {
        var errors = await SiteErrors(SiteInput() with { Kind = SiteKind.SchoolIndoor, AccessPolicy = AccessPolicy.NamedOperators, Operators = ["p1"] });
        Assert.Contains("rektor och rektors chef", Assert.Single(errors["accessPolicy"]));
    }

    [Fact]
    public async Task SiteInputValidator_ActiveWithoutLegalBasis_LegalBasisRequired()
    {
        Assert.Contains("rättslig grund", Assert.Single((await SiteErrors(SiteInput() with { LegalBasis = null }))["legalBasis"]));
    }

    [Fact]
    public async Task SiteInputValidator_LegalBasisWithoutType_NestedTypeNamed()
    {
        var errors = await SiteErrors(SiteInput() with { LegalBasis = SiteInput().LegalBasis! with { Type = null } });
        Assert.Contains("imyPermit eller ownAssessment", Assert.Single(errors["legalBasis.type"]));
    }

    [Fact]
    public async Task SiteInputValidator_BlankName_NameAskedFor()
    {
        Assert.Equal(["Ange platsens namn."], (await SiteErrors(SiteInput() with { Name = " " }))["name"]);
    }

    [Fact]
    public async Task SiteInputValidator_EndedBeforeStarted_EndDateNamed()
    {
        var errors = await SiteErrors(SiteInput() with { State = SiteState.Ended, EndedOn = Today.AddYears(-3) });
        Assert.Contains("före startdatum", Assert.Single(errors["endedOn"]));
    }

    [Fact]
    public async Task SiteInputValidator_MoreCamerasThanTheMaximum_SaysHowMany()
    {
        var cameras = Enumerable.Range(0, CameraValidator.MaxCameras + 1).Select(i => new CameraInput($"C{i}", null, null, null, null, null, null)).ToList();
        Assert.Contains($"Högst {CameraValidator.MaxCameras} kameror", Assert.Single((await SiteErrors(SiteInput() with { Cameras = cameras }))["cameras"]));
        Assert.DoesNotContain("cameras", (await SiteErrors(SiteInput() with { Cameras = cameras[..CameraValidator.MaxCameras] })).Keys);
    }

    [Fact]
    public async Task RequestInputValidator_ExtensionWithoutAssessment_AssessmentAskedFor()
    {
        var input = new RequestInput(RequestKind.Extension, "Behövs", null, null, null, null, null);
        var errors = CameraValidator.Errors(await new RequestInputValidator(null!).ValidateAsync(new RequestOnSite(input, Site())));
        Assert.Equal(["assessmentDocumentId"], errors.Keys);
        Assert.Contains("intresseavvägningen", errors["assessmentDocumentId"][0]);
    }

    [Fact]
    public async Task RequestInputValidator_ReductionOfUnknownCamera_NamesIt()
    {
        var input = new RequestInput(RequestKind.Reduction, "Färre", new RequestedPeriod(Today.AddDays(5), Today), null, null, ["finns-inte"], null);
        var errors = CameraValidator.Errors(await new RequestInputValidator(null!).ValidateAsync(new RequestOnSite(input, Site())));
        Assert.Equal("Kameran 'finns-inte' finns inte på platsen.", Assert.Single(errors["removeCameraIds"]));
    }

    private static CameraSite Site() =>
        new("s1", "Torget", null, SiteKind.PublicPlace, "u1", "Trygghet", null, 72, null, true, Today, null, AccessPolicy.NamedOperators, ["p1"],
            SiteState.Active, null, Today.AddYears(-1), null, new LegalBasis(LegalBasisType.ImyPermit, "DI-1", Today.AddYears(-4), Today.AddYears(1)),
            [], null, false, [], 1, Now, Now);
}
