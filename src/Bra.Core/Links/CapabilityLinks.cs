using SwedishTime = Bra.Core.Time.SwedishTime;

namespace Bra.Core.Links;

/// <summary>
/// A link's standing for both kinds of link (a consultee's, a signer's): the lookup (<see cref="LinkResolver"/>), then
/// usable, expired, replaced, revoked or closed, from the link as stored and the terms its feature gives for the
/// party's workflow (<see cref="LinkTerms"/>). Pages show the <see cref="LinkNotice"/> of a link that is not usable
/// with the one set of lifecycle pages (<c>LinkNoticePage</c>).
/// </summary>
public sealed class CapabilityLinks(LinkResolver resolver, TimeProvider time)
{
    /// <param name="client">The client's address (<see cref="ClientAddress.Of"/>).</param>
    /// <param name="load">Reads the feature's party for a link of <paramref name="workflowKind"/>; null when there is none.</param>
    /// <param name="terms">The feature's terms for the party's workflow.</param>
    public async Task<LinkOpening<TParty>> OpenAsync<TParty>(string client, string token, string workflowKind,
        Func<CapabilityLink, CancellationToken, Task<TParty?>> load, Func<CapabilityLink, TParty, LinkTerms> terms, CancellationToken ct)
        where TParty : class
    {
        var resolved = await resolver.ResolveAsync(client, token, workflowKind, load, ct);
        if (resolved is not { Link: { } link, Party: { } party })
        {
            return new(null, null, LinkStanding.Revoked, resolved.Notice);
        }

        var (standing, notice) = StandingOf(link, terms(link, party));
        return new(link, party, standing, notice);
    }

    /// <summary>How a link stands under its workflow's terms, and the notice a page shows when it is not usable.</summary>
    public (LinkStanding Standing, LinkNotice? Notice) StandingOf(CapabilityLink link, LinkTerms terms)
    {
        if (terms.PartyReplaced || link.RevokedBecause == LinkRevocation.Replaced)
        {
            return (LinkStanding.Replaced, terms.PartyReplaced ? LinkNotice.PartyReplaced : LinkNotice.Replaced);
        }

        var expires = link.ExpiresAt is { } stored && stored < terms.ExpiresAt ? stored : terms.ExpiresAt;
        if (time.GetUtcNow() >= expires)
        {
            return (LinkStanding.Expired, LinkNotice.Expired(terms.ExpiredText.Replace("{0}", SwedishTime.Format(expires), StringComparison.Ordinal)));
        }

        if (link.State == LinkState.Revoked)
        {
            return terms.Closed is { } closed ? (LinkStanding.Closed, closed) : (LinkStanding.Revoked, LinkNotice.Revoked);
        }

        return terms.Closed is { } ended ? (LinkStanding.Closed, ended) : (LinkStanding.Usable, null);
    }

    /// <summary>True when the link may post now (and counts the post); false when it has used up this minute's posts.</summary>
    public bool TryPost(string linkHash) => resolver.TryPost(linkHash);
}
