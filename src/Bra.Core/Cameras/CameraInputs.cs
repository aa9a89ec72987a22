namespace Bra.Core.Cameras;

/// <summary>The body of <c>POST /api/camera-sites</c> and <c>PUT /api/camera-sites/{id}</c> (a full replacement).</summary>
public sealed record SiteInput(
    string? Name,
    string? PlaceDescription,
    SiteKind? Kind,
    string? UnitId,
    string? Purpose,
    string? MonitoringHours,
    int? RetentionHours,
    string? RetentionReason,
    bool? SignageInPlace,
    DateOnly? SignageCheckedOn,
    string? ImpactAssessmentDocumentId,
    AccessPolicy? AccessPolicy,
    IReadOnlyList<string>? Operators,
    SiteState? State,
    DateOnly? PlannedStart,
    DateOnly? StartedOn,
    DateOnly? EndedOn,
    LegalBasis? LegalBasis,
    IReadOnlyList<CameraInput>? Cameras,
    string? ResponsiblePersonId);

/// <summary>A camera as posted: alone (<c>/cameras</c>), in a site, or in an expansion request.</summary>
public sealed record CameraInput(
    string? Label,
    string? Placement,
    bool? Movable,
    string? FieldOfView,
    bool? PrivacyMasking,
    bool? AudioRecording,
    string? AudioReason);

/// <summary>The body of <c>POST /api/camera-sites/{id}/requests</c>.</summary>
public sealed record RequestInput(
    RequestKind? Kind,
    string? Justification,
    RequestedPeriod? RequestedPeriod,
    string? AffectedArea,
    IReadOnlyList<CameraInput>? AddCameras,
    IReadOnlyList<string>? RemoveCameraIds,
    string? AssessmentDocumentId);

/// <summary>The body of <c>POST /api/camera-requests/{id}/decision</c>.</summary>
public sealed record DecisionInput(
    DecisionOutcome? Outcome,
    string? DecidedBy,
    string? Reference,
    DateOnly? DecidedOn,
    DateOnly? ValidUntil,
    string? Conditions,
    string? Reason);
