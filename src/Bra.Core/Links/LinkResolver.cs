using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Http.Features;

namespace Bra.Core.Links;

/// <summary>A page's reason for refusing a link: a Swedish title and text, and the status code.</summary>
public sealed record LinkNotice(string Title, string Message, int Status)
{
    public static readonly LinkNotice TooManyUnknown = new("För många försök",
        "För många okända länkar har prövats från din anslutning. Vänta en stund och försök igen med länken från e-postmeddelandet.", StatusCodes.Status429TooManyRequests);

    public static readonly LinkNotice Unknown = new("Länken finns inte", "Länken är okänd eller ofullständig.", StatusCodes.Status404NotFound);

    public static readonly LinkNotice TooManyPosts = new("För många inskick",
        "Länken har använts för många gånger den senaste minuten. Vänta en minut och försök igen.", StatusCodes.Status429TooManyRequests);

    public static readonly LinkNotice Replaced = new("Länken har ersatts",
        "Du har fått en nyare länk i ett senare e-postmeddelande. Använd den i stället.", StatusCodes.Status410Gone);

    public static readonly LinkNotice Revoked = new("Länken gäller inte längre", "Länken har återkallats.", StatusCodes.Status410Gone);

    /// <summary>An expired link: the feature says what ended (<paramref name="message"/> names the instant).</summary>
    public static LinkNotice Expired(string message) => new("Länken har upphört att gälla", message, StatusCodes.Status410Gone);
}

/// <summary>The party behind a link, or why there is none (<see cref="Notice"/>).</summary>
public sealed record LinkResolution<TParty>(CapabilityLink? Link, TParty? Party, LinkNotice? Notice)
    where TParty : class;

/// <summary>
/// The opening of every request behind an emailed link (a consultee's <c>/respond/{token}</c>, a signer's
/// <c>/sign/{token}</c>): a client over the unknown-token limit is refused before any storage work (also for a valid
/// link: a 256-bit token cannot be guessed, and the limit exists to spare storage); the token is looked up (one point
/// read) and the feature loads its party for it; an unknown token, a link of another kind or a link whose party is gone
/// counts against the client's address (<see cref="ClientAddress"/>). The feature then applies its own expiry and
/// revocation rules with <see cref="LinkNotice"/>'s texts, and throttles posts per link with <see cref="TryPost"/>.
/// </summary>
public sealed class LinkResolver(LinkStore links, LinkLimits limits, ClientAddress clientAddress)
{
    /// <param name="load">Reads the feature's party for a link of <paramref name="workflowKind"/>; null when there is none.</param>
    public async Task<LinkResolution<TParty>> ResolveAsync<TParty>(HttpRequest request, string token, string workflowKind,
        Func<CapabilityLink, CancellationToken, Task<TParty?>> load, CancellationToken ct)
        where TParty : class
    {
        var client = clientAddress.Of(request);
        if (limits.IsBlocked(client))
        {
            return new(null, null, LinkNotice.TooManyUnknown);
        }

        var link = await links.FindAsync(token, ct);
        var party = link is not null && link.WorkflowKind == workflowKind ? await load(link, ct) : null;
        if (party is null)
        {
            limits.RecordUnknown(client);
            return new(null, null, LinkNotice.Unknown);
        }

        return new(link, party, null);
    }

    /// <summary>True when the link may post now (and counts the post); false when it has used up this minute's posts.</summary>
    public bool TryPost(string linkHash) => limits.TryPost(linkHash);

    /// <summary>
    /// The form posted on a link's page, read with a hard cap that holds for chunked bodies too (<see cref="FormRead.ReadCappedAsync"/>,
    /// as staff forms are read; the form reader's default per-value limit stays).
    /// </summary>
    public static Task<FormRead> ReadFormAsync(RequestContext c, long limit) =>
        FormRead.ReadCappedAsync(c, limit, new FormOptions { MultipartBodyLengthLimit = limit, BufferBodyLengthLimit = limit });
}
