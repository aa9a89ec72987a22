namespace Bra.Core.Links;

public enum LinkState
{
    Active,
    Revoked,
}

/// <summary>Why a link was revoked.</summary>
public enum LinkRevocation
{
    /// <summary>The party forwarded the workflow to someone else, who got a link of their own.</summary>
    Forwarded,

    /// <summary>The workflow was cancelled.</summary>
    Cancelled,

    /// <summary>A newer link (in a later email) replaced it.</summary>
    Replaced,
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
    LinkState State,
    LinkRevocation? RevokedBecause = null,
    DateTimeOffset? RevokedAt = null);
