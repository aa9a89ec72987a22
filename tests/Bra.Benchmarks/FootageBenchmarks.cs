using System.Diagnostics;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Footage;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.Benchmarks;

/// <summary>
/// The footage access log (issue 12), in process against a private Azurite: appends per second on one site (one writer;
/// 8 concurrent writers in one host; 8 writers as 8 hosts, each with its own store, racing through 409s) beside the floor
/// of raw sequential and concurrent inserts of the same row size into the same Azurite; and verifying a 100,000-entry
/// chain: CPU time of the hash recomputation alone (entries in memory) and end to end (read from Azurite and verified).
/// </summary>
public static class FootageBenchmarks
{
    private const int SequentialCount = 500;
    private const int Writers = 8;
    private const int PerWriter = 100;
    private const int ChainLength = 100_000;
    private const int AfterCheckpoint = 100;

    private static readonly StaffUser Actor = new(new Person("bench", "Rita Rektorsdotter", "rita@example.se", null, null, null, [],
        DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), new HashSet<string>());

    public static async Task<int> RunAsync()
    {
        Console.WriteLine($"load average at start: {LoadAverage()}");
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var storage = new StorageAccount(new TableServiceClient(azurite.ConnectionString), new BlobServiceClient(azurite.ConnectionString));
            var floorTable = await storage.TableAsync("BenchmarkFloor");
            var log = NewLog(storage);
            await AppendsAsync(log, "warmup", 20);
            await RawAsync(floorTable, "warmup", 1, 20);

            var rawSequential = await RawAsync(floorTable, "seq", 1, SequentialCount);
            var single = await AppendsAsync(log, "single", SequentialCount);
            var rawConcurrent = await RawAsync(floorTable, "conc", Writers, PerWriter);
            var oneHost = await ConcurrentAppendsAsync(_ => log, "onehost");
            var hosts = Enumerable.Range(0, Writers).Select(_ => NewLog(storage)).ToArray();
            var manyHosts = await ConcurrentAppendsAsync(i => hosts[i], "hosts");
            foreach (var site in new[] { "single", "onehost", "hosts" })
            {
                var check = await log.VerifyAsync(site, full: true, CancellationToken.None);
                if (!check.Intact)
                {
                    throw new InvalidOperationException($"Chain {site} is broken at {check.FirstBrokenSequence}.");
                }
            }

            Console.WriteLine();
            Console.WriteLine("== Access log appends (one site) ==");
            Console.WriteLine($"floor, raw sequential inserts:     {Rate(SequentialCount, rawSequential)}");
            Console.WriteLine($"single writer appends:             {Rate(SequentialCount, single)} ({Ratio(SequentialCount, single, SequentialCount, rawSequential)} of floor)");
            Console.WriteLine($"floor, raw inserts, {Writers} concurrent: {Rate(Writers * PerWriter, rawConcurrent)}");
            Console.WriteLine($"{Writers} writers in one host:           {Rate(Writers * PerWriter, oneHost)} ({Ratio(Writers * PerWriter, oneHost, Writers * PerWriter, rawConcurrent)} of concurrent floor, {Ratio(Writers * PerWriter, oneHost, SequentialCount, rawSequential)} of sequential floor)");
            Console.WriteLine($"{Writers} writers as {Writers} hosts (409 races): {Rate(Writers * PerWriter, manyHosts)} ({Ratio(Writers * PerWriter, manyHosts, Writers * PerWriter, rawConcurrent)} of concurrent floor)");
            Console.WriteLine($"load average: {LoadAverage()}");

            var all = Chain("long", ChainLength + AfterCheckpoint);
            var chain = all[..ChainLength];
            var cpu = Enumerable.Range(0, 5).Select(_ => VerifyInMemory(chain)).ToList();
            var best = cpu.MinBy(c => c.Cpu);
            Console.WriteLine();
            Console.WriteLine($"== Verifying a {ChainLength:N0}-entry chain ==");
            Console.WriteLine($"hash recomputation alone (in memory), best of 5: CPU {best.Cpu.TotalMilliseconds:F0} ms, wall {best.Wall.TotalMilliseconds:F0} ms "
                + $"(all runs CPU: {string.Join(", ", cpu.Select(c => c.Cpu.TotalMilliseconds.ToString("F0")))} ms; goal < 250 ms: {(best.Cpu.TotalMilliseconds < 250 ? "met" : "NOT met")})");
            var table = await storage.TableAsync(FootageStore.LogTable);
            var load = Stopwatch.StartNew();
            await Task.WhenAll(chain.Chunk(100).Chunk(chain.Length / 100 / 8 + 1).Select(async batches =>
            {
                foreach (var batch in batches)
                {
                    await table.SubmitTransactionAsync(batch.Select(e =>
                        new TableTransactionAction(TableTransactionActionType.Add, JsonRow.Of(e.SiteId, FootageStore.RowKey(e.Sequence), e))));
                }
            }));
            Console.WriteLine($"(loading it into Azurite in batches of 100: {load.Elapsed.TotalSeconds:F1} s)");
            await new FootageStore(storage).AppendAnchorAsync(new ChainAnchor("long", ChainLength, chain[^1].Hash, DateTimeOffset.UtcNow), CancellationToken.None);
            var endToEnd = Stopwatch.StartNew();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var result = await log.VerifyAsync("long", full: true, CancellationToken.None);
            Console.WriteLine($"end to end, read from Azurite and verified: wall {endToEnd.Elapsed.TotalSeconds:F2} s, this process's CPU "
                + $"{(Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds:F2} s (intact: {result.Intact}, entries: {result.Entries:N0})");
            foreach (var e in all[ChainLength..])
            {
                await table.AddEntityAsync(JsonRow.Of(e.SiteId, FootageStore.RowKey(e.Sequence), e));
            }

            var incremental = new List<TimeSpan>();
            ChainVerification? later = null;
            for (var run = 0; run < 5; run++)
            {
                var watch = Stopwatch.StartNew();
                later = await log.VerifyAsync("long", full: false, CancellationToken.None);
                incremental.Add(watch.Elapsed);
            }

            Console.WriteLine($"incremental (from the anchored checkpoint at {ChainLength:N0}, {AfterCheckpoint} entries since, every anchor line read), "
                + $"best of 5: wall {incremental.Min().TotalMilliseconds:F0} ms (all: {string.Join(", ", incremental.Select(t => t.TotalMilliseconds.ToString("F0")))} ms; "
                + $"intact: {later!.Intact}, from {later.VerifiedFrom:N0}, entries: {later.Entries:N0})");
            Console.WriteLine($"load average at end: {LoadAverage()}");
            return result.Intact && result.Entries == ChainLength && later.Intact && later.VerifiedFrom == ChainLength ? 0 : 1;
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    private static AccessLog NewLog(StorageAccount storage) => new(new FootageStore(storage), TimeProvider.System, NullLogger<AccessLog>.Instance);

    private static AccessLogEntry Entry(AccessLog log, string site, int n) => log.NewEntry(site, Actor, LogAction.View) with
    {
        CameraIds = ["k1", "k2"], FootageFrom = DateTimeOffset.UtcNow.AddHours(-3), FootageTo = DateTimeOffset.UtcNow.AddHours(-2),
        Purpose = $"Granska skadegörelse vid huvudentrén, händelse {n}", IncidentRef = $"INC-{n}",
    };

    private static async Task<TimeSpan> AppendsAsync(AccessLog log, string site, int count)
    {
        var watch = Stopwatch.StartNew();
        for (var n = 0; n < count; n++)
        {
            await log.AppendAsync(Entry(log, site, n), CancellationToken.None);
        }

        return watch.Elapsed;
    }

    private static async Task<TimeSpan> ConcurrentAppendsAsync(Func<int, AccessLog> logOf, string site)
    {
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < PerWriter; n++)
            {
                await logOf(w).AppendAsync(Entry(logOf(w), site, w * PerWriter + n), CancellationToken.None);
            }
        })));
        return watch.Elapsed;
    }

    /// <summary>Raw inserts of rows the size of a log entry into one partition, by <paramref name="writers"/> writers at once.</summary>
    private static async Task<TimeSpan> RawAsync(TableClient table, string tag, int writers, int perWriter)
    {
        var partition = tag + Guid.NewGuid().ToString("N");
        var sample = Entry(NewLogForShape, "floor", 0) with { Hash = new string('a', 64), PreviousHash = new string('b', 64) };
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var n = 0; n < perWriter; n++)
            {
                await table.AddEntityAsync(JsonRow.Of(partition, FootageStore.RowKey(w * perWriter + n + 1), sample));
            }
        })));
        return watch.Elapsed;
    }

    private static readonly AccessLog NewLogForShape = new(null!, TimeProvider.System, NullLogger<AccessLog>.Instance);

    private static AccessLogEntry[] Chain(string site, int count)
    {
        var list = new AccessLogEntry[count];
        var previous = AccessLogHash.Genesis;
        for (var n = 1; n <= count; n++)
        {
            var entry = Entry(NewLogForShape, site, n) with { Sequence = n, PreviousHash = previous };
            list[n - 1] = entry = entry with { Hash = AccessLogHash.Compute(entry) };
            previous = entry.Hash;
        }

        return list;
    }

    private static (TimeSpan Cpu, TimeSpan Wall) VerifyInMemory(AccessLogEntry[] chain)
    {
        var verifier = new ChainVerifier(chain[0].SiteId);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        foreach (var entry in chain)
        {
            if (!verifier.Add(entry.Sequence, entry))
            {
                throw new InvalidOperationException("The in-memory chain is broken.");
            }
        }

        wall.Stop();
        process.Refresh();
        return (process.TotalProcessorTime - cpuBefore, wall.Elapsed);
    }

    private static string Rate(int count, TimeSpan elapsed) => $"{count / elapsed.TotalSeconds,7:F0}/s ({count} in {elapsed.TotalSeconds:F2} s)";

    private static string Ratio(int count, TimeSpan elapsed, int floorCount, TimeSpan floorElapsed) =>
        $"{count / elapsed.TotalSeconds / (floorCount / floorElapsed.TotalSeconds):P0}";

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "n/a";
}
