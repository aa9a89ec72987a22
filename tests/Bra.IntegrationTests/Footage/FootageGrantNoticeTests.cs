using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>A person granted access to a site's footage is told by mail, through the workflow and the real SendGrid client.</summary>
public sealed class FootageGrantNoticeTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Subject = "Behörighet till kameramaterial: ";

    [Fact]
    public async Task Grant_PrincipalThenManager_EachMailedOnceInSwedishWithOnlyTheirOwnName()
    {
        await using var capture = await SendGridCapture.StartAsync();
        var settings = ConsultationDriver.SendGridSettings(capture);
        settings["Cameras__DailyScanEnabled"] = "false";
        await using var host = new DevHostProcess(azurite, settings);
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        await WaitForDemoAsync(admin);

        await GrantAsync(admin, DomarhagsskolanSite, PrincipalId);
        var principal = await Polling.EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.Where(m => m.To == Principal && m.Subject.StartsWith(Subject, StringComparison.Ordinal)).ToList()),
            found => found.Count > 0, TimeSpan.FromSeconds(30), "the principal's grant notice");
        var mail = principal.Single();
        Assert.Contains("Du har fått behörighet att ta del av kameramaterialet från", mail.Text, StringComparison.Ordinal);
        Assert.Contains("tills vidare", mail.Text, StringComparison.Ordinal);
        Assert.Contains($"/staff/footage/{DomarhagsskolanSite}", mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sam Samordnare", mail.Text, StringComparison.Ordinal);

        // The manager's notice is the later event that shows the principal's was mailed once.
        await GrantAsync(admin, DomarhagsskolanSite, HeadOfEducationId);
        await Polling.EventuallyAsync(() => Task.FromResult(capture.AcceptedMessages.Count(m => m.To == HeadOfEducation && m.Subject.StartsWith(Subject, StringComparison.Ordinal))),
            count => count > 0, TimeSpan.FromSeconds(30), "the manager's grant notice");
        Assert.Single(capture.AcceptedMessages, m => m.To == Principal && m.Subject.StartsWith(Subject, StringComparison.Ordinal));
    }
}
