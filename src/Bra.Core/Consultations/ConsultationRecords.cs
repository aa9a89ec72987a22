using Bra.Core.Durable;

namespace Bra.Core.Consultations;

public enum ConsultationState
{
    Open,
    Closed,
    Cancelled,

    /// <summary>
    /// Never stored as the state: the status view's word for an open consultation whose workflow failed or was
    /// terminated (<see cref="Consultation.WorkflowStoppedAt"/>).
    /// </summary>
    Failed,
}

/// <summary>A consultee's position on the document (tillstyrker / tillstyrker med synpunkter / avstyrker / inget att invända).</summary>
public enum Position
{
    Supports,
    SupportsWithComments,
    Opposes,
    NoObjection,
}

public enum ConsulteeState
{
    Invited,
    Answered,
    Delegated,
    NotAnswered,
}

/// <summary>
/// A consultation as stored. The deadline is a UTC instant; pages and emails show it in Swedish time. The stored
/// compilation is revision <see cref="CompilationRevision"/> (1 when null) and reflects <see cref="CompiledAnswers"/>
/// answer versions; <see cref="CompilationSha256"/> is its HTML's hash. <see cref="WorkflowStop"/> and
/// <see cref="WorkflowStoppedAt"/> say that its workflow failed or was terminated, and when; they outlive the workflow's
/// history, which the history purge deletes.
/// </summary>
public sealed record Consultation(
    string Id,
    string Title,
    string? CaseNumber,
    string DocumentId,
    string DocumentFileName,
    string DocumentSha256,
    DateTimeOffset Deadline,
    string? Message,
    IReadOnlyList<string> Reminders,
    string OwnerId,
    string OwnerName,
    string OwnerEmail,
    ConsultationState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt = null,
    DateTimeOffset? CancelledAt = null,
    string? CancelReason = null,
    string? CompilationSha256 = null,
    DateTimeOffset? CompiledAt = null,
    int ConsulteeCount = 0,
    int Forwards = 0,
    int? CompilationRevision = null,
    int? CompiledAnswers = null,
    WorkflowStopKind? WorkflowStop = null,
    DateTimeOffset? WorkflowStoppedAt = null,
    int DeadlineMoves = 0)
{
    /// <summary>Whether a consultee may answer (or amend) now.</summary>
    public bool TakesAnswersAt(DateTimeOffset now) => State == ConsultationState.Open && now < Deadline;

    public string Label => string.IsNullOrWhiteSpace(CaseNumber) ? Title : $"{CaseNumber}: {Title}";
}

public sealed record Delegation(string ConsulteeId, string Name, string Email, DateTimeOffset At);

/// <summary>
/// One party asked to answer. A delegate (forwarded to by a colleague) names the consultee it came from and how many
/// forwards lie between it and the consultee the administrator invited. The row also holds the consultee's latest
/// answer version and when the first came in, written in the same transaction as each version, so one point read gives
/// the consultee and its answer.
/// </summary>
public sealed record Consultee(
    string Id,
    string Name,
    string Email,
    string? Organisation,
    DateTimeOffset AddedAt,
    string? DelegatedFromId = null,
    Delegation? DelegatedTo = null,
    int ForwardDepth = 0,
    Answer? LastAnswer = null,
    DateTimeOffset? FirstAnsweredAt = null);

/// <summary>One version of an answer. Every version is kept; the last one counts.</summary>
public sealed record Answer(
    string ConsulteeId,
    int Version,
    Position Position,
    string? Comments,
    string RespondentName,
    string? RespondentRole,
    string? AttachmentId,
    string? AttachmentName,
    DateTimeOffset ReceivedAt,
    bool Late,
    string? RegisteredBy,
    string? FormKey);

/// <summary>What a consultee (or an administrator on their behalf) submits.</summary>
public sealed record AnswerDraft(Position Position, string? Comments, string RespondentName, string? RespondentRole);

public static class PositionText
{
    public static string Swedish(Position position) => position switch
    {
        Position.Supports => "Tillstyrker",
        Position.SupportsWithComments => "Tillstyrker med synpunkter",
        Position.Opposes => "Avstyrker",
        _ => "Inget att invända",
    };

    public const string NotAnswered = "Har inte svarat";
    public const string Late = "Inkommit efter svarstid";
}
