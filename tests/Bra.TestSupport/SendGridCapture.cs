using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bra.IntegrationTests.Support;

/// <summary>One request as the SendGrid API received it.</summary>
public sealed record CapturedRequest(string Path, string? Authorization, JsonDocument Body, int AnsweredStatus, DateTimeOffset At);

/// <summary>
/// A loopback stand-in for the SendGrid v3 API: records every request the real SendGrid client sends and answers with
/// a scripted status (202 by default), so tests can assert on the exact JSON and on retry behaviour.
/// </summary>
public sealed class SendGridCapture : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, string Body, string? RetryAfter, TimeSpan Delay)> script = new();
    private readonly ConcurrentQueue<CapturedRequest> requests = new();
    private readonly ConcurrentQueue<(Func<JsonElement, bool> Match, int Status, string Body)> rules = new();
    private readonly WebApplication app;
    private int answered;

    private SendGridCapture(WebApplication app) => this.app = app;

    public string Host { get; private set; } = "";

    public IReadOnlyList<CapturedRequest> Requests => requests.ToList();

    /// <summary>How many requests have had their whole answer written (a delayed answer counts once it went out).</summary>
    public int Answered => Volatile.Read(ref answered);

    /// <summary>Requests answered 202: what SendGrid accepted.</summary>
    public IReadOnlyList<CapturedRequest> Accepted => requests.Where(r => r.AnsweredStatus == 202).ToList();

    /// <summary>Every personalization SendGrid accepted, flattened: recipient, subject, message id, substitutions.</summary>
    public IReadOnlyList<AcceptedMessage> AcceptedMessages => Accepted.SelectMany(r =>
    {
        var root = r.Body.RootElement;
        var subject = root.TryGetProperty("subject", out var s) ? s.GetString() ?? "" : "";
        var contents = root.GetProperty("content").EnumerateArray().ToDictionary(c => c.GetProperty("type").GetString()!, c => c.GetProperty("value").GetString()!);
        return root.GetProperty("personalizations").EnumerateArray().Select(p =>
        {
            var subs = p.TryGetProperty("substitutions", out var sub)
                ? sub.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString() ?? "")
                : new Dictionary<string, string>();
            string Fill(string text) => subs.Aggregate(text, (t, kv) => t.Replace(kv.Key, kv.Value, StringComparison.Ordinal));
            var args = p.TryGetProperty("custom_args", out var ca) ? ca.EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetString() ?? "") : [];
            return new AcceptedMessage(
                p.GetProperty("to")[0].GetProperty("email").GetString()!,
                Fill(subject),
                Fill(contents.GetValueOrDefault("text/plain", "")),
                Fill(contents.GetValueOrDefault("text/html", "")),
                args.GetValueOrDefault("bra_message_id", ""),
                r.At);
        });
    }).ToList();

    public static async Task<SendGridCapture> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var capture = new SendGridCapture(app);
        app.MapPost("/v3/mail/send", async (HttpContext context) =>
        {
            var body = await JsonDocument.ParseAsync(context.Request.Body);
            var (status, text, retryAfter, delay) = capture.TakeRule(body.RootElement) is { } rule ? (rule.Status, rule.Body, null, TimeSpan.Zero)
                : capture.script.TryDequeue(out var next) ? next : (202, "", null, TimeSpan.Zero);
            capture.requests.Enqueue(new CapturedRequest(context.Request.Path, context.Request.Headers.Authorization, body, status, DateTimeOffset.UtcNow));
            if (delay > TimeSpan.Zero)
            {
                // Taken (and recorded) at once, answered late: what a slow provider that did accept the mail looks like.
                await Task.Delay(delay, CancellationToken.None);
            }
            context.Response.StatusCode = status;
            if (retryAfter is not null)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }

            if (text.Length > 0)
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(text);
            }

            await context.Response.CompleteAsync();
            Interlocked.Increment(ref capture.answered);
        });
        await app.StartAsync();
        capture.Host = app.Urls.First();
        return capture;
    }

    /// <summary>The next request is answered with this status (and body, and Retry-After seconds), after a delay if given.</summary>
    public void Then(HttpStatusCode status, string body = "", int? retryAfterSeconds = null, TimeSpan? delay = null) =>
        script.Enqueue(((int)status, body, retryAfterSeconds?.ToString(), delay ?? TimeSpan.Zero));

    /// <summary>The first request whose JSON matches is answered with this status and body (other requests as scripted).</summary>
    public void ThenFor(Func<JsonElement, bool> match, HttpStatusCode status, string body = "") => rules.Enqueue((match, (int)status, body));

    private (int Status, string Body)? TakeRule(JsonElement request)
    {
        lock (rules)
        {
            var all = rules.ToList();
            var hit = all.FindIndex(r => r.Match(request));
            if (hit < 0)
            {
                return null;
            }

            rules.Clear();
            foreach (var rule in all.Where((_, i) => i != hit))
            {
                rules.Enqueue(rule);
            }

            return (all[hit].Status, all[hit].Body);
        }
    }

    public Task WaitForMessagesAsync(int count, TimeSpan timeout) =>
        Polling.EventuallyAsync(() => Task.FromResult(AcceptedMessages.Count), n => n >= count, timeout, $"{count} accepted messages");

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public sealed record AcceptedMessage(string To, string Subject, string Text, string Html, string MessageId, DateTimeOffset At);
