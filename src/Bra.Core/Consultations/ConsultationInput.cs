using Bra.Core.Validation;
using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Consultations;

// [Required] marks what the validators (ConsultationValidators.cs) refuse a body without; it describes the API (OpenAPI), nothing reads it to validate.
public sealed record ConsulteeInput([Required] string? Name, [Required] string? Email, string? Organisation)
{
    /// <summary>Valid consultees with fresh ids, or the given fixed ids (by position) where there are any.</summary>
    public static List<Consultee> ToConsultees(IEnumerable<ConsulteeInput?> input, DateTimeOffset now, IReadOnlyList<string>? ids = null) =>
        input.Select((c, i) => new Consultee(ids is not null && i < ids.Count ? ids[i] : Guid.NewGuid().ToString("N"), c!.Name!.Trim(), c.Email!.Trim(),
            TextInput.Optional(c.Organisation), now.AddTicks(i))).ToList();
}

public sealed record CreateConsultationInput(
    [Required] string? Title, string? CaseNumber, [Required] string? DocumentId, [Required] string? Deadline, string? Message,
    [Required] List<ConsulteeInput?>? Consultees, List<string?>? Reminders);

/// <summary>The answer to starting a consultation (202): its id and where its status is read.</summary>
public sealed record ConsultationAccepted(string Id, string StatusUrl);

/// <summary>The answer of <c>POST /api/consultations/{id}/consultees</c>: the consultees added (and invited).</summary>
public sealed record ConsulteesAdded(IReadOnlyList<AddedConsultee> Added);

public sealed record AddedConsultee(string Id, string Name, string Email, string? Organisation);

/// <summary>The answer of closing or cancelling a consultation: its id and the state the workflow is moving it to.</summary>
public sealed record ConsultationStateChange(string Id, ConsultationState State);

public sealed record AddConsulteesInput([Required] List<ConsulteeInput?>? Consultees);

public sealed record MoveDeadlineInput([Required] string? Deadline);

public sealed record CancelInput(string? Reason);

public sealed record RegisterResponseInput(
    string? ConsulteeId, string? Position, string? Comments, string? RespondentName, string? RespondentRole, DateTimeOffset? ReceivedAt);

/// <summary>An answer as the consultee's form (or an administrator registering one) gives it; field names are the form's.</summary>
public sealed record AnswerInput(string? Position, string? Comments, string? RespondentName, string? RespondentRole)
{
    /// <summary>The comments as stored: line breaks as <c>\n</c>, trimmed, null when blank.</summary>
    public string? NormalizedComments => string.IsNullOrWhiteSpace(Comments) ? null : Comments.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();

    /// <summary>The answer to store; only for an input that <see cref="AnswerInputValidator"/> accepted.</summary>
    public AnswerDraft ToDraft() =>
        new(ConsultationRules.Positions[Position!], NormalizedComments, RespondentName!.Trim(), TextInput.Optional(RespondentRole));
}

/// <summary>A consultee's forwarding of the consultation to a colleague (the answer page's second form).</summary>
public sealed record ForwardInput(string? Name, string? Email);
