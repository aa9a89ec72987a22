using Bra.Core.Footage;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.IntegrationTests.Footage;

/// <summary>
/// The person index beside a site's access log: one range read gives a person's newest entries, and the rows it adds to
/// the partition are invisible to the log's page, its CSV source and its verification.
/// </summary>
public sealed class AccessLogPersonIndexTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string site = "site-" + Guid.NewGuid().ToString("N")[..12];

    private static StaffUser User(string id, string name) =>
        new(new Person(id, name, $"{id}@example.se", null, null, null, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), new HashSet<string>());

    [Fact]
    public async Task RecentOfPersonAsync_TwoPeopleInterleaved_OnlyThatPersonsEntriesNewestFirstAndChainUnchanged()
    {
        var store = new FootageStore(azurite.Storage());
        var log = new AccessLog(store, TimeProvider.System, NullLogger<AccessLog>.Instance);
        var (rita, olle) = (User("p-rita", "Rita Rektorsdotter"), User("p-rita-2", "Olle Operatör"));
        for (var n = 1; n <= 7; n++)
        {
            await log.AppendAsync(log.NewEntry(site, n % 2 == 1 ? rita : olle, LogAction.View) with { Purpose = $"Granskning {n}" }, CancellationToken.None);
        }

        var recent = await store.RecentOfPersonAsync(site, rita.Person.Id, 3, CancellationToken.None);

        Assert.Equal([7L, 5L, 3L], recent.Select(e => e.Sequence));
        Assert.All(recent, e => Assert.Equal(rita.Person.Id, e.Actor));
        Assert.Equal([6L, 4L, 2L], (await store.RecentOfPersonAsync(site, olle.Person.Id, 10, CancellationToken.None)).Select(e => e.Sequence));
        Assert.Equal(Enumerable.Range(1, 7).Select(n => (long)n), (await store.PageAsync(site, 1, 100, CancellationToken.None)).Entries.Select(e => e.Sequence));
        var verification = await log.VerifyAsync(site, full: true, CancellationToken.None);
        Assert.True(verification.Intact);
        Assert.Equal(7, verification.Entries);
    }
}
