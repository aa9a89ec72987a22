using Microsoft.AspNetCore.Http;
using Bra.Core.Validation;
using Bra.Core.Documents;
using Bra.Core.Http;
using Bra.Core.Links;
using Bra.Core.Pages;
using FluentValidation;
using Microsoft.Extensions.Options;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>
/// The consultee's pages behind the emailed link (anonymous: the link is the credential). GET never changes
/// anything; only POST stores an answer or forwards the consultation. Unknown tokens are rate-limited per client, posts
/// per link. A link works until the consultation has been over for the read period; a revoked link (forwarded,
/// cancelled, replaced by a newer one) only says why.
/// </summary>
public sealed class RespondRoutes(
    LinkStore links, LinkResolver resolver, IOptions<LinkOptions> linkOptions,
    ConsultationStore store, ConsultationAnswers answers, DocumentStore documents, ConsultationReceipts receipts,
    ConsultationSignals signals, TimeProvider time, IValidator<ForwardInput> forwardValidator) : IRouteSource
{
    private const long FormLimit = ConsultationAnswers.MaxAttachmentBytes + 512 * 1024;
    private const long ForwardFormLimit = 64 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("RespondForm", "GET", "respond/{token}", Access.Link, ShowAsync),
        new("RespondSubmit", "POST", "respond/{token}", Access.Link, SubmitAsync),
        new("RespondDocument", "GET", "respond/{token}/document", Access.Link, DocumentAsync),
        new("RespondForward", "POST", "respond/{token}/forward", Access.Link, ForwardAsync),
    ];

    /// <param name="Consultee">The consultee as read, with its latest answer when its row keeps it (<see cref="Consultations.Consultee.KeepsLastAnswer"/>).</param>
    private sealed record Party(string Token, CapabilityLink Link, Consultation Consultation, Consultee Consultee, Azure.ETag ConsulteeETag);

    private async Task<IResult> ShowAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return failure!;
        }

        if (Closed(party, StatusCodes.Status200OK) is { } closed)
        {
            return closed;
        }

        var last = await answers.LastAsync(party.Consultation.Id, party.Consultee, c.Aborted);
        return Form(party, last, new Dictionary<string, string[]>(), Prefill(last), StatusCodes.Status200OK);
    }

    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return failure!;
        }

        if (Closed(party, StatusCodes.Status410Gone) is { } closed)
        {
            return closed;
        }

        return await documents.GetAsync(party.Consultation.DocumentId, c.Aborted) is { } document
            ? await documents.DownloadAsync(document, c.Aborted)
            : Message("Dokumentet saknas", "Remissdokumentet kunde inte hittas.", null, party.Consultation, StatusCodes.Status404NotFound);
    }

    private async Task<IResult> SubmitAsync(RequestContext c)
    {
        using var answering = receipts.Answering();
        var (party, refusal) = await PostingPartyAsync(c);
        if (party is null)
        {
            return refusal!;
        }

        if (c.Request.ContentLength > FormLimit)
        {
            return Message("Svaret är för stort", "Bilagan får vara högst 10 MB. Gå tillbaka och välj en mindre fil.", null, party.Consultation, StatusCodes.Status413PayloadTooLarge);
        }

        if (!c.Request.HasFormContentType)
        {
            return Message("Fel format", "Svaret måste skickas från formuläret (application/x-www-form-urlencoded eller multipart/form-data).", null,
                party.Consultation, StatusCodes.Status415UnsupportedMediaType);
        }

        var read = await LinkResolver.ReadFormAsync(c, FormLimit);
        if (read.Form is not { } form)
        {
            return read.Problem == FormProblem.Incomplete
                ? Incomplete(party.Consultation)
                : Message("Svaret är för stort", "Bilagan får vara högst 10 MB. Gå tillbaka och välj en mindre fil.", null, party.Consultation, StatusCodes.Status413PayloadTooLarge);
        }

        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["position"] = form["position"].ToString(),
            ["comments"] = form["comments"].ToString(),
            ["respondentName"] = form["respondentName"].ToString(),
            ["respondentRole"] = form["respondentRole"].ToString(),
        };
        var answer = new AnswerInput(values["position"], values["comments"], values["respondentName"], values["respondentRole"]);
        var errors = AnswerInputValidator.Instance.Validate(answer).ByField();
        ConsultationAnswers.Attachment? attachment = null;
        if (form.Files.GetFile("attachment") is { Length: > 0 } file)
        {
            if (file.Length > ConsultationAnswers.MaxAttachmentBytes)
            {
                errors["attachment"] = ["Bilagan är för stor. Högst 10 MB tas emot."];
            }
            else
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer, c.Aborted);
                attachment = new(file.FileName, buffer.ToArray());
            }
        }

        if (errors.Count > 0)
        {
            return Form(party, await answers.LastAsync(party.Consultation.Id, party.Consultee, c.Aborted), errors, values, StatusCodes.Status400BadRequest);
        }

        var formKey = form["formKey"].ToString() is { Length: > 0 and <= 64 } key ? key : null;
        var latest = ConsultationAnswers.From(party.Consultee, party.ConsulteeETag);
        var outcome = await answers.SubmitAsync(party.Consultation, party.Consultee.Id, latest, answer.ToDraft(), attachment, formKey, null, null, withReceipt: true, c.Aborted);
        if (outcome is { Answer: null, LimitError: { } limit })
        {
            return Message("Svaret kan inte ändras fler gånger", limit, null, party.Consultation, StatusCodes.Status409Conflict);
        }

        if (outcome.Answer is null)
        {
            var last = await answers.LastAsync(party.Consultation.Id, party.Consultee, c.Aborted);
            return Form(party, last, new Dictionary<string, string[]> { ["attachment"] = [outcome.AttachmentError!] }, values, StatusCodes.Status400BadRequest);
        }

        if (outcome.IsNew)
        {
            // Stored with its pending receipt in one transaction; the receipt is mailed after the response (no workflow signal: it ignores answers).
            receipts.SendAfterResponse(c.Request.HttpContext.Response, party.Consultation, party.Consultee, outcome.Answer, outcome.PendingReceipt);
        }

        return new PageResult<ReceiptPage>(new Dictionary<string, object?>
        {
            [nameof(ReceiptPage.Consultation)] = party.Consultation,
            [nameof(ReceiptPage.Consultee)] = party.Consultee,
            [nameof(ReceiptPage.Answer)] = outcome.Answer,
            [nameof(ReceiptPage.Token)] = party.Token,
        });
    }

    private async Task<IResult> ForwardAsync(RequestContext c)
    {
        var (party, refusal) = await PostingPartyAsync(c);
        if (party is null)
        {
            return refusal!;
        }

        if (party.Consultee.ForwardDepth >= ConsultationRules.MaxForwardDepth)
        {
            return Message("Remissen kan inte vidarebefordras igen", $"Remissen har redan vidarebefordrats i {ConsultationRules.MaxForwardDepth} led. Svara med den här länken, eller kontakta avsändaren.",
                null, party.Consultation, StatusCodes.Status409Conflict);
        }

        if (!c.Request.HasFormContentType)
        {
            return Message("Fel format", "Vidarebefordra från formuläret på sidan.", null, party.Consultation, StatusCodes.Status415UnsupportedMediaType);
        }

        var read = await LinkResolver.ReadFormAsync(c, ForwardFormLimit);
        if (read.Form is not { } form)
        {
            return read.Problem == FormProblem.Incomplete
                ? Incomplete(party.Consultation)
                : Message("För mycket text", "Ange bara kollegans namn och e-postadress.", null, party.Consultation, StatusCodes.Status413PayloadTooLarge);
        }

        var name = form["name"].ToString().Trim();
        var email = form["email"].ToString().Trim();
        var errors = (await forwardValidator.ValidateAsync(ValidationContexts.Changing(new ForwardInput(name, email), party.Consultation), c.Aborted)).ByField();
        if (errors.Count > 0)
        {
            var last = await answers.LastAsync(party.Consultation.Id, party.Consultee, c.Aborted);
            var values = Prefill(last);
            values["forwardName"] = name;
            values["forwardEmail"] = email;
            return Form(party, last, errors, values, StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow();
        // The caps first (ETag-guarded on the consultation), then the consultee's own change (ETag-guarded on its row).
        var reservation = await store.ReserveAsync(party.Consultation.Id, 1, forward: true, now, c.Aborted);
        if (reservation != Reservation.Reserved)
        {
            return reservation switch
            {
                Reservation.ForwardCap => Message("Remissen kan inte vidarebefordras fler gånger",
                    $"Remissen har redan vidarebefordrats {ConsultationRules.MaxForwards} gånger, vilket är det högsta antalet. Svara med den här länken, eller kontakta avsändaren.",
                    null, party.Consultation, StatusCodes.Status409Conflict),
                Reservation.ConsulteeCap => Message("Remissen kan inte vidarebefordras",
                    $"Remissen har redan {ConsultationRules.MaxConsultees} remissinstanser, vilket är det högsta antalet. Svara med den här länken, eller kontakta avsändaren.",
                    null, party.Consultation, StatusCodes.Status409Conflict),
                _ => Message("Remissen tar inte emot svar", "Remissen är inte längre öppen.", null, party.Consultation, StatusCodes.Status410Gone),
            };
        }

        var colleague = new Consultee(Guid.NewGuid().ToString("N"), name, email, party.Consultee.Organisation, now, DelegatedFromId: party.Consultee.Id,
            ForwardDepth: party.Consultee.ForwardDepth + 1);
        var delegated = party.Consultee with { DelegatedTo = new Delegation(colleague.Id, name, email, now) };
        if (!await store.TryUpdateConsulteeAsync(party.Consultation.Id, delegated, party.ConsulteeETag, c.Aborted))
        {
            return Message("Remissen har redan vidarebefordrats", "Någon annan ändrade samtidigt. Öppna länken igen för att se läget.", null, party.Consultation, StatusCodes.Status409Conflict);
        }

        await store.AddConsulteesAsync(party.Consultation.Id, [colleague], c.Aborted);
        await links.RevokeAsync(ConsultationMailing.LinkKind, party.Consultation.Id, party.Consultee.Id, LinkRevocation.Forwarded, null, CancellationToken.None);
        await signals.SendAsync(c.Durable, party.Consultation.Id, ConsultationSignalKind.ConsulteesAdded);
        return Message("Remissen är vidarebefordrad", $"Remissen har skickats vidare till {name} ({email}), som får en egen länk att svara med.",
            "Den här länken tar inte längre emot svar.", party.Consultation, StatusCodes.Status200OK);
    }

    /// <summary>The party of a post on its link (answer, forward): resolved, not throttled, still taking answers; else the refusal page.</summary>
    private async Task<(Party? Party, IResult? Refusal)> PostingPartyAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return (null, failure);
        }

        return (Throttled(party) ?? Closed(party, StatusCodes.Status410Gone)) is { } refused ? (null, refused) : (party, null);
    }

    /// <summary>
    /// The party a token stands for (<see cref="LinkResolver"/>: the unknown-token limit, the token lookup, then the
    /// consultation and the consultee side by side). An expired or revoked link answers 410 and says why.
    /// </summary>
    private async Task<(Party? Party, IResult? Failure)> ResolveAsync(RequestContext c)
    {
        var token = c.Route("token");
        var resolved = await resolver.ResolveAsync(c.Request, token, ConsultationMailing.LinkKind, async (link, ct) =>
        {
            // The consultation (a header read shared with the requests that ask at the same time) and the consultee (one point
            // read; its row keeps its latest answer), side by side.
            var consultationRead = store.GetSharedAsync(link.WorkflowId, ct);
            var consulteeRead = store.GetConsulteeAsync(link.WorkflowId, link.PartyId, ct);
            await Task.WhenAll(consultationRead, consulteeRead);
            return await consultationRead is { } consultation && await consulteeRead is { } consultee
                ? new Party(token, link, consultation.Value, consultee.Value, consultee.ETag)
                : null;
        }, c.Aborted);
        if (resolved is not { Party: { } found, Link: { } link })
        {
            return (null, Message(resolved.Notice!, null));
        }

        var expires = ExpiresAt(found.Consultation);
        if (link.ExpiresAt is { } stored && stored < expires)
        {
            expires = stored;
        }

        if (time.GetUtcNow() >= expires)
        {
            return (null, Message(LinkNotice.Expired($"Länken gällde till {SwedishTime.Format(expires)}. Remissen tar inte längre emot svar."), found.Consultation));
        }

        if (link.State == LinkState.Revoked)
        {
            return (null, link.RevokedBecause == LinkRevocation.Replaced
                ? Message(LinkNotice.Replaced, found.Consultation)
                : Closed(found, StatusCodes.Status410Gone) ?? Message(LinkNotice.Revoked, found.Consultation));
        }

        return (found, null);
    }

    /// <summary>
    /// When the consultation's links expire: the read period after the consultation ended (closed early, cancelled, or
    /// the deadline). Computed from the consultation, so a moved deadline moves it too.
    /// </summary>
    private DateTimeOffset ExpiresAt(Consultation c)
    {
        var ended = c.State switch
        {
            ConsultationState.Closed when c.ClosedAt < c.Deadline => c.ClosedAt.Value,
            ConsultationState.Cancelled when c.CancelledAt < c.Deadline => c.CancelledAt.Value,
            _ => c.Deadline,
        };
        return ended + linkOptions.Value.ReadPeriodAfterClose;
    }

    /// <summary>429 when the link has posted too often this minute (each answer stores a version and mails a receipt).</summary>
    private IResult? Throttled(Party party) => resolver.TryPost(party.Link.Hash) ? null : Message(LinkNotice.TooManyPosts, party.Consultation);

    /// <summary>Why the link no longer takes answers, or null when it does.</summary>
    private IResult? Closed(Party party, int status)
    {
        var c = party.Consultation;
        if (c.State == ConsultationState.Cancelled)
        {
            return Message("Remissen är återkallad", $"Remissen återkallades {SwedishTime.Format(c.CancelledAt ?? c.CreatedAt)} och tar inte emot svar.",
                c.CancelReason is null ? null : "Skäl: " + c.CancelReason, c, status);
        }

        if (party.Consultee.DelegatedTo is { } d)
        {
            return Message("Remissen är vidarebefordrad", $"Remissen vidarebefordrades {SwedishTime.Format(d.At)} till {d.Name} ({d.Email}), som svarar med en egen länk.",
                "Den här länken tar inte längre emot svar.", c, status);
        }

        if (c is { State: ConsultationState.Closed, ClosedAt: { } closedAt } && closedAt < c.Deadline)
        {
            return Message("Remissen är stängd", $"Remissen stängdes {SwedishTime.Format(closedAt)}, före sista svarsdag, och tar inte längre emot svar.",
                "Vill ni ändå lämna synpunkter, kontakta avsändaren.", c, status);
        }

        if (!c.TakesAnswersAt(time.GetUtcNow()))
        {
            return Message("Svarstiden har gått ut", $"Sista svarsdag var {SwedishTime.Format(c.Deadline)}. Remissen tar inte längre emot svar.",
                "Vill ni ändå lämna synpunkter, kontakta avsändaren.", c, status);
        }

        return null;
    }

    private static IResult Form(Party party, Answer? last, IReadOnlyDictionary<string, string[]> errors, IReadOnlyDictionary<string, string?> values, int status) =>
        new PageResult<RespondPage>(new Dictionary<string, object?>
        {
            [nameof(RespondPage.Consultation)] = party.Consultation,
            [nameof(RespondPage.Consultee)] = party.Consultee,
            [nameof(RespondPage.Token)] = party.Token,
            [nameof(RespondPage.Last)] = last,
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

    /// <summary>A post whose body ended before its form did: nothing was read, so nothing is stored.</summary>
    private static IResult Incomplete(Consultation contact) =>
        Message(FormRead.IncompleteTitle, FormRead.IncompleteText, null, contact, StatusCodes.Status400BadRequest);

    private static IResult Message(LinkNotice notice, Consultation? contact) => Message(notice.Title, notice.Message, null, contact, notice.Status);

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
