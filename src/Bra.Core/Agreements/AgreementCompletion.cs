using System.Security.Cryptography;
using System.Text;
using Bra.Core.Email;
using Bra.Core.Pages;
using Bra.Core.Time;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bra.Core.Agreements;

/// <summary>
/// Seals an agreement everyone signed: the stored document is hashed again and must equal the hash recorded at sending
/// (and the hash every signer saw); a mismatch marks the agreement failed, with the reason, and completes nothing.
/// Then the certificate of completion is written once as PDF and HTML, with its own SHA-256 on the agreement.
/// </summary>
public sealed class AgreementCompletion(
    AgreementStore store, AgreementService service, AgreementMailing mailing, Documents.DocumentStore documents, IServiceProvider services, IOptions<AgreementOptions> options,
    TimeProvider time, ILogger<AgreementCompletion> logger)
{
    public const string CertificateTitle = "Intyg om undertecknande";

    public async Task<AgreementState> CompleteAsync(string id, CancellationToken ct)
    {
        if (await store.LoadAsync(id, ct) is not { } data)
        {
            throw new InvalidOperationException($"Agreement {id} does not exist.");
        }

        if (!data.Agreement.IsOpen || !data.AllSigned)
        {
            return data.State;
        }

        var a = data.Agreement;
        var now = await service.HashAsync(a.DocumentId, ct);
        var seen = data.Signers.Select(s => s.Signature!.DocumentSha256).Where(h => h != a.DocumentSha256).Distinct().ToList();
        if (now != a.DocumentSha256 || seen.Count > 0)
        {
            var failure = now != a.DocumentSha256
                ? $"Dokumentet har ändrats efter att överenskommelsen skickades: SHA-256 är nu {now}, men vid utskicket var den {a.DocumentSha256}. Överenskommelsen har inte slutförts."
                : $"En undertecknare såg ett annat dokument (SHA-256 {seen[0]}) än det som skickades ({a.DocumentSha256}). Överenskommelsen har inte slutförts.";
            logger.LogError("Agreement {AgreementId}: the document hash does not match the one recorded at sending; not completed", id);
            var failed = await store.UpdateAsync(id, x => x.IsOpen ? x with { State = AgreementState.Failed, Failure = failure, EndedAt = time.GetUtcNow() } : null, ct);
            if (failed?.State == AgreementState.Failed && failed.Failure == failure)
            {
                await store.AddEventAsync(id, AgreementEventKind.Failed, null, null, ct);
            }

            return failed?.State ?? AgreementState.Failed;
        }

        var completedAt = data.Signers.Max(s => s.Signature!.At);
        var sections = Sections(data, completedAt);
        var title = $"{CertificateTitle}: {a.Title}";
        var pdf = await store.SaveCertificateAsync(a.Id + ".pdf", AgreementPdf.Render(title, sections, completedAt), "application/pdf", ct);
        var html = await store.SaveCertificateAsync(a.Id + ".html", Encoding.UTF8.GetBytes("<!DOCTYPE html>\n" + await PageRenderer.RenderAsync<CertificatePage>(services,
            new Dictionary<string, object?> { [nameof(CertificatePage.Title)] = title, [nameof(CertificatePage.Sections)] = sections })), "text/html; charset=utf-8", ct);
        var stored = await store.UpdateAsync(id, x => x.IsOpen ? x with
        {
            State = AgreementState.Completed, EndedAt = completedAt,
            CertificateSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf)), CertificateHtmlSha256 = Convert.ToHexStringLower(SHA256.HashData(html)),
        } : null, ct);
        if (stored?.State == AgreementState.Completed && !data.Events.Any(e => e.Kind == AgreementEventKind.Completed))
        {
            await store.AddEventAsync(id, AgreementEventKind.Completed, null, null, ct);
        }

        return stored?.State ?? data.State;
    }

    /// <summary>The completion emails: the document and the PDF certificate attached when together small enough.</summary>
    public async Task<int> SendAsync(string id, CancellationToken ct)
    {
        if (await store.LoadAsync(id, ct) is not { Agreement.State: AgreementState.Completed } data)
        {
            return 0;
        }

        var a = data.Agreement;
        var attachments = new List<EmailAttachment>();
        if (a.DocumentSize + 1024 * 1024 <= options.Value.MaxAttachmentBytes && await store.ReadCertificateAsync(a.Id + ".pdf", ct) is { } pdf
            && a.DocumentSize + pdf.Length <= options.Value.MaxAttachmentBytes)
        {
            await using var stream = await documents.OpenReadAsync(a.DocumentId, ct);
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ct);
            attachments.Add(new EmailAttachment(a.DocumentFileName, a.DocumentContentType, buffer.ToArray()));
            attachments.Add(new EmailAttachment("intyg-om-undertecknande.pdf", "application/pdf", pdf));
        }

        return await mailing.CompletedAsync(id, attachments, ct);
    }

    /// <summary>What the certificate says, in order; the HTML and the PDF both print exactly these sections.</summary>
    public static IReadOnlyList<(string Heading, IReadOnlyList<(string Label, string Value)> Lines)> Sections(AgreementData data, DateTimeOffset completedAt)
    {
        var a = data.Agreement;
        var names = data.Signers.ToDictionary(s => s.Id, s => s.Name);
        var list = new List<(string, IReadOnlyList<(string, string)>)>
        {
            ("Överenskommelse", [
                ("Rubrik", a.Title), ("Diarienummer", a.CaseNumber ?? "–"), ("Id", a.Id), ("Avsändare", $"{a.OwnerName}, {a.OwnerEmail}"),
                ("Skickad", When(a.CreatedAt)), ("Slutförd", When(completedAt)),
                ("Ordning", a.Order == SigningOrder.Sequential ? "En i taget" : "Alla samtidigt"),
            ]),
            ("Dokument", [("Filnamn", a.DocumentFileName), ("Storlek", $"{a.DocumentSize} byte"), ("SHA-256", a.DocumentSha256)]),
        };
        foreach (var s in data.Signers)
        {
            var sig = s.Signature!;
            list.Add(($"Undertecknare {s.Position}: {s.Name}", [
                ("Namn", s.Name), ("E-post", s.Email), ("Organisation", s.Organisation), ("Titel", s.Title ?? "–"),
                ("Skrivet namn", sig.TypedName), ("Undertecknat", When(sig.At)), ("IP-adress", sig.IpAddress), ("Webbläsare", sig.UserAgent),
                ("Dokumentets SHA-256 som visades", sig.DocumentSha256), ("Samtycke", $"\"{AgreementRules.ConsentText}\" (version {sig.ConsentVersion})"),
            ]));
        }

        list.Add(("Händelser", data.Events.Where(e => e.Kind != AgreementEventKind.Completed)
            .Select(e => (When(e.At), Event(e, e.SignerId is null ? null : names.GetValueOrDefault(e.SignerId)))).ToList()));
        list.Add(("Om underskriften", [("", "Underskrifterna är enkla elektroniska underskrifter enligt eIDAS-förordningen (EU) nr 910/2014: "
            + "undertecknaren identifierades genom en personlig länk till sin e-postadress och skrev sitt namn samt godkände texten ovan.")]));
        return list;
    }

    private static string When(DateTimeOffset at) => $"{at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({SwedishTime.Format(at)} svensk tid)";

    private static string Event(AgreementEvent e, string? name) => e.Kind switch
    {
        AgreementEventKind.Sent => "Skickad",
        AgreementEventKind.Invited => $"Inbjudan skickad till {name}",
        AgreementEventKind.Viewed => $"Öppnad av {name}",
        AgreementEventKind.Reminded => $"Påminnelse skickad till {name}",
        AgreementEventKind.Signed => $"Undertecknad av {name}",
        AgreementEventKind.Replaced => $"Undertecknare ersatt av {name}",
        _ => e.Kind.ToString(),
    };
}
