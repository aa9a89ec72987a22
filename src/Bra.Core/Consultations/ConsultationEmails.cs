using System.Text;
using Bra.Core.Email;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>
/// The consultation's emails (Swedish) as content that <see cref="Mailer"/> renders to HTML (the <see cref="EmailBody"/>
/// component encodes every value) and text. Only the name, organisation and link differ per recipient; they travel as
/// placeholders. Every subject carries the case number.
/// </summary>
public static class ConsultationEmails
{
    public static EmailDraft Invitation(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var content = new EmailContent().Greeting()
            .P("Lokala BRÅ skickar remissen ", EmailContent.Title(c.Title), " till ", EmailContent.Field("organisation"), " för synpunkter.")
            .Facts([
                ("Diarienummer", c.CaseNumber ?? "–"),
                ("Sista svarsdag", SwedishTime.Format(c.Deadline)),
                ("Avsändare", $"{c.OwnerName}, {c.OwnerEmail}"),
            ])
            .Quote(c.Message)
            .Link("Läs remissen och svara", EmailContent.LinkField, textLabel: "Läs remissen och lämna ert svar via er personliga länk")
            .P("Länken är personlig. Ska en kollega svara kan ni vidarebefordra remissen från sidan.")
            .P($"Sista svarsdagen finns som kalenderhändelse i bilagan. Frågor besvaras av {c.OwnerName}, {c.OwnerEmail}.");
        return new EmailDraft($"Remiss {c.CaseNumber ?? "utan diarienummer"}: {c.Title}", content, recipients, [CalendarFile(c)]);
    }

    /// <summary>A moved deadline, to those invited before the move, with the calendar event that replaces the invitation's.</summary>
    public static EmailDraft DeadlineMoved(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var content = new EmailContent().Greeting()
            .P("Sista svarsdag för remissen ", EmailContent.Title(c.Title), $" (diarienummer {c.CaseNumber ?? "–"}) är flyttad.")
            .Facts([("Ny sista svarsdag", SwedishTime.Format(c.Deadline))])
            .Link("Läs remissen och svara", EmailContent.LinkField, textLabel: "Läs remissen och svara via er personliga länk")
            .P("Har ni redan svarat kan ni ändra svaret via länken fram till den nya sista svarsdagen. Länken ersätter den ni fått tidigare.")
            .P($"Kalenderhändelsen i bilagan ersätter den ni fått tidigare. Frågor besvaras av {c.OwnerName}, {c.OwnerEmail}.");
        return new EmailDraft($"Ny sista svarsdag: remiss {c.CaseNumber ?? "utan diarienummer"}: {c.Title}", content, recipients, [CalendarFile(c)]);
    }

    public static EmailDraft Reminder(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var content = new EmailContent().Greeting()
            .P("Påminnelse: vi har ännu inte fått ert svar på remissen ", EmailContent.Title(c.Title), $" (diarienummer {c.CaseNumber ?? "–"}).")
            .P($"Sista svarsdag: {SwedishTime.Format(c.Deadline)}")
            .Link("Svara på remissen", EmailContent.LinkField, textLabel: "Svara via er personliga länk")
            .P($"Frågor besvaras av {c.OwnerName}, {c.OwnerEmail}.");
        return new EmailDraft($"Påminnelse: remiss {c.CaseNumber ?? "utan diarienummer"}: {c.Title}", content, recipients);
    }

    public static EmailDraft Cancellation(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var content = new EmailContent().Greeting()
            .P("Remissen ", EmailContent.Title(c.Title), $" (diarienummer {c.CaseNumber ?? "–"}) är återkallad och tar inte längre emot svar.")
            .P($"Skäl: {c.CancelReason}")
            .P($"Frågor besvaras av {c.OwnerName}, {c.OwnerEmail}.");
        return new EmailDraft($"Återkallad remiss {c.CaseNumber ?? "utan diarienummer"}: {c.Title}", content, recipients);
    }

