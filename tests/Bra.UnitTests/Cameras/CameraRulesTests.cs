using System.Text;
using Bra.Core.Cameras;

namespace Bra.UnitTests.Cameras;

public sealed class CameraRulesTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ValidateCamera_AudioWithoutReason_AudioReasonError()
    {
        var errors = CameraValidator.ValidateCamera(new CameraInput("K1", null, false, null, true, true, " "));
        Assert.Contains("skriftligt skäl", Assert.Single(errors["audioReason"]));
    }

    [Fact]
    public void ValidateCamera_AudioWithReason_NoErrors() =>
        Assert.Empty(CameraValidator.ValidateCamera(new CameraInput("K1", null, false, null, true, true, "Larmverifiering enligt beslut")));

    [Fact]
    public void ValidateDecision_ApprovedExtensionWithoutValidUntil_ValidUntilRequired()
    {
        var errors = CameraValidator.ValidateDecision(new DecisionInput(DecisionOutcome.Approved, "Nämnden", "KS 2026/1", Today, null, null, null), Request(RequestKind.Extension), Today);
        Assert.True(errors.ContainsKey("validUntil"));
    }

    [Fact]
    public void ValidateDecision_ValidUntilBeforeDecidedOn_Error()
    {
        var errors = CameraValidator.ValidateDecision(new DecisionInput(DecisionOutcome.Approved, "Nämnden", "KS 2026/1", Today, Today.AddDays(-1), null, null), Request(RequestKind.Extension), Today);
        Assert.Contains("efter beslutsdatumet", Assert.Single(errors["validUntil"]));
    }

    [Fact]
    public void ValidateDecision_RejectedWithoutReason_ReasonRequired()
    {
        var errors = CameraValidator.ValidateDecision(new DecisionInput(DecisionOutcome.Rejected, "Nämnden", null, Today, null, null, null), Request(RequestKind.Extension), Today);
        Assert.Equal(["reason"], errors.Keys);
    }

    [Theory]
    [InlineData(100, null)]
    [InlineData(91, null)]
    [InlineData(90, "expiry90-")]
    [InlineData(31, "expiry90-")]
    [InlineData(30, "expiry30-")]
    [InlineData(8, "expiry30-")]
    [InlineData(7, "expiry7-")]
    [InlineData(0, "expiry7-")]
    [InlineData(-1, "lapsed-")]
    public void Due_DaysBeforeExpiry_TightestThresholdOnly(int daysLeft, string? expected)
    {
        var site = Site(Today.AddDays(daysLeft));
        var keys = CameraDailyScan.Due(site, Today, TimeSpan.FromDays(365)).Select(d => d.Key).ToList();
        if (expected is null)
        {
            Assert.Empty(keys);
        }
        else
        {
            Assert.StartsWith(expected, Assert.Single(keys));
        }
    }

    [Fact]
    public void Due_SignageCheckedOverAYearAgo_SignageNotice()
    {
        var site = Site(Today.AddYears(2)) with { SignageCheckedOn = Today.AddDays(-366) };
        Assert.Contains(CameraDailyScan.Due(site, Today, TimeSpan.FromDays(365)), d => d.Key.StartsWith("signage-", StringComparison.Ordinal));
    }

    [Fact]
    public void Status_ValidFarAway_Green() =>
        Assert.Equal(StatusLight.Green, CameraStatus.Of(Site(Today.AddYears(1)), [], Today, TimeSpan.FromDays(365)).Light);

    [Fact]
    public void Status_ExpiresIn60Days_YellowWithDaysInText()
    {
        var status = CameraStatus.Of(Site(Today.AddDays(60)), [], Today, TimeSpan.FromDays(365));
        Assert.Equal(StatusLight.Yellow, status.Light);
        Assert.Contains("60 dagar", string.Join(" ", status.Reasons));
    }

    [Fact]
    public void Status_PendingRequest_Yellow() =>
        Assert.Equal(StatusLight.Yellow, CameraStatus.Of(Site(Today.AddYears(1)), [Request(RequestKind.Expansion)], Today, TimeSpan.FromDays(365)).Light);

    [Fact]
    public void Status_Lapsed_RedSaysNoValidDecision()
    {
        var status = CameraStatus.Of(Site(Today.AddDays(-1)), [], Today, TimeSpan.FromDays(365));
        Assert.Equal(StatusLight.Red, status.Light);
        Assert.Equal("Saknar giltigt beslut", status.Text);
    }

    [Fact]
    public void Included_EndedSites_OnlyWithinFiveYears()
    {
        Assert.True(CameraRegister.Included(Site(null) with { State = SiteState.Ended, EndedOn = Today.AddYears(-5) }, Today));
        Assert.False(CameraRegister.Included(Site(null) with { State = SiteState.Ended, EndedOn = Today.AddYears(-5).AddDays(-1) }, Today));
        Assert.False(CameraRegister.Included(Site(null) with { State = SiteState.Planned }, Today));
    }

    [Fact]
    public void Csv_FieldStartingLikeFormula_EscapedWithApostrophe()
    {
        var entry = new RegisterEntry("s1", "=HYPERLINK(\"x\")", null, SiteKind.Other, "u1", "Enhet", SiteState.Active, Today, null, "@SUM(A1)", null, 72, null, null, 0);
        var text = Encoding.UTF8.GetString(CameraRegister.Csv([entry]));
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", text);
        Assert.Contains("'@SUM(A1)", text);
        Assert.DoesNotContain(";=HYPERLINK", text);
        Assert.StartsWith("\uFEFFId;Plats;", text);
    }

    [Fact]
    public void Csv_Register_Utf8BomSemicolonsAndCrlfForSwedishExcel()
    {
        var entry = new RegisterEntry("s1", "Älvstranden", "Gångbron; södra delen", SiteKind.PublicPlace, "u1", "Enhet", SiteState.Active, Today, null, "Trygghet", null, 72, null, null, 2);

        var bytes = CameraRegister.Csv([entry]);

        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n");
        Assert.StartsWith("Id;Plats;Platsbeskrivning;Typ;Ansvarig enhet;Läge;", lines[0]);
        Assert.StartsWith("s1;Älvstranden;\"Gångbron; södra delen\";Allmän plats;Enhet;Aktiv;2026-03-02;", lines[1]);
        Assert.Equal([""], lines[2..]);
    }

    [Fact]
    public void Apply_ApprovedExtension_ReplacesValidityWithOwnAssessmentAndClearsLapsedMark()
    {
        var site = Site(Today.AddDays(-3)) with { RunningWithoutValidDecision = true };
        var decision = new CameraDecision(DecisionOutcome.Approved, "Kommunstyrelsen", "KS 2026/12", Today, Today.AddYears(3), "Endast kvällstid", null, "p1", Now);
        var applied = CameraRequests.Apply(site, Request(RequestKind.Extension), decision);
        Assert.Equal(Today.AddYears(3), applied.LegalBasis!.ValidUntil);
        Assert.Equal(LegalBasisType.OwnAssessment, applied.LegalBasis.Type);
        Assert.Equal("KS 2026/12", applied.LegalBasis.DecisionReference);
        Assert.False(applied.RunningWithoutValidDecision);
        Assert.Contains("r1", applied.AppliedRequestIds);
    }

    [Fact]
    public void Apply_ApprovedExpansion_AddsRequestedCamerasKeepsExisting()
    {
        var site = Site(Today.AddYears(1)) with { Cameras = [new Camera("c1", "C1", null, false, null, true, false, null)] };
        var request = Request(RequestKind.Expansion) with { AddCameras = [new CameraInput("C3", "Busstorget", true, null, true, null, null)] };
        var decision = new CameraDecision(DecisionOutcome.Approved, "Kommunstyrelsen", "KS 2026/14", Today, null, null, null, "p1", Now);
        var applied = CameraRequests.Apply(site, request, decision);
        Assert.Equal(["C1", "C3"], applied.Cameras.Select(c => c.Label));
        Assert.True(applied.Cameras[1].Movable);
        Assert.Equal(site.LegalBasis, applied.LegalBasis);
    }

    [Fact]
    public void Apply_Rejected_OnlyRecordsRequestAsHandled()
    {
        var site = Site(Today.AddYears(1));
        var decision = new CameraDecision(DecisionOutcome.Rejected, "Kommunstyrelsen", null, Today, null, null, "Nej", "p1", Now);
        var applied = CameraRequests.Apply(site, Request(RequestKind.Termination), decision);
        Assert.Equal(["r1"], applied.AppliedRequestIds);
        Assert.Equal(site, applied with { AppliedRequestIds = site.AppliedRequestIds });
    }

    [Fact]
    public void Apply_ApprovedTermination_EndsSite()
    {
        var decision = new CameraDecision(DecisionOutcome.Approved, "Kommunstyrelsen", "KS 2026/13", Today, null, null, null, "p1", Now);
        var applied = CameraRequests.Apply(Site(Today.AddYears(1)), Request(RequestKind.Termination), decision);
        Assert.Equal(SiteState.Ended, applied.State);
        Assert.Equal(Today, applied.EndedOn);
    }

    private static CameraRequest Request(RequestKind kind) =>
        new("r1", "s1", kind, RequestState.Submitted, "Behövs", null, null, [], [], "doc1", "p1", "Sam", Now, Now, null, null, false);

    private static CameraSite Site(DateOnly? validUntil) =>
        new("s1", "Torget", null, SiteKind.PublicPlace, "u1", "Trygghet", null, 72, null, true, Today, null, AccessPolicy.NamedOperators, ["p1"],
            SiteState.Active, null, Today.AddYears(-1), null,
            validUntil is null ? null : new LegalBasis(LegalBasisType.ImyPermit, "DI-1", Today.AddYears(-4), validUntil),
            [], null, false, [], 1, Now, Now);
}
