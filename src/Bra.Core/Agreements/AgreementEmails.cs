using Bra.Core.Email;
using Bra.Core.Time;

namespace Bra.Core.Agreements;

/// <summary>
/// The agreement's emails (Swedish) as content that <see cref="Mailer"/> renders to HTML (the <see cref="EmailBody"/>
/// component encodes every value) and text; the name and link differ per recipient and travel as placeholders. Every
/// subject names the agreement and its case number.
/// </summary>
public static class AgreementEmails
{
    public static EmailDraft Invitation(AgreementData data, IReadOnlyList<EmailRecipient> recipients) =>
        Compose($"Underteckna: {Name(data.Agreement)}", recipients, m => m
            .P($"{data.Agreement.OwnerName} på Lokala BRÅ ber dig underteckna överenskommelsen \"{data.Agreement.Title}\".")
            .Facts(Facts(data))
            .Quote(data.Agreement.Message)
            .Link("Läs och underteckna överenskommelsen", EmailContent.LinkField)
            .P("Länken är personlig och bunden till dig. Vidarebefordra den inte. Du kan också avböja att underteckna från samma sida.")
            .P($"Frågor besvaras av {data.Agreement.OwnerName}, {data.Agreement.OwnerEmail}."));

    public static EmailDraft Reminder(AgreementData data, IReadOnlyList<EmailRecipient> recipients) =>
        Compose($"Påminnelse: underteckna {Name(data.Agreement)}", recipients, m => m
            .P($"Påminnelse: överenskommelsen \"{data.Agreement.Title}\" väntar på din underskrift.")
            .Facts(Facts(data))
            .Link("Läs och underteckna överenskommelsen", EmailContent.LinkField)
            .P($"Frågor besvaras av {data.Agreement.OwnerName}, {data.Agreement.OwnerEmail}."));

    public static EmailDraft Declined(AgreementData data, Signer decliner, IReadOnlyList<EmailRecipient> recipients) =>
        Compose($"Avböjd: {Name(data.Agreement)}", recipients, m => m
            .P($"{decliner.Name} ({decliner.Organisation}) har avböjt att underteckna överenskommelsen \"{data.Agreement.Title}\". Överenskommelsen är avslutad och kan inte längre undertecknas.")
            .P($"Skäl: {decliner.DeclinedReason}")
            .P("Skälet går bara till dig som avsändare. De andra undertecknarna får veta att överenskommelsen är avböjd, men inte varför.")
            .P($"Frågor besvaras av {data.Agreement.OwnerName}, {data.Agreement.OwnerEmail}."));

    /// <summary>A decline told to the other signers: the fact and who, not the reason (that goes to the sender alone).</summary>
    public static EmailDraft DeclinedToSigners(AgreementData data, Signer decliner, IReadOnlyList<EmailRecipient> recipients) =>
        Compose($"Avböjd: {Name(data.Agreement)}", recipients, m => m
            .P($"{decliner.Organisation} har avböjt att underteckna överenskommelsen \"{data.Agreement.Title}\". Överenskommelsen är avslutad och kan inte längre undertecknas. Länken du fått slutar gälla.")
            .P($"Frågor besvaras av {data.Agreement.OwnerName}, {data.Agreement.OwnerEmail}."));

    public static EmailDraft Cancelled(AgreementData data, IReadOnlyList<EmailRecipient> recipients) =>
        Compose($"Återkallad: {Name(data.Agreement)}", recipients, m => m
            .P($"Överenskommelsen \"{data.Agreement.Title}\" har återkallats av avsändaren och kan inte längre undertecknas. Länken du fått slutar gälla.")
            .P($"Skäl: {data.Agreement.EndReason}")
            .P($"Frågor besvaras av {data.Agreement.OwnerName}, {data.Agreement.OwnerEmail}."));

    public static EmailDraft Expired(AgreementData data, IReadOnlyList<EmailRecipient> recipients)
    {
        var missing = data.Signers.Where(s => s.State != SignerState.Signed).Select(s => $"{s.Name} ({s.Organisation})");
        return Compose($"Utgången: {Name(data.Agreement)}", recipients, m => m
            .P($"Tiden för att underteckna överenskommelsen \"{data.Agreement.Title}\" gick ut {SwedishTime.Format(data.Agreement.ExpiresAt)}. Länkarna slutar gälla.")
            .P("Undertecknade inte: " + string.Join(", ", missing)));
    }

    public static EmailDraft Failed(AgreementData data, IReadOnlyList<EmailRecipient> recipients) =>
        Compose($"Fel: {Name(data.Agreement)} kunde inte slutföras", recipients, m => m
            .P($"Alla har undertecknat överenskommelsen \"{data.Agreement.Title}\", men den kunde inte slutföras.")
            .P(data.Agreement.Failure ?? ""));

    /// <summary>
    /// The signed copy: the document and certificate attached, or (when too large) linked from the signer's page; a cc
    /// without a page of their own is pointed to the sender.
    /// </summary>
    public static EmailDraft Completed(AgreementData data, IReadOnlyList<EmailRecipient> recipients, IReadOnlyList<EmailAttachment> attachments, bool linked = false)
    {
        var a = data.Agreement;
        var signed = data.Signers.Select(s => $"{s.Name} ({s.Organisation}), {SwedishTime.Format(s.Signature!.At)}").ToList();
        return Compose($"Undertecknad: {Name(a)}", recipients, m =>
        {
            m.P($"Överenskommelsen \"{a.Title}\" är undertecknad av alla parter.")
                .P("Undertecknad av: " + string.Join("; ", signed))
                .P($"Dokumentets SHA-256: {a.DocumentSha256}")
                .P($"Intygets SHA-256: {a.CertificateSha256}");
            if (attachments.Count > 0)
            {
                m.P("Dokumentet och intyget om undertecknande är bifogade.");
            }
            else if (linked)
            {
                m.P("Dokumentet och intyget är för stora för att bifogas. Ladda ner dem via din personliga länk:").Link("Ladda ner dokumentet och intyget", EmailContent.LinkField);
            }
            else
            {
                m.P($"Dokumentet och intyget är för stora för att bifogas. Du får dem av {a.OwnerName}, {a.OwnerEmail}.");
            }

            return m.P("Vill du kontrollera en fil senare: den som har filen kan jämföra dess SHA-256 med värdet ovan.");
        }, attachments);
    }

    private static IEnumerable<(string, string)> Facts(AgreementData data)
    {
        var a = data.Agreement;
        yield return ("Diarienummer", a.CaseNumber ?? "–");
        yield return ("Från", $"{a.OwnerName}, {a.OwnerEmail}");
        yield return ("Parter", string.Join("; ", data.Signers.Select(s => $"{s.Name}, {s.Organisation}")));
        yield return ("Ordning", a.Order == SigningOrder.Sequential ? "En i taget, i tur och ordning" : "Alla samtidigt");
        yield return ("Sista dag att underteckna", SwedishTime.Format(a.ExpiresAt));
    }

    private static string Name(Agreement a) => a.CaseNumber is null ? a.Title : $"{a.Title} ({a.CaseNumber})";

    private static EmailDraft Compose(string subject, IReadOnlyList<EmailRecipient> recipients, Func<EmailContent, EmailContent> body,
        IReadOnlyList<EmailAttachment>? attachments = null) =>
        new(subject, body(new EmailContent().Greeting()), recipients, attachments);
}