    /// <summary>A receipt with a copy of the answer, to the one consultee who answered.</summary>
    public static EmailDraft Receipt(Consultation c, Consultee consultee, Answer answer, EmailMessageId id)
    {
        var content = new EmailContent().Greeting(consultee.Name)
            .P("Tack för ert svar på remissen ", EmailContent.Title(c.Title),
                $" (diarienummer {c.CaseNumber ?? "–"}). Det registrerades {SwedishTime.Format(answer.ReceivedAt)} (version {answer.Version.ToString(SwedishTime.Culture)}).")
            .Facts([
                ("Ställningstagande", PositionText.Swedish(answer.Position)),
                ("Svarande", $"{answer.RespondentName} ({answer.RespondentRole ?? "–"})"),
                ("Bilaga", answer.AttachmentName ?? "ingen"),
            ])
            .Quote(string.IsNullOrWhiteSpace(answer.Comments) ? "–" : answer.Comments, label: "Synpunkter")
            .P($"Ni kan ändra svaret via länken i inbjudan fram till {SwedishTime.Format(c.Deadline)}.");
        return new EmailDraft($"Kvitto: svar på remiss {c.CaseNumber ?? "utan diarienummer"}: {c.Title}", content,
            [new EmailRecipient(id, consultee.Email, consultee.Name, new Dictionary<string, string>())]);
    }

    /// <param name="undelivered">Consultees whose mail the provider refused for good, or may not have received.</param>
    public static EmailDraft Compiled(Consultation c, string compilationUrl, int answered, int total, EmailMessageId id,
        IReadOnlyList<(Consultee Consultee, EmailOutcome Outcome)>? undelivered = null)
    {
        IReadOnlyList<string> Who(EmailOutcome outcome) =>
            (undelivered ?? []).Where(u => u.Outcome == outcome).Select(u => $"{u.Consultee.Name} <{u.Consultee.Email}>").ToList();
        var content = new EmailContent().Greeting(c.OwnerName)
            .P("Remissen ", EmailContent.Title(c.Title), $" (diarienummer {c.CaseNumber ?? "–"}) är avslutad. {answered} av {total} remissinstanser svarade.")
            .Link("Öppna remissammanställningen", compilationUrl, textLabel: "Remissammanställningen")
            .P("Logga in som administratör för att öppna den. Sammanställningen är intern: remissinstanserna har inte fått den. Ska den delas laddar ni ner den och skickar den själva.")
            .List("E-post till dessa remissinstanser kunde inte levereras (adressen avvisades) och skickades inte igen:", Who(EmailOutcome.Failed))
            .List("E-post till dessa remissinstanser skickades, men leveransen kunde inte bekräftas:", Who(EmailOutcome.Unknown));
        return new EmailDraft($"Remissammanställning klar: {c.CaseNumber ?? "utan diarienummer"}: {c.Title}", content,
            [new EmailRecipient(id, c.OwnerEmail, c.OwnerName, new Dictionary<string, string>())]);
    }

    /// <summary>How many days before the deadline day the calendar event reminds (at 09:00 that day).</summary>
    public const int CalendarReminderDays = 3;

    private static EmailAttachment CalendarFile(Consultation c) => new("sista-svarsdag.ics", "text/calendar", Encoding.UTF8.GetBytes(Calendar(c)));

    /// <summary>
    /// The deadline as an iCalendar event (RFC 5545, METHOD:PUBLISH): the deadline's Swedish day as an all-day event with
    /// a reminder <see cref="CalendarReminderDays"/> days before at 09:00. One UID per consultation and SEQUENCE the number
    /// of times its deadline has moved, so a calendar replaces the event it holds with the later one.
    /// </summary>
    public static string Calendar(Consultation c)
    {
        var day = DateOnly.FromDateTime(SwedishTime.Local(c.Deadline).DateTime);
        var calendar = new Calendar { ProductId = "-//Lokala BRÅ//Remiss//SV", Method = "PUBLISH" };
        var deadline = new CalendarEvent
        {
            Uid = $"remiss-{c.Id}@lokala-bra",
            Sequence = c.DeadlineMoves,
            Summary = $"Sista svarsdag: remiss {c.CaseNumber ?? ""} {c.Title}".Replace("  ", " ", StringComparison.Ordinal),
            Description = $"Sista dag att svara på remissen \"{c.Title}\": {SwedishTime.Format(c.Deadline)}. Svara via länken i e-postmeddelandet.",
            Start = new CalDateTime(day),
            End = new CalDateTime(day.AddDays(1)),
            Transparency = "TRANSPARENT",
        };
        deadline.Alarms.Add(new Alarm
        {
            Action = AlarmAction.Display,
            Description = $"Sista svarsdag för remissen \"{c.Title}\" är {SwedishTime.Format(c.Deadline)}.",
            Trigger = new Trigger(new Duration(days: -CalendarReminderDays + 1, hours: -15)),
        });
        calendar.Events.Add(deadline);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }
}
