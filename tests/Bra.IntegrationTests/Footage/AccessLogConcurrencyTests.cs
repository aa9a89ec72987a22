using Bra.Core.Footage;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.IntegrationTests.Footage;

/// <summary>Appends from several hosts at once (each with its own store, as scaled-out Function instances) race through 409s.</summary>
public sealed class AccessLogConcurrencyTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly StaffUser Actor = new(new Person("p1", "Rita Rektorsdotter", "rita@example.se", null, null, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), new HashSet<string>());

    [Fact]
    public async Task Append_50ConcurrentFromFiveInstances_Sequences1To50EachEntryOnceAndChainIntact()
    {
        var site = "site-" + Guid.NewGuid().ToString("N")[..12];
        var logs = Enumerable.Range(0, 5).Select(_ =>
        {
            var storage = azurite.Storage();
            return new AccessLog(new FootageStore(storage), TimeProvider.System, NullLogger<AccessLog>.Instance);
        }).ToArray();

        var appended = await Task.WhenAll(Enumerable.Range(0, 50).Select(n => Task.Run(() =>
            logs[n % logs.Length].AppendAsync(logs[0].NewEntry(site, Actor, LogAction.View) with { Purpose = $"Granska händelse nummer {n}" }, CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 50).Select(n => (long)n), appended.Select(e => e.Sequence).Order());
        var result = await logs[0].VerifyAsync(site, full: true, CancellationToken.None);
        Assert.True(result.Intact, result.Detail);
        Assert.Equal(50, result.Entries);
        var stored = new List<string>();
        await foreach (var (_, entry) in new FootageStore(azurite.Storage()).ReadAsync(site))
        {
            stored.Add(entry!.Purpose!);
        }

        Assert.Equal(Enumerable.Range(0, 50).Select(n => $"Granska händelse nummer {n}").Order(), stored.Order());
    }
}
