namespace Bra.Core.Footage;

/// <summary>What an access-log entry records.</summary>
public enum LogAction
{
    View,
    Export,
    Disclosure,
    Denied,
}

/// <summary>What a person may do with footage: <see cref="LogAction.View"/> or <see cref="LogAction.Export"/>.</summary>
public enum AccessKind
{
    View,
    Export,
}

/// <summary>A person's right to see a site's footage. It is checked again against the people register on every use.</summary>
public sealed record FootageGrant(
    string Id,
    string SiteId,
    string PersonId,
    string PersonName,
    DateOnly? ValidUntil,
    string GrantedById,
    string GrantedByName,
    DateTimeOffset GrantedAt,
    DateTimeOffset? RevokedAt = null,
    string? RevokedById = null,
    string? RevokedByName = null,
    string? RevokeReason = null);

public enum GrantState
{
    Valid,
    Expired,
    Revoked,
    NotEntitled,
}

/// <summary>A grant as the API shows it: its state now, and why it is not valid when it is not (Swedish).</summary>
public sealed record GrantView(
    string Id,
    string SiteId,
    string PersonId,
    string PersonName,
    DateOnly? ValidUntil,
    string GrantedById,
    string GrantedByName,
    DateTimeOffset GrantedAt,
    DateTimeOffset? RevokedAt,
    string? RevokedByName,
    string? RevokeReason,
    GrantState State,
    bool Valid,
    string? StateReason);

/// <summary>
/// One entry of a site's access log. <see cref="Hash"/> is the SHA-256 of <see cref="AccessLogHash.Canonical"/> over every
/// other field; <see cref="PreviousHash"/> is the hash of entry <see cref="Sequence"/> − 1 (64 zeros for entry 1).
/// Access entries fill the camera/footage/purpose fields, disclosures the police fields, denials <see cref="Attempted"/>,
/// <see cref="Reason"/> and <see cref="Count"/>: how many refused attempts of the person at the site the entry records
/// (the one it was written for and those before it that no entry recorded yet; see <see cref="DenialWindow"/>).
/// </summary>
public sealed record AccessLogEntry(
    string Id,
    string SiteId,
    long Sequence,
    string PreviousHash,
    string Hash,
    DateTimeOffset RecordedAt,
    string Actor,
    string ActorName,
    LogAction Action,
    IReadOnlyList<string>? CameraIds = null,
    DateTimeOffset? FootageFrom = null,
    DateTimeOffset? FootageTo = null,
    string? Purpose = null,
    string? IncidentRef = null,
    string? PoliceCaseNumber = null,
    string? RequestingAuthority = null,
    string? RequestingOfficer = null,
    string? LegalGround = null,
    DateTimeOffset? HandedOverAt = null,
    string? HandoverMethod = null,
    string? Attempted = null,
    string? Reason = null,
    int? Count = null);

/// <summary>
/// One person's refusals at one site (table <c>FootageDenials</c>): the one-minute window opened by the latest denial
/// entry, the refusals since that no entry records yet (<see cref="Pending"/>), the latest attempt and the running total.
/// </summary>
public sealed record DenialWindow(
    string SiteId,
    string PersonId,
    string PersonName,
    DateTimeOffset WindowStart,
    int Pending,
    string Attempted,
    string Reason,
    DateTimeOffset LastAt,
    long Total);

/// <summary>A checkpoint of a site's chain written to append-only blob storage: the head at <see cref="AnchoredAt"/>.</summary>
public sealed record ChainAnchor(string SiteId, long Sequence, string Hash, DateTimeOffset AnchoredAt);

/// <summary>One line of a site's anchor blobs as stored: the blob, the line (from 1), and the anchor, or null when the line cannot be read.</summary>
public sealed record StoredAnchor(string Blob, int Line, ChainAnchor? Anchor);

/// <summary>
/// An anchor line that does not bind: <see cref="Problem"/> is <c>unreadable</c>, <c>misplaced</c> (not in its year's
/// blob), <c>backwards</c> (below an earlier anchor), <c>beyondChain</c> (past the chain's last entry) or <c>mismatch</c>
/// (the chain's entry at that sequence has another hash). <see cref="Detail"/> is Swedish.
/// </summary>
public sealed record AnchorProblem(string Blob, int Line, long? Sequence, string Problem, string Detail);

/// <summary>The last anchor a verification found the chain to match, kept so the next ordinary verification starts there.</summary>
public sealed record ChainCheckpoint(string SiteId, long Sequence, string Hash, DateTimeOffset VerifiedAt);

/// <summary>
/// What <c>GET …/access-log/verify</c> answers. <see cref="Problem"/>: altered, missing, reordered or truncated.
/// <see cref="VerifiedFrom"/>: the sequence the entries were read from (1 for a full verification, the remembered
/// checkpoint for an incremental one). <see cref="AnchorProblems"/>: every anchor line that does not bind; any makes the
/// log not intact.
/// </summary>
public sealed record ChainVerification(
    bool Intact,
    long Entries,
    string HeadHash,
    long? FirstBrokenSequence = null,
    string? Problem = null,
    string? Detail = null,
    long? AnchoredSequence = null,
    DateTimeOffset? AnchoredAt = null,
    long VerifiedFrom = 1,
    IReadOnlyList<AnchorProblem>? AnchorProblems = null);

/// <summary>A page of the log: entries in sequence order and where the next page starts (null at the end).</summary>
public sealed record AccessLogPage(IReadOnlyList<AccessLogEntry> Entries, long? Next);

/// <summary>The body of <c>POST /api/camera-sites/{id}/grants</c>.</summary>
public sealed record GrantInput(string? PersonId, DateOnly? ValidUntil);

/// <summary>The body of <c>DELETE /api/camera-sites/{id}/grants/{grantId}</c>.</summary>
public sealed record RevokeInput(string? Reason);

/// <summary>The body of <c>POST /api/camera-sites/{id}/access-log</c>. Who and when come from the sign-in and the server clock.</summary>
public sealed record AccessInput(
    IReadOnlyList<string>? CameraIds,
    DateTimeOffset? FootageFrom,
    DateTimeOffset? FootageTo,
    AccessKind? Action,
    string? Purpose,
    string? IncidentRef);

/// <summary>The body of <c>POST /api/camera-sites/{id}/disclosures</c>: footage handed over to the police.</summary>
public sealed record DisclosureInput(
    string? PoliceCaseNumber,
    string? RequestingAuthority,
    string? RequestingOfficer,
    IReadOnlyList<string>? CameraIds,
    DateTimeOffset? FootageFrom,
    DateTimeOffset? FootageTo,
    string? LegalGround,
    DateTimeOffset? HandedOverAt,
    string? HandoverMethod);

/// <summary>
/// The query of a site's access log as the URL gives it (<c>format</c>, <c>from</c>, <c>limit</c>), checked by
/// <see cref="AccessLogQueryValidator"/>; the parsed values are for a query the validator accepted.
/// </summary>
public sealed record AccessLogQuery(string? Format, string? From, string? Limit)
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    public bool Csv => string.Equals(Format, "csv", StringComparison.OrdinalIgnoreCase);

    public long FromSequence => string.IsNullOrEmpty(From) ? 1 : long.Parse(From, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);

    public int PageSize => string.IsNullOrEmpty(Limit) ? DefaultPageSize : int.Parse(Limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>What reading a site's log gave: a page of entries (JSON), or the whole log as a CSV file with its name.</summary>
public sealed record AccessLogRead(AccessLogPage? Page, byte[]? Csv, string? FileName);

