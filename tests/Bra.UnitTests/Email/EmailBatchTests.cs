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

    [Fact]
    public void RejectedPersonalizations_ErrorsNameRecipients_TheirPositions() =>
        Assert.Equal([0, 3], SendGridTransport.RejectedPersonalizations(
            "{\"errors\":[{\"message\":\"Does not contain a valid address.\",\"field\":\"personalizations.3.to.0.email\"},{\"message\":\"x\",\"field\":\"personalizations.0.to.0.email\"}]}"));

    [Theory]
    [InlineData("{\"errors\":[{\"message\":\"The from address does not match a verified Sender Identity.\",\"field\":\"from\"}]}")]
    [InlineData("{\"errors\":[{\"message\":\"bad\",\"field\":\"personalizations.1.to.0.email\"},{\"message\":\"too large\",\"field\":null}]}")]
    [InlineData("{\"errors\":[]}")]
    [InlineData("Bad Request")]
    [InlineData("")]
    public void RejectedPersonalizations_AnyErrorNotAboutARecipient_Null(string body) =>
        Assert.Null(SendGridTransport.RejectedPersonalizations(body));
}
