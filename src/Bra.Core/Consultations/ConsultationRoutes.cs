using System.Text;
using Bra.Core.Documents;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Links;
using Bra.Core.Pages;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>The administrators' consultation API: start, list, status, steer, register answers, compilation.</summary>
public sealed class ConsultationRoutes(
    ConsultationStore store, ConsultationStatus status, ConsultationAnswers answers, ConsultationStarter starter, LinkStore links, TimeProvider time,
    ConsultationSignals signals, ConsultationCloser closer, DocumentStore documents, IOptions<AppOptions> app, ConsultationSteering steering) : IRouteSource
{
    private const long BodyLimit = 4 * 1024 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("StartConsultation", "POST", "api/consultations", Access.Administrator, StartAsync),
        new("ListConsultations", "GET", "api/consultations", Access.Administrator, ListAsync),
        new("GetConsultation", "GET", "api/consultations/{id}", Access.Administrator, async c =>
            await status.GetAsync(c.Route("id"), withConsultees: true, c.Aborted, c.Durable) is { } view ? TypedResults.Ok(view) : NotFound()),
        new("AddConsultees", "POST", "api/consultations/{id}/consultees", Access.Administrator, AddConsulteesAsync),
        new("MoveConsultationDeadline", "POST", "api/consultations/{id}/deadline", Access.Administrator, MoveDeadlineAsync),
        new("CloseConsultationEarly", "POST", "api/consultations/{id}/close", Access.Administrator, CloseAsync),
        new("CancelConsultation", "POST", "api/consultations/{id}/cancel", Access.Administrator, CancelAsync),
        new("RegisterConsultationResponse", "POST", "api/consultations/{id}/responses", Access.Administrator, RegisterResponseAsync),
        new("GetConsultationCompilation", "GET", "api/consultations/{id}/compilation", Access.Administrator, CompilationAsync),
        new("GetConsultationAttachment", "GET", "api/consultations/{id}/attachments/{documentId}", Access.Administrator, AttachmentAsync),
        // The compilation for the staff pages: the browser's sign-in is honoured under /staff only, not on /api.
        new("ConsultationCompilationDownload", "GET", "staff/consultations/{id}/compilation", Access.Administrator, CompilationAsync),
    ];

    private async Task<IResult> StartAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<CreateConsultationInput>(c.Request, BodyLimit);
        if (error is not null)
        {
            return error;
        }

        Consultation? consultation;
        Dictionary<string, string[]> errors;
        try
        {
            (consultation, errors) = await starter.StartAsync(input!, c.Staff.Person, c.Durable, c.Aborted);
        }
        catch (ConsultationStartFailedException)
        {
            return Problems.Unavailable("Remissen kunde inte startas just nu och inget har skickats. Försök igen om en stund.");
        }

        if (consultation is null)
        {
            return Problems.Validation(errors);
        }

        var location = $"/api/consultations/{consultation.Id}";
        return TypedResults.Accepted(location, new { id = consultation.Id, statusUrl = location });
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

        if (await store.LoadAsync(c.Route("id"), c.Aborted) is not { } data)
        {
            return NotFound();
        }

        if (!data.Consultation.TakesAnswersAt(time.GetUtcNow()))
        {
            return NotOpen(data.Consultation, "Remissinstanser kan bara läggas till medan remissen är öppen.");
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var taken = data.Consultees.Select(x => EmailAddress.Normalize(x.Email)).ToHashSet(StringComparer.Ordinal);
        ConsultationRules.Consultees(errors, input!.Consultees, taken, ConsultationRules.MaxConsultees - data.Consultees.Count);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // The cap again, ETag-guarded on the consultation, so concurrent additions and forwards cannot pass it together.
        switch (await store.ReserveAsync(data.Consultation.Id, input.Consultees!.Count, forward: false, time.GetUtcNow(), c.Aborted))
        {
            case Reservation.ConsulteeCap:
                return Problems.Validation("consultees", $"Högst {ConsultationRules.MaxConsultees} remissinstanser per remiss.");
            case Reservation.NotOpen or Reservation.NotFound:
                return NotOpen(data.Consultation, "Remissinstanser kan bara läggas till medan remissen är öppen.");
        }

        var added = ConsultationRules.ToConsultees(input.Consultees!, time.GetUtcNow());
        await store.AddConsulteesAsync(data.Consultation.Id, added, c.Aborted);
        await signals.SendAsync(c.Durable, data.Consultation.Id, ConsultationSignalKind.ConsulteesAdded);
        return TypedResults.Accepted($"/api/consultations/{data.Consultation.Id}", new { added = added.Select(a => new { a.Id, a.Name, a.Email, a.Organisation }) });
    }

    private async Task<IResult> MoveDeadlineAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<MoveDeadlineInput>(c.Request);
        if (error is not null)
        {
            return error;
        }

        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } current)
        {
            return NotFound();
        }

        if (!current.Value.TakesAnswersAt(time.GetUtcNow()))
        {
            return NotOpen(current.Value, "Sista svarsdag kan bara flyttas medan remissen är öppen.");
        }

        var deadline = SwedishTime.ParseDeadline(input!.Deadline);
        if (deadline is null)
        {
            return Problems.Validation("deadline", "Ange ny sista svarsdag som datum (2026-12-01) eller tidpunkt (2026-12-01T12:00:00Z).");
        }

        if (deadline <= current.Value.Deadline)
        {
            return Problems.Validation("deadline",
                $"Sista svarsdag kan bara flyttas till senare än nuvarande ({SwedishTime.Format(current.Value.Deadline)}). Stäng remissen i förtid i stället om den ska avslutas.");
        }

        if (!await store.TryUpdateAsync(current.Value with { Deadline = deadline.Value }, current.ETag, c.Aborted))
        {
            return Problems.Conflict("Remissen ändrades samtidigt av någon annan. Hämta den igen och försök på nytt.");
        }

        await signals.SendAsync(c.Durable, current.Value.Id, ConsultationSignalKind.DeadlineMoved);
        return TypedResults.Ok(await status.GetAsync(current.Value.Id, withConsultees: false, c.Aborted));
    }

    private async Task<IResult> CloseAsync(RequestContext c)
    {
        var (outcome, consultation) = await steering.CloseEarlyAsync(c.Route("id"), c.Durable, c.Aborted);
        return outcome switch
        {
            CloseOutcome.NotFound => NotFound(),
            CloseOutcome.NotOpen => NotOpen(consultation!, "Bara en öppen remiss kan stängas."),
            CloseOutcome.Conflict => Problems.Conflict("Remissen ändrades samtidigt (till exempel nåddes sista svarsdag). Hämta den igen."),
            _ => TypedResults.Accepted($"/api/consultations/{consultation!.Id}", new { id = consultation.Id, state = ConsultationState.Closed }),
        };
    }

    private async Task<IResult> CancelAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<CancelInput>(c.Request);
        if (error is not null)
        {
            return error;
        }

        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } current)
        {
            return NotFound();
        }

        if (current.Value.State != ConsultationState.Open)
        {
            return NotOpen(current.Value, "Bara en öppen remiss kan återkallas.");
        }

        var errors = new Dictionary<string, string[]>();
        ConsultationRules.Text(errors, "reason", input!.Reason, 2000, "ett skäl till att remissen återkallas (det skickas till remissinstanserna)", required: true);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var cancelled = current.Value with { State = ConsultationState.Cancelled, CancelledAt = time.GetUtcNow(), CancelReason = input.Reason!.Trim() };
        if (!await store.TryUpdateAsync(cancelled, current.ETag, c.Aborted))
        {
            return Problems.Conflict("Remissen ändrades samtidigt (till exempel nåddes sista svarsdag). Hämta den igen.");
        }

        await links.RevokeAsync(ConsultationMailing.LinkKind, current.Value.Id, null, LinkRevocation.Cancelled, null, CancellationToken.None);
        await signals.SendAsync(c.Durable, current.Value.Id, ConsultationSignalKind.Cancel);
        return TypedResults.Accepted($"/api/consultations/{current.Value.Id}", new { id = current.Value.Id, state = ConsultationState.Cancelled });
    }

    private async Task<IResult> RegisterResponseAsync(RequestContext c)
    {
        var (input, error) = await JsonBody.ReadAsync<RegisterResponseInput>(c.Request, 256 * 1024);
        if (error is not null)
        {
            return error;
        }

        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } current)
        {
            return NotFound();
        }

        if (current.Value.State == ConsultationState.Cancelled)
        {
            return NotOpen(current.Value, "Remissen är återkallad; svar kan inte registreras.");
        }

        var (draft, errors) = ConsultationRules.Answer(input!.Position, input.Comments, input.RespondentName, input.RespondentRole);
        var consultee = string.IsNullOrWhiteSpace(input.ConsulteeId) ? null : await store.GetConsulteeAsync(current.Value.Id, input.ConsulteeId.Trim(), c.Aborted);
        if (consultee is null)
        {
            errors["consulteeId"] = ["Ange id för en remissinstans i den här remissen (se consultees i GET /api/consultations/{id})."];
        }

        var now = time.GetUtcNow();
        if (input.ReceivedAt > now)
        {
            errors["receivedAt"] = ["Datumet då svaret kom in kan inte ligga i framtiden."];
        }

        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        // No signal: the workflow does not act on answers (it reads them from storage when it reminds and closes).
        var outcome = await answers.SubmitAsync(current.Value, consultee!.Value.Value.Id, null, draft!, null, null, c.Staff.Person.Id, input.ReceivedAt ?? now,
            withReceipt: false, c.Aborted);
        if (outcome.Answer is null)
        {
            return Problems.Conflict(outcome.LimitError ?? "Svaret kunde inte lagras.");
        }

        if (current.Value.State == ConsultationState.Closed)
        {
            await closer.RecompileAsync(current.Value.Id, c.Aborted);
        }

        return TypedResults.Created($"/api/consultations/{current.Value.Id}", outcome.Answer);
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
            _ => new PageResult<CompilationPage>(new Dictionary<string, object?> { ["Model"] = model }),
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

        return await documents.DownloadAsync(document, c.Aborted);
    }

    /// <summary>A download: the framework's file result writes the RFC 6266 name (an ASCII fallback and <c>filename*</c> in UTF-8).</summary>
    private static IResult File(string content, string contentType, string fileName) =>
        TypedResults.File(Encoding.UTF8.GetBytes(content), contentType, fileName);

    private static IResult NotFound() => Problems.NotFound("Remissen finns inte. Kontrollera id:t (se GET /api/consultations).");

    private static IResult NotOpen(Consultation c, string detail) => Problems.Conflict(c.State switch
    {
        ConsultationState.Closed => $"{detail} Remissen är stängd.",
        ConsultationState.Cancelled => $"{detail} Remissen är återkallad.",
        _ => $"{detail} Sista svarsdag har passerat.",
    });
}
