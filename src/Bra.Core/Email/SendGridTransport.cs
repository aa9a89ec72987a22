using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bra.Core.Health;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Timeout;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Bra.Core.Email;

/// <summary>
/// Sends through the real SendGrid client: one request, one personalization per recipient, with substitutions for
/// the <c>{{key}}</c> placeholders and the message id in <c>custom_args</c>. Each send takes a fresh client from
/// <see cref="IHttpClientFactory"/>, so the factory recycles handlers as intended. The pipeline
/// (<see cref="ConfigureResilience"/>) retries only requests SendGrid cannot have accepted; what still fails is
/// reported as transient, permanent or of unknown outcome.
/// </summary>
public sealed partial class SendGridTransport(IHttpClientFactory httpClients, IOptions<EmailOptions> options, ILogger<SendGridTransport> logger) : IEmailTransport
{
    public const string MessageIdArg = "bra_message_id";
    public const string HttpClientName = "SendGrid";
    public const int MaxRetryAttempts = 3;

    public async Task SendAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ApiKeyUnresolved())
        {
            AlertedLogs.MailMisconfigured(logger, "Email:SendGridApiKey is an unresolved Key Vault reference");
            throw new EmailTransientException("Email:SendGridApiKey is an unresolved Key Vault reference; mail waits until the secret exists.");
        }

        var clientOptions = new SendGridClientOptions { ApiKey = settings.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(settings.SendGridHost))
        {
            clientOptions.Host = settings.SendGridHost;
        }

        var client = new SendGridClient(httpClients.CreateClient(HttpClientName), clientOptions);
        Response response;
        try
        {
            response = await client.SendEmailAsync(ToMessage(batch, settings), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && NotSent(ex))
        {
            throw new EmailTransientException("SendGrid could not be reached; the message will be retried.", inner: ex);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested
            && ex is HttpRequestException or TimeoutRejectedException or OperationCanceledException)
        {
            throw new EmailOutcomeUnknownException("The request reached SendGrid but no answer came; it is not sent again.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            // The key is wrong, revoked or lacks Mail Send: a configuration problem, not a property of this message.
            AlertedLogs.MailMisconfigured(logger, $"SendGrid refused the API key ({status})");
            throw new EmailTransientException($"SendGrid refused the API key ({status}); check Email:SendGridApiKey. The message will be retried.");
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            throw new EmailTransientException($"SendGrid answered {status}; the message will be retried.", response.Headers.RetryAfter?.Delta);
        }

        throw new EmailPermanentException($"SendGrid refused the message ({status}): {body}", RejectedPersonalizations(body));
    }

    /// <summary>
    /// The personalizations SendGrid names in its errors (<c>"field":"personalizations.3.to.0.email"</c>), or null when
    /// any error is about something else (the sender, the content), which no recipient can be left out to fix.
    /// </summary>
    internal static IReadOnlyList<int>? RejectedPersonalizations(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var fields = json.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => e.TryGetProperty("field", out var f) && f.ValueKind == JsonValueKind.String ? Personalization().Match(f.GetString()!) : Match.Empty).ToList();
            return fields.Count > 0 && fields.All(m => m.Success)
                ? fields.Select(m => int.Parse(m.Groups[1].ValueSpan, CultureInfo.InvariantCulture)).Distinct().Order().ToList()
                : null;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>
    /// The SendGrid pipeline. SendGrid has no idempotency key, so only what it cannot have accepted is retried: a
    /// connection that could not be made, 429 (honouring Retry-After) and 5xx. A request that was sent and timed out,
    /// or whose connection broke before the answer, is never retried. Each attempt gets
    /// <see cref="EmailOptions.SendGridAttemptTimeout"/>.
    /// </summary>
    public static void ConfigureResilience(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, EmailOptions settings)
    {
        pipeline.AddTimeout(settings.SendGridAttemptTimeout * (MaxRetryAttempts + 1) + TimeSpan.FromMinutes(2));
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = MaxRetryAttempts,
            Delay = TimeSpan.FromSeconds(1),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
            {
                { Exception: { } ex } => NotSent(ex),
                { Result: { } r } => r.StatusCode == HttpStatusCode.TooManyRequests || (int)r.StatusCode >= 500,
                _ => false,
            }),
        });
        pipeline.AddTimeout(settings.SendGridAttemptTimeout);
    }

    /// <summary>Whether the failure happened before any byte of the request left: no connection, no name, no TLS session.</summary>
    private static bool NotSent(Exception ex) =>
        ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError };

    internal static SendGridMessage ToMessage(EmailBatch batch, EmailOptions settings)
    {
        var keys = batch.Recipients.SelectMany(r => r.Values.Keys).Distinct(StringComparer.Ordinal).ToList();
        var message = new SendGridMessage
        {
            From = new SendGridAddress(settings.FromAddress, settings.FromName),
            Subject = Tag(batch.Subject, keys, "t"),
            PlainTextContent = Tag(batch.Text, keys, "t"),
            HtmlContent = Tag(batch.Html, keys, "h"),
            Personalizations = [],
        };
        foreach (var recipient in batch.Recipients)
        {
            var substitutions = new Dictionary<string, string>();
            foreach (var key in keys)
            {
                var value = recipient.Values.GetValueOrDefault(key, "");
                substitutions[$"-{key}.t-"] = value;
                substitutions[$"-{key}.h-"] = WebUtility.HtmlEncode(value);
            }

            message.Personalizations.Add(new Personalization
            {
                Tos = [new SendGridAddress(recipient.Email, recipient.Name)],
                Substitutions = substitutions,
                CustomArgs = new Dictionary<string, string> { [MessageIdArg] = recipient.Id.ToString() },
            });
        }

        foreach (var attachment in batch.AttachmentList)
        {
            message.AddAttachment(attachment.FileName, Convert.ToBase64String(attachment.Content), attachment.ContentType);
        }

        return message;
    }

    [GeneratedRegex(@"^personalizations\.(\d{1,4})\.", RegexOptions.CultureInvariant)]
    private static partial Regex Personalization();

    private static string Tag(string template, IEnumerable<string> keys, string part)
    {
        foreach (var key in keys)
        {
            template = template.Replace("{{" + key + "}}", $"-{key}.{part}-", StringComparison.Ordinal);
        }

        return template;
    }
}
