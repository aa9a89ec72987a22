namespace Bra.Core.Links;

public enum LinkState
{
    Active,
    Revoked,
}

/// <summary>
/// A capability link as stored: only the SHA-256 of the token, bound to one party of one workflow. The raw token
/// exists only in the email that carries it and in the URL the party opens.
/// </summary>
public sealed record CapabilityLink(
    string Hash,
    string WorkflowKind,
    string WorkflowId,
    string PartyId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    LinkState State)
{
    public bool IsUsableAt(DateTimeOffset now) => State == LinkState.Active && (ExpiresAt is null || now < ExpiresAt);
}
