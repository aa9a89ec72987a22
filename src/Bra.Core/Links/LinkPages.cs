using Bra.Core.Pages;
using Microsoft.AspNetCore.Http;

namespace Bra.Core.Links;

/// <summary>The lifecycle pages of every kind of link (edge: they answer HTTP).</summary>
public static class LinkPages
{
    /// <summary>Asks search engines not to index a link page or its files (a link is a credential; robots.txt keeps crawlers out as well).</summary>
    public static void NoIndex(HttpContext context) => context.Response.Headers["X-Robots-Tag"] = "noindex, nofollow";

    /// <summary>The notice's page with its status, naming whom to ask when the link's workflow is known.</summary>
    public static IResult Notice(LinkNotice notice, string? contactName, string? contactEmail) =>
        new PageResult<LinkNoticePage>(new Dictionary<string, object?>
        {
            [nameof(LinkNoticePage.Notice)] = notice,
            [nameof(LinkNoticePage.ContactName)] = contactName,
            [nameof(LinkNoticePage.ContactEmail)] = contactEmail,
        }, notice.Status);
}
