namespace Bra.Core.Email;

/// <summary>
/// The deterministic id of one logical message: which workflow, which party, what for. A message whose id was already
/// sent is never sent again, so an activity retried after a successful send does not mail twice.
/// </summary>
public sealed record EmailMessageId(string Workflow, string Party, string Purpose)
{
    public override string ToString() => $"{Workflow}/{Purpose}/{Party}";
}

public sealed record EmailRecipient(EmailMessageId Id, string Email, string? Name, IReadOnlyDictionary<string, string> Values);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>
/// One message body sent to many recipients. <see cref="Subject"/>, <see cref="Html"/> and <see cref="Text"/> may hold
/// <c>{{key}}</c> placeholders filled from each recipient's <see cref="EmailRecipient.Values"/> (HTML-encoded in the
/// HTML part), so one SendGrid request carries up to 1,000 personalised messages.
/// </summary>
public sealed record EmailBatch(string Subject, string Html, string Text, IReadOnlyList<EmailRecipient> Recipients, IReadOnlyList<EmailAttachment>? Attachments = null)
{
    public IReadOnlyList<EmailAttachment> AttachmentList => Attachments ?? [];

    /// <summary>The message as one recipient gets it.</summary>
    public (string Subject, string Html, string Text) RenderFor(EmailRecipient recipient) =>
        (Fill(Subject, recipient.Values, encode: false), Fill(Html, recipient.Values, encode: true), Fill(Text, recipient.Values, encode: false));

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool encode)
    {
        foreach (var (key, value) in values)
        {
            template = template.Replace("{{" + key + "}}", encode ? System.Net.WebUtility.HtmlEncode(value) : value, StringComparison.Ordinal);
        }

        return template;
    }
}
