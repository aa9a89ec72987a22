namespace Bra.Core.Links;

/// <summary>Where a link stands: usable, or why not.</summary>
public enum LinkStanding
{
    Usable,

    /// <summary>Past the end of its workflow's links (the workflow's read period included).</summary>
    Expired,

    /// <summary>A newer link replaced it, or its party was replaced by another.</summary>
    Replaced,

    /// <summary>Revoked for another reason (forwarded, cancelled) while its workflow gives no reason of its own.</summary>
    Revoked,

    /// <summary>The workflow no longer takes this party's acts (cancelled, declined, closed, forwarded): the feature's own notice.</summary>
    Closed,
}

/// <summary>What a feature knows of its workflow that decides a link's standing.</summary>
/// <param name="ExpiresAt">When the workflow's links stop (its read period included).</param>
/// <param name="ExpiredText">Swedish: what ended, naming the instant.</param>
/// <param name="Closed">Why the workflow no longer takes this party's acts, or null while it does.</param>
/// <param name="PartyReplaced">The party behind the link was replaced by another.</param>
public sealed record LinkTerms(DateTimeOffset ExpiresAt, string ExpiredText, LinkNotice? Closed, bool PartyReplaced = false);

/// <summary>A link opened: the link and its party when the token named one, how it stands, and the notice a page shows when it is not usable.</summary>
public sealed record LinkOpening<TParty>(CapabilityLink? Link, TParty? Party, LinkStanding Standing, LinkNotice? Notice)
    where TParty : class
{
    public bool IsUsable => Standing == LinkStanding.Usable && Party is not null;
}
