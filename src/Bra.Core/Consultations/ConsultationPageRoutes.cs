using Microsoft.AspNetCore.Http;
using System.Globalization;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>
/// The administrators' consultation pages of the staff workspace: the list, and one consultation's page with its forms
/// (add consultees, move the deadline, close early, cancel, register an answer received by post or email) and
/// downloads. The forms call the same <see cref="ConsultationSteering"/> as the API (anti-forgery token,
/// POST-redirect-GET, Swedish error summary, what was typed kept).
/// </summary>
public sealed class ConsultationPageRoutes(
    ConsultationStatus status, ConsultationStore store, ConsultationSteering steering, DocumentStore documents, StaffForms forms, TimeProvider time) : IRouteSource
{
    /// <summary>The pasted consultees: up to the cap of 5,000 lines of name, address and organisation.</summary>
    private const long ConsulteesFormBytes = 1024 * 1024;

    /// <summary>An answer with its attachment (the attachment's own limit is checked when it is stored).</summary>
    private const long AnswerFormBytes = DocumentStore.MaxAnswerAttachmentBytes + 512 * 1024;

    /// <summary>The register form's fields in the order of the form (and of its error summary).</summary>
    private static readonly string[] AnswerFields = ["consulteeId", "position", "comments", "respondentName", "respondentRole", "receivedAt", "attachment"];

    public const string AddHeading = "Remissinstanserna kunde inte läggas till";
    public const string DeadlineHeading = "Sista svarsdag kunde inte flyttas";
    public const string CancelHeading = "Remissen kunde inte återkallas";
    public const string CloseHeading = "Remissen kunde inte stängas";
    public const string RegisterHeading = "Svaret kunde inte registreras";

    public IEnumerable<AppRoute> Routes =>
    [
        new("ConsultationsPage", "GET", "staff/consultations", Access.Administrator, ListAsync) { Navigation = new(20, "Remisser") },
        new("ConsultationPage", "GET", "staff/consultations/{id}", Access.Administrator, c => PageAsync(c, null)),
        new("CloseConsultationForm", "POST", "staff/consultations/{id}/close", Access.Administrator, CloseAsync),
        new("AddConsulteesForm", "POST", "staff/consultations/{id}/consultees", Access.Administrator, AddConsulteesAsync),
        new("MoveConsultationDeadlineForm", "POST", "staff/consultations/{id}/deadline", Access.Administrator, MoveDeadlineAsync),
        new("CancelConsultationForm", "POST", "staff/consultations/{id}/cancel", Access.Administrator, CancelAsync),
        new("RegisterConsultationResponseForm", "POST", "staff/consultations/{id}/responses", Access.Administrator, RegisterResponseAsync),
        new("ConsultationDocumentDownload", "GET", "staff/consultations/{id}/document", Access.Administrator, DocumentAsync),
    ];

    /// <summary>A form that came back: its error summary (or a refusal of the whole action) and what was typed.</summary>
    private sealed record Returned(string Heading, int Status, IReadOnlyDictionary<string, string[]> Errors, IReadOnlyDictionary<string, string?> Values,
        string? Refusal = null);

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var views = await status.ListAsync(withConsultees: true, c.Aborted, c.Durable);
        return new PageResult<ConsultationsPage>(new Dictionary<string, object?>
        {
            [nameof(ConsultationsPage.Consultations)] = views.OrderBy(v => v.State == ConsultationState.Open ? 0 : 1).ThenBy(v => v.Deadline).ToList(),
        });
    }

    private async Task<IResult> PageAsync(RequestContext c, Returned? returned)
    {
        var id = c.Route("id");
        var viewRead = status.GetAsync(id, withConsultees: true, c.Aborted, c.Durable);
        var dataRead = store.LoadAsync(id, c.Aborted);
        await Task.WhenAll(viewRead, dataRead);
        if (await viewRead is not { } view || await dataRead is not { } data)
        {
            return PageResult.NotFound();
        }

        var names = data.Consultees.ToDictionary(x => x.Id, x => x.Name, StringComparer.Ordinal);
        var attachments = data.Answers.Where(a => a.AttachmentId is not null).DistinctBy(a => a.AttachmentId)
            .Select(a => new ConsultationPage.AttachmentLink(a.AttachmentId!, a.AttachmentName ?? a.AttachmentId!, names.GetValueOrDefault(a.ConsulteeId) ?? "", a.Version))
            .ToList();
        return new PageResult<ConsultationPage>(new Dictionary<string, object?>
        {
            [nameof(ConsultationPage.View)] = view,
            [nameof(ConsultationPage.DocumentFileName)] = data.Consultation.DocumentFileName,
            [nameof(ConsultationPage.Attachments)] = attachments,
            [nameof(ConsultationPage.TakesAnswers)] = data.Consultation.TakesAnswersAt(time.GetUtcNow()),
            [nameof(ConsultationPage.Notice)] = returned is null ? Notice(c.Request.Query) : null,
            [nameof(ConsultationPage.Error)] = returned?.Refusal is { } refusal ? $"{returned.Heading}. {refusal}" : null,
            [nameof(ConsultationPage.ErrorHeading)] = returned?.Heading ?? "",
            [nameof(ConsultationPage.Errors)] = returned?.Errors ?? new Dictionary<string, string[]>(),
            [nameof(ConsultationPage.Values)] = returned?.Values ?? new Dictionary<string, string?>(),
        }, returned?.Status ?? StatusCodes.Status200OK);
    }

    private static string? Notice(IQueryCollection query) =>
        query.ContainsKey("stangd") ? "Remissen är stängd. Sammanställningen sparas här och är intern; remissinstanserna får den inte. Remissens ägare får ett e-postmeddelande när den är klar."
        : query.TryGetValue("tillagda", out var added) && int.TryParse(added, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (n == 1 ? "1 remissinstans är tillagd och får en inbjudan med sin egen länk." : $"{n} remissinstanser är tillagda och får var sin inbjudan med egen länk.")
        : query.ContainsKey("flyttad") ? "Sista svarsdag är flyttad. Påminnelser skickas efter den nya dagen."
        : query.ContainsKey("aterkallad") ? "Remissen är återkallad. Länkarna har slutat fungera och remissinstanserna får besked med skälet."
        : query.ContainsKey("registrerat") ? "Svaret är registrerat."
        : null;

    /// <summary>"Lägg till remissinstanser": pasted lines, every wrong line reported by its number; nothing is added until all are right.</summary>
    private Task<IResult> AddConsulteesAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var text = form[ConsulteeLines.Field].ToString();
        var values = new Dictionary<string, string?> { [ConsulteeLines.Field] = text };
        var pasted = ConsulteeLines.Parse(text);
        if (pasted.Errors.Count > 0)
        {
            return await PageAsync(c, new Returned(AddHeading, StatusCodes.Status400BadRequest, pasted.Errors, values));
        }

        var id = c.Route("id");
        var result = await steering.AddConsulteesAsync(id, pasted.Consultees, c.Durable, c.Aborted);
        return await AnswerAsync(c, result, $"/staff/consultations/{id}?tillagda={pasted.Consultees.Count}", AddHeading, values,
            errors => ConsulteeLines.ByLine(errors, pasted.Lines));
    }, ConsulteesFormBytes);

    /// <summary>"Flytta sista svarsdag": a later date (the form's date field) or instant.</summary>
    private Task<IResult> MoveDeadlineAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var (id, deadline) = (c.Route("id"), form["deadline"].ToString());
        return await AnswerAsync(c, await steering.MoveDeadlineAsync(id, deadline, c.Durable, c.Aborted), $"/staff/consultations/{id}?flyttad=1", DeadlineHeading,
            new() { ["deadline"] = deadline }, e => e);
    });

    /// <summary>"Stäng remissen nu".</summary>
    private Task<IResult> CloseAsync(RequestContext c) => forms.HandleAsync(c, async _ =>
    {
        var id = c.Route("id");
        return await AnswerAsync(c, await steering.CloseEarlyAsync(id, c.Durable, c.Aborted), $"/staff/consultations/{id}?stangd=1", CloseHeading, new(), e => e);
    });

    /// <summary>"Återkalla remissen" with a required reason, which is sent to the consultees.</summary>
    private Task<IResult> CancelAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var (id, reason) = (c.Route("id"), form["reason"].ToString());
        return await AnswerAsync(c, await steering.CancelAsync(id, reason, c.Durable, c.Aborted), $"/staff/consultations/{id}?aterkallad=1", CancelHeading,
            new() { ["cancel-reason"] = reason }, errors => errors.ToDictionary(e => e.Key == "reason" ? "cancel-reason" : e.Key, e => e.Value));
    });

    /// <summary>"Registrera ett svar" that came by post or email, with an optional attachment: the API's rules, plus the date it came in.</summary>
    private Task<IResult> RegisterResponseAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var field in AnswerFields)
        {
            values[field] = form[field].ToString();
        }

        var file = form.Files.GetFile("attachment") is { Length: > 0 } f ? f : null;
        if (file is not null)
        {
            // A file input cannot be filled in again, so the page asks for the file again when the form comes back.
            values["attachmentName"] = Path.GetFileName(file.FileName);
        }

        var received = DateInput.Read(values["receivedAt"]);
        if (received.Problem is not null)
        {
            return await PageAsync(c, new Returned(RegisterHeading, StatusCodes.Status400BadRequest,
                new Dictionary<string, string[]> { ["receivedAt"] = [DateInput.Error("Datum då svaret kom in", received, SwedishTime.Today(time)) + " Lämna fältet tomt för i dag."] }, values));
        }

        var attachment = await UploadFormReader.ReadAsync(form, "attachment", c.Aborted);

        var id = c.Route("id");
        var input = new RegisterResponseInput(values["consulteeId"], values["position"], values["comments"], values["respondentName"], values["respondentRole"], ReceivedAt(received.Date));
        var result = await steering.RegisterResponseAsync(id, input, attachment, c.Staff.Person.Id, c.Aborted);
        return await AnswerAsync(c, result, $"/staff/consultations/{id}?registrerat=1", RegisterHeading, values,
            errors => errors.OrderBy(e => Array.IndexOf(AnswerFields, e.Key) is var i and >= 0 ? i : AnswerFields.Length)
                .ToDictionary(e => e.Key, e => e.Key == "consulteeId" ? ["Välj vilken remissinstans svaret kommer från."] : e.Value));
    }, AnswerFormBytes);

    /// <summary>
    /// The date the answer came in: none or today means now; an earlier date its first minute in Swedish time (so an
    /// answer that came on the deadline's day is not late); a later date is left to the service to refuse.
    /// </summary>
    private DateTimeOffset? ReceivedAt(DateOnly? date) =>
        date is not { } day || day == SwedishTime.Today(time) ? null : SwedishTime.At(day, TimeOnly.MinValue);

    /// <summary>The consultation's document as it was sent.</summary>
    private async Task<IResult> DocumentAsync(RequestContext c) =>
        await store.GetAsync(c.Route("id"), c.Aborted) is { } header && await documents.GetAsync(header.Value.DocumentId, c.Aborted) is { } document
            ? DocumentRoutes.Download(await documents.OpenFileAsync(document, c.Aborted))
            : PageResult.NotFound();

    /// <summary>Success: POST-redirect-GET to the page with a notice. Otherwise the page again with what was typed: field errors (400) or a refusal (409).</summary>
    private Task<IResult> AnswerAsync<T>(RequestContext c, Result<T> result, string done, string heading, Dictionary<string, string?> values,
        Func<IReadOnlyDictionary<string, string[]>, IReadOnlyDictionary<string, string[]>> fields) =>
        FormAnswer.FromAsync(result, _ => StaffForms.SeeOther(done), refusal =>
            PageAsync(c, new Returned(heading, refusal.Status, refusal.Message is null ? fields(refusal.Errors) : refusal.Errors, values, refusal.Message)));
}
