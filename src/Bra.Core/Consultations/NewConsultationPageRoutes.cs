using Microsoft.AspNetCore.Http;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Bra.Core.Documents;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.Validation;
using Microsoft.Extensions.Options;

namespace Bra.Core.Consultations;

/// <summary>
/// "Starta en remiss" (<c>/staff/consultations/new</c>): the form, a preview of what will be sent, and sending. The form
/// posts the API's fields (<c>title</c>, <c>caseNumber</c>, <c>deadline</c>, <c>message</c>, the file <c>document</c>,
/// the pasted <c>consultees</c>); the consultation starts through the same <see cref="ConsultationStarter"/> as
/// <c>POST /api/consultations</c>, so checks and workflow are the API's. Nothing is sent before the person has seen the
/// preview and confirmed it.
/// </summary>
/// <remarks>
/// The uploaded file is stored once, on the first post that carries it (through <see cref="DocumentStore"/>, with the
/// consultation documents' kinds and size), and from then on only its id travels in a hidden field: a form sent back
/// with errors, the preview and the confirmation never ask for the file again, and a large file crosses the network
/// once. The id is honoured only for a document the same person uploaded. A file chosen and then abandoned stays stored
/// without a consultation, as one uploaded through <c>POST /api/documents</c> and never used does.
/// The preview carries a fresh consultation id (<c>formKey</c>): sending the same preview twice (a double click, a
/// resent request) starts one consultation and shows it both times.
/// The route's literal last segment wins over <c>staff/consultations/{id}</c> in both hosts: ASP.NET Core routing
/// prefers literal segments, and so does the Functions host, which orders function routes literal segments first
/// (Azure/azure-webjobs-sdk-extensions, <c>WebJobsRouteBuilder.Build</c>).
/// </remarks>
public sealed partial class NewConsultationPageRoutes(ConsultationStarter starter, DocumentStore documents, StaffForms forms,
    IOptions<AppOptions> app) : IRouteSource
{
    /// <summary>The largest document plus room for the text fields (at most <see cref="PastedPeople.MaxLines"/> pasted lines).</summary>
    public const long MaxFormBytes = DocumentStore.MaxStaffDocumentBytes + 1024 * 1024;

    private static readonly string[] TextFields = ["title", "caseNumber", "deadline", "message", "consultees"];

    public const string Path = "/staff/consultations/new";

    public IEnumerable<AppRoute> Routes =>
    [
        new("NewConsultationPage", "GET", "staff/consultations/new", Access.Administrator, c => Task.FromResult(FormPage(new Dictionary<string, string>(), [], null, null))),
        new("NewConsultationForm", "POST", "staff/consultations/new", Access.Administrator, PostAsync),
    ];

    /// <summary>What one post of the form carries: the typed values, the pasted people, the input for the starter and the document.</summary>
    private sealed record Post(Dictionary<string, string> Values, PastedPeopleResult Pasted, CreateConsultationInput Input, StoredDocument? Document,
        string? DocumentError)
    {
        /// <summary>Whether the form itself is wrong (a pasted line, or a file that was not taken) before any check of the input.</summary>
        public bool Unreadable => DocumentError is not null || Pasted.Errors.Count > 0;
    }

    private async Task<IResult> PostAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c, MaxFormBytes);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read, MaxFormBytes);
        }

        var values = TextFields.ToDictionary(f => f, f => form[f].ToString(), StringComparer.Ordinal);
        var (document, documentError) = await DocumentAsync(form, c.Staff.Person.Id, c.Aborted);
        var pasted = PastedPeople.Parse(values["consultees"], withTitle: false);
        var post = new Post(values, pasted, new CreateConsultationInput(values["title"], values["caseNumber"], document?.Id, values["deadline"],
            values["message"], [.. pasted.People.Select(p => new ConsulteeInput(p.Name, p.Email, p.Organisation))], null), document, documentError);
        return form["step"].ToString() switch
        {
            "edit" => FormPage(values, [], document, null),
            "send" => await SendAsync(c, post, form["formKey"].ToString()),
            _ => await PreviewAsync(c, post),
        };
    }

    /// <summary>The preview of what will be sent, from the consultation the starter would store; or the form with what is wrong.</summary>
    private async Task<IResult> PreviewAsync(RequestContext c, Post post)
    {
        var draft = await starter.DraftAsync(post.Input, c.Staff.Person, c.Aborted);
        if (!draft.Succeeded || post.Unreadable)
        {
            return FormPage(post.Values, Errors(draft, post), post.Document, null);
        }

        return new PageResult<NewConsultationPreviewPage>(new Dictionary<string, object?>
        {
            [nameof(NewConsultationPreviewPage.Values)] = post.Values,
            [nameof(NewConsultationPreviewPage.Document)] = post.Document,
            [nameof(NewConsultationPreviewPage.People)] = post.Pasted.People,
            [nameof(NewConsultationPreviewPage.Deadline)] = draft.Value!.Deadline,
            [nameof(NewConsultationPreviewPage.Invitation)] = await InvitationAsync(c, draft.Value, post.Input.Consultees![0]!),
            [nameof(NewConsultationPreviewPage.FormKey)] = Guid.NewGuid().ToString("N"),
        });
    }

    /// <summary>Starts the previewed consultation under the preview's key (sending twice starts it once) and shows it.</summary>
    private async Task<IResult> SendAsync(RequestContext c, Post post, string key)
    {
        if (post.Unreadable)
        {
            return FormPage(post.Values, Errors(await starter.DraftAsync(post.Input, c.Staff.Person, c.Aborted), post), post.Document, null);
        }

        if (!FormKey().IsMatch(key))
        {
            return FormPage(post.Values, [], post.Document, ("Granska remissen igen innan du skickar den.", StatusCodes.Status400BadRequest));
        }

        Result<Consultation> result;
        try
        {
            result = await starter.StartAsync(post.Input, c.Staff.Person, c.Durable, c.Aborted,
                new FixedConsultationIds(key, [.. post.Pasted.People.Select((_, i) => ConsulteeId(key, i))]));
        }
        catch (ConsultationStartFailedException)
        {
            return FormPage(post.Values, [], post.Document, ("Remissen kunde inte startas just nu och ingenting har skickats. Försök igen om en stund.", StatusCodes.Status503ServiceUnavailable));
        }

        return result.Succeeded ? StaffForms.SeeOther($"/staff/consultations/{result.Value!.Id}") : FormPage(post.Values, Errors(result, post), post.Document, null);
    }

    /// <summary>A file chosen now is stored now; otherwise the document stored by an earlier post of this form, when this person uploaded it.</summary>
    private async Task<(StoredDocument? Document, string? Error)> DocumentAsync(IFormCollection form, string personId, CancellationToken ct)
    {
        var carried = await documents.GetUploadedByAsync(form["documentId"].ToString(), personId, ct);
        if (form.Files.GetFile("document") is not { } file || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return carried is null ? (null, "Välj remissdokumentet: en PDF-, DOCX-, ODT-, TXT- eller Markdown-fil på högst 25 MB.") : (carried, null);
        }

        var upload = await UploadFormReader.ReadAsync(form, "document", ct) ?? new Upload(file.FileName, []);
        var (document, error) = await documents.SaveStaffDocumentAsync(upload, personId, ct);
        return document is not null ? (document, null)
            : carried is not null ? (carried, $"Filen {System.IO.Path.GetFileName(file.FileName)} togs inte emot: {error} Dokumentet som valdes tidigare ({carried.FileName}) gäller tills du väljer en annan fil.")
            : (null, error);
    }

    /// <summary>
    /// Field → messages in the form's order. The starter's <c>consultees[i].x</c> errors become errors of the pasted line
    /// that person came from (the parser hands the people over in order), like the parser's own.
    /// </summary>
    private static Dictionary<string, string[]> Errors(Result<Consultation> verdict, Post post)
    {
        var (checkedErrors, pasted, documentError) = (verdict.Errors ?? new Dictionary<string, string[]>(), post.Pasted, post.DocumentError);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var field in new[] { "title", "caseNumber", "deadline", "message" })
        {
            if (checkedErrors.TryGetValue(field, out var messages))
            {
                errors[field] = messages;
            }
        }

        if (documentError is not null)
        {
            errors["document"] = [documentError];
        }
        else if (checkedErrors.ContainsKey("documentId"))
        {
            errors["document"] = ["Det valda dokumentet finns inte längre. Välj filen igen."];
        }

        foreach (var (key, messages) in ConsulteeLines.ForForm(pasted, checkedErrors))
        {
            errors[key] = messages;
        }

        return errors;
    }

    private IResult FormPage(Dictionary<string, string> values, Dictionary<string, string[]> errors, StoredDocument? document, (string Message, int Status)? refusal) =>
        new PageResult<NewConsultationPage>(new Dictionary<string, object?>
        {
            [nameof(NewConsultationPage.Values)] = values,
            [nameof(NewConsultationPage.Errors)] = errors,
            [nameof(NewConsultationPage.Document)] = document,
            [nameof(NewConsultationPage.Error)] = refusal?.Message,
        }, refusal?.Status ?? (errors.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK));

    /// <summary>The invitation as the first recipient will get it, with a stand-in for their personal link.</summary>
    private async Task<(string Subject, string Text, string Recipient)> InvitationAsync(RequestContext c, Consultation draft, ConsulteeInput first)
    {
        var name = first.Name!.Trim();
        var recipient = new EmailRecipient(new EmailMessageId("", "", ""), first.Email!, first.Name, new Dictionary<string, string>
        {
            ["name"] = name,
            ["organisation"] = TextInput.Optional(first.Organisation) ?? name,
            ["link"] = app.Value.Link("respond/") + "(personlig länk)",
        });
        var (subject, _, text) = (await ConsultationEmails.Invitation(draft, [recipient]).RenderAsync(c.Request.HttpContext.RequestServices)).RenderFor(recipient);
        return (subject, text, name);
    }

    /// <summary>The consultee ids of a form's consultation: fixed by its key, so a second send stores the same rows, not new ones.</summary>
    private static string ConsulteeId(string key, int index) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{key}/{index}")))[..32];

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex FormKey();
}
