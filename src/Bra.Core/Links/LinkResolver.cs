namespace Bra.Core.Links;

/// <summary>The party behind a link, or why there is none (<see cref="Notice"/>).</summary>
public sealed record LinkResolution<TParty>(CapabilityLink? Link, TParty? Party, LinkNotice? Notice)
    where TParty : class;

/// <summary>
/// The lookup behind every emailed link (a consultee's <c>/respond/{token}</c>, a signer's <c>/sign/{token}</c>): the
/// token is looked up (one point read, none for a token of the wrong shape, also for a client over the limit) and the feature loads its party for it; an
/// unknown token, a link of another kind or a link whose party is gone counts against the client's address
/// (<see cref="ClientAddress"/> says what an address is). A client over the unknown-token limit is refused only when its
/// token is unknown: a valid link keeps working (its posts keep their per-link limit), so one client behind a shared
/// address who tried unknown tokens does not lock out the others.
/// </summary>
public sealed class LinkResolver(LinkStore links, LinkLimits limits)
{
    /// <param name="client">The client's address as <see cref="ClientAddress.Of"/> gives it.</param>
    /// <param name="load">Reads the feature's party for a link of <paramref name="workflowKind"/>; null when there is none.</param>
    public async Task<LinkResolution<TParty>> ResolveAsync<TParty>(string client, string token, string workflowKind,
        Func<CapabilityLink, CancellationToken, Task<TParty?>> load, CancellationToken ct)
        where TParty : class
    {
        var blocked = limits.IsBlocked(client);
        var link = await links.FindAsync(token, ct);
        var party = link is not null && link.WorkflowKind == workflowKind ? await load(link, ct) : null;
        if (party is null)
        {
            if (blocked)
            {
                return new(null, null, LinkNotice.TooManyUnknown);
            }

            limits.RecordUnknown(client);
            return new(null, null, LinkNotice.Unknown);
        }

        return new(link, party, null);
    }

    /// <summary>True when the link may post now (and counts the post); false when it has used up this minute's posts.</summary>
    public bool TryPost(string linkHash) => limits.TryPost(linkHash);
}
