using Bra.Core.Durable;

namespace Bra.Core.Cameras;

public enum SiteKind
{
    SchoolIndoor,
    SchoolOutdoor,
    PublicPlace,
    Other,
}

public enum AccessPolicy
{
    PrincipalAndManager,
    NamedOperators,
}

public enum SiteState
{
    Planned,
    Active,
    Ended,
}

public enum LegalBasisType
{
    ImyPermit,
    OwnAssessment,
}

/// <summary>
/// Why a site may film: a pre-2025 IMY permit, or the municipality's own documented balancing assessment. One shape
/// with a <see cref="Type"/>; the fields that do not belong to the type stay null (validation says so).
/// </summary>
public sealed record LegalBasis(
    LegalBasisType? Type,
    string? DecisionNumber = null,
    DateOnly? DecidedOn = null,
    DateOnly? ValidUntil = null,
    string? Conditions = null,
    string? AssessmentDocumentId = null,
    string? DecisionReference = null,
    string? DecidedBy = null,
    DateOnly? ReviewDate = null);

public sealed record Camera(
    string Id,
    string Label,
    string? Placement,
    bool Movable,
    string? FieldOfView,
    bool PrivacyMasking,
    bool AudioRecording,
    string? AudioReason);

/// <summary>A camera site in the register. <see cref="Revision"/> counts changes; each has a history entry.</summary>
public sealed record CameraSite(
    string Id,
    string Name,
    string? PlaceDescription,
    SiteKind Kind,
    string UnitId,
    string Purpose,
    string? MonitoringHours,
    int RetentionHours,
    string? RetentionReason,
    bool SignageInPlace,
    DateOnly? SignageCheckedOn,
    string? ImpactAssessmentDocumentId,
    AccessPolicy AccessPolicy,
    IReadOnlyList<string> Operators,
    SiteState State,
    DateOnly? PlannedStart,
    DateOnly? StartedOn,
    DateOnly? EndedOn,
    LegalBasis? LegalBasis,
    IReadOnlyList<Camera> Cameras,
    string? ResponsiblePersonId,
    bool RunningWithoutValidDecision,
    IReadOnlyList<string> AppliedRequestIds,
    int Revision,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>One change of a site: who, when, what (before and after as stored).</summary>
public sealed record SiteHistoryEntry(
    string SiteId,
    int Revision,
    string Action,
    string ChangedById,
    string ChangedByName,
    DateTimeOffset ChangedAt,
    CameraSite? Before,
    CameraSite? After,
    string? Note);

public enum RequestKind
{
    New,
    Extension,
    Expansion,
    Reduction,
    Termination,
}

public enum RequestState
{
    Draft,
    Submitted,
    Approved,
    Rejected,
    Withdrawn,
}

public enum DecisionOutcome
{
    Approved,
    Rejected,
}

public sealed record RequestedPeriod(DateOnly? From, DateOnly? To);

public sealed record CameraDecision(
    DecisionOutcome Outcome,
    string DecidedBy,
    string? Reference,
    DateOnly DecidedOn,
    DateOnly? ValidUntil,
    string? Conditions,
    string? Reason,
    string RecordedById,
    DateTimeOffset RecordedAt);

/// <summary>
/// A change request on a site ("förlängning", "utökning", ...), tracked from draft to a decision.
/// <see cref="WorkflowStop"/> and <see cref="WorkflowStoppedAt"/> say that its approval workflow failed or was terminated,
/// and when; they outlive the workflow's history, which the history purge deletes.
/// </summary>
public sealed record CameraRequest(
    string Id,
    string SiteId,
    RequestKind Kind,
    RequestState State,
    string Justification,
    RequestedPeriod? RequestedPeriod,
    string? AffectedArea,
    IReadOnlyList<CameraInput> AddCameras,
    IReadOnlyList<string> RemoveCameraIds,
    string? AssessmentDocumentId,
    string RequesterId,
    string RequesterName,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    CameraDecision? Decision,
    DateTimeOffset? WithdrawnAt,
    bool Applied,
    WorkflowStopKind? WorkflowStop = null,
    DateTimeOffset? WorkflowStoppedAt = null);
