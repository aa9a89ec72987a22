using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Pages;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>The administrators' consultation API: start, list, status, steer, register answers, compilation.</summary>
public sealed class ConsultationRoutes(
    ConsultationStore store, ConsultationStatus status, ConsultationAnswers answers, ConsultationStarter starter, TimeProvider time,
    ILogger<ConsultationRoutes> logger) : IRouteSource
{
    private const long BodyLimit = 4 * 1024 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("StartConsultation", "POST", "api/consultations", Access.Administrator, StartAsync),
        new("ListConsultations", "GET", "api/consultations", Access.Administrator, ListAsync),
        new("GetConsultation", "GET", "api/consultations/{id}", Access.Administrator, async c =>
            await status.GetAsync(c.Route("id"), withConsultees: true, c.Aborted) is { } view ? TypedResults.Ok(view) : NotFound()),
        new("AddConsultees", "POST", "api/consultations/{id}/consultees", Access.Administrator, AddConsulteesAsync),
        new("MoveConsultationDeadline", "POST", "api/consultations/{id}/deadline", Access.Administrator, MoveDeadlineAsync),
        new("CloseConsultationEarly", "POST", "api/consultations/{id}/close", Access.Administrator, CloseAsync),
        new("CancelConsultation", "POST", "api/consultations/{id}/cancel", Access.Administrator, CancelAsync),
        new("RegisterConsultationResponse", "POST", "api/consultations/{id}/responses", Access.Administrator, RegisterResponseAsync),
        new("GetConsultationCompilation", "GET", "api/consultations/{id}/compilation", Access.Administrator, CompilationAsync),
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
        var list = await store.ListAsync(c.Aborted);
        var views = await Task.WhenAll(list.Select(x => status.GetAsync(x.Id, withConsultees: false, c.Aborted)));
        return TypedResults.Ok(views.Where(v => v is not null));
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

        var added = ConsultationRules.ToConsultees(input.Consultees!, time.GetUtcNow());
        await store.AddConsulteesAsync(data.Consultation.Id, added, c.Aborted);
        await SignalAsync(c, data.Consultation.Id, ConsultationSignalKind.ConsulteesAdded);
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

        await SignalAsync(c, current.Value.Id, ConsultationSignalKind.DeadlineMoved);
        return TypedResults.Ok(await status.GetAsync(current.Value.Id, withConsultees: false, c.Aborted));
    }

    private async Task<IResult> CloseAsync(RequestContext c)
    {
        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } current)
        {
            return NotFound();
        }

        if (current.Value.State != ConsultationState.Open)
        {
            return NotOpen(current.Value, "Bara en öppen remiss kan stängas.");
        }

        if (!await store.TryUpdateAsync(current.Value with { State = ConsultationState.Closed, ClosedAt = time.GetUtcNow() }, current.ETag, c.Aborted))
        {
            return Problems.Conflict("Remissen ändrades samtidigt (till exempel nåddes sista svarsdag). Hämta den igen.");
        }

        await SignalAsync(c, current.Value.Id, ConsultationSignalKind.Close);
        return TypedResults.Accepted($"/api/consultations/{current.Value.Id}", new { id = current.Value.Id, state = ConsultationState.Closed });
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

        await SignalAsync(c, current.Value.Id, ConsultationSignalKind.Cancel);
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
        return TypedResults.Created($"/api/consultations/{current.Value.Id}", outcome.Answer);
    }

    private async Task<IResult> CompilationAsync(RequestContext c)
    {
        if (await store.LoadAsync(c.Route("id"), c.Aborted) is not { } data)
        {
            return NotFound();
        }

        var model = CompilationModel.From(data, time.GetUtcNow());
        var name = $"remissammanstallning-{data.Consultation.Id}";
        switch (c.Request.Query["format"].ToString())
        {
            case "csv":
                return File(model.ToCsv(), "text/csv; charset=utf-8", name + ".csv");
            case "md":
                return File(model.ToMarkdown(), "text/markdown; charset=utf-8", name + ".md");
            case "" or "html":
                return new PageResult<CompilationPage>(new Dictionary<string, object?> { ["Model"] = model });
            default:
                return Problems.Validation("format", "Välj format html (standard), csv eller md.");
        }
    }

    private static IResult File(string content, string contentType, string fileName) =>
        new TextFileResult(content, contentType, fileName);

    private async Task SignalAsync(RequestContext c, string id, ConsultationSignalKind kind)
    {
        try
        {
            await c.Durable.RaiseEventAsync(id, ConsultationOrchestrator.SignalEvent, new ConsultationSignal(kind), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage already holds the change; the workflow reads it at its next step or at the deadline.
            logger.LogWarning(ex, "Signal {Signal} to consultation {ConsultationId} failed", kind, id);
        }
    }

    private static IResult NotFound() => Problems.NotFound("Remissen finns inte. Kontrollera id:t (se GET /api/consultations).");

    private static IResult NotOpen(Consultation c, string detail) => Problems.Conflict(c.State switch
    {
        ConsultationState.Closed => $"{detail} Remissen är stängd.",
        ConsultationState.Cancelled => $"{detail} Remissen är återkallad.",
        _ => $"{detail} Sista svarsdag har passerat.",
    });

    private sealed class TextFileResult(string content, string contentType, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            SecurityHeaders.Apply(response);
            response.ContentType = contentType;
            response.Headers.ContentDisposition = $"inline; filename=\"{fileName}\"";
            await response.WriteAsync(content, httpContext.RequestAborted);
        }
    }
}
