using Microsoft.AspNetCore.Http;
using Bra.Core.Http;
using Bra.Core.Pages;

namespace Bra.Core.Agreements;

/// <summary>
/// The forms of one agreement's staff page: cancel and replace a signer (anti-forgery token, POST-redirect-GET, Swedish
/// error summary), and the signed document's download. They call the same <see cref="AgreementService"/> as the API.
/// </summary>
public sealed class AgreementPageRoutes(AgreementStore store, AgreementService service, Documents.DocumentStore documents, StaffForms forms) : IRouteSource
{
    public IEnumerable<AppRoute> Routes =>
    [
        new("AgreementPage", "GET", "staff/agreements/{id}", Access.Administrator, c => PageAsync(c, null, null, null)),
        new("CancelAgreementForm", "POST", "staff/agreements/{id}/cancel", Access.Administrator, CancelAsync),
        new("ReplaceAgreementSignerForm", "POST", "staff/agreements/{id}/signers/{signerId}/replace", Access.Administrator, ReplaceAsync),
        new("AgreementDocumentPage", "GET", "staff/agreements/{id}/document", Access.Administrator, DocumentAsync),
    ];

    private async Task<IResult> PageAsync(RequestContext c, Dictionary<string, string[]>? errors, Dictionary<string, string>? values, (string Message, int Status)? refusal)
    {
        if (await store.LoadAsync(c.Route("id"), c.Aborted) is not { } data)
        {
            return PageResult.NotFound();
        }

        var notice = StaffForms.Notice(c.Request.Query,
            ("aterkallad", "Överenskommelsen är återkallad. Alla inbjudna undertecknare får besked."),
            ("ersatt", "Undertecknaren är ersatt. Den gamla länken fungerar inte längre och den nya undertecknaren bjuds in."),
            ("skickad", "Överenskommelsen är skickad. Undertecknarna bjuds in per e-post."));
        return new PageResult<AgreementPage>(new Dictionary<string, object?>
        {
            [nameof(AgreementPage.Data)] = data,
            [nameof(AgreementPage.Notice)] = notice,
            [nameof(AgreementPage.Error)] = refusal?.Message,
            [nameof(AgreementPage.Errors)] = errors ?? [],
            [nameof(AgreementPage.Values)] = values ?? [],
        }, refusal?.Status ?? (errors is { Count: > 0 } ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK));
    }

    /// <summary>"Återkalla överenskommelsen" with a required reason.</summary>
    private Task<IResult> CancelAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var (id, reason) = (c.Route("id"), form["reason"].ToString());
        var result = await service.CancelAsync(id, new CancelAgreementInput(reason), c.Durable, c.Aborted);
        return await AnswerAsync(c, result, $"/staff/agreements/{id}?aterkallad=1", key => key == "reason" ? "cancel-reason" : key,
            new() { ["cancel-reason"] = reason });
    });

    /// <summary>"Ersätt undertecknaren" with the new person's name and email (and organisation, kept when left empty).</summary>
    private Task<IResult> ReplaceAsync(RequestContext c) => forms.HandleAsync(c, async form =>
    {
        var (id, signerId) = (c.Route("id"), c.Route("signerId"));
        var input = new ReplaceSignerInput(form["name"].ToString(), form["email"].ToString(), form["organisation"].ToString(), null);
        var result = await service.ReplaceAsync(id, signerId, input, c.Durable, c.Aborted);
        return await AnswerAsync(c, result, $"/staff/agreements/{id}?ersatt=1", key => $"{key}-{signerId}",
            new() { [$"name-{signerId}"] = input.Name!, [$"email-{signerId}"] = input.Email!, [$"organisation-{signerId}"] = input.Organisation! });
    });

    /// <summary>Success: POST-redirect-GET to the page with a notice. Otherwise the page again with what was typed: field errors (400) or the refusal.</summary>
    private Task<IResult> AnswerAsync<T>(RequestContext c, Result<T> result, string done, Func<string, string> field, Dictionary<string, string> values) =>
        FormAnswer.FromAsync(result, _ => StaffForms.SeeOther(done), refusal => refusal.Message is { } message
            ? PageAsync(c, null, values, (message, refusal.Status))
            : PageAsync(c, refusal.Errors.ToDictionary(e => field(e.Key), e => e.Value), values, null));

    /// <summary>The document that was sent for signing (and, once completed, signed), as stored.</summary>
    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        if (await store.GetAsync(c.Route("id"), c.Aborted) is not { } header)
        {
            return PageResult.NotFound();
        }

        var a = header.Agreement;
        var stream = await documents.OpenReadAsync(a.DocumentId, c.Aborted);
        SecurityHeaders.Apply(c.Request.HttpContext.Response);
        return TypedResults.Stream(stream, a.DocumentContentType, a.DocumentFileName);
    }
}
