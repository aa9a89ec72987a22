using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Bra.Core.Email;
using Bra.Core.Links;
using Bra.Core.People;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bra.Benchmarks;

public static partial class LoadBenchmarks
{
    private const int WarmUpAnswers = 60;

    /// <summary>Rounds of floor-then-burst run before the counted ones, and the counted ones (their medians are reported).</summary>
    private const int WarmUpRounds = 2, CountedRounds = 3;

    public static async Task<int> RunAsync()
    {
        await using var rig = await Rig.StartAsync();
        var (azurite, capture, _, cpu, admin, documentId, storage, client, hub) = rig;

        // Floors first, so the development host's own background work (ledger writes after a send) does not slow them.
        var inviteFloor = await InvitationFloorAsync(storage, capture);
        var inviteFloorBatched = await InvitationFloorAsync(storage, capture, batched: true);
        // The insert floor on a fresh Azurite too, as runs before this one measured it (twice, the second counted). The
        // floor of 200 inserts varies by a factor of two within a run (Node's garbage collector), so the goal is taken
        // against the highest floor measured in the run, here or in any round below: the strictest comparison.
        await InsertFloorAsync(storage);
        var freshFloor = await InsertFloorAsync(storage);
        var singleFloor = await SequentialFloorAsync(storage);
        var invite = await InvitationsAsync(admin, capture, documentId);
        Console.WriteLine();
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, load average at start of the measured part: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("== 1,000 invitations ==");
        Console.WriteLine($"workflow: POST -> 1,000 invitations at SendGrid capture: {invite.Elapsed.TotalSeconds:F2} s ({invite.Requests} SendGrid request(s), {invite.Messages} messages)");
        Console.WriteLine($"floor:    1,000 link records + same SendGrid request directly: {inviteFloor.TotalSeconds:F2} s");
        Console.WriteLine($"ratio:    {invite.Elapsed / inviteFloor:F2} x floor (goal < 1.5 x)");
        Console.WriteLine($"floor 2:  the same, link index rows and link rows each in transactions of 100 (20 requests) as the workflow now writes them: {inviteFloorBatched.TotalSeconds:F2} s " +
                          $"(ratio {invite.Elapsed / inviteFloorBatched:F2} x)");
        Console.WriteLine($"phases:   {await PhasesAsync(azurite.Fixture.ConnectionString, hub, invite)}");

        // Steady state, both sides measured the same way: two warm-up rounds, then three counted rounds, each a floor of 200
        // raw inserts followed by a burst of 200 answers; the medians are compared. The first rounds after start-up still
        // run much of the answer path as unoptimised code, in the host (the JIT line shows how many methods it compiles per
        // burst) and in Azurite (Node's JIT): their figures are printed, not counted.
        var rounds = new List<(Latencies Floor, Answers Burst)>();
        for (var round = 0; round < WarmUpRounds + CountedRounds; round++)
        {
            var floor = await InsertFloorAsync(storage);
            rounds.Add((floor, await AnswersAsync(admin, cpu, client, capture, documentId, $"burst{round}")));
        }

        var counted = rounds.Skip(WarmUpRounds).ToList();
        var answers = counted.OrderBy(r => r.Burst.Latencies.PerSecond).ElementAt(CountedRounds / 2).Burst;
        var roundsFloor = counted.OrderBy(r => r.Floor.PerSecond).ElementAt(CountedRounds / 2).Floor;
        var answerFloor = rounds.Select(r => r.Floor).Append(freshFloor).MaxBy(f => f.PerSecond)!;
        Console.WriteLine();
        Console.WriteLine("== 200 concurrent answers ==");
        foreach (var ((floor, burst), i) in rounds.Select((r, i) => (r, i)))
        {
            Console.WriteLine($"{(i < WarmUpRounds ? "warm-up" : "counted")} round {i + 1}: floor {floor.PerSecond:F1} inserts/s; answers {burst.Latencies.PerSecond:F1}/s, " +
                              $"p50 {burst.Latencies.P50:F0} ms, p95 {burst.Latencies.P95:F0} ms, p99 {burst.Latencies.P99:F0} ms; cpu per answer: host {burst.Cpu.Host:F2} ms, " +
                              $"Azurite {burst.Cpu.Azurite:F2} ms; jit {burst.JitMethods} methods, {burst.JitMs:F0} ms");
        }

        Console.WriteLine($"median of the {CountedRounds} counted rounds (counted below):");
        Console.WriteLine($"workflow: {answers.Latencies.Stored}/200 answered in status; {answers.Latencies.PerSecond:F1} answers/s, p50 {answers.Latencies.P50:F0} ms, " +
                          $"p95 {answers.Latencies.P95:F0} ms, p99 {answers.Latencies.P99:F0} ms (wall {answers.Latencies.Wall.TotalSeconds:F2} s)");
        Console.WriteLine($"storage:  {answers.RequestOps:F1} storage operations per answer in its request, {answers.ReceiptOps:F1} more for its receipt after the response " +
                          $"(all {answers.Receipts} receipts at the capture after {answers.ReceiptsDone.TotalSeconds:F2} s)");
        Console.WriteLine($"cpu:      per answer while the 200 were answered: host {answers.Cpu.Host:F2} ms, Azurite {answers.Cpu.Azurite:F2} ms, load driver {answers.Cpu.Driver:F2} ms; " +
                          $"per receipt after them: host {answers.ReceiptCpu.Host:F2} ms, Azurite {answers.ReceiptCpu.Azurite:F2} ms " +
                          $"(both include background work: in the 3 s just before, with no request in flight, host {answers.Idle.Host:F0} ms/s, Azurite {answers.Idle.Azurite:F0} ms/s)");
        Console.WriteLine($"jit:      the host compiled {answers.JitMethods} methods in {answers.JitMs:F0} ms of JIT time while the 200 were answered");
        Console.WriteLine($"floor:    200 concurrent raw table inserts: median of the counted rounds {roundsFloor.PerSecond:F1} inserts/s (p50 {roundsFloor.P50:F0} ms, p95 {roundsFloor.P95:F0} ms); " +
                          $"on the fresh Azurite before the invitations {freshFloor.PerSecond:F1} inserts/s (p50 {freshFloor.P50:F0} ms, p95 {freshFloor.P95:F0} ms); " +
                          $"the goal and the RESULT line use the highest of the run, {answerFloor.PerSecond:F1}");
        Console.WriteLine($"goal:     >= 150 answers/s and >= 1/8 of the floor ({answerFloor.PerSecond / 8:F0}/s), p95 < 1,000 ms");

        var single = await OneAtATimeAsync(admin, cpu, client, capture, documentId);
        Console.WriteLine();
        Console.WriteLine("== one consultee at a time (50 consultees, each opens the page, then answers) ==");
        Console.WriteLine($"page GET: p50 {single.Get.P50:F1} ms, p95 {single.Get.P95:F1} ms; cpu per GET: host {single.GetCpu.Host:F2} ms, Azurite {single.GetCpu.Azurite:F2} ms");
        Console.WriteLine($"POST:     p50 {single.Post.P50:F1} ms, p95 {single.Post.P95:F1} ms (goal p95 < 100 ms); cpu per POST: host {single.PostCpu.Host:F2} ms, Azurite {single.PostCpu.Azurite:F2} ms");
        Console.WriteLine($"floor:    one raw point read then one raw insert, one at a time: read p50 {singleFloor.Read.P50:F1} ms, p95 {singleFloor.Read.P95:F1} ms; " +
                          $"insert p50 {singleFloor.Insert.P50:F1} ms, p95 {singleFloor.Insert.P95:F1} ms");

        var all = await AllAnswerAsync(admin, cpu, client, capture, hub, azurite.Fixture.ConnectionString, invite);
        Console.WriteLine();
        Console.WriteLine("== 1,000-consultee consultation, all 1,000 answer (64 at a time) ==");
        Console.WriteLine($"answers:  {all.Answered}/1,000 answered in status; total {all.Elapsed.TotalSeconds:F2} s ({1000 / all.Elapsed.TotalSeconds:F1} answers/s)");
        Console.WriteLine($"history:  orchestration history rows before the answers {all.HistoryBefore}, after 1,000 answers {all.HistoryAfter} " +
                          $"({(all.HistoryAfter == all.HistoryBefore ? "independent of answers" : "GROWS with answers")})");
        Console.WriteLine($"status:   GET /api/consultations/{{id}} (1,000 consultees, 1,000 answers): first {all.Status[0]:F0} ms, median of 5 {Median(all.Status.Skip(1)):F0} ms " +
                          $"(floor: raw query of the consultation's partition {all.PartitionFloor:F0} ms); cpu per status: host {all.StatusCpu.Host:F0} ms, Azurite {all.StatusCpu.Azurite:F0} ms");
        Console.WriteLine($"compile:  GET compilation, median of 3: html {Median(all.Html):F0} ms, csv {Median(all.Csv):F0} ms, md {Median(all.Md):F0} ms; " +
                          $"cpu per compilation (all formats): host {all.CompileCpu.Host:F0} ms, Azurite {all.CompileCpu.Azurite:F0} ms");
        Console.WriteLine($"load average at end: {LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine(FormattableString.Invariant(
            $"RESULT answers_per_s={answers.Latencies.PerSecond:F1} answer_floor_per_s={answerFloor.PerSecond:F1} answer_p95_ms={answers.Latencies.P95:F0} invite_ratio={invite.Elapsed / inviteFloor:F2}"));
        return 0;
    }

    /// <summary>
    /// For profiling and for comparing changes on a busy machine: after the warm-up, repeats one part (<c>burst</c>: 200
    /// concurrent answers; <c>invite</c>: the 1,000 invitations beside their floor) and prints each round's figures. The
    /// process ids come first, and with BENCH_PAUSE=seconds it waits that long before the rounds, so a profiler can attach.
    /// </summary>
    public static async Task<int> RepeatAsync(string part, int rounds)
    {
        await using var rig = await Rig.StartAsync();
        Console.WriteLine($"pids: host {rig.Host.ProcessId} azurite {rig.Azurite.Fixture.ProcessId} driver {Environment.ProcessId}");
        if (int.TryParse(Environment.GetEnvironmentVariable("BENCH_PAUSE"), out var pause))
        {
            await Task.Delay(TimeSpan.FromSeconds(pause));
        }

        for (var round = 0; round < rounds; round++)
        {
            Console.WriteLine($"round {round + 1}, load average {LoadAverage()}");
            if (part == "invite")
            {
                var floor = await InvitationFloorAsync(rig.Storage, rig.Capture);
                var batched = await InvitationFloorAsync(rig.Storage, rig.Capture, batched: true);
                var invite = await InvitationsAsync(rig.Admin, rig.Capture, rig.DocumentId, $"invite{round}");
                Console.WriteLine($"  invitations {invite.Elapsed.TotalSeconds:F2} s, floor {floor.TotalSeconds:F2} s, ratio {invite.Elapsed / floor:F2}; " +
                                  $"floor 2 {batched.TotalSeconds:F2} s, ratio {invite.Elapsed / batched:F2}");
                Console.WriteLine($"  phases: {await PhasesAsync(rig.Azurite.Fixture.ConnectionString, rig.Hub, invite)}");
                await Task.Delay(TimeSpan.FromSeconds(3));
                Console.WriteLine($"  3 s later: {rig.Capture.AcceptedMessages.Count(m => m.Subject.StartsWith($"Remiss invite{round}:", StringComparison.Ordinal))} invitations at the capture, " +
                                  $"{rig.Capture.Accepted.Count} SendGrid requests in all");
                continue;
            }

            var a = await AnswersAsync(rig.Admin, rig.Cpu, rig.Client, rig.Capture, rig.DocumentId, $"burst{round}");
            Console.WriteLine($"  {a.Latencies.PerSecond:F1} answers/s, p50 {a.Latencies.P50:F0} ms, p95 {a.Latencies.P95:F0} ms; ops {a.RequestOps:F1} + {a.ReceiptOps:F1} receipt; " +
                              $"cpu per answer: host {a.Cpu.Host:F2} ms, Azurite {a.Cpu.Azurite:F2} ms, driver {a.Cpu.Driver:F2} ms; per receipt after: host {a.ReceiptCpu.Host:F2} ms, " +
                              $"Azurite {a.ReceiptCpu.Azurite:F2} ms; idle host {a.Idle.Host:F0} ms/s, Azurite {a.Idle.Azurite:F0} ms/s; receipts done {a.ReceiptsDone.TotalSeconds:F2} s; " +
                              $"jit {a.JitMethods} methods, {a.JitMs:F0} ms");
        }

        return 0;
    }

    /// <summary>Azurite, the SendGrid capture and the development host, started and warmed up (<see cref="WarmUpAnswers"/>).</summary>
    private sealed record Rig(AzuriteHandle Azurite, SendGridCapture Capture, DevHostProcess Host, CpuMeter Cpu, HttpClient Admin, string DocumentId,
        StorageAccount Storage, HttpClient Client, string Hub) : IAsyncDisposable
    {
        public static async Task<Rig> StartAsync()
        {
            var azurite = new AzuriteHandle();
            await azurite.Fixture.InitializeAsync();
            var capture = await SendGridCapture.StartAsync();
            var hub = "Bench" + Guid.NewGuid().ToString("N")[..8];
            var host = new DevHostProcess(azurite.Fixture, new Dictionary<string, string>
            {
                ["Email__Provider"] = "SendGrid",
                ["Email__SendGridApiKey"] = "SG.test",
                ["Email__SendGridHost"] = capture.Host,
                ["Logging__LogLevel__Default"] = "Warning",
                ["TaskHubName"] = hub,
            });
            await host.StartAsync();
            var cpu = new CpuMeter(host.ProcessId!.Value, azurite.Fixture.ProcessId!.Value);
            // The development host seeds this administrator (its demo data, README "Demo data").
            var admin = await host.ClientForAsync("samordnare@example.se");
            admin.Timeout = TimeSpan.FromMinutes(5);
            var documentId = await UploadAsync(admin);
            var storage = new StorageAccount(new TableServiceClient(azurite.Fixture.ConnectionString), new BlobServiceClient(azurite.Fixture.ConnectionString));
            var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };

            // Warm-up: one consultation whose 60 consultees open the page and answer, 8 at a time, so first-use costs (tables,
            // connections, orchestration start-up, and the JIT: a method runs unoptimised code for its first 30 calls until
            // the runtime recompiles it in the background) are not measured as if they were an answer's cost.
            await StartConsultationAsync(admin, documentId, "warmup", WarmUpAnswers);
            var warm = await WaitForInvitesAsync(capture, "warmup", WarmUpAnswers, TimeSpan.FromSeconds(60));
            await Parallel.ForEachAsync(warm.Select((m, i) => (Token: Token().Match(m.Text).Groups[1].Value, i)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (w, ct) =>
                {
                    using var page = await client.GetAsync($"respond/{w.Token}", ct);
                    await AnswerAsync(client, w.Token, w.i);
                });
            await WaitForReceiptsAsync(capture, "", WarmUpAnswers, TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2));
            return new Rig(azurite, capture, host, cpu, admin, documentId, storage, client, hub);
        }

        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            Admin.Dispose();
            await Host.DisposeAsync();
            await Capture.DisposeAsync();
            await Azurite.DisposeAsync();
        }
    }

    private sealed record Invites(TimeSpan Elapsed, int Requests, int Messages, string Id, List<AcceptedMessage> Sent, DateTimeOffset Posted, TimeSpan Accepted);

    private sealed record Latencies(double P50, double P95, double P99, double PerSecond, TimeSpan Wall, int Stored);

    private sealed record Answers(Latencies Latencies, double RequestOps, double ReceiptOps, int Receipts, TimeSpan ReceiptsDone, Cpu Cpu, Cpu ReceiptCpu, Cpu Idle, long JitMethods, double JitMs);

    private sealed record OneByOne(Latencies Get, Latencies Post, Cpu GetCpu, Cpu PostCpu);

    private sealed record SingleFloor(Latencies Read, Latencies Insert);

    private sealed record AllAnswered(int Answered, TimeSpan Elapsed, int HistoryBefore, int HistoryAfter, double[] Status, double PartitionFloor, double[] Html, double[] Csv, double[] Md,
        Cpu StatusCpu, Cpu CompileCpu);

    /// <summary>CPU milliseconds spent by the development host, Azurite and this process (the load driver), per unit of work.</summary>
    private sealed record Cpu(double Host, double Azurite, double Driver)
    {
        public static Cpu operator -(Cpu a, Cpu b) => new(a.Host - b.Host, a.Azurite - b.Azurite, a.Driver - b.Driver);

        public static Cpu operator +(Cpu a, Cpu b) => new(a.Host + b.Host, a.Azurite + b.Azurite, a.Driver + b.Driver);

        public Cpu Per(int n) => new(Host / n, Azurite / n, Driver / n);

        public Cpu Times(double factor) => new(Host * factor, Azurite * factor, Driver * factor);
    }

    /// <summary>
    /// Reads the processes' total CPU time (user + system, from /proc; 10 ms granularity), so a run on a shared machine
    /// still says what each request costs where, independent of how long it waited for a core.
    /// </summary>
    private sealed class CpuMeter(int hostPid, int azuritePid)
    {
        public Cpu Now()
        {
            using var host = System.Diagnostics.Process.GetProcessById(hostPid);
            using var azurite = System.Diagnostics.Process.GetProcessById(azuritePid);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            return new Cpu(host.TotalProcessorTime.TotalMilliseconds, azurite.TotalProcessorTime.TotalMilliseconds, self.TotalProcessorTime.TotalMilliseconds);
        }

        /// <summary>CPU milliseconds per second spent with no request in flight (the durable worker's queue polling, timers).</summary>
        public async Task<Cpu> IdleRateAsync(TimeSpan window)
        {
            var start = Now();
            var watch = Stopwatch.StartNew();
            await Task.Delay(window);
            return (Now() - start).Times(1 / watch.Elapsed.TotalSeconds);
        }
    }

    private static async Task<Invites> InvitationsAsync(HttpClient admin, SendGridCapture capture, string documentId, string tag = "bench1000")
    {
        var requestsBefore = capture.Accepted.Count;
        var posted = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        var id = await StartConsultationAsync(admin, documentId, tag, 1000);
        var accepted = watch.Elapsed;
        var messages = await WaitForInvitesAsync(capture, tag, 1000, TimeSpan.FromMinutes(3));
        var elapsed = watch.Elapsed;
        return new Invites(elapsed, capture.Accepted.Count - requestsBefore, messages.Count, id, messages, posted, accepted);
    }

    /// <summary>
    /// Where the invitation time went, in ms after the POST was sent: the POST answered (consultees stored, workflow
    /// scheduled); each orchestration episode started (its OrchestratorStarted event: the engine had picked up the
    /// message); each activity completed (TaskCompleted); the SendGrid request arrived; the last invitation was in.
    /// </summary>
    private static async Task<string> PhasesAsync(string connectionString, string hub, Invites invite)
    {
        var history = new TableClient(connectionString, hub + "History");
        var events = new List<(string Type, DateTimeOffset At)>();
        await foreach (var row in history.QueryAsync<TableEntity>(e => e.PartitionKey == invite.Id))
        {
            if (row.GetString("EventType") is { } type && row.GetDateTimeOffset("_Timestamp") is { } at)
            {
                events.Add((type, at));
            }
        }

        double Ms(DateTimeOffset at) => (at - invite.Posted).TotalMilliseconds;
        var sendgrid = invite.Sent.Min(m => m.At);
        var parts = new List<string> { $"POST answered {invite.Accepted.TotalMilliseconds:F0}" };
        parts.AddRange(events.Where(e => e.Type is "OrchestratorStarted" or "TaskCompleted").OrderBy(e => e.At).Take(4)
            .Select(e => $"{(e.Type == "OrchestratorStarted" ? "episode" : "activity done")} {Ms(e.At):F0}"));
        parts.Add($"SendGrid request {Ms(sendgrid):F0}");
        parts.Add($"all in {invite.Elapsed.TotalMilliseconds:F0} ms");
        return string.Join(", ", parts);
    }

    /// <param name="batched">
    /// Write the link records as the workflow writes them (<see cref="LinkStore.IssueManyAsync"/>: per 100 links one table
    /// transaction of index rows and one of link rows, whose tokens share a group); false: one <see cref="LinkStore.IssueAsync"/>
    /// per link (an index row and a link row, two requests), the floor as first defined.
    /// </param>
    private static async Task<TimeSpan> InvitationFloorAsync(StorageAccount storage, SendGridCapture capture, bool batched = false)
    {
        var links = new LinkStore(storage, TimeProvider.System);
        await links.IssueAsync("floor", "warm", "warm", null, CancellationToken.None);
        using var httpServices = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var transport = new SendGridTransport(httpServices.GetRequiredService<IHttpClientFactory>(), Options.Create(new EmailOptions
        {
            Provider = EmailProvider.SendGrid, FromAddress = "noreply@example.se", FromName = "Floor", SendGridApiKey = "SG.test", SendGridHost = capture.Host,
        }), Microsoft.Extensions.Logging.Abstractions.NullLogger<SendGridTransport>.Instance);
        var workflow = Guid.NewGuid().ToString("N");
        // The host sent the warm-up consultation's invitations before; this process sends a small batch first too, so
        // neither side's figure includes its first use of the SendGrid client and its serializer.
        await transport.SendAsync(new EmailBatch("Floor warm-up", "<p>{{name}}</p>", "{{name}}", [new(new EmailMessageId(workflow, "warm", "floor"),
            "warm@example.org", "Warm", new Dictionary<string, string> { ["name"] = "Warm" })]), CancellationToken.None);
        await links.IssueManyAsync("floor", workflow, ["warm1", "warm2"], null, CancellationToken.None);
        var watch = Stopwatch.StartNew();
        var recipients = new EmailRecipient[1000];
        EmailRecipient Recipient(int i, string token) => new(new EmailMessageId(workflow, $"p{i}", "floor"), $"floor{i}@example.org", $"Floor {i}",
            new Dictionary<string, string> { ["name"] = $"Floor {i}", ["organisation"] = "Org", ["link"] = "http://127.0.0.1/respond/" + token });
        if (batched)
        {
            var tokens = await links.IssueManyAsync("floor", workflow, Enumerable.Range(0, 1000).Select(i => $"p{i}").ToList(), null, CancellationToken.None);
            recipients = tokens.Select((token, i) => Recipient(i, token)).ToArray();
        }
        else
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
                recipients[i] = Recipient(i, await links.IssueAsync("floor", workflow, $"p{i}", null, ct)));
        }

        await transport.SendAsync(new EmailBatch("Floor", "<p>{{name}} {{organisation}} <a href=\"{{link}}\">svara</a></p>", "{{name}} {{link}}", recipients), CancellationToken.None);
        return watch.Elapsed;
    }

    private static async Task<Answers> AnswersAsync(HttpClient admin, CpuMeter cpu, HttpClient client, SendGridCapture capture, string documentId, string tag = "bench200")
    {
        var id = await StartConsultationAsync(admin, documentId, tag, 200);
        var tokens = (await WaitForInvitesAsync(capture, tag, 200, TimeSpan.FromMinutes(2))).Select(m => Token().Match(m.Text).Groups[1].Value).ToList();
        await Task.Delay(TimeSpan.FromSeconds(2)); // the invitation's ledger writes settle
        var idle = await cpu.IdleRateAsync(TimeSpan.FromSeconds(3));
        var before = await OperationsAsync(client);
        var latencies = new double[tokens.Count];
        var cpuBefore = cpu.Now();
        var wall = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            var watch = Stopwatch.StartNew();
            var status = await AnswerAsync(client, token, i);
            latencies[i] = watch.Elapsed.TotalMilliseconds;
            return status;
        }));
        var elapsed = wall.Elapsed;
        var cpuAnswered = cpu.Now();
        var answeredOps = await OperationsAsync(client);
        ReportFailures(statuses);
        var receipts = await WaitForReceiptsAsync(capture, id, 200, TimeSpan.FromMinutes(2));
        var receiptsDone = wall.Elapsed;
        var cpuReceipts = cpu.Now();
        await Task.Delay(TimeSpan.FromSeconds(1));
        var after = await OperationsAsync(client);
        var status = await admin.GetFromJsonAsync<JsonElement>($"api/consultations/{id}");
        var answered = status.GetProperty("counts").GetProperty("answered").GetInt32();
        var receiptOps = (after.Receipts - before.Receipts) / (double)tokens.Count;
        var requestOps = (after.Total - before.Total - (after.Receipts - before.Receipts)) / (double)tokens.Count;
        return new Answers(Summarise(latencies, elapsed, answered), requestOps, receiptOps, receipts, receiptsDone,
            (cpuAnswered - cpuBefore).Per(tokens.Count), (cpuReceipts - cpuAnswered).Per(tokens.Count), idle,
            answeredOps.JitMethods - before.JitMethods, answeredOps.JitMs - before.JitMs);
    }

    private static async Task<OneByOne> OneAtATimeAsync(HttpClient admin, CpuMeter cpu, HttpClient client, SendGridCapture capture, string documentId)
    {
        await StartConsultationAsync(admin, documentId, "benchseq", 50);
        var tokens = (await WaitForInvitesAsync(capture, "benchseq", 50, TimeSpan.FromMinutes(2))).Select(m => Token().Match(m.Text).Groups[1].Value).ToList();
        var gets = new double[tokens.Count];
        var posts = new double[tokens.Count];
        var getCpu = new Cpu(0, 0, 0);
        var postCpu = new Cpu(0, 0, 0);
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < tokens.Count; i++)
        {
            var start = cpu.Now();
            var watch = Stopwatch.StartNew();
            using (var page = await client.GetAsync($"respond/{tokens[i]}"))
            {
                await page.Content.ReadAsByteArrayAsync();
                gets[i] = watch.Elapsed.TotalMilliseconds;
                if (page.StatusCode != HttpStatusCode.OK)
                {
                    Console.WriteLine($"page GET answered {(int)page.StatusCode}");
                }
            }

            var between = cpu.Now();
            getCpu += between - start;
            watch.Restart();
            var status = await AnswerAsync(client, tokens[i], i);
            posts[i] = watch.Elapsed.TotalMilliseconds;
            postCpu += cpu.Now() - between;
            ReportFailures([status]);
        }

        return new OneByOne(Summarise(gets, wall.Elapsed, tokens.Count), Summarise(posts, wall.Elapsed, tokens.Count), getCpu.Per(tokens.Count), postCpu.Per(tokens.Count));
    }

    private static async Task<AllAnswered> AllAnswerAsync(HttpClient admin, CpuMeter cpu, HttpClient client, SendGridCapture capture, string hub, string connectionString, Invites invite)
    {
        var id = invite.Id;
        var history = new TableClient(connectionString, hub + "History");
        var historyBefore = await StableCountAsync(history, id);
        var tokens = invite.Sent.Select(m => Token().Match(m.Text).Groups[1].Value).ToList();
        var watch = Stopwatch.StartNew();
        var statuses = new int[tokens.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, tokens.Count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
            statuses[i] = await AnswerAsync(client, tokens[i], i));
        var elapsed = watch.Elapsed;
        ReportFailures(statuses);
        await WaitForReceiptsAsync(capture, id, tokens.Count, TimeSpan.FromMinutes(3));
        var historyAfter = await StableCountAsync(history, id);

        var status = new double[6];
        var answered = 0;
        var statusStart = cpu.Now();
        for (var i = 0; i < status.Length; i++)
        {
            var w = Stopwatch.StartNew();
            var view = await admin.GetFromJsonAsync<JsonElement>($"api/consultations/{id}");
            status[i] = w.Elapsed.TotalMilliseconds;
            answered = view.GetProperty("counts").GetProperty("answered").GetInt32();
        }

        var statusCpu = (cpu.Now() - statusStart).Per(status.Length);
        var table = new TableClient(connectionString, "Consultations");
        var floor = Stopwatch.StartNew();
        var rows = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(e => e.PartitionKey == id))
        {
            rows++;
        }

        var partitionFloor = floor.Elapsed.TotalMilliseconds;
        async Task<double[]> TimeAsync(string format)
        {
            var times = new double[3];
            for (var i = 0; i < times.Length; i++)
            {
                var w = Stopwatch.StartNew();
                using var response = await admin.GetAsync($"api/consultations/{id}/compilation{format}");
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                times[i] = w.Elapsed.TotalMilliseconds;
            }

            return times;
        }

        var compileStart = cpu.Now();
        var (html, csv, md) = (await TimeAsync(""), await TimeAsync("?format=csv"), await TimeAsync("?format=md"));
        var compileCpu = (cpu.Now() - compileStart).Per(3);
        return new AllAnswered(answered, elapsed, historyBefore, historyAfter, status, partitionFloor, html, csv, md, statusCpu, compileCpu);
    }

    private static async Task<int> AnswerAsync(HttpClient client, string token, int i)
    {
        using var response = await client.PostAsync($"respond/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["position"] = i % 2 == 0 ? "supportsWithComments" : "noObjection",
            ["comments"] = i % 2 == 0 ? $"Synpunkt nummer {i}: " + new string('x', 500) : "",
            ["respondentName"] = $"Svarande {i}",
            ["respondentRole"] = "Handläggare",
            ["formKey"] = Guid.NewGuid().ToString("N"),
        }));
        await response.Content.ReadAsByteArrayAsync();
        return (int)response.StatusCode;
    }

    private static void ReportFailures(IEnumerable<int> statuses)
    {
        var failed = statuses.Where(s => s != 200).GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}").ToList();
        if (failed.Count > 0)
        {
            Console.WriteLine($"non-200 answers: {string.Join(", ", failed)}");
        }
    }

    private sealed record Operations(long Total, long Receipts, long JitMethods, double JitMs);

    private static async Task<Operations> OperationsAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<Operations>("dev/storage-operations", new JsonSerializerOptions(JsonSerializerDefaults.Web)))!;

    private static async Task<int> WaitForReceiptsAsync(SendGridCapture capture, string id, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var n = capture.AcceptedMessages.Count(m => m.MessageId.StartsWith(id, StringComparison.Ordinal) && m.Subject.StartsWith("Kvitto", StringComparison.Ordinal));
            if (n >= count || DateTime.UtcNow > until)
            {
                return n;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>The history rows of one orchestration once they stop changing (DurableTask.AzureStorage: partition = instance id).</summary>
    private static async Task<int> StableCountAsync(TableClient history, string instanceId)
    {
        var last = -1;
        for (var i = 0; i < 30; i++)
        {
            var count = 0;
            await foreach (var _ in history.QueryAsync<TableEntity>(e => e.PartitionKey == instanceId, select: ["RowKey"]))
            {
                count++;
            }

            if (count == last)
            {
                return count;
            }

            last = count;
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        return last;
    }

    private static async Task<SingleFloor> SequentialFloorAsync(StorageAccount storage)
    {
        var table = await storage.TableAsync("BenchmarkFloor");
        var partition = Guid.NewGuid().ToString("N");
        await table.AddEntityAsync(JsonRow.Of(partition, "read", new { position = "supports" }));
        var reads = new double[50];
        var inserts = new double[50];
        var wall = Stopwatch.StartNew();
        for (var i = 0; i < reads.Length; i++)
        {
            var watch = Stopwatch.StartNew();
            await table.GetEntityIfExistsAsync<JsonRow>(partition, "read");
            reads[i] = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            await table.AddEntityAsync(JsonRow.Of(partition, $"s-{i:D5}", new { position = "supports", comments = new string('x', 500), respondentName = $"Svarande {i}" }));
            inserts[i] = watch.Elapsed.TotalMilliseconds;
        }

        return new SingleFloor(Summarise(reads, wall.Elapsed, reads.Length), Summarise(inserts, wall.Elapsed, inserts.Length));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Trim() : "unknown";

    private static async Task<Latencies> InsertFloorAsync(StorageAccount storage)
    {
        var table = await storage.TableAsync("BenchmarkFloor");
        await table.UpsertEntityAsync(JsonRow.Of("warm", "warm", new { warm = true }));
        var partition = Guid.NewGuid().ToString("N");
        var latencies = new double[200];
        var wall = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 200).Select(async i =>
        {
            var watch = Stopwatch.StartNew();
            await table.AddEntityAsync(JsonRow.Of(partition, $"a-{i:D5}", new { position = "supports", comments = new string('x', 500), respondentName = $"Svarande {i}" }));
            latencies[i] = watch.Elapsed.TotalMilliseconds;
        }));
        return Summarise(latencies, wall.Elapsed, 200);
    }

    private static Latencies Summarise(double[] latencies, TimeSpan wall, int stored)
    {
        var sorted = latencies.Order().ToArray();
        double Percentile(double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
        return new Latencies(Percentile(0.50), Percentile(0.95), Percentile(0.99), latencies.Length / wall.TotalSeconds, wall, stored);
    }

    private static async Task<string> UploadAsync(HttpClient admin)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent("# Lokal strategi\n\nUtkast.\n"u8.ToArray());
        file.Headers.ContentType = new MediaTypeHeaderValue("text/markdown");
        form.Add(file, "file", "strategi.md");
        using var response = await admin.PostAsync("api/documents", form);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<string> StartConsultationAsync(HttpClient admin, string documentId, string tag, int count)
    {
        using var response = await admin.PostAsJsonAsync("api/consultations", new
        {
            title = "Benchmark",
            caseNumber = tag,
            documentId,
            deadline = DateTimeOffset.UtcNow.AddHours(2).ToString("O"),
            consultees = Enumerable.Range(0, count).Select(i => new { name = $"Instans {i}", email = $"{tag}.{i}@example.org", organisation = $"Org {i}" }),
            reminders = Array.Empty<string>(),
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<AcceptedMessage>> WaitForInvitesAsync(SendGridCapture capture, string tag, int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            var messages = capture.AcceptedMessages.Where(m => m.Subject.StartsWith($"Remiss {tag}:", StringComparison.Ordinal)).ToList();
            if (messages.Count >= count)
            {
                return messages;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{messages.Count} of {count} invitations arrived.");
            }

            await Task.Delay(20);
        }
    }

    [GeneratedRegex(@"/respond/([A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex Token();

    private sealed class AzuriteHandle : IAsyncDisposable
    {
        public AzuriteFixture Fixture { get; } = new();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
