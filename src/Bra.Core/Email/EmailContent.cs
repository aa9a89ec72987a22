using Microsoft.Extensions.DependencyInjection;
using System.Text;

namespace Bra.Core.Email;

/// <summary>
/// An email's body as content, written once per email: <see cref="EmailBody"/> renders its HTML part (Razor encodes
/// every value) and <see cref="ToText"/> its text part, so the two parts always say the same. Every string given here
/// is text, never markup, and cannot form a <c>{{key}}</c> placeholder; only <see cref="Field"/> does.
/// </summary>
public sealed class EmailContent
{
    private readonly List<EmailBlock> blocks = [];

    /// <summary>The per-recipient name placeholder.</summary>
    public static EmailSpan Name { get; } = Field("name");

    /// <summary>The per-recipient link placeholder.</summary>
    public static EmailSpan LinkField { get; } = Field("link");

    public IReadOnlyList<EmailBlock> Blocks => blocks;

    /// <summary>A per-recipient value filled by <see cref="EmailBatch.RenderFor"/> (HTML-encoded in the HTML part).</summary>
    public static EmailSpan Field(string key) => new EmailField(key);

    /// <summary>A title: bold in HTML, in quotes in text.</summary>
    public static EmailSpan Title(string text) => new EmailTitle(text);

    /// <summary>"Hej {{name}}," or "Hej Anna," for a message to one known person.</summary>
    public EmailContent Greeting(EmailSpan? who = null) => P("Hej ", who ?? Name, ",");

    public EmailContent P(params EmailSpan[] spans) => Add(new EmailParagraph(spans));

    /// <summary>Text typed by a person, line breaks kept; nothing when empty. A label goes before it as its heading.</summary>
    public EmailContent Quote(string? text, string? label = null) =>
        string.IsNullOrWhiteSpace(text) ? this : Add(new EmailQuote(text.Trim(), label));

    /// <summary>Label and value pairs: a table in HTML, one "Label: value" line each in text.</summary>
    public EmailContent Facts(IEnumerable<(string Label, string Value)> facts) => Add(new EmailFacts(facts.ToList()));

    /// <summary>A paragraph followed by a bulleted list; nothing when the list is empty.</summary>
    public EmailContent List(string heading, IReadOnlyList<string> items) => items.Count == 0 ? this : Add(new EmailList(heading, items));

    /// <summary>A link: its label in HTML; in text the label (or <paramref name="textLabel"/>), a colon and the address on the next line.</summary>
    public EmailContent Link(string label, EmailSpan href, string? textLabel = null) =>
        Add(new EmailLink(label, href, textLabel ?? label));

    /// <summary>The text part: paragraphs separated by blank lines.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        foreach (var block in blocks)
        {
            switch (block)
            {
                case EmailParagraph p:
                    text.Append(Text(p.Spans));
                    break;
                case EmailQuote q:
                    text.Append(q.Label is null ? "" : q.Label + ":\n").Append(Safe(q.Text));
                    break;
                case EmailFacts f:
                    text.AppendJoin('\n', f.Facts.Select(x => $"{Safe(x.Label)}: {Safe(x.Value)}"));
                    break;
                case EmailList l:
                    text.Append(Safe(l.Heading)).Append('\n').AppendJoin('\n', l.Items.Select(i => "- " + Safe(i)));
                    break;
                case EmailLink k:
                    text.Append(Safe(k.TextLabel)).Append(":\n").Append(Text([k.Href]));
                    break;
            }

            text.Append("\n\n");
        }

        return text.ToString().TrimEnd('\n') + "\n";
    }

    /// <summary>The closing line of every email: who sent it and where to check it.</summary>
    public static string Signature(AppOptions app) =>
        $"Meddelandet kommer från {app.ServiceName}, {app.PublicBaseUrl.TrimEnd('/')}.";

    /// <summary>Text that cannot form a placeholder.</summary>
    public static string Safe(string value) => value.Replace("{{", "{ {", StringComparison.Ordinal);

    internal static string Text(IEnumerable<EmailSpan> spans) => string.Concat(spans.Select(s => s switch
    {
        EmailTitle t => $"\"{Safe(t.Text)}\"",
        EmailField f => f.Placeholder,
        EmailPlain p => Safe(p.Text),
        _ => "",
    }));

    private EmailContent Add(EmailBlock block)
    {
        blocks.Add(block);
        return this;
    }
}

/// <summary>A piece of a paragraph: text (a string converts to it), a title or a per-recipient placeholder.</summary>
public abstract record EmailSpan
{
    public static implicit operator EmailSpan(string text) => new EmailPlain(text);
}

public sealed record EmailPlain(string Text) : EmailSpan;

public sealed record EmailTitle(string Text) : EmailSpan;

public sealed record EmailField(string Key) : EmailSpan
{
    public string Placeholder => "{{" + Key + "}}";
}

public abstract record EmailBlock;

public sealed record EmailParagraph(IReadOnlyList<EmailSpan> Spans) : EmailBlock;

public sealed record EmailQuote(string Text, string? Label) : EmailBlock;

public sealed record EmailFacts(IReadOnlyList<(string Label, string Value)> Facts) : EmailBlock;

public sealed record EmailList(string Heading, IReadOnlyList<string> Items) : EmailBlock;

public sealed record EmailLink(string Label, EmailSpan Href, string TextLabel) : EmailBlock;

/// <summary>
/// An email before rendering: subject (text, no placeholders), content and recipients. <see cref="Mailer"/> renders it
/// once into an <see cref="EmailBatch"/> for all its recipients.
/// </summary>
public sealed record EmailDraft(string Subject, EmailContent Content, IReadOnlyList<EmailRecipient> Recipients,
    IReadOnlyList<EmailAttachment>? Attachments = null)
{
    /// <summary>The HTML part through the page renderer (<see cref="EmailBody"/>), the text part from the same content.</summary>
    public async Task<EmailBatch> RenderAsync(IServiceProvider services)
    {
        var html = await Pages.PageRenderer.RenderAsync<EmailBody>(services, new Dictionary<string, object?> { [nameof(EmailBody.Content)] = Content });
        var app = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AppOptions>>().Value;
        var text = app.ServiceName + "\n\n" + Content.ToText().TrimEnd() + "\n\n-- \n" + EmailContent.Safe(EmailContent.Signature(app)) + "\n";
        return new EmailBatch(EmailContent.Safe(Subject), html, text, Recipients, Attachments);
    }
}
