using Microsoft.AspNetCore.Http;
using System.Text;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Links;
using Bra.Core.Pages;
using Bra.Core.Time;

namespace Bra.Core.Agreements;

/// <summary>
/// The signer's pages behind the emailed link <c>/sign/{token}</c> (anonymous: the link is the credential). GET shows
/// and changes nothing but the audit trail's first "viewed"; only a POST signs or declines. Unknown tokens are
/// rate-limited per client, posts per link. A link works for its signer's current generation until the agreement
/// expires; afterwards, and once the agreement ended, it only says what happened.
/// </summary>
public sealed class SignRoutes(
    LinkResolver resolver, ClientAddress clientAddress, AgreementStore store,
    AgreementSigning signing, DocumentStore documents, TimeProvider time) : IRouteSource
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
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return failure!;
        }

        if (Ended(party, StatusCodes.Status200OK) is { } ended)
        {
            return ended;
        }

        if (party.Signer.ViewedAt is null)
        {
            // The audit trail's "viewed" (first view only); no state changes and no mail.
            var now = time.GetUtcNow();
            var viewed = await store.UpdateSignerAsync(party.Data.Agreement.Id, party.Signer.Id,
                s => s.ViewedAt is null && s.Generation == party.Signer.Generation ? s with { ViewedAt = now } : null, CancellationToken.None);
            if (viewed?.ViewedAt == now)
            {
                await store.AddEventAsync(party.Data.Agreement.Id, AgreementEventKind.Viewed, party.Signer.Id, null, CancellationToken.None);
            }
        }

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
        var result = await signing.DeclineAsync(party, new DeclineForm(values["reason"]), c.Durable, c.Aborted);
        return await AfterAsync(c, party, result, values);
    }

    private async Task<IResult> AfterAsync(RequestContext c, SigningParty party, SignResult result, Dictionary<string, string?> values)
    {
        switch (result.Outcome)
        {
            case SignOutcome.Invalid:
                return await FormAsync(party, result.Errors!, values, StatusCodes.Status400BadRequest, c.Aborted);
            case SignOutcome.StaleDocument:
                return Message("Dokumentet har ändrats", "Sidan du skickade från visade ett annat dokument än det som ska undertecknas. Öppna länken igen och läs dokumentet.",
                    null, party.Data, party.Token, StatusCodes.Status409Conflict);
            case SignOutcome.Closed:
                var data = await store.LoadAsync(party.Data.Agreement.Id, c.Aborted) ?? party.Data;
                return Ended(party with { Data = data }, StatusCodes.Status409Conflict)
                    ?? Message("Det är inte din tur än", "Överenskommelsen undertecknas i tur och ordning. Du får ett e-postmeddelande när det är din tur.", null,
                        data, null, StatusCodes.Status409Conflict);
        }

        var fresh = await store.LoadAsync(party.Data.Agreement.Id, c.Aborted) ?? party.Data;
        return Receipt(party with { Data = fresh, Signer = result.Signer }, StatusCodes.Status200OK);
    }

    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return failure!;
        }

        return await documents.GetAsync(party.Data.Agreement.DocumentId, c.Aborted) is { } document
            ? await documents.DownloadAsync(document, c.Aborted)
            : Message("Dokumentet saknas", "Dokumentet kunde inte hittas.", null, party.Data, null, StatusCodes.Status404NotFound);
    }

    private async Task<IResult> CertificateAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
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

    /// <summary>The party and the form of a POST, after the per-link throttle and a size-capped form read.</summary>
    private async Task<(SigningParty? Party, IFormCollection? Form, IResult? Failure)> PostAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return (null, null, failure);
        }

        if (!resolver.TryPost(party.LinkHash))
        {
            return (null, null, Message(LinkNotice.TooManyPosts, party.Data));
        }

        if (!c.Request.HasFormContentType)
        {
            return (null, null, Message("Fel format", "Skicka från formuläret på sidan.", null, party.Data, null, StatusCodes.Status415UnsupportedMediaType));
        }

        var read = await LinkResolver.ReadFormAsync(c, FormLimit);
        return read switch
        {
            { Form: { } form } => (party, form, null),
            { Problem: FormProblem.Incomplete } => (null, null,
                Message(FormRead.IncompleteTitle, FormRead.IncompleteText, null, party.Data, null, StatusCodes.Status400BadRequest)),
            _ => (null, null, Message("För mycket text", "Formuläret innehöll för mycket text.", null, party.Data, null, StatusCodes.Status413PayloadTooLarge)),
        };
    }

    /// <summary>
    /// The signer a token stands for (<see cref="LinkResolver"/>: the unknown-token limit, the token lookup, then the
    /// agreement and the signer side by side). A revoked link, or one of a replaced signer (older generation), or an
    /// expired one answers 410.
    /// </summary>
    private async Task<(SigningParty? Party, IResult? Failure)> ResolveAsync(RequestContext c)
    {
        var token = c.Route("token");
        var resolved = await resolver.ResolveAsync(c.Request, token, AgreementMailing.LinkKind, async (link, ct) =>
        {
            if (link.PartyId.Split("-g") is not [var signerId, _])
            {
                return null;
            }

            var dataRead = store.LoadAsync(link.WorkflowId, ct);
            var signerRead = store.GetSignerAsync(link.WorkflowId, signerId, ct);
            await Task.WhenAll(dataRead, signerRead);
            return await dataRead is { } data && await signerRead is { } signer ? new SigningParty(token, link.Hash, data, signer.Signer, signer.ETag) : null;
        }, c.Aborted);
        if (resolved is not { Party: { } party, Link: { } link })
        {
            return (null, Message(resolved.Notice!, null));
        }

        if (party.Signer.PartyId != link.PartyId)
        {
            return (null, Message("Länken gäller inte längre", "Någon annan har ersatt dig som undertecknare. Länken fungerar inte längre.", null, null, null,
                StatusCodes.Status410Gone));
        }

        if (link is { State: LinkState.Revoked, RevokedBecause: LinkRevocation.Replaced })
        {
            return (null, Message(LinkNotice.Replaced, null));
        }

        if (party.Data.Agreement.IsOpen && (time.GetUtcNow() >= party.Data.Agreement.ExpiresAt || link.State == LinkState.Revoked))
        {
            return (null, time.GetUtcNow() >= party.Data.Agreement.ExpiresAt
                ? Message(LinkNotice.Expired($"Tiden för att underteckna gick ut {SwedishTime.Format(party.Data.Agreement.ExpiresAt)}."), party.Data)
                : Message(LinkNotice.Revoked, party.Data));
        }

        return (party, null);
    }

    /// <summary>What the link shows once the signer acted or the agreement ended; null while the signer can still act.</summary>
    private IResult? Ended(SigningParty party, int status)
    {
        var a = party.Data.Agreement;
        if (party.Signer.HasActed || a.State == AgreementState.Completed)
        {
            return Receipt(party, StatusCodes.Status200OK);
        }

        return party.Data.State switch
        {
            AgreementState.Declined => Message("Överenskommelsen är avböjd", "En part har avböjt att underteckna. Överenskommelsen är avslutad.", a.EndReason is null ? null : "Skäl: " + a.EndReason,
                party.Data, null, status),
            AgreementState.Cancelled => Message("Överenskommelsen är återkallad", "Avsändaren har återkallat överenskommelsen. Den kan inte undertecknas.",
                a.EndReason is null ? null : "Skäl: " + a.EndReason, party.Data, null, status),
            AgreementState.Expired => Message("Tiden har gått ut", $"Tiden för att underteckna gick ut {SwedishTime.Format(a.ExpiresAt)}. Länken gäller inte längre.", null, party.Data, null,
                StatusCodes.Status410Gone),
            AgreementState.Failed => Message("Överenskommelsen kunde inte slutföras", "Dokumentet ändrades efter utskicket. Avsändaren har fått veta det.", null, party.Data, null, status),
            _ => null,
        };
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
            return Message("Det är inte din tur än", "Överenskommelsen undertecknas i tur och ordning. Du får ett e-postmeddelande när det är din tur.", null,
                party.Data, null, StatusCodes.Status409Conflict);
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

    private static IResult Message(LinkNotice notice, AgreementData? data) => Message(notice.Title, notice.Message, null, data, null, notice.Status);

    private static IResult Message(string title, string message, string? detail, AgreementData? data, string? token, int status) =>
        new PageResult<SignMessagePage>(new Dictionary<string, object?>
        {
            [nameof(SignMessagePage.Title)] = title, [nameof(SignMessagePage.Message)] = message, [nameof(SignMessagePage.Detail)] = detail, [nameof(SignMessagePage.Data)] = data, [nameof(SignMessagePage.Token)] = token,
        }, status);
}
