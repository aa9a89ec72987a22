using Bra.Core.Validation;
using Azure;
using Bra.Core.Documents;
using Bra.Core.People;
using FluentValidation;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>
/// Fixed ids for a consultation that must be created at most once (demo data, and the staff form, whose preview carries
/// the id so that sending twice starts one consultation); the API draws fresh ids.
/// </summary>
public sealed record FixedConsultationIds(string ConsultationId, IReadOnlyList<string> ConsulteeIds);

/// <summary>
/// Checks a new consultation, stores it and schedules its workflow (instance id = consultation id). The API
/// (<c>POST /api/consultations</c>), the staff form (<c>/staff/consultations/new</c>) and the demo data start consultations
/// here, so all run the same checks and the same workflow. Invalid input is a <see cref="Result{T}"/>; a workflow that
/// cannot be scheduled (a storage fault, not a refusal) is <see cref="ConsultationStartFailedException"/>.
/// </summary>
public sealed class ConsultationStarter(
    ConsultationStore store, IValidator<CreateConsultationInput> validator, TimeProvider time, ILogger<ConsultationStarter> logger)
{
    /// <summary>
    /// The stored consultation (created), or the validation errors when nothing was stored. With fixed
    /// <paramref name="ids"/> a consultation already stored under that id is the answer (ok): starting twice starts once.
    /// </summary>
    public async Task<Result<Consultation>> StartAsync(
        CreateConsultationInput input, Person owner, DurableTaskClient durable, CancellationToken ct, FixedConsultationIds? ids = null)
    {
        if (ids is not null && await store.GetAsync(ids.ConsultationId, ct) is { } stored)
        {
            return Result<Consultation>.Ok(stored.Value);
        }

        var checkedDraft = await DraftAsync(input, owner, ct);
        if (!checkedDraft.Succeeded)
        {
            return checkedDraft;
        }

        var now = time.GetUtcNow();
        var consultation = checkedDraft.Value! with { Id = ids?.ConsultationId ?? Guid.NewGuid().ToString("N"), CreatedAt = now };
        // From here a caller going away must not leave a stored consultation without its workflow.
        try
        {
            await store.CreateAsync(consultation, ConsulteeInput.ToConsultees(input.Consultees!, now, ids?.ConsulteeIds), CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && ids is not null)
        {
            // A fixed id stored by another start meanwhile: that one stands.
            return await store.GetAsync(consultation.Id, ct) is { } winner
                ? Result<Consultation>.Ok(winner.Value)
                : Result<Consultation>.Conflict("Remissen sparades samtidigt av någon annan. Försök igen.");
        }

        try
        {
            await ScheduleAsync(consultation.Id, durable, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Nothing was sent yet (invitations come from the workflow): record it as cancelled so no one waits for it.
            logger.LogError(ex, "Consultation {ConsultationId} could not be started", consultation.Id);
            await store.UpdateAsync(consultation.Id, x => x with
            {
                State = ConsultationState.Cancelled, CancelledAt = now, CancelReason = "Kunde inte startas (tekniskt fel).",
            }, CancellationToken.None);
            throw new ConsultationStartFailedException(consultation.Id, ex);
        }

        logger.LogInformation("Consultation {ConsultationId} started", consultation.Id);
        return Result<Consultation>.Created(consultation);
    }

    /// <summary>
    /// The consultation <see cref="StartAsync"/> would store (without an id), or what it would refuse; nothing is stored or
    /// sent. The staff form shows its preview from it.
    /// </summary>
    public async Task<Result<Consultation>> DraftAsync(CreateConsultationInput input, Person owner, CancellationToken ct)
    {
        var context = new ValidationContext<CreateConsultationInput>(input);
        var errors = (await validator.ValidateAsync(context, ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<Consultation>.Invalid(errors);
        }

        // The validator found the document (and kept it: not read twice); documents are never deleted.
        var document = context.Found<StoredDocument>() ?? throw new InvalidOperationException("The validator keeps the document it found.");
        var reminders = (input.Reminders ?? [.. ConsultationRules.DefaultReminders]).Select(r => r!).Distinct(StringComparer.Ordinal).ToList();
        return Result<Consultation>.Ok(new Consultation("", input.Title!.Trim(), TextInput.Optional(input.CaseNumber), document.Id, document.FileName,
            document.Sha256, SwedishTime.ParseDeadline(input.Deadline)!.Value, TextInput.Optional(input.Message), reminders, owner.Id, owner.Name,
            owner.Email, ConsultationState.Open, DateTimeOffset.MinValue));
    }

    /// <summary>Schedules the workflow of a stored consultation; its instance id is the consultation id.</summary>
    public Task ScheduleAsync(string consultationId, DurableTaskClient durable, CancellationToken ct) =>
        durable.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(consultationId),
            new StartOrchestrationOptions(InstanceId: consultationId), ct);
}

/// <summary>The consultation was stored but its workflow could not be scheduled; it is recorded as cancelled.</summary>
public sealed class ConsultationStartFailedException(string consultationId, Exception inner)
    : Exception($"Consultation {consultationId} could not be started.", inner);
