using System.Net;
using Bra.Core.Consultations;
using Bra.Core.Email;
using Bra.UnitTests.Email;

namespace Bra.UnitTests.Consultations;

/// <summary>Names and titles people typed reach the HTML part only encoded and the text part as typed.</summary>
public sealed class ConsultationEmailsTests
{
    private static readonly DateTimeOffset Deadline = new(2026, 12, 1, 22, 59, 0, TimeSpan.Zero);

    private static readonly Consultation Hostile = new("c1", RenderedEmail.Hostile, "BRÅ 1", "d1", "s.pdf", "abc123", Deadline, RenderedEmail.Hostile, [],
        "p1", RenderedEmail.Hostile, "sam@example.se", ConsultationState.Cancelled, Deadline.AddDays(-30), CancelReason: RenderedEmail.Hostile);

    private static readonly Consultee Consultee = new("k1", RenderedEmail.Hostile, "k1@example.org", RenderedEmail.Hostile, Deadline.AddDays(-30));

    private static IReadOnlyList<EmailRecipient> Recipients() =>
        [new EmailRecipient(new EmailMessageId("c1", "k1", "invite"), Consultee.Email, Consultee.Name, new Dictionary<string, string>
        {
            ["name"] = Consultee.Name, ["organisation"] = Consultee.Organisation!, ["link"] = "https://example.se/respond/abc",
        })];

    public static TheoryData<string> Kinds => ["invitation", "reminder", "deadline", "cancellation", "receipt", "compiled"];

    private static EmailDraft Draft(string kind) => kind switch
    {
        "invitation" => ConsultationEmails.Invitation(Hostile, Recipients()),
        "reminder" => ConsultationEmails.Reminder(Hostile, Recipients()),
        "deadline" => ConsultationEmails.DeadlineMoved(Hostile, Recipients()),
        "cancellation" => ConsultationEmails.Cancellation(Hostile, Recipients()),
        "receipt" => ConsultationEmails.Receipt(Hostile, Consultee,
            new Answer("k1", 2, Position.Opposes, RenderedEmail.Hostile, RenderedEmail.Hostile, RenderedEmail.Hostile, "a1", RenderedEmail.Hostile,
                Deadline.AddDays(-1), false, null, null), new EmailMessageId("c1-k1", "k1", "receipt-v2")),
        _ => ConsultationEmails.Compiled(Hostile, "https://example.se/api/consultations/c1/compilation", 0, 1, new EmailMessageId("c1", "p1", "compiled"),
            [(Consultee, EmailOutcome.Failed)]),
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Email_HostileNamesAndTitle_EncodedInHtmlVerbatimInText(string kind)
    {
        var (subject, html, text) = await RenderedEmail.ForFirstAsync(Draft(kind));

        RenderedEmail.AssertEncoded(html, $"Hej {RenderedEmail.Hostile},");
        Assert.Contains($"Hej {RenderedEmail.Hostile},\n", text, StringComparison.Ordinal);
        Assert.Contains($"\"{RenderedEmail.Hostile}\"", text, StringComparison.Ordinal);
        Assert.Contains(RenderedEmail.Hostile, subject, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html + text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_Consultation_BothPartsCarryFactsAndLink()
    {
        var (_, html, text) = await RenderedEmail.ForFirstAsync(ConsultationEmails.Invitation(Hostile, Recipients()));

        Assert.Contains("Sista svarsdag", html, StringComparison.Ordinal);
        Assert.Matches("<a href=\"https://example.se/respond/abc\" style=\"[^\"]+\">Läs remissen och svara</a>", WebUtility.HtmlDecode(html));
        Assert.Contains("Läs remissen och lämna ert svar via er personliga länk:\nhttps://example.se/respond/abc\n", text, StringComparison.Ordinal);
        Assert.Contains($"Lokala BRÅ skickar remissen \"{RenderedEmail.Hostile}\" till {RenderedEmail.Hostile} för synpunkter.", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Receipt_Answer_CommentsKeptLineByLineInBothParts()
    {
        var answer = new Answer("k1", 1, Position.SupportsWithComments, "rad ett\nrad två", "Kim", null, null, null, Deadline.AddDays(-1), false, null, null);

        var (_, html, text) = await RenderedEmail.ForFirstAsync(ConsultationEmails.Receipt(Hostile, Consultee, answer, new EmailMessageId("c1-k1", "k1", "receipt-v1")));

        Assert.Contains("Synpunkter:\nrad ett\nrad två\n", text, StringComparison.Ordinal);
        Assert.Contains("Svarande: Kim (–)", text, StringComparison.Ordinal);
        Assert.Contains("rad ett\nrad två</p>", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_DeadlineDay_AllDayEventWithReminderThreeDaysBeforeAt0900()
    {
        var ics = ConsultationEmails.Calendar(Hostile with { Deadline = new DateTimeOffset(2027, 1, 5, 22, 59, 0, TimeSpan.Zero) });

        Assert.Contains("METHOD:PUBLISH", ics, StringComparison.Ordinal);
        Assert.Contains("UID:remiss-c1@lokala-bra", ics, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:0", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20270105", ics, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20270106", ics, StringComparison.Ordinal);
        Assert.Contains("BEGIN:VALARM", ics, StringComparison.Ordinal);
        Assert.Contains("TRIGGER:-P2DT15H", ics, StringComparison.Ordinal);
    }

    [Fact]
    public void Calendar_DeadlineMovedTwice_SameUidSequenceTwo()
    {
        var ics = ConsultationEmails.Calendar(Hostile with { Deadline = new DateTimeOffset(2027, 6, 30, 21, 59, 0, TimeSpan.Zero), DeadlineMoves = 2 });

        Assert.Contains("UID:remiss-c1@lokala-bra", ics, StringComparison.Ordinal);
        Assert.Contains("SEQUENCE:2", ics, StringComparison.Ordinal);
        Assert.Contains("DTSTART;VALUE=DATE:20270630", ics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compiled_ClosingMail_SaysTheCompilationIsInternalNotSentToConsultees()
    {
        var (_, _, text) = await RenderedEmail.ForFirstAsync(Draft("compiled"));

        Assert.Contains("Sammanställningen är intern: remissinstanserna har inte fått den.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("skickas till remissinstanserna", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeadlineMoved_NewDeadlineInSwedishTimeAndAnsweredMayChange()
    {
        var (subject, _, text) = await RenderedEmail.ForFirstAsync(Draft("deadline"));

        Assert.StartsWith("Ny sista svarsdag: remiss BRÅ 1:", subject, StringComparison.Ordinal);
        Assert.Contains("1 december 2026 kl. 23:59", text, StringComparison.Ordinal);
        Assert.Contains("Har ni redan svarat kan ni ändra svaret", text, StringComparison.Ordinal);
    }
}
