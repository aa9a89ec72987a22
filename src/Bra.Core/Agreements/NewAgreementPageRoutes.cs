using Microsoft.AspNetCore.Http;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Pages;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Agreements;

/// <summary>
/// <c>/staff/agreements/new</c> (administrators): upload the document, paste the signers, preview, send. The uploaded file
/// is stored through the Documents feature at the first post, whatever else is wrong, and its id travels in the form
/// from then on, so a page with errors or a preview never asks for the file again and never stores it twice. Sending
/// goes through the same <see cref="AgreementService"/> as <c>POST /api/agreements</c>.
/// </summary>
public sealed class NewAgreementPageRoutes(
    AgreementService service, DocumentStore documents, StaffForms forms, IOptions<AgreementOptions> options, TimeProvider time) : IRouteSource
{
    /// <summary>The largest document plus room for the text fields.</summary>
    public const long MaxFormBytes = DocumentStore.MaxStaffDocumentBytes + 256 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("NewAgreementPage", "GET", "staff/agreements/new", Access.Administrator,
            _ => Task.FromResult(Page(NewAgreementForm.Blank(DefaultExpiry()), null, new Dictionary<string, string[]>(), null, null, StatusCodes.Status200OK))),
        new("SendAgreementForm", "POST", "staff/agreements/new", Access.Administrator, PostAsync),
    ];

    /// <summary>"Förhandsgranska" shows what will be sent; "Skicka överenskommelsen" sends it (303 to its page).</summary>
    private async Task<IResult> PostAsync(RequestContext c)
    {
        var read = await forms.ReadAsync(c, MaxFormBytes);
        if (read.Form is not { } form)
        {
            return StaffForms.Refused(read, MaxFormBytes);
        }

        var values = NewAgreementForm.Read(form);
        var (document, fileError) = await DocumentAsync(c, form, values.DocumentId);
        values = values with { DocumentId = document?.Id };
        var people = values.People();
        var input = values.Input(document?.Id, people);
        var send = form["action"].ToString() == "send";
        if (fileError is not null || people.Errors.Count > 0 || !send)
        {
            var errors = values.Errors(fileError, people, await service.CheckAsync(input, c.Aborted));
            return errors.Count > 0
                ? Page(values, document, errors, null, null, StatusCodes.Status400BadRequest)
                : Page(values, document, errors, input, null, StatusCodes.Status200OK);
        }

        var result = await service.StartAsync(input, c.Staff.Person, c.Durable, c.Aborted, values.SendKey);
        return result.Status switch
        {
            ResultStatus.Created or ResultStatus.Ok => StaffForms.SeeOther($"/staff/agreements/{result.Value!.Id}?skickad=1"),
            ResultStatus.Invalid => Page(values, document, values.Errors(null, people, result.Errors!), null, null, StatusCodes.Status400BadRequest),
            _ => Page(values, document, new Dictionary<string, string[]>(), null, result.Message, StatusCodes.Status409Conflict),
        };
    }

    /// <summary>
    /// A newly chosen file is stored (and replaces an earlier one); otherwise the document an earlier post of this person stored is used.
    /// A refused new file keeps the earlier document in the form and says why.
    /// </summary>
    private async Task<(StoredDocument? Document, string? Error)> DocumentAsync(RequestContext c, IFormCollection form, string? carriedId)
    {
        // Only a document this person uploaded is taken from the hidden field, as on the new consultation form.
        var carried = await documents.GetUploadedByAsync(carriedId, c.Staff.Person.Id, c.Aborted);
        if (form.Files.GetFile("file") is { FileName.Length: > 0 } file)
        {
            var upload = await UploadFormReader.ReadAsync(form, "file", c.Aborted) ?? new Upload(file.FileName, []);
            var (stored, error) = await documents.SaveStaffDocumentAsync(upload, c.Staff.Person.Id, c.Aborted);
            return stored is null ? (carried, error) : (stored, null);
        }

        return carried is not null ? (carried, null)
            : carriedId is not null ? (null, "Dokumentet kunde inte hittas. Välj filen igen.")
            : (null, "Välj dokumentet som ska undertecknas.");
    }

    private DateOnly DefaultExpiry() => DateOnly.FromDateTime(SwedishTime.Local(time.GetUtcNow() + options.Value.DefaultExpiry).DateTime);

    private IResult Page(
        NewAgreementForm values, StoredDocument? document, Dictionary<string, string[]> errors, CreateAgreementInput? preview, string? refusal, int status) =>
        new PageResult<NewAgreementPage>(new Dictionary<string, object?>
        {
            [nameof(NewAgreementPage.Form)] = values,
            [nameof(NewAgreementPage.Document)] = document,
            [nameof(NewAgreementPage.Errors)] = errors,
            [nameof(NewAgreementPage.Preview)] = preview,
            [nameof(NewAgreementPage.Refusal)] = refusal,
            [nameof(NewAgreementPage.DefaultDays)] = (int)options.Value.DefaultExpiry.TotalDays,
            [nameof(NewAgreementPage.MaxMegabytes)] = DocumentStore.MaxStaffDocumentBytes / 1024 / 1024,
        }, status);
}
