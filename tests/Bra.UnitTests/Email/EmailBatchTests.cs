using Bra.Core.Email;
using SendGrid.Helpers.Mail;

namespace Bra.UnitTests.Email;

public sealed class EmailBatchTests
{
    private static readonly EmailBatch Batch = new(
        "Påminnelse: {{title}}",
        "<p>Hej {{name}}, <a href=\"{{link}}\">svara</a></p>",
        "Hej {{name}}, svara: {{link}}",
        [new EmailRecipient(new EmailMessageId("c1", "p1", "remind"), "a@example.se", "A", new Dictionary<string, string>
        {
            ["name"] = "<b>Bo & Co</b>", ["link"] = "https://example.se/respond/abc?x=1&y=2", ["title"] = "Strategi \"A\"",
        })]);

    [Fact]
    public void RenderFor_Values_EncodedInHtmlOnly()
    {
        var (subject, html, text) = Batch.RenderFor(Batch.Recipients[0]);

        Assert.Equal("Påminnelse: Strategi \"A\"", subject);
        Assert.Equal("Hej <b>Bo & Co</b>, svara: https://example.se/respond/abc?x=1&y=2", text);
        Assert.Contains("Hej &lt;b&gt;Bo &amp; Co&lt;/b&gt;", html);
        Assert.Contains("href=\"https://example.se/respond/abc?x=1&amp;y=2\"", html);
    }

    [Fact]
    public void MessageId_ToString_WorkflowPurposeParty() =>
        Assert.Equal("c1/remind/p1", new EmailMessageId("c1", "p1", "remind").ToString());

    [Fact]
    public void ToMessage_PlaceholdersBecomeSubstitutionsPerPart()
    {
        var message = SendGridTransport.ToMessage(Batch, new EmailOptions { FromAddress = "noreply@example.se", FromName = "Lokala BRÅ" });

        Assert.Equal("Påminnelse: -title.t-", message.Subject);
        Assert.Contains("-name.h-", message.HtmlContent);
        Assert.Contains("-link.t-", message.PlainTextContent);
        Personalization personalization = Assert.Single(message.Personalizations);
        Assert.Equal("&lt;b&gt;Bo &amp; Co&lt;/b&gt;", personalization.Substitutions["-name.h-"]);
        Assert.Equal("<b>Bo & Co</b>", personalization.Substitutions["-name.t-"]);
        Assert.Equal("c1/remind/p1", personalization.CustomArgs[SendGridTransport.MessageIdArg]);
        Assert.Equal("a@example.se", personalization.Tos[0].Email);
    }
}
