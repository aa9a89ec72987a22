using Microsoft.AspNetCore.Http;
using System.Text;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Pages;
using Microsoft.Extensions.Options;

namespace Bra.Core.Consultations;

/// <summary>The administrators' consultation API: start, list, status, steer, register answers, compilation.</summary>
public sealed class ConsultationRoutes(
    ConsultationStore store, ConsultationStatus status, ConsultationStarter starter, TimeProvider time, ConsultationCloser closer, DocumentStore documents,
    IOptions<AppOptions> app, ConsultationSteering steering) : IRouteSource
{
    private const long BodyLimit = 4 * 1024 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("StartConsultation", "POST", "api/consultations", Access.Administrator, StartAsync) { Body = typeof(CreateConsultationInput), Returns = typeof(ConsultationAccepted), Success = 202, ProblemStatuses = [503] },
        new("ListConsultations", "GET", "api/consultations", Access.Administrator, ListAsync) { Returns = typeof(IReadOnlyList<ConsultationView>) },
        new("GetConsultation", "GET", "api/consultations/{id}", Access.Administrator, async c =>
            await status.GetAsync(c.Route("id"), withConsultees: true, c.Aborted, c.Durable) is { } view ? TypedResults.Ok(view) : NotFound()) { Returns = typeof(ConsultationView) },
        new("AddConsultees", "POST", "api/consultations/{id}/consultees", Access.Administrator, AddConsulteesAsync) { Body = typeof(AddConsulteesInput), Returns = typeof(ConsulteesAdded), Success = 202, ProblemStatuses = [409] },
        new("MoveConsultationDeadline", "POST", "api/consultations/{id}/deadline", Access.Administrator, MoveDeadlineAsync) { Body = typeof(MoveDeadlineInput), Returns = typeof(ConsultationView), ProblemStatuses = [409] },
        new("CloseConsultationEarly", "POST", "api/consultations/{id}/close", Access.Administrator, CloseAsync) { Returns = typeof(ConsultationStateChange), Success = 202, ProblemStatuses = [409] },
        new("CancelConsultation", "POST", "api/consultations/{id}/cancel", Access.Administrator, CancelAsync) { Body = typeof(CancelInput), Returns = typeof(ConsultationStateChange), Success = 202, ProblemStatuses = [409] },
        new("RegisterConsultationResponse", "POST", "api/consultations/{id}/responses", Access.Administrator, RegisterResponseAsync) { Body = typeof(RegisterResponseInput), Returns = typeof(Answer), Success = 201, ProblemStatuses = [409] },
        new("GetConsultationCompilation", "GET", "api/consultations/{id}/compilation", Access.Administrator, CompilationAsync) { Query = ["format"], Produces = ["text/html", "text/csv", "text/markdown"] },
        new("GetConsultationAttachment", "GET", "api/consultations/{id}/attachments/{documentId}", Access.Administrator, AttachmentAsync) { Produces = ["application/octet-stream"] },
        // The compilation for the staff pages: the browser's sign-in is honoured under /staff only, not on /api.
        new("ConsultationCompilationDownload", "GET", "staff/consultations/{id}/compilation", Access.Administrator, CompilationAsync),
        new("ConsultationAttachmentDownload", "GET", "staff/consultations/{id}/attachments/{documentId}", Access.Administrator, AttachmentAsync),
    ];

    private async Task<IResult> StartAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<CreateConsultationInput>(c.Request, BodyLimit);
        if (error is not null)
        {
            return error;
        }

        Result<Consultation> result;
        try
        {
            result = await starter.StartAsync(input!, c.Staff.Person, c.Durable, c.Aborted);
        }
        catch (ConsultationStartFailedException)
        {
            return Problems.Unavailable("Remissen kunde inte startas just nu och inget har skickats. Försök igen om en stund.");
        }

        return ApiAnswer.From(result, consultation =>
        {
            var location = $"/api/consultations/{consultation.Id}";
            return TypedResults.Accepted(location, new ConsultationAccepted(consultation.Id, location));
        });
    }

    private async Task<IResult> ListAsync(RequestContext c)
    {
        return TypedResults.Ok(await status.ListAsync(withConsultees: false, c.Aborted, c.Durable));
    }

    private async Task<IResult> AddConsulteesAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<AddConsulteesInput>(c.Request, BodyLimit);
        if (error is not null)
        {
            return error;
        }

        var result = await steering.AddConsulteesAsync(c.Route("id"), input!.Consultees, c.Durable, c.Aborted);
        return ApiAnswer.From(result, added => TypedResults.Accepted($"/api/consultations/{c.Route("id")}",
            new ConsulteesAdded(added.Select(a => new AddedConsultee(a.Id, a.Name, a.Email, a.Organisation)).ToList())));
    }

    private async Task<IResult> MoveDeadlineAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<MoveDeadlineInput>(c.Request);
        if (error is not null)
        {
            return error;
        }

        return ApiAnswer.From(await steering.MoveDeadlineAsync(c.Route("id"), input!.Deadline, c.Durable, c.Aborted), view => TypedResults.Ok(view));
    }

    private async Task<IResult> CloseAsync(RequestContext c) =>
        ApiAnswer.From(await steering.CloseEarlyAsync(c.Route("id"), c.Durable, c.Aborted),
            closed => TypedResults.Accepted($"/api/consultations/{closed.Id}", new ConsultationStateChange(closed.Id, ConsultationState.Closed)));

    private async Task<IResult> CancelAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<CancelInput>(c.Request);
        if (error is not null)
        {
            return error;
        }

        return ApiAnswer.From(await steering.CancelAsync(c.Route("id"), input!.Reason, c.Durable, c.Aborted),
            cancelled => TypedResults.Accepted($"/api/consultations/{cancelled.Id}", new ConsultationStateChange(cancelled.Id, ConsultationState.Cancelled)));
    }

    private async Task<IResult> RegisterResponseAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<RegisterResponseInput>(c.Request, 256 * 1024);
        if (error is not null)
        {
            return error;
        }

        var id = c.Route("id");
        return ApiAnswer.From(await steering.RegisterResponseAsync(id, input!, null, c.Staff.Person.Id, c.Aborted),
            answer => TypedResults.Created($"/api/consultations/{id}", answer));
    }

    /// <summary>
    /// The compilation stored at closing, byte for byte (its SHA-256 in <c>X-Content-SHA256</c>); until then a preview,
    /// rendered now and labelled as one.
    /// </summary>
    private async Task<IResult> CompilationAsync(RequestContext c)
    {
        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } header)
        {
            return NotFound();
        }

        var format = c.Request.Query["format"].ToString() is { Length: > 0 } f ? f : "html";
        if (!ConsultationCloser.Formats.TryGetValue(format, out var kind))
        {
            return Problems.Validation("format", "Välj format html (standard), csv eller md.");
        }

        var name = $"remissammanställning-{header.Value.Id}";
        if (header.Value.CompilationSha256 is not null && await closer.ReadStoredAsync(header.Value, format, c.Aborted) is { } stored)
        {
            c.Request.HttpContext.Response.Headers["X-Content-SHA256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored));
            return format == "html"
                ? TypedResults.Bytes(stored, kind.ContentType)
                : TypedResults.File(stored, kind.ContentType, $"{name}.{kind.Extension}");
        }

        if (await store.LoadLatestAsync(header.Value.Id, c.Aborted) is not { } data)
        {
            return NotFound();
        }

        var note = data.Consultation.State switch
        {
            ConsultationState.Open => "Remissen är öppen och svaren kan ändras fram till sista svarsdag. Den slutliga sammanställningen sparas när remissen stängs.",
            ConsultationState.Closed => "Remissen är stängd och den slutliga sammanställningen håller på att sparas. Hämta den igen om en stund.",
            _ => "Remissen är återkallad, så någon slutlig sammanställning görs inte.",
        };
        var model = CompilationModel.From(data, time.GetUtcNow(), note, app.Value.PublicBaseUrl);
        return format switch
        {
            "csv" => File(model.ToCsv(), kind.ContentType, name + "-förhandsvisning.csv"),
            "md" => File(model.ToMarkdown(), kind.ContentType, name + "-förhandsvisning.md"),
            _ => new PageResult<CompilationPage>(new Dictionary<string, object?> { [nameof(CompilationPage.Model)] = model }),
        };
    }

    /// <summary>An answer's attachment, for administrators, when some answer version of this consultation has it.</summary>
    private async Task<IResult> AttachmentAsync(RequestContext c)
    {
        var documentId = c.Route("documentId");
        if (await store.LoadAsync(c.Route("id"), c.Aborted) is not { } data || data.Answers.All(a => a.AttachmentId != documentId)
            || await documents.GetAsync(documentId, c.Aborted) is not { } document)
        {
            return Problems.NotFound("Bilagan finns inte i den här remissen.");
        }

        return DocumentRoutes.Download(await documents.OpenFileAsync(document, c.Aborted));
    }

    /// <summary>A download: the framework's file result writes the RFC 6266 name (an ASCII fallback and <c>filename*</c> in UTF-8).</summary>
    private static IResult File(string content, string contentType, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(content), contentType, fileName);

    private static IResult NotFound() => Problems.NotFound(ConsultationSteering.NotFoundMessage);
}
