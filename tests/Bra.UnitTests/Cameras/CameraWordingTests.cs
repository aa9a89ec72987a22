using Bra.Core.Cameras;
using Bra.Core.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.UnitTests.Cameras;

/// <summary>Swedish on the camera pages and in the camera emails: grammar, words and Swedish time.</summary>
public sealed class CameraWordingTests
{
    private static readonly DateOnly Today = new(2026, 3, 2);

    // 08:00 UTC = 09:00 Swedish winter time.
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(1, "1 ärende väntar på beslut")]
    [InlineData(2, "2 ärenden väntar på beslut")]
    public void PendingText_Count_SingularOrPlural(int count, string expected) =>
        Assert.Equal(expected, CameraStatus.PendingText(count));

    [Theory]
    [InlineData(0, "Beslutet upphör i dag")]
    [InlineData(1, "Beslutet upphör om 1 dag")]
    [InlineData(45, "Beslutet upphör om 45 dagar")]
    public void ExpiresText_DaysLeft_SwedishWording(int days, string expected) =>
        Assert.Equal(expected, CameraStatus.ExpiresText(days));

    [Theory]
    [InlineData("2026-03-02T07:00:00Z", "inskickat i dag")]
    [InlineData("2026-03-01T23:30:00Z", "inskickat i dag")] // 00:30 Swedish time on the 2nd
    [InlineData("2026-03-01T22:30:00Z", "inskickat i går")] // 23:30 Swedish time on the 1st, less than 24 hours ago
    [InlineData("2026-02-27T12:00:00Z", "inskickat för 3 dagar sedan")]
    public void SubmittedText_SubmittedAt_CountedInSwedishCalendarDays(string submitted, string expected) =>
        Assert.Equal(expected, CameraStatus.SubmittedText(DateTimeOffset.Parse(submitted, System.Globalization.CultureInfo.InvariantCulture), Now));

    [Fact]
    public void Of_ValidDecisionNothingDue_NoReasonRepeatingTheStatus()
    {
        var status = CameraStatus.Of(Site(Today.AddYears(2)), [], Today, TimeSpan.FromDays(365));
        Assert.Equal(StatusLight.Green, status.Light);
        Assert.Equal("Giltigt beslut", status.Text);
        Assert.Empty(status.Reasons);
    }

    [Fact]
    public async Task CamerasPage_TwoRequestsSubmittedToday_PluralAndToday()
    {
        var site = Site(Today.AddDays(45));
        var pending = new[] { Request("r1", RequestKind.Extension, Now.AddHours(-1)), Request("r2", RequestKind.Expansion, Now.AddHours(-2)) };
        var row = new CamerasPage.Row(site, "Lokala BRÅ", CameraStatus.Of(site, pending, Today, TimeSpan.FromDays(365)), pending);

        var html = await RenderAsync<CamerasPage>(new() { [nameof(CamerasPage.Rows)] = new[] { row }, [nameof(CamerasPage.Now)] = Now });

        Assert.Contains("2 ärenden väntar på beslut", html);
        Assert.Contains("förlängning, inskickat i dag", html);
        Assert.Contains("utökning, inskickat i dag", html);
        Assert.Contains("Beslutet upphör om 45 dagar", html);
        Assert.Contains("Uppdaterad 2026-03-02 09:00", html);
        Assert.DoesNotContain("dagar sedan", html);
    }

    [Fact]
    public async Task CamerasPage_GreenSite_NothingToDoInsteadOfRepeatedStatus()
    {
        var site = Site(Today.AddYears(2));
        var row = new CamerasPage.Row(site, null, CameraStatus.Of(site, [], Today, TimeSpan.FromDays(365)), []);

        var html = await RenderAsync<CamerasPage>(new() { [nameof(CamerasPage.Rows)] = new[] { row }, [nameof(CamerasPage.Now)] = Now });

        Assert.Contains("<dt>Att göra</dt><dd>Inget</dd>", html);
    }

    [Fact]
    public async Task CameraSitePage_GreenSiteWithHistory_StatusOnceAndSwedishSentencesInSwedishTime()
    {
        var site = Site(Today.AddYears(2));
        var history = new[]
        {
            new SiteHistoryEntry(site.Id, 1, "created", "demo-samordnare", "Sam Samordnare", new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero), null, site, "Demodata"),
            new SiteHistoryEntry(site.Id, 2, "request-approved:Extension", "p1", "Kommunstyrelsen", new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero), site, site, "Beviljat (förlängning), referens KS 2026/12"),
            new SiteHistoryEntry(site.Id, 3, "camera-removed", "p1", "Sam Samordnare", new DateTimeOffset(2026, 7, 2, 8, 0, 0, TimeSpan.Zero), site, site, "c1"),
        };

        var html = await RenderAsync<CameraSitePage>(new()
        {
            [nameof(CameraSitePage.Site)] = site,
            [nameof(CameraSitePage.Status)] = CameraStatus.Of(site, [], Today, TimeSpan.FromDays(365)),
            [nameof(CameraSitePage.History)] = history,
        });

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "Giltigt beslut"));
        Assert.Contains("2026-07-01 00:30: Platsen skapades av Sam Samordnare – Demodata", html);
        Assert.Contains("2026-07-01 10:00: Ett ärende beviljades av Kommunstyrelsen – Beviljat (förlängning), referens KS 2026/12", html);
        Assert.Contains("En kamera togs bort av Sam Samordnare", html);
        Assert.DoesNotContain("created", html);
        Assert.DoesNotContain("camera-removed", html);
    }

    [Fact]
    public void SwedishDate_SubmittedJustAfterSwedishMidnight_DatedThatSwedishDay()
    {
        // 22:30 UTC on 30 June is 00:30 on 1 July in Sweden (summer time).
        Assert.Equal("2026-07-01", CameraMail.SwedishDate(new DateTimeOffset(2026, 6, 30, 22, 30, 0, TimeSpan.Zero)));
        Assert.Equal("", CameraMail.SwedishDate(null));
    }

    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : Microsoft.AspNetCore.Components.IComponent
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return System.Net.WebUtility.HtmlDecode(await PageRenderer.RenderAsync<TComponent>(services, parameters));
    }

    private static CameraRequest Request(string id, RequestKind kind, DateTimeOffset submitted) =>
        new(id, "s1", kind, RequestState.Submitted, "Behövs", null, null, [], [], "doc1", "p1", "Sam", submitted, submitted, null, null, false);

    private static CameraSite Site(DateOnly validUntil) =>
        new("s1", "Torget", null, SiteKind.PublicPlace, "u1", "Trygghet", null, 72, null, true, Today, null, AccessPolicy.NamedOperators, ["p1"],
            SiteState.Active, null, Today.AddYears(-1), null, new LegalBasis(LegalBasisType.ImyPermit, "DI-1", Today.AddYears(-4), validUntil),
            [], null, false, [], 1, Now, Now);
}
