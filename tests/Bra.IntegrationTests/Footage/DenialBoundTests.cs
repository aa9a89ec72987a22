using Bra.Core.Footage;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bra.IntegrationTests.Footage;

/// <summary>Refusals of one person at one site over Azurite, on a fake clock: at most one entry a minute, and every refusal counted.</summary>
public sealed class DenialBoundTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private readonly string site = "site-" + Guid.NewGuid().ToString("N")[..12];
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));

    private static readonly StaffUser Stranger = new(new Person("p-nyfiken", "Nils Nyfiken", "nils@example.se", null, null, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), new HashSet<string>());

    [Fact]
    public async Task Deny_60RefusalsTenSecondsApart_TenEntriesThenOneFlushedAndCountsSumTo60()
    {
        var (log, store) = Log();
        for (var n = 0; n < 60; n++)
        {
            await log.DenyAsync(site, Stranger, "read-log", "Ingen behörighet.", CancellationToken.None);
            clock.Advance(TimeSpan.FromSeconds(10));
        }

        var before = await DenialsAsync(store);
        clock.Advance(TimeSpan.FromMinutes(1));
        var flushed = await log.FlushDenialsAsync(site, CancellationToken.None);
        var after = await DenialsAsync(store);

        Assert.Equal(10, before.Count);
        Assert.Equal(1, flushed);
        Assert.Equal(11, after.Count);
        Assert.Equal(60, after.Sum(e => e.Count));
        Assert.Equal(0, await log.FlushDenialsAsync(site, CancellationToken.None));
        Assert.True((await log.VerifyAsync(site, full: true, CancellationToken.None)).Intact);
    }

    [Fact]
    public async Task Deny_30ConcurrentRefusals_OneEntryAndTheRestFlushedNoneLost()
    {
        var (log, store) = Log();

        var written = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ =>
            log.DenyAsync(site, Stranger, "access", "Ingen behörighet.", CancellationToken.None)));
        clock.Advance(TimeSpan.FromMinutes(1));
        await log.FlushDenialsAsync(site, CancellationToken.None);
        var entries = await DenialsAsync(store);

        Assert.Single(written, e => e is not null);
        Assert.Equal([1, 29], entries.Select(e => e.Count ?? 0));
        Assert.Equal(30, (await store.DenialWindowAsync(site, Stranger.Person.Id, CancellationToken.None))!.Value.Total);
    }

    private (AccessLog Log, FootageStore Store) Log()
    {
        var store = new FootageStore(azurite.Storage());
        return (new AccessLog(store, clock, NullLogger<AccessLog>.Instance), store);
    }

    private async Task<List<AccessLogEntry>> DenialsAsync(FootageStore store)
    {
        var list = new List<AccessLogEntry>();
        await foreach (var entry in store.EntriesAsync(site))
        {
            Assert.Equal(LogAction.Denied, entry.Action);
            list.Add(entry);
        }

        return list;
    }
}
