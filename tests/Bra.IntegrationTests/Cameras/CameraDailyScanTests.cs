using System.Collections.Concurrent;
using Bra.Core;
using Bra.Core.Cameras;
using Bra.Core.Email;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Bra.IntegrationTests.Cameras;

/// <summary>The daily scan against real storage (Azurite) with a fake clock; mail is captured at the transport.</summary>
public sealed class CameraDailyScanTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 6, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider clock = new(Start);
    private readonly CapturingTransport transport = new();

    [Fact]
    public async Task RunAsync_EachExpiryThresholdRunTwice_OneMailPerThresholdThenLapsedMarked()
    {
        await using var services = await ServicesAsync();
        var store = services.GetRequiredService<CameraStore>();
        var scan = services.GetRequiredService<CameraDailyScan>();
        var validUntil = DateOnly.FromDateTime(Start.UtcDateTime).AddDays(120);
        await store.CreateSiteAsync(Site("scan-expiry", validUntil, signageCheckedOn: DateOnly.FromDateTime(Start.UtcDateTime)), Actor.DailyScan);

        Assert.Equal(0, await TwiceAsync(scan));
        foreach (var (daysLeft, purpose) in new[] { (90, "expiry90"), (45, null), (30, "expiry30"), (8, null), (7, "expiry7"), (1, null), (-1, "lapsed") })
        {
            clock.SetUtcNow(Start.AddDays(120 - daysLeft));
            var before = transport.Sent.Count;
            var sentNow = await TwiceAsync(scan);
            var mails = transport.Sent.Skip(before).ToList();
            if (purpose is null)
            {
                Assert.True(mails.Count == 0, $"{daysLeft} days left: {string.Join(", ", mails.Select(m => m.Id))}");
                continue;
            }

            var mail = Assert.Single(mails);
            Assert.Equal(1, sentNow);
            Assert.Equal($"camera-site-scan-expiry/{purpose}-{validUntil:yyyyMMdd}/demo-samordnare", mail.Id.ToString());
            Assert.Equal("samordnare@example.se", mail.Email);
        }

        var site = await store.GetSiteAsync("scan-expiry");
        Assert.True(site!.RunningWithoutValidDecision);
        var history = await store.HistoryAsync("scan-expiry");
        var mark = Assert.Single(history, h => h.Action == "marked-without-valid-decision");
        Assert.Equal(Actor.DailyScan.Id, mark.ChangedById);
        Assert.False(mark.Before!.RunningWithoutValidDecision);
        Assert.Equal(StatusLight.Red, CameraStatus.Of(site, [], DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), TimeSpan.FromDays(365)).Light);
    }

    [Fact]
    public async Task RunAsync_ReviewAndSignageCheckDue_OneMailEachToResponsiblePerson()
    {
        await using var services = await ServicesAsync();
        var store = services.GetRequiredService<CameraStore>();
        var scan = services.GetRequiredService<CameraDailyScan>();
        var today = DateOnly.FromDateTime(Start.UtcDateTime);
        var site = Site("scan-review", null, signageCheckedOn: today.AddDays(-360)) with
        {
            ResponsiblePersonId = "demo-bildningschef",
            LegalBasis = new LegalBasis(LegalBasisType.OwnAssessment, DecidedOn: today.AddYears(-1), AssessmentDocumentId: "doc", DecisionReference: "BIN 1",
                DecidedBy: "Bildningsnämnden", ReviewDate: today.AddDays(3)),
        };
        await store.CreateSiteAsync(site, Actor.DailyScan);

        Assert.Equal(0, await TwiceAsync(scan));
        clock.SetUtcNow(Start.AddDays(3));
        Assert.Equal(1, await TwiceAsync(scan));
        clock.SetUtcNow(Start.AddDays(5));
        Assert.Equal(1, await TwiceAsync(scan));
        clock.SetUtcNow(Start.AddDays(6));
        Assert.Equal(0, await TwiceAsync(scan));

        var mails = transport.Sent.Where(m => m.Id.Workflow == "camera-site-scan-review").ToList();
        Assert.Equal([$"review-{today.AddDays(3):yyyyMMdd}", $"signage-{today.AddDays(5):yyyyMMdd}"], mails.Select(m => m.Id.Purpose));
        Assert.All(mails, m => Assert.Equal("bildningschef@example.se", m.Email));
        Assert.False((await store.GetSiteAsync("scan-review"))!.RunningWithoutValidDecision);
    }

    private async Task<int> TwiceAsync(CameraDailyScan scan) => await scan.RunAsync() + await scan.RunAsync();

    private async Task<ServiceProvider> ServicesAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["App:PublicBaseUrl"] = "http://127.0.0.1:7071",
            ["Email:Provider"] = "Outbox",
            ["Email:FromAddress"] = "noreply@example.se",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddBraCore(configuration);
        services.AddSingleton<IEmailTransport>(transport);
        services.AddSingleton<DemoPeople>(); // the development host's demo people; the app itself registers none
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<DemoPeople>().SeedAsync();
        return provider;
    }

    private CameraSite Site(string id, DateOnly? validUntil, DateOnly signageCheckedOn) =>
        new(id, "Skanningstorget " + id, null, SiteKind.PublicPlace, "unit-lokala-bra", "Trygghet", null, 72, null, true, signageCheckedOn, null,
            AccessPolicy.NamedOperators, ["demo-samordnare"], SiteState.Active, null, signageCheckedOn.AddYears(-1), null,
            validUntil is null ? null : new LegalBasis(LegalBasisType.ImyPermit, "DI-1", signageCheckedOn.AddYears(-3), validUntil),
            [], null, false, [], 0, clock.GetUtcNow(), clock.GetUtcNow());

    private sealed class CapturingTransport : IEmailTransport
    {
        private readonly ConcurrentQueue<EmailRecipient> sent = new();

        public IReadOnlyList<EmailRecipient> Sent => sent.ToList();

        public Task SendAsync(EmailBatch batch, CancellationToken cancellationToken)
        {
            foreach (var recipient in batch.Recipients)
            {
                sent.Enqueue(recipient);
            }

            return Task.CompletedTask;
        }
    }
}
