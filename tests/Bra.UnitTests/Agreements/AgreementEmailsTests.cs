using Bra.Core.Agreements;
using Bra.Core.Email;
using Bra.UnitTests.Email;

namespace Bra.UnitTests.Agreements;

/// <summary>Names and titles people typed reach the HTML part only encoded and the text part as typed.</summary>
public sealed class AgreementEmailsTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);

    private static readonly Signer Signer = new("s1", 1, RenderedEmail.Hostile, "s1@example.se", RenderedEmail.Hostile, null, SignerState.Signed,
        Signature: new Signature(RenderedEmail.Hostile, At, "127.0.0.1", "test", "abc", "1"), DeclinedReason: RenderedEmail.Hostile);

    private static readonly AgreementData Data = new(
        new Agreement("a1", RenderedEmail.Hostile, "BRÅ 2", "d1", "avtal.pdf", "application/pdf", 10, "abc", SigningOrder.Parallel, At.AddDays(30),
            RenderedEmail.Hostile, [], "p1", RenderedEmail.Hostile, "sam@example.se", At, EndReason: RenderedEmail.Hostile, Failure: RenderedEmail.Hostile),
        [Signer], []);

    private static IReadOnlyList<EmailRecipient> Recipients() =>
        [new EmailRecipient(new EmailMessageId("a1", "s1-g1", "invite-g1"), Signer.Email, Signer.Name, new Dictionary<string, string>
        {
            ["name"] = Signer.Name, ["link"] = "https://example.se/sign/abc",
        })];

    public static TheoryData<string> Kinds => ["invitation", "reminder", "declined", "declined-signers", "cancelled", "expired", "failed", "completed", "completed-linked"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Email_HostileNamesAndTitle_EncodedInHtmlVerbatimInText(string kind)
    {
        var draft = kind switch
        {
            "invitation" => AgreementEmails.Invitation(Data, Recipients()),
            "reminder" => AgreementEmails.Reminder(Data, Recipients()),
            "declined" => AgreementEmails.Declined(Data, Signer, Recipients()),
            "declined-signers" => AgreementEmails.DeclinedToSigners(Data, Signer, Recipients()),
            "cancelled" => AgreementEmails.Cancelled(Data, Recipients()),
            "expired" => AgreementEmails.Expired(Data with { Signers = [Signer with { State = SignerState.Invited }] }, Recipients()),
            "failed" => AgreementEmails.Failed(Data, Recipients()),
            "completed" => AgreementEmails.Completed(Data, Recipients(), []),
            _ => AgreementEmails.Completed(Data, Recipients(), [], linked: true),
        };

        var (subject, html, text) = await RenderedEmail.ForFirstAsync(draft);

        RenderedEmail.AssertEncoded(html, $"\"{RenderedEmail.Hostile}\"");
        Assert.Contains($"Hej {RenderedEmail.Hostile},\n", text, StringComparison.Ordinal);
        Assert.Contains($"\"{RenderedEmail.Hostile}\"", text, StringComparison.Ordinal);
        Assert.Contains(RenderedEmail.Hostile, subject, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html + text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_Agreement_LinkInBothParts()
    {
        var (_, html, text) = await RenderedEmail.ForFirstAsync(AgreementEmails.Invitation(Data, Recipients()));

        Assert.Contains("Läs och underteckna överenskommelsen:\nhttps://example.se/sign/abc\n", text, StringComparison.Ordinal);
        Assert.Matches("<a href=\"https://example.se/sign/abc\" style=\"[^\"]+\">Läs och underteckna överenskommelsen</a>", System.Net.WebUtility.HtmlDecode(html));
        Assert.Contains($"Diarienummer: BRÅ 2\nFrån: {RenderedEmail.Hostile}, sam@example.se\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeclinedToSigners_TheFactWithoutTheReason_WhichOnlyTheSenderGets()
    {
        var decliner = Signer with { Organisation = "Fritidsgården", DeclinedReason = "Vi saknar personal på kvällarna." };

        var (_, _, toSigners) = await RenderedEmail.ForFirstAsync(AgreementEmails.DeclinedToSigners(Data, decliner, Recipients()));
        var (_, _, toSender) = await RenderedEmail.ForFirstAsync(AgreementEmails.Declined(Data, decliner, Recipients()));

        Assert.Contains("Fritidsgården har avböjt att underteckna", toSigners, StringComparison.Ordinal);
        Assert.DoesNotContain("personal på kvällarna", toSigners, StringComparison.Ordinal);
        Assert.Contains("Skäl: Vi saknar personal på kvällarna.", toSender, StringComparison.Ordinal);
    }
}
