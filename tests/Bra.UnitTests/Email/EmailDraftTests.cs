using Bra.Core.Email;

namespace Bra.UnitTests.Email;

public sealed class EmailDraftTests
{
    private static EmailDraft Draft(EmailContent content, string name = "Anna") =>
        new("Ämne", content, [new EmailRecipient(new EmailMessageId("w", "p", "x"), "a@example.se", name, new Dictionary<string, string>
        {
            ["name"] = name, ["link"] = "https://example.se/respond/abc?x=1&y=2",
        })]);

    [Fact]
    public async Task RenderAsync_EveryBlock_BothPartsSayTheSame()
    {
        var content = new EmailContent().Greeting()
            .P("Remissen ", EmailContent.Title("Strategi"), " är skickad.")
            .Facts([("Diarienummer", "BRÅ 1"), ("Sista svarsdag", "1 juli")])
            .Quote("rad ett\nrad två", label: "Synpunkter")
            .List("Kunde inte levereras:", ["Bo <bo@example.se>"])
            .Link("Svara", EmailContent.LinkField, textLabel: "Svara via länken");

        var (subject, html, text) = await RenderedEmail.ForFirstAsync(Draft(content));

        Assert.Equal("Ämne", subject);
        Assert.Equal(
            "Lokala BRÅ – Avesta kommun\n\nHej Anna,\n\nRemissen \"Strategi\" är skickad.\n\nDiarienummer: BRÅ 1\nSista svarsdag: 1 juli\n\nSynpunkter:\nrad ett\nrad två\n\n" +
            "Kunde inte levereras:\n- Bo <bo@example.se>\n\nSvara via länken:\nhttps://example.se/respond/abc?x=1&y=2\n\n" +
            "-- \nMeddelandet kommer från Lokala BRÅ – Avesta kommun, https://bra.kommun.test.\n", text);
        var decoded = System.Net.WebUtility.HtmlDecode(html);
        Assert.Contains("<p>Hej Anna,</p>", decoded);
        Assert.Contains("<strong>Strategi</strong>", decoded);
        Assert.Contains("<th align=\"left\">Sista svarsdag</th><td>1 juli</td>", decoded);
        Assert.Contains("<p style=\"white-space:pre-wrap\">rad ett\nrad två</p>", decoded);
        Assert.Contains("<li>Bo <bo@example.se></li>", decoded);
        Assert.Matches("<a href=\"https://example.se/respond/abc\\?x=1&amp;y=2\" style=\"display:inline-block;background:#[0-9a-f]{6};[^\"]*\">Svara</a>", html);
        Assert.StartsWith("<p style=", html.TrimStart());
        Assert.Contains("Lokala BRÅ – Avesta kommun", decoded.Split("Hej Anna")[0]);
        Assert.Contains("Meddelandet kommer från Lokala BRÅ – Avesta kommun, https://bra.kommun.test.", decoded.Split("Svara</a>")[1]);
    }

    [Fact]
    public async Task RenderAsync_HostileRecipientName_EncodedInHtmlVerbatimInText()
    {
        var (_, html, text) = await RenderedEmail.ForFirstAsync(Draft(new EmailContent().Greeting().P("Välkommen."), RenderedEmail.Hostile));

        RenderedEmail.AssertEncoded(html, RenderedEmail.Hostile);
        Assert.StartsWith($"Lokala BRÅ – Avesta kommun\n\nHej {RenderedEmail.Hostile},\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RenderAsync_TypedTextWithPlaceholderBraces_FormsNoPlaceholder()
    {
        var draft = Draft(new EmailContent().P("Se {{link}}").Facts([("{{name}}", "{{link}}")]).Quote("{{link}}"));

        var (subject, html, text) = await RenderedEmail.ForFirstAsync(draft with { Subject = "{{name}}" });

        Assert.DoesNotContain("Anna", subject + html + text, StringComparison.Ordinal);
        Assert.DoesNotContain("example.se", html + text, StringComparison.Ordinal);
        Assert.Contains("Se { {link}}", text, StringComparison.Ordinal);
    }
}
