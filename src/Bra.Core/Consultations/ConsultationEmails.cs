using System.Net;
using System.Text;
using Bra.Core.Email;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>
/// The consultation's emails (Swedish, HTML and text). Text typed by people reaches the HTML part only encoded:
/// per-recipient values through the placeholders (the mailer encodes them), shared text through <see cref="H"/>.
/// Every subject carries the case number.
/// </summary>
public static class ConsultationEmails
{
    public static EmailBatch Invitation(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var deadline = SwedishTime.Format(c.Deadline);
        var message = string.IsNullOrWhiteSpace(c.Message) ? "" : c.Message.Trim();
        var text = new StringBuilder()
            .AppendLine("Hej {{name}},").AppendLine()
            .AppendLine($"Lokala BRÅ skickar remissen \"{T(c.Title)}\" till {{{{organisation}}}} för synpunkter.")
            .AppendLine($"Diarienummer: {T(c.CaseNumber ?? "–")}")
            .AppendLine($"Sista svarsdag: {deadline}")
            .AppendLine($"Avsändare: {T(c.OwnerName)}, {c.OwnerEmail}").AppendLine();
        if (message.Length > 0)
        {
            text.AppendLine(T(message)).AppendLine();
        }

        text.AppendLine("Läs remissen och lämna ert svar via er personliga länk:").AppendLine("{{link}}").AppendLine()
            .AppendLine("Länken är personlig. Ska en kollega svara kan ni vidarebefordra remissen från sidan.")
            .AppendLine($"Sista svarsdagen finns som kalenderhändelse i bilagan. Frågor besvaras av {T(c.OwnerName)}, {c.OwnerEmail}.");

        var html = new StringBuilder()
            .Append("<p>Hej {{name}},</p>")
            .Append($"<p>Lokala BRÅ skickar remissen <strong>{H(c.Title)}</strong> till {{{{organisation}}}} för synpunkter.</p>")
            .Append("<table role=\"presentation\">")
            .Append($"<tr><th align=\"left\">Diarienummer</th><td>{H(c.CaseNumber ?? "–")}</td></tr>")
            .Append($"<tr><th align=\"left\">Sista svarsdag</th><td>{H(deadline)}</td></tr>")
            .Append($"<tr><th align=\"left\">Avsändare</th><td>{H(c.OwnerName)}, {H(c.OwnerEmail)}</td></tr></table>");
        if (message.Length > 0)
        {
            html.Append($"<p style=\"white-space:pre-wrap\">{H(message)}</p>");
        }

        html.Append("<p><a href=\"{{link}}\">Läs remissen och svara</a></p>")
            .Append("<p>Länken är personlig. Ska en kollega svara kan ni vidarebefordra remissen från sidan.</p>")
            .Append($"<p>Sista svarsdagen finns som kalenderhändelse i bilagan. Frågor besvaras av {H(c.OwnerName)}, {H(c.OwnerEmail)}.</p>");

        return new EmailBatch($"Remiss {T(c.CaseNumber ?? "utan diarienummer")}: {T(c.Title)}", html.ToString(), text.ToString(), recipients,
            [new EmailAttachment("sista-svarsdag.ics", "text/calendar", Encoding.UTF8.GetBytes(Calendar(c)))]);
    }

    public static EmailBatch Reminder(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var deadline = SwedishTime.Format(c.Deadline);
        var text = $"Hej {{{{name}}}},\n\nPåminnelse: vi har ännu inte fått ert svar på remissen \"{T(c.Title)}\" (diarienummer {T(c.CaseNumber ?? "–")}).\n" +
                   $"Sista svarsdag: {deadline}\n\nSvara via er personliga länk:\n{{{{link}}}}\n\nFrågor besvaras av {T(c.OwnerName)}, {c.OwnerEmail}.\n";
        var html = $"<p>Hej {{{{name}}}},</p><p>Påminnelse: vi har ännu inte fått ert svar på remissen <strong>{H(c.Title)}</strong> (diarienummer {H(c.CaseNumber ?? "–")}).</p>" +
                   $"<p>Sista svarsdag: {H(deadline)}</p><p><a href=\"{{{{link}}}}\">Svara på remissen</a></p><p>Frågor besvaras av {H(c.OwnerName)}, {H(c.OwnerEmail)}.</p>";
        return new EmailBatch($"Påminnelse: remiss {T(c.CaseNumber ?? "utan diarienummer")}: {T(c.Title)}", html, text, recipients);
    }

    public static EmailBatch Cancellation(Consultation c, IReadOnlyList<EmailRecipient> recipients)
    {
        var reason = c.CancelReason ?? "";
        var text = $"Hej {{{{name}}}},\n\nRemissen \"{T(c.Title)}\" (diarienummer {T(c.CaseNumber ?? "–")}) är återkallad och tar inte längre emot svar.\n" +
                   $"Skäl: {T(reason)}\n\nFrågor besvaras av {T(c.OwnerName)}, {c.OwnerEmail}.\n";
        var html = $"<p>Hej {{{{name}}}},</p><p>Remissen <strong>{H(c.Title)}</strong> (diarienummer {H(c.CaseNumber ?? "–")}) är återkallad och tar inte längre emot svar.</p>" +
                   $"<p>Skäl: {H(reason)}</p><p>Frågor besvaras av {H(c.OwnerName)}, {H(c.OwnerEmail)}.</p>";
        return new EmailBatch($"Återkallad remiss {T(c.CaseNumber ?? "utan diarienummer")}: {T(c.Title)}", html, text, recipients);
    }

