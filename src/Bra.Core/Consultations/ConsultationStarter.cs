using Azure;
using Bra.Core.Documents;
using Bra.Core.People;
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
public sealed class ConsultationStarter(ConsultationStore store, DocumentStore documents, TimeProvider time, ILogger<ConsultationStarter> logger)
{
    /// <summary>The stored consultation, or the validation errors (field → Swedish messages) when nothing was stored.</summary>
    public async Task<(Consultation? Consultation, Dictionary<string, string[]> Errors)> StartAsync(
        CreateConsultationInput input, Person owner, DurableTaskClient durable, CancellationToken ct, FixedConsultationIds? ids = null)
    {
        var now = time.GetUtcNow();
        var (errors, document, deadline, reminders) = await ValidateAsync(input, now, ct);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var consultation = new Consultation(ids?.ConsultationId ?? Guid.NewGuid().ToString("N"), input.Title!.Trim(), Blank(input.CaseNumber), document!.Id,
            document.FileName, document.Sha256, deadline!.Value, Blank(input.Message), reminders,
            owner.Id, owner.Name, owner.Email, ConsultationState.Open, now);
        // From here a caller going away must not leave a stored consultation without its workflow.
        try
        {
            await store.CreateAsync(consultation, ConsultationRules.ToConsultees(input.Consultees!, now, ids?.ConsulteeIds), CancellationToken.None);
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
        (await ValidateAsync(input, time.GetUtcNow(), ct)).Errors;

    private async Task<(Dictionary<string, string[]> Errors, StoredDocument? Document, DateTimeOffset? Deadline, List<string> Reminders)> ValidateAsync(
        CreateConsultationInput input, DateTimeOffset now, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        ConsultationRules.Text(errors, "title", input.Title, 300, "en rubrik för remissen", required: true);
        ConsultationRules.Text(errors, "caseNumber", input.CaseNumber, 100, "diarienumret", required: false);
        ConsultationRules.Text(errors, "message", input.Message, 5000, "meddelandet", required: false);
        var deadline = SwedishTime.ParseDeadline(input.Deadline);
        if (deadline is null)
        {
            errors["deadline"] = ["Ange sista svarsdag som datum (2026-12-01) eller tidpunkt (2026-12-01T12:00:00Z)."];
        }
        else if (deadline <= now)
        {
            errors["deadline"] = [$"Sista svarsdag ({SwedishTime.Format(deadline.Value)}) har redan passerat. Ange en tidpunkt i framtiden."];
        }

        var reminders = input.Reminders ?? [.. ConsultationRules.DefaultReminders];
        ConsultationRules.Reminders(errors, reminders);

        ConsultationRules.Consultees(errors, input.Consultees, new HashSet<string>(), ConsultationRules.MaxConsultees);
        StoredDocument? document = null;
        if (string.IsNullOrWhiteSpace(input.DocumentId))
        {
            errors["documentId"] = ["Ange id för remissdokumentet (ladda upp det först med POST /api/documents)."];
        }
        else if ((document = await documents.GetAsync(input.DocumentId.Trim(), ct)) is null)
        {
            errors["documentId"] = ["Dokumentet finns inte. Ladda upp det med POST /api/documents och använd id:t i svaret."];
        }

        return (errors, document, deadline, reminders.Select(r => r!).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>Schedules the workflow of a stored consultation; its instance id is the consultation id.</summary>
    public Task ScheduleAsync(string consultationId, DurableTaskClient durable, CancellationToken ct) =>
        durable.ScheduleNewOrchestrationInstanceAsync(nameof(ConsultationOrchestrator), consultationId,
            new StartOrchestrationOptions(InstanceId: consultationId), ct);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The consultation was stored but its workflow could not be scheduled; it is recorded as cancelled.</summary>
public sealed class ConsultationStartFailedException(string consultationId, Exception inner)
    : Exception($"Consultation {consultationId} could not be started.", inner);
