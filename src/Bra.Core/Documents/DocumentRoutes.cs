using Microsoft.AspNetCore.Http;
using Bra.Core.Http;

namespace Bra.Core.Documents;

/// <summary>Upload (administrators, multipart field <c>file</c>) and download (staff, per document: <see cref="DocumentAccess"/>) of documents.</summary>
public sealed class DocumentRoutes(DocumentStore store, DocumentAccess access) : IRouteSource
{
    public IEnumerable<AppRoute> Routes =>
    [
        new("UploadDocument", "POST", "api/documents", Access.Administrator, UploadAsync) { Form = ["file"], Returns = typeof(StoredDocument), Success = 201 },
        new("GetDocument", "GET", "api/documents/{id}", Access.Staff, DownloadAsync) { Produces = ["application/octet-stream"] },
    ];

    private async Task<IResult> DownloadAsync(RequestContext c)
    {
        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } document)
        {
            return Problems.NotFound("Dokumentet finns inte.");
        }

        return await access.MayReadAsync(c.Staff, document, c.Aborted)
            ? Download(await store.OpenFileAsync(document, c.Aborted))
            : Problems.Forbidden("Du har inte behörighet till dokumentet. Administratörer och dataskyddsombudet kan läsa alla dokument; "
                + "rektorer och chefer läser bedömningarna för kameraplatser i de enheter de ansvarar för.");
    }

    private async Task<IResult> UploadAsync(RequestContext c)
    {
        if (!c.Request.HasFormContentType || !c.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Skicka filen som multipart/form-data i fältet \"file\".",
                statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Fel innehållstyp");
        }

        if (c.Request.ContentLength > DocumentStore.MaxStaffDocumentBytes + 64 * 1024)
        {
            return Problems.TooLarge(DocumentStore.MaxStaffDocumentBytes);
        }

        var form = await c.Request.ReadFormAsync(c.Aborted);
        if (form.Files.GetFile("file") is not { } file)
        {
            return Problems.Validation("file", "Välj en fil att ladda upp i fältet \"file\".");
        }

        if (file.Length > DocumentStore.MaxStaffDocumentBytes)
        {
            return Problems.TooLarge(DocumentStore.MaxStaffDocumentBytes);
        }

        var upload = await UploadFormReader.ReadAsync(form, "file", c.Aborted) ?? new Upload(file.FileName, []);
        var (document, error) = await store.SaveStaffDocumentAsync(upload, c.Staff.Person.Id, c.Aborted);
        return document is null
            ? Problems.Validation("file", error!)
            : TypedResults.Created($"/api/documents/{document.Id}", document);
    }

    /// <summary>
    /// A document as a download answer, for every route that serves one: the framework's stream result with the stored name
    /// as an RFC 6266 attachment name (ASCII fallback and <c>filename*</c> in UTF-8), plus no sniffing, no caching and the
    /// content's SHA-256.
    /// </summary>
    public static IResult Download(DocumentFile file) =>
        new DownloadResult(file.Sha256, TypedResults.Stream(file.Content, file.ContentType, file.FileName));

    private sealed class DownloadResult(string sha256, IResult file) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            Pages.SecurityHeaders.Apply(httpContext.Response);
            httpContext.Response.Headers["X-Content-SHA256"] = sha256;
            return file.ExecuteAsync(httpContext);
        }
    }
}
