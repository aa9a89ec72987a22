using System.Diagnostics;
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
    public static async Task<int> RunAsync()
    {
        await using var azurite = new AzuriteHandle();
        await azurite.Fixture.InitializeAsync();
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = new DevHostProcess(azurite.Fixture, new Dictionary<string, string>
        {
            ["Email__Provider"] = "SendGrid",
            ["Email__SendGridApiKey"] = "SG.test",
            ["Email__SendGridHost"] = capture.Host,
            ["Logging__LogLevel__Default"] = "Warning",
        });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        var documentId = await UploadAsync(admin);
        var storage = new StorageAccount(new TableServiceClient(azurite.Fixture.ConnectionString), new BlobServiceClient(azurite.Fixture.ConnectionString));

        // Warm-up: one small consultation so first-use costs (tables, JIT, orchestration start-up) are not measured.
        await StartConsultationAsync(admin, documentId, "warmup", 3);
        await WaitForInvitesAsync(capture, "warmup", 3, TimeSpan.FromSeconds(60));

        // Floors first, so the development host's own background work (ledger writes after a send) does not slow them.
        var inviteFloor = await InvitationFloorAsync(storage, capture);
        var answerFloor = await InsertFloorAsync(storage);
        var invite = await InvitationsAsync(admin, capture, documentId);
        Console.WriteLine();
        Console.WriteLine("== 1,000 invitations ==");
        Console.WriteLine($"workflow: POST -> 1,000 invitations at SendGrid capture: {invite.Elapsed.TotalSeconds:F2} s ({invite.Requests} SendGrid request(s), {invite.Messages} messages)");
        Console.WriteLine($"floor:    1,000 link records + same SendGrid request directly: {inviteFloor.TotalSeconds:F2} s");
        Console.WriteLine($"ratio:    {invite.Elapsed / inviteFloor:F2} x floor (goal < 3 x, and < 20 s: {(invite.Elapsed < TimeSpan.FromSeconds(20) ? "met" : "NOT met")})");

        var answers = await AnswersAsync(admin, host, capture, documentId);
        Console.WriteLine();
        Console.WriteLine("== 200 concurrent answers ==");
        Console.WriteLine($"workflow: {answers.Stored}/200 answered in status; p50 {answers.P50:F0} ms, p95 {answers.P95:F0} ms, {answers.PerSecond:F1} answers/s (wall {answers.Wall.TotalSeconds:F2} s)");
        Console.WriteLine($"floor:    200 concurrent raw table inserts: p50 {answerFloor.P50:F0} ms, p95 {answerFloor.P95:F0} ms, {answerFloor.PerSecond:F1} inserts/s (wall {answerFloor.Wall.TotalSeconds:F2} s)");
        return 0;
    }

    private sealed record Invites(TimeSpan Elapsed, int Requests, int Messages);

    private sealed record Latencies(double P50, double P95, double PerSecond, TimeSpan Wall, int Stored);

    private static async Task<Invites> InvitationsAsync(HttpClient admin, SendGridCapture capture, string documentId)
    {
        var requestsBefore = capture.Accepted.Count;
        var watch = Stopwatch.StartNew();
        await StartConsultationAsync(admin, documentId, "bench1000", 1000);
        var messages = await WaitForInvitesAsync(capture, "bench1000", 1000, TimeSpan.FromMinutes(3));
        var elapsed = watch.Elapsed;
        return new Invites(elapsed, capture.Accepted.Count - requestsBefore, messages.Count);
    }

    private static async Task<TimeSpan> InvitationFloorAsync(StorageAccount storage, SendGridCapture capture)
    {
        var links = new LinkStore(storage, TimeProvider.System);
        await links.IssueAsync("floor", "warm", "warm", null, CancellationToken.None);
        using var httpServices = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var transport = new SendGridTransport(httpServices.GetRequiredService<IHttpClientFactory>(), Options.Create(new EmailOptions
        {
            Provider = EmailProvider.SendGrid, FromAddress = "noreply@example.se", FromName = "Floor", SendGridApiKey = "SG.test", SendGridHost = capture.Host,
        }));
        var workflow = Guid.NewGuid().ToString("N");
        var watch = Stopwatch.StartNew();
        var recipients = new EmailRecipient[1000];
        await Parallel.ForEachAsync(Enumerable.Range(0, 1000), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, ct) =>
        {
            var token = await links.IssueAsync("floor", workflow, $"p{i}", null, ct);
            recipients[i] = new EmailRecipient(new EmailMessageId(workflow, $"p{i}", "floor"), $"floor{i}@example.org", $"Floor {i}",
                new Dictionary<string, string> { ["name"] = $"Floor {i}", ["organisation"] = "Org", ["link"] = "http://127.0.0.1/respond/" + token });
        });
        await transport.SendAsync(new EmailBatch("Floor", "<p>{{name}} {{organisation}} <a href=\"{{link}}\">svara</a></p>", "{{name}} {{link}}", recipients), CancellationToken.None);
        return watch.Elapsed;
    }

    private static async Task<Latencies> AnswersAsync(HttpClient admin, DevHostProcess host, SendGridCapture capture, string documentId)
    {
        var id = await StartConsultationAsync(admin, documentId, "bench200", 200);
        var tokens = (await WaitForInvitesAsync(capture, "bench200", 200, TimeSpan.FromMinutes(2))).Select(m => Token().Match(m.Text).Groups[1].Value).ToList();
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        var latencies = new double[tokens.Count];
        var wall = Stopwatch.StartNew();
        var statuses = await Task.WhenAll(tokens.Select(async (token, i) =>
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsync($"respond/{token}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["position"] = i % 2 == 0 ? "supportsWithComments" : "noObjection",
                ["comments"] = i % 2 == 0 ? $"Synpunkt nummer {i}: " + new string('x', 500) : "",
                ["respondentName"] = $"Svarande {i}",
                ["respondentRole"] = "Handläggare",
                ["formKey"] = Guid.NewGuid().ToString("N"),
            }));
            latencies[i] = watch.Elapsed.TotalMilliseconds;
            return (int)response.StatusCode;
        }));
        var elapsed = wall.Elapsed;
        if (statuses.Any(s => s != 200))
        {
            Console.WriteLine($"non-200 answers: {string.Join(", ", statuses.Where(s => s != 200).GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}"))}");
        }

        var status = await admin.GetFromJsonAsync<JsonElement>($"api/consultations/{id}");
        var answered = status.GetProperty("counts").GetProperty("answered").GetInt32();
        return Summarise(latencies, elapsed, answered);
    }

    private static async Task<Latencies> InsertFloorAsync(StorageAccount storage)
    {
        var table = await storage.TableAsync("BenchmarkFloor");
        await table.AddEntityAsync(JsonRow.Of("warm", "warm", new { warm = true }));
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
        return new Latencies(Percentile(0.50), Percentile(0.95), latencies.Length / wall.TotalSeconds, wall, stored);
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

    [GeneratedRegex(@"/respond/([A-Za-z0-9_-]{43})")]
    private static partial Regex Token();

    private sealed class AzuriteHandle : IAsyncDisposable
    {
        public AzuriteFixture Fixture { get; } = new();

        public async ValueTask DisposeAsync() => await Fixture.DisposeAsync();
    }
}
