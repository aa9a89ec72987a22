using Microsoft.AspNetCore.Http;
using Bra.Core.Documents;
using Bra.Core.Http;

namespace Bra.Core.Agreements;

/// <summary>The agreements API (administrators, bearer token): HTTP in, HTTP out; the work is in <see cref="AgreementService"/>.</summary>
public sealed class AgreementRoutes(AgreementStore store, AgreementService service) : IRouteSource
{
    public const long MaxVerifyBytes = DocumentStore.MaxStaffDocumentBytes;

    public IEnumerable<AppRoute> Routes =>
    [
        new("CreateAgreement", "POST", "api/agreements", Access.Administrator, c => JsonBody.HandleAsync<CreateAgreementInput>(c.Request, input => CreateAsync(c, input))) { Body = typeof(CreateAgreementInput), Returns = typeof(AgreementAccepted), Success = 202 },
        new("ListAgreements", "GET", "api/agreements", Access.Administrator, ListAsync) { Returns = typeof(IReadOnlyList<AgreementSummary>) },
        new("GetAgreement", "GET", "api/agreements/{id}", Access.Administrator, async c =>
            await store.LoadAsync(c.Route("id"), c.Aborted) is { } data ? TypedResults.Ok(AgreementView.Of(data)) : NotFound()) { Returns = typeof(AgreementView) },
        new("CancelAgreement", "POST", "api/agreements/{id}/cancel", Access.Administrator, c => JsonBody.HandleAsync<CancelAgreementInput>(c.Request, async input =>
            ApiAnswer.From(await service.CancelAsync(c.Route("id"), input, c.Durable, c.Aborted), _ => Changed(c.Route("id"))))) { Body = typeof(CancelAgreementInput), Returns = typeof(AgreementChanged), Success = 202, ProblemStatuses = [409] },
        new("ReplaceAgreementSigner", "POST", "api/agreements/{id}/signers/{signerId}/replace", Access.Administrator, c => JsonBody.HandleAsync<ReplaceSignerInput>(c.Request, async input =>
            ApiAnswer.From(await service.ReplaceAsync(c.Route("id"), c.Route("signerId"), input, c.Durable, c.Aborted), _ => Changed(c.Route("id"))))) { Body = typeof(ReplaceSignerInput), Returns = typeof(AgreementChanged), Success = 202, ProblemStatuses = [409] },
        new("GetAgreementCertificate", "GET", "api/agreements/{id}/certificate", Access.Administrator, c => CertificateAsync(c, null)) { Query = ["format"], Produces = ["text/html", "application/pdf"], ProblemStatuses = [409] },
        new("VerifyAgreementDocument", "POST", "api/agreements/verify", Access.Administrator, VerifyAsync) { Form = ["file"], Returns = typeof(VerifyResult) },
        new("AgreementsPage", "GET", "staff/agreements", Access.Administrator, ListPageAsync) { Navigation = new(30, "Överenskommelser") },
        new("AgreementCertificatePage", "GET", "staff/agreements/{id}/certificate", Access.Administrator, c => CertificateAsync(c, "pdf")),
    ];

    private async Task<IResult> ListPageAsync(RequestContext c)
    {
        var rows = new List<AgreementData>();
        foreach (var a in await store.ListAsync(c.Aborted))
        {
            if (await store.LoadAsync(a.Id, c.Aborted) is { } data)
            {
                rows.Add(data);
            }
        }

        return new Pages.PageResult<AgreementsPage>(new Dictionary<string, object?> { [nameof(AgreementsPage.Rows)] = rows });
    }

    private async Task<IResult> CreateAsync(RequestContext c, CreateAgreementInput input) =>
        ApiAnswer.From(await service.StartAsync(input, c.Staff.Person, c.Durable, c.Aborted), agreement =>
        {
            var location = $"/api/agreements/{agreement.Id}";
            return TypedResults.Accepted(location, new AgreementAccepted(agreement.Id, location));
        });

    private async Task<IResult> ListAsync(RequestContext c)
    {
        var list = new List<AgreementSummary>();
        foreach (var a in await store.ListAsync(c.Aborted))
        {
            // Open agreements show partly signed once someone signed; that is read from their signers.
            var state = a.IsOpen && await store.LoadAsync(a.Id, c.Aborted) is { } data ? data.State : a.State;
            list.Add(new AgreementSummary(a.Id, a.Title, a.CaseNumber, state, a.CreatedAt, a.ExpiresAt));
        }

        return TypedResults.Ok(list);
    }

    private static IResult Changed(string id) => TypedResults.Accepted($"/api/agreements/{id}", new AgreementChanged(id));

    /// <summary>The certificate as printable HTML (default) or PDF (<c>?format=pdf</c>), with its SHA-256 in a header.</summary>
    private async Task<IResult> CertificateAsync(RequestContext c, string? fixedFormat)
    {
        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } header)
        {
            return NotFound();
        }

        var a = header.Agreement;
        if (a.State != AgreementState.Completed)
        {
            return Problems.Conflict($"Intyget finns när alla har undertecknat. Överenskommelsen är {AgreementService.Swedish(a.State)}.");
        }

        var format = fixedFormat ?? c.Request.Query["format"].ToString();
        if (format is not ("" or "html" or "pdf"))
        {
            return Problems.Validation("format", "Ange format=pdf eller format=html (eller inget format).");
        }

        var pdf = format == "pdf";
        var bytes = await store.ReadCertificateAsync(a.Id + (pdf ? ".pdf" : ".html"), c.Aborted);
        if (bytes is null)
        {
            return Problems.NotFound("Intyget saknas i lagringen.");
        }

        c.Request.HttpContext.Response.Headers["X-Content-SHA256"] = pdf ? a.CertificateSha256 : a.CertificateHtmlSha256;
        Pages.SecurityHeaders.Apply(c.Request.HttpContext.Response);
        return pdf
            ? TypedResults.File(bytes, "application/pdf", $"intyg-{a.Id}.pdf")
            : TypedResults.Bytes(bytes, "text/html; charset=utf-8");
    }

    /// <summary>Multipart field <c>file</c>: is this exact file (by SHA-256) the document of a completed agreement?</summary>
    private async Task<IResult> VerifyAsync(RequestContext c)
    {
        if (!c.Request.HasFormContentType || !c.Request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem("Skicka filen som multipart/form-data i fältet \"file\".", statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Fel innehållstyp");
        }

        if (c.Request.ContentLength > MaxVerifyBytes + 64 * 1024)
        {
            return Problems.TooLarge(MaxVerifyBytes);
        }

        var form = await c.Request.ReadFormAsync(c.Aborted);
        if (form.Files.GetFile("file") is { Length: > MaxVerifyBytes })
        {
            return Problems.TooLarge(MaxVerifyBytes);
        }

        return await UploadFormReader.ReadAsync(form, "file", c.Aborted) is { } upload
            ? TypedResults.Ok(await service.VerifyAsync(upload.Content, c.Aborted))
            : Problems.Validation("file", "Välj filen som ska kontrolleras i fältet \"file\".");
    }

    private static IResult NotFound() => Problems.NotFound(AgreementService.NotFoundMessage);
}

/// <summary>The answer of <c>POST /api/agreements</c>: the agreement's id and where its status is read.</summary>
public sealed record AgreementAccepted(string Id, string StatusUrl);

/// <summary>The answer of cancelling an agreement or replacing a signer: the agreement the workflow is changing.</summary>
public sealed record AgreementChanged(string Id);
