using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Agreements;

/// <summary>A development host with short agreement reminders and no completion attachments (links instead), shared by the tests of a class.</summary>
public sealed class AgreementHost() : ConsultationHost(new Dictionary<string, string>
{
    ["Agreements__FirstReminderAfter"] = "00:00:03",
    ["Agreements__ReminderInterval"] = "00:00:03",
    ["Agreements__MaxAttachmentBytes"] = "0",
});

/// <summary>
/// A host whose per-link post limit is above the 20 concurrent signs of one link in the end-to-end tests, so every one of
/// them reaches the ETag-guarded signature rather than the rate limit.
/// </summary>
public sealed class AgreementSigningHost() : ConsultationHost(new Dictionary<string, string>
{
    ["Links__PostsPerLinkPerMinute"] = "100",
});

/// <summary>Helpers the agreement tests share: create, read links from captured emails, sign, decline, poll status.</summary>
public static partial class AgreementDriver
{
    public static string[] Emails(int count) =>
        Enumerable.Range(1, count).Select(i => $"u{i}.{Guid.NewGuid().ToString("N")[..8]}@example.org").ToArray();

    public static async Task<string> CreateAsync(HttpClient admin, string documentId, string[] emails, string order = "parallel", DateTimeOffset? expiresAt = null,
        string[]? cc = null)
    {
        using var response = await admin.PostAsJsonAsync("api/agreements", new
        {
            title = "Trygghetsöverenskommelse Centrum",
            caseNumber = "BRÅ 2026/42",
            documentId,
            signers = emails.Select((e, i) => new { name = $"Part {i + 1}", email = e, organisation = $"Organisation {i + 1}", title = "Chef" }).ToArray(),
            order,
            expiresAt = expiresAt?.ToString("O"),
            message = "Välkomna att underteckna.",
            cc = cc ?? [],
        });
        var body = await ConsultationDriver.BodyAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, body.ToString());
        var id = body.GetProperty("id").GetString()!;
        Assert.Equal($"/api/agreements/{id}", response.Headers.Location!.OriginalString);
        return id;
    }

    /// <summary>This agreement's captured messages whose purpose (message id <c>{id}/{purpose}/{party}</c>) starts with the prefix.</summary>
    public static List<AcceptedMessage> Messages(SendGridCapture capture, string id, string purposePrefix) =>
        capture.AcceptedMessages.Where(m => m.MessageId.StartsWith($"{id}/{purposePrefix}", StringComparison.Ordinal)).ToList();

    public static Task<List<AcceptedMessage>> WaitForMessagesAsync(SendGridCapture capture, string id, string purposePrefix, int count, TimeSpan? timeout = null) =>
        Polling.EventuallyAsync(() => Task.FromResult(Messages(capture, id, purposePrefix)), found => found.Count >= count, timeout ?? TimeSpan.FromSeconds(30),
            $"{count} '{purposePrefix}' messages of {id}");

    /// <summary>The newest signing link per recipient among this agreement's messages of a purpose.</summary>
    public static async Task<Dictionary<string, string>> WaitForLinksAsync(SendGridCapture capture, string id, int count, string purposePrefix = "invite") =>
        (await WaitForMessagesAsync(capture, id, purposePrefix, count)).GroupBy(m => m.To)
            .ToDictionary(g => g.Key, g => Token().Match(g.Last().Text).Groups[1].Value);

    public static async Task<JsonElement> StatusAsync(HttpClient admin, string id)
    {
        using var response = await admin.GetAsync($"api/agreements/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await ConsultationDriver.BodyAsync(response);
    }

    public static Task<JsonElement> WaitForStateAsync(HttpClient admin, string id, string state, TimeSpan? timeout = null) =>
        Polling.EventuallyAsync(() => StatusAsync(admin, id), status => status.GetProperty("state").GetString() == state, timeout ?? TimeSpan.FromSeconds(60),
            $"agreement {id} to reach {state}");

    /// <summary>
    /// Waits until the workflow has marked these signers invited. It mails the invitations first and marks the signers
    /// after, so a captured invitation alone does not mean the status says "invited" yet.
    /// </summary>
    public static Task<JsonElement> WaitForInvitedAsync(HttpClient admin, string id, params string[] emails) =>
        Polling.EventuallyAsync(() => StatusAsync(admin, id), status => emails.All(e => Signer(status, e).GetProperty("state").GetString() == "invited"),
            TimeSpan.FromSeconds(30), $"the signers of agreement {id} to be marked invited");

    public static JsonElement Signer(JsonElement status, string email) =>
        status.GetProperty("signers").EnumerateArray().Single(s => s.GetProperty("email").GetString() == email);

    public static Task<HttpResponseMessage> SignAsync(HttpClient client, string token, string typedName, string sha256, bool consent = true)
    {
        var fields = new Dictionary<string, string> { ["typedName"] = typedName, ["documentSha256"] = sha256 };
        if (consent)
        {
            fields["consent"] = "ja";
        }

        return client.PostAsync($"sign/{token}", new FormUrlEncodedContent(fields));
    }

    public static Task<HttpResponseMessage> DeclineAsync(HttpClient client, string token, string reason) =>
        client.PostAsync($"sign/{token}/decline", new FormUrlEncodedContent(new Dictionary<string, string> { ["reason"] = reason }));

    [GeneratedRegex(@"/sign/([A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43})")]
    private static partial Regex Token();
}
