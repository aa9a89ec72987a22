using System.Text;
using Bra.Core.Csv;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>One consultee's line of the compilation: the last answer version (if any) and how it came in.</summary>
public sealed record CompilationRow(
    string ConsulteeId,
    string Name,
    string? Organisation,
    Answer? Answer,
    DateTimeOffset? FirstAnsweredAt,
    int Versions,
    string? DelegatedTo,
    string? DelegatedFrom)
{
    public string PositionText => Answer is { } a ? Consultations.PositionText.Swedish(a.Position)
        : DelegatedTo is not null ? $"Vidarebefordrad till {DelegatedTo}" : Consultations.PositionText.NotAnswered;

    public string AnsweredText => Answer is { } a ? SwedishTime.Short(a.ReceivedAt) : "";

    public bool Late => Answer?.Late == true;
}

/// <summary>
/// The remissammanställning: one model, rendered as HTML (Razor), CSV and Markdown. A model with a
/// <see cref="PreviewNote"/> is a preview (the consultation is not compiled yet) and says so in HTML and Markdown.
/// Attachments link to <see cref="AttachmentUrl"/> under <see cref="LinkBase"/> (the application's public address).
/// </summary>
public sealed record CompilationModel(
    Consultation Consultation, DateTimeOffset GeneratedAt, IReadOnlyList<CompilationRow> Rows, string? PreviewNote = null, string LinkBase = "/")
{
    public const string PreviewTitle = "Förhandsvisning – inte den slutliga sammanställningen";

    public static CompilationModel From(ConsultationData data, DateTimeOffset now, string? previewNote = null, string linkBase = "/")
    {
        var byId = data.Consultees.ToDictionary(c => c.Id);
        var rows = data.Consultees.Select(c =>
        {
            var (last, firstAt, count) = ConsultationData.AnswersOf(c);
            return new CompilationRow(c.Id, c.Name, c.Organisation, last, firstAt, count,
                c.DelegatedTo?.Name, c.DelegatedFromId is { } from && byId.TryGetValue(from, out var f) ? f.Name : null);
        }).ToList();
        return new CompilationModel(data.Consultation, now, rows, previewNote, linkBase);
    }

    /// <summary>
    /// The administrators' download of an answer's attachment on the staff pages
    /// (<c>GET staff/consultations/{id}/attachments/{documentId}</c>): the compilation is read in a browser, whose sign-in
    /// counts under <c>/staff</c> only. API clients use <c>GET api/consultations/{id}/attachments/{documentId}</c>.
    /// </summary>
    public string? AttachmentUrl(Answer answer) => answer.AttachmentId is { } id
        ? $"{LinkBase.TrimEnd('/')}/staff/consultations/{Consultation.Id}/attachments/{id}"
        : null;

    public int AnsweredCount => Rows.Count(r => r.Answer is not null);

    private static readonly string[] CsvHeaders = ["Remiss", "Diarienummer", "Dokumentets SHA-256", "Remissinstans", "Organisation", "Ställningstagande",
        "Svarsdatum", "Senast ändrat", "Inkommit efter svarstid", "Svarande", "Roll", "Synpunkter", "Bilaga", "Vidarebefordrad från"];

    /// <summary>
    /// The compilation as CSV in the exports' convention (<see cref="SpreadsheetCsv"/>). The text starts with the byte
    /// order mark (U+FEFF), so its UTF-8 encoding, as stored and served, is the file Excel expects.
    /// </summary>
    public string ToCsv() => Encoding.UTF8.GetString(SpreadsheetCsv.Write(csv =>
        {
            foreach (var header in CsvHeaders)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var row in Rows)
            {
                var a = row.Answer;
                foreach (var field in new[]
                         {
                             Consultation.Title, Consultation.CaseNumber ?? "", Consultation.DocumentSha256, row.Name, row.Organisation ?? "", row.PositionText,
                             row.FirstAnsweredAt is { } first ? SwedishTime.Short(first) : "", row.Versions > 1 ? row.AnsweredText : "",
                             row.Late ? "ja" : "nej", a?.RespondentName ?? "", a?.RespondentRole ?? "", a?.Comments ?? "", a?.AttachmentName ?? "", row.DelegatedFrom ?? "",
                         })
                {
                    csv.WriteField(field);
                }

                csv.EndRecord();
            }
        }));

    public string ToMarkdown()
    {
        var c = Consultation;
        var md = new StringBuilder();
        md.AppendLine(SwedishTime.Culture, $"# Remissammanställning: {Md(c.Title)}").AppendLine();
        if (PreviewNote is not null)
        {
            md.AppendLine(SwedishTime.Culture, $"**{Md(PreviewTitle)}.** {Md(PreviewNote)}").AppendLine();
        }

        md.AppendLine(SwedishTime.Culture, $"- Diarienummer: {Md(c.CaseNumber ?? "–")}")
            .AppendLine(SwedishTime.Culture, $"- Dokument: {Md(c.DocumentFileName)} (SHA-256 `{c.DocumentSha256}`)")
            .AppendLine(SwedishTime.Culture, $"- Skickad: {SwedishTime.Short(c.CreatedAt)}")
            .AppendLine(SwedishTime.Culture, $"- Sista svarsdag: {SwedishTime.Short(c.Deadline)}")
            .AppendLine(SwedishTime.Culture, $"- Sammanställd: {SwedishTime.Short(GeneratedAt)}")
            .AppendLine(SwedishTime.Culture, $"- Svar: {AnsweredCount} av {Rows.Count}").AppendLine()
            .AppendLine("| Remissinstans | Organisation | Ställningstagande | Svarsdatum | Anmärkning |")
            .AppendLine("|---|---|---|---|---|");
        foreach (var row in Rows)
        {
            var note = string.Join(", ", new[] { row.Late ? PositionText.Late : null, row.Versions > 1 ? $"ändrat ({row.Versions} versioner)" : null,
                row.DelegatedFrom is { } from ? $"vidarebefordrad från {from}" : null }.Where(n => n is not null));
            md.AppendLine(SwedishTime.Culture, $"| {Md(row.Name)} | {Md(row.Organisation ?? "")} | {Md(row.PositionText)} | {row.AnsweredText} | {Md(note)} |");
        }

        foreach (var row in Rows.Where(r => r.Answer is not null))
        {
            var a = row.Answer!;
            md.AppendLine().AppendLine(SwedishTime.Culture, $"## {Md(row.Name)}{(row.Organisation is { } o ? ", " + Md(o) : "")}").AppendLine()
                .AppendLine(SwedishTime.Culture, $"- Ställningstagande: {Md(row.PositionText)}")
                .AppendLine(SwedishTime.Culture, $"- Svarande: {Md(a.RespondentName)}{(a.RespondentRole is { } r ? ", " + Md(r) : "")}")
                .AppendLine(SwedishTime.Culture, $"- Inkom: {SwedishTime.Short(a.ReceivedAt)} (version {a.Version}){(a.Late ? " – " + PositionText.Late : "")}")
                .AppendLine(SwedishTime.Culture, $"- Bilaga: {(AttachmentUrl(a) is { } url ? $"[{Md(a.AttachmentName ?? "bilaga")}](<{url}>)" : Md(a.AttachmentName ?? "ingen"))}").AppendLine();
            foreach (var line in (a.Comments ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                md.AppendLine("> " + Md(line));
            }
        }

        return md.ToString();
    }

    /// <summary>Markdown text that renders as the literal characters: markup characters escaped, HTML as entities.</summary>
    internal static string Md(string value)
    {
        var sb = new StringBuilder(value.Length + 8);
        foreach (var ch in value.Replace("\r", "", StringComparison.Ordinal).Replace('\n', ' '))
        {
            switch (ch)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '(' or ')' or '#' or '|' or '!' or '~' or '{' or '}':
                    sb.Append('\\').Append(ch);
                    break;
                default: sb.Append(ch); break;
            }
        }

        return sb.ToString();
    }
}