    /// <summary>A receipt with a copy of the answer; everything the consultee typed travels as encoded placeholder values.</summary>
    public static EmailBatch Receipt(Consultation c, Consultee consultee, Answer answer, EmailMessageId id)
    {
        var values = new Dictionary<string, string>
        {
            ["name"] = consultee.Name,
            ["position"] = PositionText.Swedish(answer.Position),
            ["comments"] = string.IsNullOrWhiteSpace(answer.Comments) ? "–" : answer.Comments,
            ["respondent"] = answer.RespondentName,
            ["role"] = answer.RespondentRole ?? "–",
            ["attachment"] = answer.AttachmentName ?? "ingen",
            ["received"] = SwedishTime.Format(answer.ReceivedAt),
            ["version"] = answer.Version.ToString(SwedishTime.Culture),
        };
        var text = $"Hej {{{{name}}}},\n\nTack för ert svar på remissen \"{T(c.Title)}\" (diarienummer {T(c.CaseNumber ?? "–")}). Det registrerades {{{{received}}}} (version {{{{version}}}}).\n\n" +
                   "Ställningstagande: {{position}}\nSvarande: {{respondent}} ({{role}})\nBilaga: {{attachment}}\nSynpunkter:\n{{comments}}\n\n" +
                   $"Ni kan ändra svaret via länken i inbjudan fram till {SwedishTime.Format(c.Deadline)}.\n";
        var html = $"<p>Hej {{{{name}}}},</p><p>Tack för ert svar på remissen <strong>{H(c.Title)}</strong> (diarienummer {H(c.CaseNumber ?? "–")}). Det registrerades {{{{received}}}} (version {{{{version}}}}).</p>" +
                   "<table role=\"presentation\"><tr><th align=\"left\">Ställningstagande</th><td>{{position}}</td></tr><tr><th align=\"left\">Svarande</th><td>{{respondent}} ({{role}})</td></tr>" +
                   "<tr><th align=\"left\">Bilaga</th><td>{{attachment}}</td></tr></table><p><strong>Synpunkter</strong></p><pre style=\"white-space:pre-wrap;font-family:inherit\">{{comments}}</pre>" +
                   $"<p>Ni kan ändra svaret via länken i inbjudan fram till {H(SwedishTime.Format(c.Deadline))}.</p>";
        return new EmailBatch($"Kvitto: svar på remiss {T(c.CaseNumber ?? "utan diarienummer")}: {T(c.Title)}", html, text,
            [new EmailRecipient(id, consultee.Email, consultee.Name, values)]);
    }

    /// <param name="undelivered">Consultees whose mail the provider refused for good, or may not have received.</param>
    public static EmailBatch Compiled(Consultation c, string compilationUrl, int answered, int total, EmailMessageId id,
        IReadOnlyList<(Consultee Consultee, EmailOutcome Outcome)>? undelivered = null)
    {
        var text = $"Hej {T(c.OwnerName)},\n\nRemissen \"{T(c.Title)}\" (diarienummer {T(c.CaseNumber ?? "–")}) är avslutad. {answered} av {total} remissinstanser svarade.\n" +
                   $"Remissammanställningen: {compilationUrl}\n(Logga in som administratör för att öppna den.)\n";
        var html = $"<p>Hej {H(c.OwnerName)},</p><p>Remissen <strong>{H(c.Title)}</strong> (diarienummer {H(c.CaseNumber ?? "–")}) är avslutad. {answered} av {total} remissinstanser svarade.</p>" +
                   $"<p><a href=\"{H(compilationUrl)}\">Öppna remissammanställningen</a> (logga in som administratör).</p>";
        foreach (var (outcome, heading) in new[]
        {
            (EmailOutcome.Failed, "E-post till dessa remissinstanser kunde inte levereras (adressen avvisades) och skickades inte igen:"),
            (EmailOutcome.Unknown, "E-post till dessa remissinstanser skickades, men leveransen kunde inte bekräftas:"),
        })
        {
            var who = (undelivered ?? []).Where(u => u.Outcome == outcome).Select(u => $"{u.Consultee.Name} <{u.Consultee.Email}>").ToList();
            if (who.Count > 0)
            {
                text += $"\n{heading}\n" + string.Concat(who.Select(w => $"- {T(w)}\n"));
                html += $"<p>{heading}</p><ul>" + string.Concat(who.Select(w => $"<li>{H(w)}</li>")) + "</ul>";
            }
        }

        return new EmailBatch($"Remissammanställning klar: {T(c.CaseNumber ?? "utan diarienummer")}: {T(c.Title)}", html, text,
            [new EmailRecipient(id, c.OwnerEmail, c.OwnerName, new Dictionary<string, string>())]);
    }

    /// <summary>The deadline as an iCalendar event (RFC 5545) at the deadline instant.</summary>
    public static string Calendar(Consultation c)
    {
        var calendar = new Calendar { ProductId = "-//Lokala BRÅ//Remiss//SV" };
        calendar.Events.Add(new CalendarEvent
        {
            Uid = $"remiss-{c.Id}@lokala-bra",
            Summary = $"Sista svarsdag: remiss {c.CaseNumber ?? ""} {c.Title}".Replace("  ", " ", StringComparison.Ordinal),
            Description = $"Sista dag att svara på remissen \"{c.Title}\". Svara via länken i e-postmeddelandet.",
            Start = new CalDateTime(c.Deadline.UtcDateTime.AddMinutes(-30)),
            End = new CalDateTime(c.Deadline.UtcDateTime),
        });
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    /// <summary>Shared text in the HTML part: encoded, and unable to form a placeholder.</summary>
    private static string H(string value) => WebUtility.HtmlEncode(T(value));

    /// <summary>Shared text in subject and text part: unable to form a placeholder.</summary>
    private static string T(string value) => value.Replace("{{", "{ {", StringComparison.Ordinal);
}
