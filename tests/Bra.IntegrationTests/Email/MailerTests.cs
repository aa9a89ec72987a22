using System.Net;
using Bra.Core;
using Bra.Core.Email;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Bra.IntegrationTests.Email;

/// <summary>The real SendGrid client against a loopback capture of its API, with the ledger on Azurite.</summary>
public sealed class MailerTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private SendGridCapture capture = null!;
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        capture = await SendGridCapture.StartAsync();
        services = Services(azurite, new()
        {
            ["Email:Provider"] = "SendGrid",
            ["Email:SendGridApiKey"] = "SG.test-key",
            ["Email:SendGridHost"] = capture.Host,
        });
    }

    [Fact]
    public async Task Send_TwoRecipients_OneRequestWithPersonalisedPartsAndMessageIds()
    {
        var batch = Batch("wf-1", ("anna@example.se", "Anna <Andersson>", "https://example.se/a"), ("bo@example.se", "Bo", "https://example.se/b"));

        var sent = await Mailer.SendAsync(batch);

        Assert.Equal(2, sent);
        var request = Assert.Single(capture.Requests);
        Assert.Equal("/v3/mail/send", request.Path);
        Assert.Equal("Bearer SG.test-key", request.Authorization);
        var root = request.Body.RootElement;
        Assert.Equal("noreply@example.se", root.GetProperty("from").GetProperty("email").GetString());
        Assert.Equal(2, root.GetProperty("personalizations").GetArrayLength());
        var types = root.GetProperty("content").EnumerateArray().Select(c => c.GetProperty("type").GetString()).ToList();
        Assert.Equal(["text/plain", "text/html"], types);

        var anna = capture.AcceptedMessages.Single(m => m.To == "anna@example.se");
        Assert.Equal("Remiss 2026/17: svara senast fredag", anna.Subject);
        Assert.Contains("Hej Anna <Andersson>!", anna.Text);
        Assert.Contains("Hej Anna &lt;Andersson&gt;!", anna.Html);
        Assert.DoesNotContain("<Andersson>", anna.Html);
        Assert.Contains("https://example.se/a", anna.Text);
        Assert.Contains("href=\"https://example.se/a\"", anna.Html);
        Assert.Equal("wf-1/invite/anna@example.se", anna.MessageId);
        var bo = capture.AcceptedMessages.Single(m => m.To == "bo@example.se");
        Assert.Contains("https://example.se/b", bo.Text);
        Assert.DoesNotContain("https://example.se/a", bo.Text);
    }

    [Fact]
    public async Task Send_RetriedAfterSuccess_NotSentAgain()
    {
        var batch = Batch("wf-2", ("cara@example.se", "Cara", "https://example.se/c"));

        Assert.Equal(1, await Mailer.SendAsync(batch));
        Assert.Equal(0, await Mailer.SendAsync(batch));

        Assert.Single(capture.Requests);
    }

    [Fact]
    public async Task Send_429ThenAccepted_DeliveredExactlyOnce()
    {
        capture.Then(HttpStatusCode.TooManyRequests, "{\"errors\":[{\"message\":\"too many requests\"}]}", retryAfterSeconds: 1);

        var sent = await Mailer.SendAsync(Batch("wf-3", ("dan@example.se", "Dan", "https://example.se/d")));

        Assert.Equal(1, sent);
        Assert.Equal([429, 202], capture.Requests.Select(r => r.AnsweredStatus));
        Assert.Single(capture.AcceptedMessages, m => m.To == "dan@example.se");
        var waited = capture.Requests[1].At - capture.Requests[0].At;
        Assert.True(waited >= TimeSpan.FromSeconds(0.9), $"Retry-After 1 s was not honoured ({waited.TotalMilliseconds} ms)");
    }

    [Fact]
    public async Task Send_400_RecordedFailedWithSendGridTextNotThrownNeverRetried()
    {
        capture.Then(HttpStatusCode.BadRequest, "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.0.to.0.email\"}]}");
        var batch = Batch("wf-4", ("eva@example.se", "Eva", "https://example.se/e"));

        Assert.Equal(0, await Mailer.SendAsync(batch));
        Assert.Equal(0, await Mailer.SendAsync(batch));

        Assert.Single(capture.Requests);
        var failed = Assert.Single(await Ledger.UndeliveredAsync("wf-4", default));
        Assert.Equal(("eva@example.se", "invite", EmailOutcome.Failed), (failed.Party, failed.Purpose, failed.Outcome));
        Assert.Contains("400", failed.Error);
        Assert.Contains("valid address", failed.Error);
    }

    [Fact]
    public async Task Send_400NamingOneRecipient_OthersSentAgainWithoutItAndItRecordedFailed()
    {
        capture.Then(HttpStatusCode.BadRequest, "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.1.to.0.email\"}]}");
        var batch = Batch("wf-16", ("nea@example.se", "Nea", "https://example.se/n"), ("ola@example.se", "Ola", "https://example.se/o"), ("pia@example.se", "Pia", "https://example.se/p"));

        Assert.Equal(2, await Mailer.SendAsync(batch));

        Assert.Equal([400, 202], capture.Requests.Select(r => r.AnsweredStatus));
        Assert.Equal(["nea@example.se", "pia@example.se"], capture.AcceptedMessages.Select(m => m.To).Order());
        var failed = Assert.Single(await Ledger.UndeliveredAsync("wf-16", default));
        Assert.Equal(("ola@example.se", EmailOutcome.Failed), (failed.Party, failed.Outcome));
        Assert.Equal(0, await Mailer.SendAsync(batch));
        Assert.Equal(2, capture.Requests.Count);
    }

    [Fact]
    public async Task Send_400ForFirstOfTwoChunks_SecondChunkStillSentFirstRecordedFailed()
    {
        capture.Then(HttpStatusCode.BadRequest, "{\"errors\":[{\"message\":\"Invalid request\"}]}");
        var recipients = Enumerable.Range(0, 1200).Select(i => ($"q{i}@example.se", $"Person {i}", $"https://example.se/q{i}")).ToArray();

        Assert.Equal(200, await Mailer.SendAsync(Batch("wf-9", recipients)));

        Assert.Equal([400, 202], capture.Requests.Select(r => r.AnsweredStatus));
        Assert.Equal(200, capture.AcceptedMessages.Count);
        var failed = await Ledger.UndeliveredAsync("wf-9", default);
        Assert.Equal(1000, failed.Count);
        Assert.All(failed, f => Assert.Equal(EmailOutcome.Failed, f.Outcome));
        Assert.Empty(failed.Select(f => f.Party).Intersect(capture.AcceptedMessages.Select(m => m.To)));
    }

    [Fact]
    public async Task Send_401_TransientNothingRecordedThenDeliveredOnce()
    {
        capture.Then(HttpStatusCode.Unauthorized, "{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\"}]}");
        var batch = Batch("wf-10", ("ida@example.se", "Ida", "https://example.se/i"));

        var error = await Assert.ThrowsAsync<EmailTransientException>(() => Mailer.SendAsync(batch));

        Assert.Contains("401", error.Message);
        Assert.Single(capture.Requests);
        Assert.Empty(await Ledger.UndeliveredAsync("wf-10", default));
        Assert.Empty(await Ledger.SentAsync([new EmailMessageId("wf-10", "ida@example.se", "invite")], default));

        // The durable retry after the key is fixed delivers it, once.
        Assert.Equal(1, await Mailer.SendAsync(batch));
        Assert.Equal(0, await Mailer.SendAsync(batch));
        Assert.Single(capture.AcceptedMessages);
    }

    [Fact]
    public async Task Send_UnresolvedKeyVaultReference_TransientAndNothingSentToSendGrid()
    {
        await using var unresolved = Services(azurite, new()
        {
            ["Email:Provider"] = "SendGrid",
            ["Email:SendGridApiKey"] = "@Microsoft.KeyVault(SecretUri=https://kv-bra.vault.azure.net/secrets/SendGridApiKey)",
            ["Email:SendGridHost"] = capture.Host,
        });
        var batch = Batch("wf-11", ("jan@example.se", "Jan", "https://example.se/j"));

        await Assert.ThrowsAsync<EmailTransientException>(() => unresolved.GetRequiredService<Mailer>().SendAsync(batch));

        Assert.Empty(capture.Requests);
        Assert.Empty(await Ledger.UndeliveredAsync("wf-11", default));
    }

    [Fact]
    public async Task Send_AcceptedButAnsweredAfterAttemptTimeout_NotSentAgainRecordedUnknown()
    {
        await using var quick = Services(azurite, new()
        {
            ["Email:Provider"] = "SendGrid",
            ["Email:SendGridApiKey"] = "SG.test-key",
            ["Email:SendGridHost"] = capture.Host,
            ["Email:SendGridAttemptTimeout"] = "00:00:01",
        });
        capture.Then(HttpStatusCode.Accepted, delay: TimeSpan.FromSeconds(3));
        var batch = Batch("wf-12", ("kim@example.se", "Kim", "https://example.se/k"));

        Assert.Equal(0, await quick.GetRequiredService<Mailer>().SendAsync(batch));
        Assert.Equal(0, await quick.GetRequiredService<Mailer>().SendAsync(batch));

        // Nothing signals "no retry was sent"; two later events bound it: the capture has written its late answer to the
        // one request, and a later message sent through the same mailer has arrived after it.
        await Polling.EventuallyAsync(() => Task.FromResult(capture.Answered), n => n >= 1, TimeSpan.FromSeconds(30), "the capture's late answer");
        Assert.Equal(1, await quick.GetRequiredService<Mailer>().SendAsync(Batch("wf-12-later", ("lo@example.se", "Lo", "https://example.se/l"))));
        Assert.Equal(["wf-12", "wf-12-later"], capture.Requests.Select(r => r.Body.RootElement.GetProperty("personalizations")[0]
            .GetProperty("custom_args").GetProperty("bra_message_id").GetString()!.Split('/')[0]).ToArray());
        var unknown = Assert.Single(await Ledger.UndeliveredAsync("wf-12", default));
        Assert.Equal(EmailOutcome.Unknown, unknown.Outcome);
    }

    [Fact]
    public async Task Send_NothingListeningAtSendGridHost_TransientNotUnknown()
    {
        await using var closed = Services(azurite, new()
        {
            ["Email:Provider"] = "SendGrid",
            ["Email:SendGridApiKey"] = "SG.test-key",
            ["Email:SendGridHost"] = $"http://127.0.0.1:{Ports.Free()}",
        });

        await Assert.ThrowsAsync<EmailTransientException>(() => closed.GetRequiredService<Mailer>().SendAsync(Batch("wf-13", ("liv@example.se", "Liv", "https://example.se/l"))));

        Assert.Empty(await Ledger.UndeliveredAsync("wf-13", default));
    }

    [Fact]
    public async Task Send_Twice_EachSendTakesAClientFromTheFactory()
    {
        var counter = new CountingHttpClientFactory();
        await using var counted = Services(azurite, new()
        {
            ["Email:Provider"] = "SendGrid",
            ["Email:SendGridApiKey"] = "SG.test-key",
            ["Email:SendGridHost"] = capture.Host,
        }, counter.Install);
        var mailer = counted.GetRequiredService<Mailer>();

        await mailer.SendAsync(Batch("wf-14", ("max@example.se", "Max", "https://example.se/m")));
        await mailer.SendAsync(Batch("wf-15", ("max@example.se", "Max", "https://example.se/m")));

        Assert.Same(mailer, counted.GetRequiredService<Mailer>());
        Assert.Equal(2, counter.Created);
        Assert.Equal(2, capture.AcceptedMessages.Count);
    }

    [Fact]
    public async Task Send_ServerErrorsPersist_TransientFailureAfterRetriesAndNothingRecorded()
    {
        for (var i = 0; i < 4; i++)
        {
            capture.Then(HttpStatusCode.ServiceUnavailable);
        }

        await Assert.ThrowsAsync<EmailTransientException>(() => Mailer.SendAsync(Batch("wf-5", ("fia@example.se", "Fia", "https://example.se/f"))));

        Assert.Equal(4, capture.Requests.Count);
        Assert.Empty(capture.AcceptedMessages);

        // The caller's durable retry comes later and succeeds once.
        Assert.Equal(1, await Mailer.SendAsync(Batch("wf-5", ("fia@example.se", "Fia", "https://example.se/f"))));
        Assert.Single(capture.AcceptedMessages);
    }

    [Fact]
    public async Task Send_1500Recipients_TwoRequestsOf1000And500()
    {
        var recipients = Enumerable.Range(0, 1500).Select(i => ($"p{i}@example.se", $"Person {i}", $"https://example.se/{i}")).ToArray();

        Assert.Equal(1500, await Mailer.SendAsync(Batch("wf-6", recipients)));

        Assert.Equal([1000, 500], capture.Requests.Select(r => r.Body.RootElement.GetProperty("personalizations").GetArrayLength()));
        Assert.Equal(1500, capture.AcceptedMessages.Select(m => m.To).Distinct().Count());
    }

    [Fact]
    public async Task Outbox_TwoBatches_ListedNewestFirstWithRenderedParts()
    {
        // The outbox orders by send time: a clock the test moves on, not a sleep, puts the second batch later.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var outboxServices = Services(azurite, new() { ["Email:Provider"] = "Outbox" }, s => s.AddSingleton<TimeProvider>(clock));
        var mailer = outboxServices.GetRequiredService<Mailer>();
        await mailer.SendAsync(Batch("wf-7", ("gun@example.se", "Gun", "https://example.se/g")));
        clock.Advance(TimeSpan.FromSeconds(1));
        await mailer.SendAsync(Batch("wf-8", ("hans@example.se", "Hans", "https://example.se/h")));

        var listed = await outboxServices.GetRequiredService<OutboxTransport>().ListAsync(10, default);

        Assert.Equal(["hans@example.se", "gun@example.se"], listed.Take(2).Select(m => m.To));
        Assert.Contains("https://example.se/h", listed[0].Text);
        Assert.Contains("Hej Hans!", listed[0].Html);
        Assert.Empty(capture.Requests);
    }

    private Mailer Mailer => services.GetRequiredService<Mailer>();

    private EmailLedger Ledger => services.GetRequiredService<EmailLedger>();

    private static EmailBatch Batch(string workflow, params (string Email, string Name, string Link)[] recipients) =>
        new(
            "Remiss 2026/17: svara senast fredag",
            "<p>Hej {{name}}!</p><p><a href=\"{{link}}\">Svara här</a></p>",
            "Hej {{name}}!\n\nSvara här: {{link}}",
            recipients.Select(r => new EmailRecipient(new EmailMessageId(workflow, r.Email, "invite"), r.Email, r.Name,
                new Dictionary<string, string> { ["name"] = r.Name, ["link"] = r.Link })).ToList());

    private static ServiceProvider Services(AzuriteFixture azurite, Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        settings["AzureWebJobsStorage"] = azurite.ConnectionString;
        settings["App:PublicBaseUrl"] = "http://127.0.0.1:7071";
        settings["Email:FromAddress"] = "noreply@example.se";
        settings["Auth:Mode"] = "Development";
        settings["Auth:DevelopmentKeyFolder"] = Path.GetTempPath();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new TestEnvironment());
        services.AddLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        services.AddBraCore(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        if (capture is not null)
        {
            await capture.DisposeAsync();
        }
    }

    /// <summary>Wraps the registered <see cref="IHttpClientFactory"/> and counts the clients taken from it.</summary>
    private sealed class CountingHttpClientFactory
    {
        private int created;

        public int Created => created;

        public void Install(IServiceCollection services)
        {
            var registered = services.Last(d => d.ServiceType == typeof(IHttpClientFactory));
            services.Add(ServiceDescriptor.Singleton<IHttpClientFactory>(sp => new Counting(this, registered.ImplementationFactory is { } make
                ? (IHttpClientFactory)make(sp)
                : (IHttpClientFactory)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
        }

        private sealed class Counting(CountingHttpClientFactory owner, IHttpClientFactory inner) : IHttpClientFactory
        {
            public HttpClient CreateClient(string name)
            {
                Interlocked.Increment(ref owner.created);
                return inner.CreateClient(name);
            }
        }
    }

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = Environments.Development;
        public string ApplicationName { get; set; } = "Bra.IntegrationTests";
        public string ContentRootPath { get; set; } = AppContext.BaseDirectory;
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }
}
