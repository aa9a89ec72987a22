using Microsoft.AspNetCore.Http;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Links;
using Bra.Core.Pages;

namespace Bra.Core.Consultations;

/// <summary>
/// The consultee's pages behind the emailed link (anonymous: the link is the credential): HTTP in, HTTP out. GET never
/// changes anything; only POST stores an answer (<see cref="ConsultationAnswers"/>) or forwards the consultation
/// (<see cref="ConsultationForwarding"/>). Where the link stands is <see cref="ConsulteeLinks"/>' answer.
/// </summary>
public sealed class RespondRoutes(
    ConsulteeLinks consulteeLinks, ClientAddress clientAddress, ConsultationAnswers answers, ConsultationForwarding forwarding, DocumentStore documents,
    ConsultationReceipts receipts) : IRouteSource
{
    private const long FormLimit = DocumentStore.MaxAnswerAttachmentBytes + 512 * 1024;
    private const long ForwardFormLimit = 64 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("RespondForm", "GET", "respond/{token}", Access.Link, ShowAsync),
        new("RespondSubmit", "POST", "respond/{token}", Access.Link, SubmitAsync),
        new("RespondDocument", "GET", "respond/{token}/document", Access.Link, DocumentAsync),
        new("RespondForward", "POST", "respond/{token}/forward", Access.Link, ForwardAsync),
    ];

    private async Task<IResult> ShowAsync(RequestContext c)
    {
        var opened = await OpenAsync(c);
        if (opened.IsUsable)
        {
            return Form(opened.Party!, new Dictionary<string, string[]>(), Prefill(opened.Party!.Consultee.LastAnswer), StatusCodes.Status200OK);
        }

        // A consultation that ended while its link stayed active only shows why (200); a revoked or expired link is gone (410).
        var notice = opened is { Standing: LinkStanding.Closed, Link.State: LinkState.Active } ? opened.Notice!.WithStatus(StatusCodes.Status200OK) : opened.Notice!;
        return Notice(notice, opened.Party?.Consultation);
    }

    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        var opened = await OpenAsync(c);
        if (!opened.IsUsable)
        {
            return Notice(opened.Notice!, opened.Party?.Consultation);
        }

        return await documents.GetAsync(opened.Party!.Consultation.DocumentId, c.Aborted) is { } document
            ? DocumentRoutes.Download(await documents.OpenFileAsync(document, c.Aborted))
            : Message("Dokumentet saknas", "Remissdokumentet kunde inte hittas.", null, opened.Party.Consultation, StatusCodes.Status404NotFound);
    }

    private async Task<IResult> SubmitAsync(RequestContext c)
    {
        using var answering = receipts.Answering();
        var (party, form, refusal) = await PostAsync(c, FormLimit, "Svaret är för stort", "Bilagan får vara högst 10 MB. Gå tillbaka och välj en mindre fil.",
            "Svaret måste skickas från formuläret (application/x-www-form-urlencoded eller multipart/form-data).");
        if (party is null)
        {
            return refusal!;
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["position"] = form!["position"].ToString(), ["comments"] = form["comments"].ToString(),
            ["respondentName"] = form["respondentName"].ToString(), ["respondentRole"] = form["respondentRole"].ToString(),
        };
        var input = new AnswerInput(values["position"], values["comments"], values["respondentName"], values["respondentRole"]);
        var result = await answers.AnswerAsync(party, input, await UploadFormReader.ReadAsync(form, "attachment", c.Aborted), form["formKey"].ToString(), c.Aborted);
        return result switch
        {
            { Status: ResultStatus.Invalid } => Form(party, result.Errors!, values, StatusCodes.Status400BadRequest),
            { Succeeded: false } => Message("Svaret kan inte ändras fler gånger", result.Message!, null, party.Consultation, StatusCodes.Status409Conflict),
            _ => Receipt(c, party, result.Value!),
        };
    }

    private async Task<IResult> ForwardAsync(RequestContext c)
    {
        var (party, form, refusal) = await PostAsync(c, ForwardFormLimit, "För mycket text", "Ange bara kollegans namn och e-postadress.", "Vidarebefordra från formuläret på sidan.");
        if (party is null)
        {
            return refusal!;
        }

        var input = new ForwardInput(form!["name"].ToString().Trim(), form["email"].ToString().Trim());
        var result = await forwarding.ForwardAsync(party, input, c.Durable, c.Aborted);
        return result.Status switch
        {
            ResultStatus.Invalid => Form(party, result.Errors!, new Dictionary<string, string?>(Prefill(party.Consultee.LastAnswer)) { ["forwardName"] = input.Name, ["forwardEmail"] = input.Email },
                StatusCodes.Status400BadRequest),
            ResultStatus.Conflict => Message("Remissen kan inte vidarebefordras", result.Message!, null, party.Consultation, StatusCodes.Status409Conflict),
            ResultStatus.Gone => Message("Remissen tar inte emot svar", result.Message!, null, party.Consultation, StatusCodes.Status410Gone),
            _ => Message("Remissen är vidarebefordrad", $"Remissen har skickats vidare till {input.Name} ({input.Email}), som får en egen länk att svara med.",
                "Den här länken tar inte längre emot svar.", party.Consultation, StatusCodes.Status200OK),
        };
    }

    /// <summary>The receipt page; a new version's receipt is mailed once the response has gone out (no workflow signal: it ignores answers).</summary>
    private IResult Receipt(RequestContext c, ConsulteeParty party, StoredAnswer stored)
    {
        if (stored.IsNew)
        {
            c.Request.HttpContext.Response.OnCompleted(() =>
            {
                receipts.Send(party.Consultation, party.Consultee, stored.Answer, stored.PendingReceipt);
                return Task.CompletedTask;
            });
        }

        return new PageResult<ReceiptPage>(new Dictionary<string, object?>
        {
            [nameof(ReceiptPage.Consultation)] = party.Consultation, [nameof(ReceiptPage.Consultee)] = party.Consultee,
            [nameof(ReceiptPage.Answer)] = stored.Answer, [nameof(ReceiptPage.Token)] = party.Token,
        });
    }

    private Task<LinkOpening<ConsulteeParty>> OpenAsync(RequestContext c)
    {
        LinkPages.NoIndex(c.Request.HttpContext);
        return consulteeLinks.OpenAsync(clientAddress.Of(c.Request), c.Route("token"), c.Aborted);
    }

    /// <summary>The party and form of a post on its link (answer, forward): usable, not throttled, a form of at most <paramref name="limit"/> bytes; else the refusal page.</summary>
    private async Task<(ConsulteeParty? Party, IFormCollection? Form, IResult? Refusal)> PostAsync(RequestContext c, long limit, string tooLargeTitle, string tooLargeText,
        string notAForm)
    {
        var opened = await OpenAsync(c);
        if (!opened.IsUsable)
        {
            return (null, null, Notice(opened.Notice!, opened.Party?.Consultation));
        }

        var party = opened.Party!;
        if (!consulteeLinks.TryPost(party))
        {
            return (null, null, Notice(LinkNotice.TooManyPosts, party.Consultation));
        }

        if (c.Request.ContentLength > limit)
        {
            return (null, null, Message(tooLargeTitle, tooLargeText, null, party.Consultation, StatusCodes.Status413PayloadTooLarge));
        }

        if (!c.Request.HasFormContentType)
        {
            return (null, null, Message("Fel format", notAForm, null, party.Consultation, StatusCodes.Status415UnsupportedMediaType));
        }

        var read = await LinkForm.ReadAsync(c, limit);
        return read switch
        {
            { Form: { } form } => (party, form, null),
            { Problem: FormProblem.Incomplete } => (null, null, Message(FormRead.IncompleteTitle, FormRead.IncompleteText, null, party.Consultation, StatusCodes.Status400BadRequest)),
            _ => (null, null, Message(tooLargeTitle, tooLargeText, null, party.Consultation, StatusCodes.Status413PayloadTooLarge)),
        };
    }

    private static IResult Form(ConsulteeParty party, IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string?> values, int status) =>
        new PageResult<RespondPage>(new Dictionary<string, object?>
        {
            [nameof(RespondPage.Consultation)] = party.Consultation,
            [nameof(RespondPage.Consultee)] = party.Consultee,
            [nameof(RespondPage.Token)] = party.Token,
            [nameof(RespondPage.Last)] = party.Consultee.LastAnswer,
            [nameof(RespondPage.Errors)] = errors,
            [nameof(RespondPage.Values)] = values,
            [nameof(RespondPage.FormKey)] = Guid.NewGuid().ToString("N"),
        }, status);

    private static Dictionary<string, string?> Prefill(Answer? last) => new(StringComparer.Ordinal)
    {
        ["position"] = last is null ? null : ConsultationRules.Positions.First(p => p.Value == last.Position).Key,
        ["comments"] = last?.Comments,
        ["respondentName"] = last?.RespondentName,
        ["respondentRole"] = last?.RespondentRole,
    };

    private static IResult Notice(LinkNotice notice, Consultation? contact) => LinkPages.Notice(notice, contact?.OwnerName, contact?.OwnerEmail);

    private static IResult Message(string title, string message, string? detail, Consultation? contact, int status) =>
        new PageResult<RespondMessagePage>(new Dictionary<string, object?>
        {
            [nameof(RespondMessagePage.Title)] = title,
            [nameof(RespondMessagePage.Message)] = message,
            [nameof(RespondMessagePage.Detail)] = detail,
            [nameof(RespondMessagePage.ContactName)] = contact?.OwnerName,
            [nameof(RespondMessagePage.ContactEmail)] = contact?.OwnerEmail,
        }, status);
}
