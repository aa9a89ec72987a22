using Bra.Core.Links;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Consultations;

/// <summary>The consultee behind a link: the consultation, the consultee row (with its latest answer and its ETag) and the link.</summary>
public sealed record ConsulteeParty(string Token, CapabilityLink Link, Consultation Consultation, Consultee Consultee, Azure.ETag ConsulteeETag);

/// <summary>
/// A consultee's link and where it stands (<see cref="CapabilityLinks"/>): it takes answers while the consultation is
/// open, before the deadline and not forwarded; it keeps showing why not until the consultation has been over for the
/// read period (<see cref="LinkOptions.ReadPeriodAfterClose"/>), then it has expired.
/// </summary>
public sealed class ConsulteeLinks(CapabilityLinks links, ConsultationStore store, IOptions<LinkOptions> options, TimeProvider time)
{
    public Task<LinkOpening<ConsulteeParty>> OpenAsync(string client, string token, CancellationToken ct) =>
        links.OpenAsync(client, token, ConsultationMailing.LinkKind, async (link, token2) =>
        {
            // The consultation (a header read shared with the requests that ask at the same time) and the consultee (one point
            // read; its row keeps its latest answer), side by side.
            var consultationRead = store.GetSharedAsync(link.WorkflowId, token2);
            var consulteeRead = store.GetConsulteeAsync(link.WorkflowId, link.PartyId, token2);
            await Task.WhenAll(consultationRead, consulteeRead);
            return await consultationRead is { } consultation && await consulteeRead is { } consultee
                ? new ConsulteeParty(token, link, consultation.Value, consultee.Value, consultee.ETag)
                : null;
        }, (_, party) => Terms(party), ct);

    /// <summary>True when the link may post now (and counts the post): each answer stores a version and mails a receipt.</summary>
    public bool TryPost(ConsulteeParty party) => links.TryPost(party.Link.Hash);

    private LinkTerms Terms(ConsulteeParty party) =>
        new(ExpiresAt(party.Consultation), "Länken gällde till {0}. Remissen tar inte längre emot svar.", Closed(party));

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
        return ended + options.Value.ReadPeriodAfterClose;
    }

    /// <summary>Why the link no longer takes answers, or null when it does.</summary>
    private LinkNotice? Closed(ConsulteeParty party)
    {
        var c = party.Consultation;
        if (c.State == ConsultationState.Cancelled)
        {
            return LinkNotice.Closed("Remissen är återkallad", $"Remissen återkallades {SwedishTime.Format(c.CancelledAt ?? c.CreatedAt)} och tar inte emot svar.",
                c.CancelReason is null ? null : "Skäl: " + c.CancelReason);
        }

        if (party.Consultee.DelegatedTo is { } d)
        {
            return LinkNotice.Closed("Remissen är vidarebefordrad", $"Remissen vidarebefordrades {SwedishTime.Format(d.At)} till {d.Name} ({d.Email}), som svarar med en egen länk.",
                "Den här länken tar inte längre emot svar.");
        }

        if (c is { State: ConsultationState.Closed, ClosedAt: { } closedAt } && closedAt < c.Deadline)
        {
            return LinkNotice.Closed("Remissen är stängd", $"Remissen stängdes {SwedishTime.Format(closedAt)}, före sista svarsdag, och tar inte längre emot svar.",
                "Vill ni ändå lämna synpunkter, kontakta avsändaren.");
        }

        return c.TakesAnswersAt(time.GetUtcNow())
            ? null
            : LinkNotice.Closed("Svarstiden har gått ut", $"Sista svarsdag var {SwedishTime.Format(c.Deadline)}. Remissen tar inte längre emot svar.",
                "Vill ni ändå lämna synpunkter, kontakta avsändaren.");
    }
}
