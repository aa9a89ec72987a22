using System.Net;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Bra.Core.Email;

/// <summary>
/// Sends through the real SendGrid client: one request, one personalization per recipient, with substitutions for
/// the <c>{{key}}</c> placeholders and the message id in <c>custom_args</c>. The HttpClient carries a resilience
/// handler that retries 429 and 5xx (honouring Retry-After); what still fails is reported as transient or permanent.
/// </summary>
public sealed class SendGridTransport(HttpClient http, IOptions<EmailOptions> options) : IEmailTransport
{
    public const string MessageIdArg = "bra_message_id";

    public async Task SendAsync(EmailBatch batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var clientOptions = new SendGridClientOptions { ApiKey = settings.SendGridApiKey };
        if (!string.IsNullOrWhiteSpace(settings.SendGridHost))
        {
            clientOptions.Host = settings.SendGridHost;
        }

        var client = new SendGridClient(http, clientOptions);
        var response = await client.SendEmailAsync(ToMessage(batch, settings), cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var body = await response.Body.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.TooManyRequests || status >= 500)
        {
            throw new EmailTransientException($"SendGrid answered {status}; the message will be retried.", response.Headers.RetryAfter?.Delta);
        }

        throw new EmailPermanentException($"SendGrid refused the message ({status}): {body}");
    }

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

    private static string Tag(string template, IEnumerable<string> keys, string part)
    {
        foreach (var key in keys)
        {
            template = template.Replace("{{" + key + "}}", $"-{key}.{part}-", StringComparison.Ordinal);
        }

        return template;
    }
}
