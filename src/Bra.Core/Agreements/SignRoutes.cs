using Microsoft.AspNetCore.Http;
using System.Text;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Links;
using Bra.Core.Pages;
using Bra.Core.Time;

namespace Bra.Core.Agreements;

/// <summary>
/// The signer's pages behind the emailed link <c>/sign/{token}</c> (anonymous: the link is the credential): HTTP in,
/// HTTP out. GET shows and changes nothing but the audit trail's first "viewed" (<see cref="AgreementSigning.ViewedAsync"/>);
/// only a POST signs or declines. Where the link stands is <see cref="SignerLinks"/>' answer.
/// </summary>
public sealed class SignRoutes(
    SignerLinks signerLinks, ClientAddress clientAddress, AgreementStore store, AgreementSigning signing, DocumentStore documents) : IRouteSource
{
    private const long FormLimit = 64 * 1024;
    private const long InlineTextLimit = 200 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("SignForm", "GET", "sign/{token}", Access.Link, ShowAsync),
        new("SignSubmit", "POST", "sign/{token}", Access.Link, SignAsync),
        new("SignDecline", "POST", "sign/{token}/decline", Access.Link, DeclineAsync),
        new("SignDocument", "GET", "sign/{token}/document", Access.Link, DocumentAsync),
        new("SignCertificate", "GET", "sign/{token}/certificate", Access.Link, CertificateAsync),
    ];

    private async Task<IResult> ShowAsync(RequestContext c)
    {
        var (party, failure) = await OpenAsync(c);
        if (party is null)
        {
            return failure!;
        }

        if (Ended(party, StatusCodes.Status200OK) is { } ended)
        {
            return ended;
        }

        await signing.ViewedAsync(party);
        return await FormAsync(party, new Dictionary<string, string[]>(), new Dictionary<string, string?>(), StatusCodes.Status200OK, c.Aborted);
    }

    private async Task<IResult> SignAsync(RequestContext c)
    {
        var (party, form, failure) = await PostAsync(c);
        if (party is null)
        {
            return failure!;
        }

        var values = new Dictionary<string, string?> { ["typedName"] = form!["typedName"].ToString(), ["consent"] = form["consent"].ToString() };
        var consent = values["consent"] is "ja" or "on" or "true";
        var result = await signing.SignAsync(party, new SignForm(values["typedName"], consent), form["documentSha256"].ToString(),
            clientAddress.FullOf(c.Request), c.Request.Headers.UserAgent.ToString(), c.Durable, c.Aborted);
        return await AfterAsync(c, party, result, values);
    }

    private async Task<IResult> DeclineAsync(RequestContext c)
    {
        var (party, form, failure) = await PostAsync(c);
        if (party is null)
        {
            return failure!;
        }

        var values = new Dictionary<string, string?> { ["reason"] = form!["reason"].ToString() };
        return await AfterAsync(c, party, await signing.DeclineAsync(party, new DeclineForm(values["reason"]), c.Durable, c.Aborted), values);
    }

    private async Task<IResult> AfterAsync(RequestContext c, SigningParty party, Result<Signer> result, Dictionary<string, string?> values)
    {
        if (result.Status is ResultStatus.Invalid or ResultStatus.Conflict)
        {
            return result.Status == ResultStatus.Invalid
                ? await FormAsync(party, result.Errors!, values, StatusCodes.Status400BadRequest, c.Aborted)
                : Message("Dokumentet har ändrats", result.Message!, null, party.Data, party.Token, StatusCodes.Status409Conflict);
        }

        var fresh = party with { Data = await store.LoadAsync(party.Data.Agreement.Id, c.Aborted) ?? party.Data };
        return result.Succeeded
            ? Receipt(fresh with { Signer = result.Value! }, StatusCodes.Status200OK)
            : Ended(fresh, StatusCodes.Status409Conflict) ?? NotYourTurn(fresh.Data);
    }

    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        var (party, failure) = await OpenAsync(c);
        if (party is null)
        {
            return failure!;
        }

        return await documents.GetAsync(party.Data.Agreement.DocumentId, c.Aborted) is { } document
            ? DocumentRoutes.Download(await documents.OpenFileAsync(document, c.Aborted))
            : Message("Dokumentet saknas", "Dokumentet kunde inte hittas.", null, party.Data, null, StatusCodes.Status404NotFound);
    }

    private async Task<IResult> CertificateAsync(RequestContext c)
    {
        var (party, failure) = await OpenAsync(c);
        if (party is null)
        {
            return failure!;
        }

        if (party.Data.Agreement.State != AgreementState.Completed || await store.ReadCertificateAsync(party.Data.Agreement.Id + ".pdf", c.Aborted) is not { } pdf)
        {
            return Message("Intyget finns inte än", "Intyget om undertecknande skapas när alla har undertecknat.", null, party.Data, party.Token, StatusCodes.Status404NotFound);
        }

        SecurityHeaders.Apply(c.Request.HttpContext.Response);
        return TypedResults.File(pdf, "application/pdf", "intyg-om-undertecknande.pdf");
    }

    /// <summary>The signer of a usable link; else the lifecycle page (unknown, expired, replaced, revoked, or the agreement ended).</summary>
    private async Task<(SigningParty? Party, IResult? Failure)> OpenAsync(RequestContext c)
    {
        LinkPages.NoIndex(c.Request.HttpContext);
        var opened = await signerLinks.OpenAsync(clientAddress.Of(c.Request), c.Route("token"), c.Aborted);
        return opened.IsUsable ? (opened.Party, null) : (null, LinkPages.Notice(opened.Notice!, opened.Party?.Data.Agreement.OwnerName, opened.Party?.Data.Agreement.OwnerEmail));
    }

    /// <summary>The party and the form of a POST, after the per-link throttle and a size-capped form read.</summary>
    private async Task<(SigningParty? Party, IFormCollection? Form, IResult? Failure)> PostAsync(RequestContext c)
    {
        var (party, failure) = await OpenAsync(c);
        if (party is null)
        {
            return (null, null, failure);
        }

        if (!signerLinks.TryPost(party))
        {
            return (null, null, LinkPages.Notice(LinkNotice.TooManyPosts, party.Data.Agreement.OwnerName, party.Data.Agreement.OwnerEmail));
        }

        if (!c.Request.HasFormContentType)
        {
            return (null, null, Message("Fel format", "Skicka från formuläret på sidan.", null, party.Data, null, StatusCodes.Status415UnsupportedMediaType));
        }

        var read = await LinkForm.ReadAsync(c, FormLimit);
        return read switch
        {
            { Form: { } form } => (party, form, null),
            { Problem: FormProblem.Incomplete } => (null, null,
                Message(FormRead.IncompleteTitle, FormRead.IncompleteText, null, party.Data, null, StatusCodes.Status400BadRequest)),
            _ => (null, null, Message("För mycket text", "Formuläret innehöll för mycket text.", null, party.Data, null, StatusCodes.Status413PayloadTooLarge)),
        };
    }

    /// <summary>What the link shows once the signer acted or the agreement was completed or failed; null while the signer can still act.</summary>
    private static IResult? Ended(SigningParty party, int status)
    {
        if (party.Signer.HasActed || party.Data.Agreement.State == AgreementState.Completed)
        {
            return Receipt(party, StatusCodes.Status200OK);
        }

        return party.Data.State == AgreementState.Failed
            ? Message("Överenskommelsen kunde inte slutföras", "Dokumentet ändrades efter utskicket. Avsändaren har fått veta det.", null, party.Data, null, status)
            : null;
    }

    private static IResult Receipt(SigningParty party, int status)
    {
        var s = party.Signer;
        var a = party.Data.Agreement;
        return s.State switch
        {
            SignerState.Signed => Message(a.State == AgreementState.Completed ? "Överenskommelsen är undertecknad" : "Tack, du har undertecknat",
                $"Du undertecknade {SwedishTime.Format(s.Signature!.At)} som \"{s.Signature.TypedName}\".",
                a.State == AgreementState.Completed ? "Alla parter har undertecknat. Du får dokumentet och intyget per e-post." : "Du får dokumentet och ett intyg per e-post när alla har undertecknat.",
                party.Data, party.Token, status),
            SignerState.Declined => Message("Du har avböjt", $"Du avböjde att underteckna {SwedishTime.Format(s.DeclinedAt!.Value)}.", "Skäl: " + s.DeclinedReason, party.Data, null, status),
            _ => Message("Överenskommelsen är undertecknad", "Alla parter har undertecknat.", null, party.Data, party.Token, status),
        };
    }

    private async Task<IResult> FormAsync(SigningParty party, IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string?> values, int status,
        CancellationToken ct)
    {
        if (!signing.CanAct(party))
        {
            return NotYourTurn(party.Data);
        }

        string? text = null;
        var a = party.Data.Agreement;
        if (a.DocumentContentType.StartsWith("text/", StringComparison.Ordinal) && a.DocumentSize <= InlineTextLimit)
        {
            await using var stream = await documents.OpenReadAsync(a.DocumentId, ct);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = await reader.ReadToEndAsync(ct);
        }

        return new PageResult<SignPage>(new Dictionary<string, object?>
        {
            [nameof(SignPage.Data)] = party.Data, [nameof(SignPage.Signer)] = party.Signer, [nameof(SignPage.Token)] = party.Token, [nameof(SignPage.DocumentText)] = text, [nameof(SignPage.Errors)] = errors, [nameof(SignPage.Values)] = values,
        }, status);
    }

    private static IResult NotYourTurn(AgreementData data) =>
        Message("Det är inte din tur än", "Överenskommelsen undertecknas i tur och ordning. Du får ett e-postmeddelande när det är din tur.", null, data, null, StatusCodes.Status409Conflict);

    private static IResult Message(string title, string message, string? detail, AgreementData? data, string? token, int status) =>
        new PageResult<SignMessagePage>(new Dictionary<string, object?>
        {
            [nameof(SignMessagePage.Title)] = title, [nameof(SignMessagePage.Message)] = message, [nameof(SignMessagePage.Detail)] = detail, [nameof(SignMessagePage.Data)] = data, [nameof(SignMessagePage.Token)] = token,
        }, status);
}
