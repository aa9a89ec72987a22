using Bra.Core.Documents;
using Bra.Core.Validation;
using Bra.Core.Links;
using Bra.Core.Time;
using FluentValidation;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Consultations;

/// <summary>
/// Steering a running consultation, the same for the API and the staff pages: add consultees, move the deadline, close
/// early, cancel, register an answer received by post or email. Each change goes to storage first (ETag-guarded), then a
/// signal wakes the workflow. Results are <see cref="Result{T}"/> with Swedish messages; the routes map them.
/// </summary>
public sealed class ConsultationSteering(
    ConsultationStore store, ConsultationStatus status, ConsultationAnswers answers, ConsultationCloser closer, LinkStore links, TimeProvider time,
    ConsultationSignals signals, IValidator<AddConsulteesInput> addValidator, IValidator<MoveDeadlineInput> deadlineValidator,
    IValidator<CancelInput> cancelValidator, IValidator<RegisterResponseInput> responseValidator)
{
    /// <summary>The API's message for an unknown consultee id (the staff page chooses from a list and says it its own way).</summary>
    public const string UnknownConsultee = "Ange id för en remissinstans i den här remissen (se consultees i GET /api/consultations/{id}).";

    public const string NotFoundMessage = "Remissen finns inte. Kontrollera id:t (se GET /api/consultations).";

    private const string ChangedMeanwhile = "Remissen ändrades samtidigt (till exempel nåddes sista svarsdag). Hämta den igen.";

    /// <summary>Adds consultees to an open consultation (within the consultee cap); the workflow invites them.</summary>
    public async Task<Result<IReadOnlyList<Consultee>>> AddConsulteesAsync(string id, List<ConsulteeInput?>? consultees, DurableTaskClient durable, CancellationToken ct)
    {
        const string notOpen = "Remissinstanser kan bara läggas till medan remissen är öppen.";
        if (await store.LoadAsync(id, ct) is not { } data)
        {
            return Result<IReadOnlyList<Consultee>>.NotFound(NotFoundMessage);
        }

        if (!data.Consultation.TakesAnswersAt(time.GetUtcNow()))
        {
            return Result<IReadOnlyList<Consultee>>.Conflict(NotOpen(data.Consultation, notOpen));
        }

        var errors = (await addValidator.ValidateAsync(ValidationContexts.Changing(new AddConsulteesInput(consultees), data.Consultees), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<IReadOnlyList<Consultee>>.Invalid(errors);
        }

        // The cap again, ETag-guarded on the consultation, so concurrent additions and forwards cannot pass it together.
        switch (await store.ReserveAsync(data.Consultation.Id, consultees!.Count, forward: false, time.GetUtcNow(), ct))
        {
            case Reservation.ConsulteeCap:
                return Result<IReadOnlyList<Consultee>>.Invalid("consultees", $"Högst {ConsultationRules.MaxConsultees} remissinstanser per remiss.");
            case Reservation.NotOpen or Reservation.NotFound:
                return Result<IReadOnlyList<Consultee>>.Conflict(NotOpen(data.Consultation, notOpen));
        }

        var added = ConsulteeInput.ToConsultees(consultees, time.GetUtcNow());
        await store.AddConsulteesAsync(data.Consultation.Id, added, ct);
        await signals.SendAsync(durable, data.Consultation.Id, ConsultationSignalKind.ConsulteesAdded);
        return Result<IReadOnlyList<Consultee>>.Created(added);
    }

    /// <summary>Moves the deadline of an open consultation to later; the result is the consultation's status view as it now stands.</summary>
    public async Task<Result<ConsultationView>> MoveDeadlineAsync(string id, string? deadline, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } current)
        {
            return Result<ConsultationView>.NotFound(NotFoundMessage);
        }

        if (!current.Value.TakesAnswersAt(time.GetUtcNow()))
        {
            return Result<ConsultationView>.Conflict(NotOpen(current.Value, "Sista svarsdag kan bara flyttas medan remissen är öppen."));
        }

        var errors = (await deadlineValidator.ValidateAsync(ValidationContexts.Changing(new MoveDeadlineInput(deadline), current.Value), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<ConsultationView>.Invalid(errors);
        }

        if (!await store.TryUpdateAsync(current.Value with { Deadline = SwedishTime.ParseDeadline(deadline)!.Value, DeadlineMoves = current.Value.DeadlineMoves + 1 }, current.ETag, ct))
        {
            return Result<ConsultationView>.Conflict("Remissen ändrades samtidigt av någon annan. Hämta den igen och försök på nytt.");
        }

        await signals.SendAsync(durable, current.Value.Id, ConsultationSignalKind.DeadlineMoved);
        return Result<ConsultationView>.Ok((await status.GetAsync(current.Value.Id, withConsultees: false, ct))!);
    }

    /// <summary>Closes an open consultation before its deadline (ETag-guarded, so a deadline reached meanwhile wins).</summary>
    public async Task<Result<Consultation>> CloseEarlyAsync(string id, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } current)
        {
            return Result<Consultation>.NotFound(NotFoundMessage);
        }

        if (current.Value.State != ConsultationState.Open)
        {
            return Result<Consultation>.Conflict(NotOpen(current.Value, "Bara en öppen remiss kan stängas."));
        }

        var closed = current.Value with { State = ConsultationState.Closed, ClosedAt = time.GetUtcNow() };
        if (!await store.TryUpdateAsync(closed, current.ETag, ct))
        {
            return Result<Consultation>.Conflict(ChangedMeanwhile);
        }

        await signals.SendAsync(durable, current.Value.Id, ConsultationSignalKind.Close);
        return Result<Consultation>.Ok(closed);
    }

    /// <summary>Cancels an open consultation with a reason (sent to the consultees); their links stop working at once.</summary>
    public async Task<Result<Consultation>> CancelAsync(string id, string? reason, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } current)
        {
            return Result<Consultation>.NotFound(NotFoundMessage);
        }

        if (current.Value.State != ConsultationState.Open)
        {
            return Result<Consultation>.Conflict(NotOpen(current.Value, "Bara en öppen remiss kan återkallas."));
        }

        var errors = (await cancelValidator.ValidateAsync(new CancelInput(reason), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<Consultation>.Invalid(errors);
        }

        var cancelled = current.Value with { State = ConsultationState.Cancelled, CancelledAt = time.GetUtcNow(), CancelReason = reason!.Trim() };
        if (!await store.TryUpdateAsync(cancelled, current.ETag, ct))
        {
            return Result<Consultation>.Conflict(ChangedMeanwhile);
        }

        await links.RevokeAsync(ConsultationMailing.LinkKind, current.Value.Id, null, LinkRevocation.Cancelled, null, CancellationToken.None);
        await signals.SendAsync(durable, current.Value.Id, ConsultationSignalKind.Cancel);
        return Result<Consultation>.Ok(cancelled);
    }

    /// <summary>
    /// Registers an answer that came by post or email as the consultee's next version (late when received after the
    /// deadline; no receipt). Allowed unless the consultation is cancelled; after closing, the compilation is made again.
    /// </summary>
    public async Task<Result<Answer>> RegisterResponseAsync(string id, RegisterResponseInput input, Upload? attachment, string registeredBy,
        CancellationToken ct)
    {
        if (await store.GetAsync(id, ct) is not { } current)
        {
            return Result<Answer>.NotFound(NotFoundMessage);
        }

        if (current.Value.State == ConsultationState.Cancelled)
        {
            return Result<Answer>.Conflict(NotOpen(current.Value, "Remissen är återkallad; svar kan inte registreras."));
        }

        var errors = (await responseValidator.ValidateAsync(ValidationContexts.Changing(input, current.Value), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<Answer>.Invalid(errors);
        }

        // No signal: the workflow does not act on answers (it reads them from storage when it reminds and closes).
        var stored = await answers.SubmitAsync(current.Value, new AnswerSubmission(input.ConsulteeId!.Trim(), RegisterResponseValidator.Answer(input).ToDraft(), attachment,
            RegisteredBy: registeredBy, ReceivedAt: input.ReceivedAt ?? time.GetUtcNow()), ct);
        if (!stored.Succeeded)
        {
            return stored.Failed<Answer>();
        }

        if (current.Value.State == ConsultationState.Closed)
        {
            await closer.RecompileAsync(current.Value.Id, ct);
        }

        return Result<Answer>.Created(stored.Value!.Answer);
    }

    private static string NotOpen(Consultation c, string detail) => c.State switch
    {
        ConsultationState.Closed => $"{detail} Remissen är stängd.",
        ConsultationState.Cancelled => $"{detail} Remissen är återkallad.",
        _ => $"{detail} Sista svarsdag har passerat.",
    };
}
