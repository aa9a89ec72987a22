using Bra.Core.Durable;

namespace Bra.Core.Agreements;

/// <summary>An agreement's state. Sent and partly signed are open; the rest are final. Failed: the document changed after sending.</summary>
public enum AgreementState
{
    Sent,
    PartlySigned,
    Completed,
    Declined,
    Expired,
    Cancelled,
    Failed,
}

public enum SigningOrder
{
    Parallel,
    Sequential,
}

public enum SignerState
{
    Waiting,
    Invited,
    Signed,
    Declined,
}

/// <summary>
/// An agreement as stored (header row). Signers and events are rows of their own; the state of an open agreement
/// (sent or partly signed) is derived from its signers, so a signature never writes the header.
/// <see cref="WorkflowStop"/> and <see cref="WorkflowStoppedAt"/> say that its workflow failed or was terminated, and
/// when; they outlive the workflow's history, which the history purge deletes.
/// </summary>
public sealed record Agreement(
    string Id,
    string Title,
    string? CaseNumber,
    string DocumentId,
    string DocumentFileName,
    string DocumentContentType,
    long DocumentSize,
    string DocumentSha256,
    SigningOrder Order,
    DateTimeOffset ExpiresAt,
    string? Message,
    IReadOnlyList<string> Cc,
    string OwnerId,
    string OwnerName,
    string OwnerEmail,
    DateTimeOffset CreatedAt,
    AgreementState State = AgreementState.Sent,
    DateTimeOffset? EndedAt = null,
    string? EndReason = null,
    string? Failure = null,
    string? CertificateSha256 = null,
    string? CertificateHtmlSha256 = null,
    WorkflowStopKind? WorkflowStop = null,
    DateTimeOffset? WorkflowStoppedAt = null)
{
    public bool IsOpen => State is AgreementState.Sent or AgreementState.PartlySigned;
}

/// <summary>What a signer did when signing: the audit data of a simple electronic signature.</summary>
public sealed record Signature(
    string TypedName, DateTimeOffset At, string IpAddress, string UserAgent, string DocumentSha256, string ConsentVersion);

/// <summary>Someone who held a signer's place before being replaced.</summary>
public sealed record ReplacedSigner(string Name, string Email, DateTimeOffset ReplacedAt);

/// <summary>
/// One party to sign. <see cref="Generation"/> counts replacements: a link is bound to one generation, so a replaced
/// signer's link is dead even if revoking it failed.
/// </summary>
public sealed record Signer(
    string Id,
    int Position,
    string Name,
    string Email,
    string Organisation,
    string? Title,
    SignerState State = SignerState.Waiting,
    int Generation = 1,
    DateTimeOffset? InvitedAt = null,
    int Reminders = 0,
    DateTimeOffset? RemindedAt = null,
    DateTimeOffset? ViewedAt = null,
    Signature? Signature = null,
    DateTimeOffset? DeclinedAt = null,
    string? DeclinedReason = null,
    IReadOnlyList<ReplacedSigner>? Replaced = null)
{
    public bool HasActed => State is SignerState.Signed or SignerState.Declined;

    /// <summary>The capability-link party id of this signer's current generation.</summary>
    public string PartyId => $"{Id}-g{Generation}";
}

public enum AgreementEventKind
{
    Sent,
    Invited,
    Viewed,
    Reminded,
    Signed,
    Declined,
    Replaced,
    Cancelled,
    Expired,
    Completed,
    Failed,
}

/// <summary>One line of the audit trail.</summary>
public sealed record AgreementEvent(DateTimeOffset At, AgreementEventKind Kind, string? SignerId, string? Detail);

/// <summary>Everything an agreement holds.</summary>
public sealed record AgreementData(Agreement Agreement, IReadOnlyList<Signer> Signers, IReadOnlyList<AgreementEvent> Events)
{
    /// <summary>The state as shown: a stored final state, else partly signed once anyone signed.</summary>
    public AgreementState State => Agreement.IsOpen && Signers.Any(s => s.State == SignerState.Signed) ? AgreementState.PartlySigned : Agreement.State;

    public bool AllSigned => Signers.Count > 0 && Signers.All(s => s.State == SignerState.Signed);
}

// Input (API and forms).

public sealed record SignerInput(string? Name, string? Email, string? Organisation, string? Title);

public sealed record CreateAgreementInput(
    string? Title, string? CaseNumber, string? DocumentId, IReadOnlyList<SignerInput?>? Signers, string? Order, string? ExpiresAt, string? Message,
    IReadOnlyList<string?>? Cc);

public sealed record CancelAgreementInput(string? Reason);

public sealed record ReplaceSignerInput(string? Name, string? Email, string? Organisation, string? Title);

public sealed record SignForm(string? TypedName, bool Consent);

public sealed record DeclineForm(string? Reason);

// Output (API).

public sealed record SignerView(
    string Id, string Name, string Email, string Organisation, string? Title, SignerState State, DateTimeOffset? InvitedAt, int Reminders,
    DateTimeOffset? RemindedAt, DateTimeOffset? ViewedAt, DateTimeOffset? SignedAt, string? TypedName, DateTimeOffset? DeclinedAt,
    string? DeclinedReason);

public sealed record AgreementView(
    string Id, string Title, string? CaseNumber, AgreementState State, SigningOrder Order, string DocumentId, string DocumentFileName,
    string DocumentSha256, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, string OwnerName, string OwnerEmail, IReadOnlyList<string> Cc,
    IReadOnlyList<SignerView> Signers, DateTimeOffset? EndedAt, string? EndReason, string? Failure, string? CertificateUrl,
    string? CertificateSha256, IReadOnlyList<AgreementEvent> Events)
{
    public static AgreementView Of(AgreementData data)
    {
        var a = data.Agreement;
        return new AgreementView(a.Id, a.Title, a.CaseNumber, data.State, a.Order, a.DocumentId, a.DocumentFileName, a.DocumentSha256, a.CreatedAt,
            a.ExpiresAt, a.OwnerName, a.OwnerEmail, a.Cc,
            data.Signers.Select(s => new SignerView(s.Id, s.Name, s.Email, s.Organisation, s.Title, s.State, s.InvitedAt, s.Reminders, s.RemindedAt,
                s.ViewedAt, s.Signature?.At, s.Signature?.TypedName, s.DeclinedAt, s.DeclinedReason)).ToList(),
            a.EndedAt, a.EndReason, a.Failure,
            a.State == AgreementState.Completed ? $"/api/agreements/{a.Id}/certificate" : null, a.CertificateSha256, data.Events);
    }
}

/// <summary>The short form in the list.</summary>
public sealed record AgreementSummary(string Id, string Title, string? CaseNumber, AgreementState State, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

public sealed record VerifiedSigner(string Name, string Organisation, string TypedName, DateTimeOffset SignedAt);

public sealed record VerifiedAgreement(string Id, string Title, string? CaseNumber, DateTimeOffset? CompletedAt, IReadOnlyList<VerifiedSigner> Signers);

public sealed record VerifyResult(string Sha256, bool Match, IReadOnlyList<VerifiedAgreement> Agreements);
