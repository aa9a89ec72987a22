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
/// here, so all run the same checks and the same workflow.
/// </summary>
public sealed class ConsultationStarter(
    ConsultationStore store, IValidator<CreateConsultationInput> validator, TimeProvider time, ILogger<ConsultationStarter> logger)
{
    /// <summary>The stored consultation, or the validation errors (field → Swedish messages) when nothing was stored.</summary>
    public async Task<(Consultation? Consultation, Dictionary<string, string[]> Errors)> StartAsync(
        CreateConsultationInput input, Person owner, DurableTaskClient durable, CancellationToken ct, FixedConsultationIds? ids = null)
    {
        var context = new ValidationContext<CreateConsultationInput>(input);
        var errors = (await validator.ValidateAsync(context, ct)).ByField();
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // The validator found the document (and kept it: not read twice); documents are never deleted.
        var document = context.Found<StoredDocument>() ?? throw new InvalidOperationException("The validator keeps the document it found.");
        var reminders = (input.Reminders ?? [.. ConsultationRules.DefaultReminders]).Select(r => r!).Distinct(StringComparer.Ordinal).ToList();
        var now = time.GetUtcNow();
        var consultation = new Consultation(ids?.ConsultationId ?? Guid.NewGuid().ToString("N"), input.Title!.Trim(), Blank(input.CaseNumber), document.Id,
            document.FileName, document.Sha256, SwedishTime.ParseDeadline(input.Deadline)!.Value, Blank(input.Message), reminders,
            owner.Id, owner.Name, owner.Email, ConsultationState.Open, now);
        // From here a caller going away must not leave a stored consultation without its workflow.
        try
        {
            await store.CreateAsync(consultation, ConsulteeInput.ToConsultees(input.Consultees!, now, ids?.ConsulteeIds), CancellationToken.None);
        }
        catch (RequestFailedException ex) when (ex.Status == 409 && ids is not null)
        {
            // A fixed id stored by another start meanwhile: that one stands.
            return ((await store.GetAsync(consultation.Id, ct))?.Value, errors);
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
        return (consultation, errors);
    }

    /// <summary>
    /// What <see cref="StartAsync"/> would refuse, without storing or sending anything: the staff form checks its input
    /// here before it shows what will be sent.
    /// </summary>
    public async Task<Dictionary<string, string[]>> CheckAsync(CreateConsultationInput input, CancellationToken ct) =>
        (await validator.ValidateAsync(input, ct)).ByField();

    /// <summary>Schedules the workflow of a stored consultation; its instance id is the consultation id.</summary>
    public Task ScheduleAsync(string consultationId, DurableTaskClient durable, CancellationToken ct) =>
        durable.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), new ConsultationWorkflowInput(consultationId),
            new StartOrchestrationOptions(InstanceId: consultationId), ct);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The consultation was stored but its workflow could not be scheduled; it is recorded as cancelled.</summary>
public sealed class ConsultationStartFailedException(string consultationId, Exception inner)
    : Exception($"Consultation {consultationId} could not be started.", inner);
