using System.Text.Json;
using Bra.Core.Email;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Bra.IntegrationTests.Email;

/// <summary>The development host lists what the outbox transport stored, newest first, as a page and as JSON.</summary>
public sealed class DevOutboxTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Outbox_TwoMessagesSent_JsonNewestFirstAndPageLinksClickable()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();
        var storage = azurite.Storage();
        // The outbox orders by send time: a clock the test moves on, not a sleep, makes the second message the newer one.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var mailer = new Mailer(new OutboxTransport(storage, clock), new EmailLedger(storage, clock), NullLogger<Mailer>.Instance,
            new ServiceCollection().AddLogging().BuildServiceProvider());

        await mailer.SendAsync(Message("first", "anna@example.se", "https://example.se/respond/first"));
        clock.Advance(TimeSpan.FromSeconds(1));
        await mailer.SendAsync(Message("second", "bo@example.se", "https://example.se/respond/second"));

        using var json = JsonDocument.Parse(await host.Client.GetStringAsync("dev/outbox?format=json"));
        // Demo workflows may have mailed too; look at this test's two messages and their order among all.
        var messages = json.RootElement.EnumerateArray().Where(m => m.GetProperty("to").GetString() is "anna@example.se" or "bo@example.se").ToList();
        Assert.Equal(["bo@example.se", "anna@example.se"], messages.Select(m => m.GetProperty("to").GetString()));
        var newest = messages[0];
        Assert.Equal("Remiss: svara senast fredag", newest.GetProperty("subject").GetString());
        Assert.Contains("https://example.se/respond/second", newest.GetProperty("text").GetString());
        Assert.Contains("<a href=\"https://example.se/respond/second\">", newest.GetProperty("html").GetString());
        Assert.True(newest.GetProperty("sentAt").GetDateTimeOffset() >= messages[1].GetProperty("sentAt").GetDateTimeOffset());

        var page = await host.Client.GetStringAsync("dev/outbox");
        Assert.Contains("<a href=\"https://example.se/respond/first\">https://example.se/respond/first</a>", page);
        Assert.True(page.IndexOf("bo@example.se", StringComparison.Ordinal) < page.IndexOf("anna@example.se", StringComparison.Ordinal));
    }

    private static EmailBatch Message(string workflow, string to, string link) => new(
        "Remiss: svara senast fredag",
        "<p><a href=\"{{link}}\">Svara</a></p>",
        "Svara här: {{link}}",
        [new EmailRecipient(new EmailMessageId(workflow, "p1", "invite"), to, null, new Dictionary<string, string> { ["link"] = link })]);
}
