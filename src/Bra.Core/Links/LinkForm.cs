using Bra.Core.Http;
using Bra.Core.Pages;
using Microsoft.AspNetCore.Http.Features;

namespace Bra.Core.Links;

/// <summary>The form posted on a link's page (edge: it reads the request).</summary>
public static class LinkForm
{
    /// <summary>
    /// Reads the form with a hard cap that holds for chunked bodies too (<see cref="FormRead.ReadCappedAsync"/>, as staff
    /// forms are read; the form reader's default per-value limit stays).
    /// </summary>
    public static Task<FormRead> ReadAsync(RequestContext c, long limit) =>
        FormRead.ReadCappedAsync(c, limit, new FormOptions { MultipartBodyLengthLimit = limit, BufferBodyLengthLimit = limit });
}
