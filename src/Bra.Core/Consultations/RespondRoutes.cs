using Bra.Core.Documents;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Links;
using Bra.Core.Pages;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>
/// The consultee's pages behind the emailed link (anonymous: the link is the credential). GET never changes
/// anything; only POST stores an answer or forwards the consultation. Unknown tokens are rate-limited per client.
/// </summary>
public sealed class RespondRoutes(
    LinkStore links, UnknownTokenLimiter limiter, ConsultationStore store, ConsultationAnswers answers, DocumentStore documents, ConsultationReceipts receipts,
    TimeProvider time, ILogger<RespondRoutes> logger) : IRouteSource
{
    private const long FormLimit = ConsultationAnswers.MaxAttachmentBytes + 512 * 1024;

    public IEnumerable<AppRoute> Routes =>
    [
        new("RespondForm", "GET", "respond/{token}", Access.Anonymous, ShowAsync),
        new("RespondSubmit", "POST", "respond/{token}", Access.Anonymous, SubmitAsync),
        new("RespondDocument", "GET", "respond/{token}/document", Access.Anonymous, DocumentAsync),
        new("RespondForward", "POST", "respond/{token}/forward", Access.Anonymous, ForwardAsync),
    ];

    /// <param name="Latest">The consultee's latest answer, read beside the consultation and the consultee (null when not asked for).</param>
    private sealed record Party(string Token, Consultation Consultation, Consultee Consultee, Azure.ETag ConsulteeETag, ConsultationAnswers.Latest? Latest);

    private async Task<IResult> ShowAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c, withLatest: true);
        if (party is null)
        {
            return failure!;
        }

        if (Closed(party, StatusCodes.Status200OK) is { } closed)
        {
            return closed;
        }

        var last = party.Latest?.Answer;
        return Form(party, last, new Dictionary<string, string[]>(), Prefill(last), StatusCodes.Status200OK);
    }

    private async Task<IResult> DocumentAsync(RequestContext c)
    {
        var (party, failure) = await ResolveAsync(c);
        if (party is null)
        {
            return failure!;
        }

        if (party.Consultation.State == ConsultationState.Cancelled)
        {
            return Closed(party, StatusCodes.Status410Gone)!;
        }

        return await documents.GetAsync(party.Consultation.DocumentId, c.Aborted) is { } document
            ? await documents.DownloadAsync(document, c.Aborted)
            : Message("Dokumentet saknas", "Remissdokumentet kunde inte hittas.", null, party.Consultation, StatusCodes.Status404NotFound);
    }

    private async Task<IResult> SubmitAsync(RequestContext c)
    {
        using var answering = receipts.Answering();
        var (party, failure) = await ResolveAsync(c, withLatest: true);
        if (party is null)
        {
            return failure!;
        }

        if (Closed(party, StatusCodes.Status410Gone) is { } closed)
        {
            return closed;
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

        var form = await c.Request.ReadFormAsync(c.Aborted);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["position"] = form["position"].ToString(),
            ["comments"] = form["comments"].ToString(),
            ["respondentName"] = form["respondentName"].ToString(),
            ["respondentRole"] = form["respondentRole"].ToString(),
        };
        var (draft, errors) = ConsultationRules.Answer(values["position"], values["comments"], values["respondentName"], values["respondentRole"]);
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
            return Form(party, party.Latest?.Answer, errors, values, StatusCodes.Status400BadRequest);
        }

        var formKey = form["formKey"].ToString() is { Length: > 0 and <= 64 } key ? key : null;
        var outcome = await answers.SubmitAsync(party.Consultation, party.Consultee.Id, party.Latest, draft!, attachment, formKey, null, null, withReceipt: true, c.Aborted);
        if (outcome.Answer is null)
        {
            return Form(party, party.Latest?.Answer, new Dictionary<string, string[]> { ["attachment"] = [outcome.AttachmentError!] }, values,
                StatusCodes.Status400BadRequest);
        }

        if (outcome.IsNew)
        {
            // Stored with its pending receipt in one transaction; the receipt is mailed after the response (no workflow signal: it ignores answers).
            receipts.SendAfterResponse(c.Request.HttpContext.Response, party.Consultation, party.Consultee, outcome.Answer, outcome.PendingReceipt);
        }

        return new PageResult<ReceiptPage>(new Dictionary<string, object?>
        {
            ["Consultation"] = party.Consultation, ["Consultee"] = party.Consultee, ["Answer"] = outcome.Answer, ["Token"] = party.Token,
        });
    }

    private async Task<IResult> ForwardAsync(RequestContext c)
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

        if (!c.Request.HasFormContentType)
        {
            return Message("Fel format", "Vidarebefordra från formuläret på sidan.", null, party.Consultation, StatusCodes.Status415UnsupportedMediaType);
        }

        var form = await c.Request.ReadFormAsync(c.Aborted);
        var name = form["name"].ToString().Trim();
        var email = form["email"].ToString().Trim();
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (name.Length == 0 || name.Length > 200)
        {
            errors["forwardName"] = ["Ange kollegans namn (högst 200 tecken)."];
        }

        if (!EmailAddress.IsValid(email))
        {
            errors["forwardEmail"] = ["Ange kollegans e-postadress, till exempel namn@example.se."];
        }
        else if ((await store.LoadAsync(party.Consultation.Id, c.Aborted))!.Consultees.Any(x => EmailAddress.Normalize(x.Email) == EmailAddress.Normalize(email)))
        {
            errors["forwardEmail"] = ["Den adressen har redan fått remissen. Ange en annan kollega."];
        }

        if (errors.Count > 0)
        {
            var last = (await store.VersionsAsync(party.Consultation.Id, party.Consultee.Id, c.Aborted)).LastOrDefault();
            var values = Prefill(last);
            values["forwardName"] = name;
            values["forwardEmail"] = email;
            return Form(party, last, errors, values, StatusCodes.Status400BadRequest);
        }

        var now = time.GetUtcNow();
        var colleague = new Consultee(Guid.NewGuid().ToString("N"), name, email, party.Consultee.Organisation, now, DelegatedFromId: party.Consultee.Id);
        var delegated = party.Consultee with { DelegatedTo = new Delegation(colleague.Id, name, email, now) };
        if (!await store.TryUpdateConsulteeAsync(party.Consultation.Id, delegated, party.ConsulteeETag, c.Aborted))
        {
            return Message("Remissen har redan vidarebefordrats", "Någon annan ändrade samtidigt. Öppna länken igen för att se läget.", null, party.Consultation, StatusCodes.Status409Conflict);
        }

        await store.AddConsulteesAsync(party.Consultation.Id, [colleague], c.Aborted);
        await SignalAsync(c, party.Consultation.Id, ConsultationSignalKind.ConsulteesAdded);
        return Message("Remissen är vidarebefordrad", $"Remissen har skickats vidare till {name} ({email}), som får en egen länk att svara med.",
            "Den här länken tar inte längre emot svar.", party.Consultation, StatusCodes.Status200OK);
    }

    private async Task SignalAsync(RequestContext c, string id, ConsultationSignalKind kind)
    {
        try
        {
            await c.Durable.RaiseEventAsync(id, ConsultationOrchestrator.SignalEvent, new ConsultationSignal(kind), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Signal {Signal} to consultation {ConsultationId} failed", kind, id);
        }
    }

    /// <summary>
    /// The party a token stands for. Unknown tokens count against the client's address; past the limit they get 429
    /// instead of 404. A valid link still works for a client over the limit, so colleagues behind one NAT address are
    /// not locked out by someone else's guessing (a 256-bit token cannot be guessed; the limit curbs load and noise).
    /// </summary>
    private async Task<(Party? Party, IResult? Failure)> ResolveAsync(RequestContext c, bool withLatest = false)
    {
        var token = c.Route("token");
        var link = await links.FindAsync(token, c.Aborted);
        Party? found = null;
        if (link is { WorkflowKind: ConsultationMailing.LinkKind } && link.IsUsableAt(time.GetUtcNow()))
        {
            // One point read each for the consultation, the consultee and its latest answer, side by side.
            var consultationRead = store.GetAsync(link.WorkflowId, c.Aborted);
            var consulteeRead = store.GetConsulteeAsync(link.WorkflowId, link.PartyId, c.Aborted);
            var latestRead = withLatest ? answers.LatestAsync(link.WorkflowId, link.PartyId, thorough: false, c.Aborted) : Task.FromResult<ConsultationAnswers.Latest?>(null)!;
            await Task.WhenAll(consultationRead, consulteeRead, latestRead);
            if (await consultationRead is { } consultation && await consulteeRead is { } consultee)
            {
                found = new Party(token, consultation.Value, consultee.Value, consultee.ETag, await latestRead);
            }
        }

        if (found is not null)
        {
            return (found, null);
        }

        var client = ClientAddress(c.Request);
        var blocked = limiter.IsBlocked(client);
        limiter.RecordUnknown(client);
        return blocked
            ? (null, Message("För många försök", "För många okända länkar har prövats från din anslutning. Vänta en stund och försök igen med länken från e-postmeddelandet.",
                null, null, StatusCodes.Status429TooManyRequests))
            : (null, Message("Länken finns inte", "Länken är okänd eller ofullständig.", null, null, StatusCodes.Status404NotFound));
    }

    /// <summary>
    /// The client's address: the connection's, or, when the connection comes from a local proxy (the Functions host
    /// forwards requests to the worker over loopback), the first address of X-Forwarded-For.
    /// </summary>
    internal static string ClientAddress(HttpRequest request)
    {
        var remote = request.HttpContext.Connection.RemoteIpAddress;
        if ((remote is null || System.Net.IPAddress.IsLoopback(remote))
            && request.Headers["X-Forwarded-For"].ToString().Split(',')[0].Trim() is { Length: > 0 } forwarded)
        {
            return forwarded;
        }

        return remote?.ToString() ?? "unknown";
    }

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
            ["Consultation"] = party.Consultation, ["Consultee"] = party.Consultee, ["Token"] = party.Token, ["Last"] = last,
            ["Errors"] = errors, ["Values"] = values, ["FormKey"] = Guid.NewGuid().ToString("N"),
        }, status);

    private static Dictionary<string, string?> Prefill(Answer? last) => new(StringComparer.Ordinal)
    {
        ["position"] = last is null ? null : ConsultationRules.Positions.First(p => p.Value == last.Position).Key,
        ["comments"] = last?.Comments,
        ["respondentName"] = last?.RespondentName,
        ["respondentRole"] = last?.RespondentRole,
    };

    private static IResult Message(string title, string message, string? detail, Consultation? contact, int status) =>
        new PageResult<RespondMessagePage>(new Dictionary<string, object?>
        {
            ["Title"] = title, ["Message"] = message, ["Detail"] = detail, ["ContactName"] = contact?.OwnerName, ["ContactEmail"] = contact?.OwnerEmail,
        }, status);
}
