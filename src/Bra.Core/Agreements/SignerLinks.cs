using Bra.Core.Links;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Agreements;

/// <summary>The signer behind a link: the agreement, the signer row (with its ETag) and the link's hash.</summary>
public sealed record SigningParty(string Token, string LinkHash, AgreementData Data, Signer Signer, Azure.ETag SignerETag);

/// <summary>
/// A signer's link and where it stands (<see cref="CapabilityLinks"/>). It serves the page, the document and (once
/// completed) the certificate while the agreement is open and until its expiry, and for
/// <see cref="AgreementOptions.ReadPeriodAfterCompletion"/> after completion. It stops (410) once the agreement is
/// cancelled, declined or expired, when the signer was replaced (a link names one generation), and when revoked.
/// </summary>
public sealed class SignerLinks(CapabilityLinks links, AgreementStore store, IOptions<AgreementOptions> options)
{
    public Task<LinkOpening<SigningParty>> OpenAsync(string client, string token, CancellationToken ct) =>
        links.OpenAsync(client, token, AgreementMailing.LinkKind, async (link, token2) =>
        {
            if (link.PartyId.Split("-g") is not [var signerId, _])
            {
                return null;
            }

            var dataRead = store.LoadAsync(link.WorkflowId, token2);
            var signerRead = store.GetSignerAsync(link.WorkflowId, signerId, token2);
            await Task.WhenAll(dataRead, signerRead);
            return await dataRead is { } data && await signerRead is { } signer ? new SigningParty(token, link.Hash, data, signer.Signer, signer.ETag) : null;
        }, (link, party) => Terms(party, replaced: party.Signer.PartyId != link.PartyId), ct);

    /// <summary>True when the link may post now (and counts the post).</summary>
    public bool TryPost(SigningParty party) => links.TryPost(party.LinkHash);

    private LinkTerms Terms(SigningParty party, bool replaced)
    {
        var a = party.Data.Agreement;
        return a.State switch
        {
            AgreementState.Completed => new LinkTerms((a.EndedAt ?? a.ExpiresAt) + options.Value.ReadPeriodAfterCompletion,
                "Överenskommelsen är undertecknad av alla parter, och länken gällde till {0}. Kontakta avsändaren om du behöver dokumentet eller intyget.", null, replaced),
            AgreementState.Declined => new LinkTerms(DateTimeOffset.MaxValue, "", party.Signer.State == SignerState.Declined
                ? LinkNotice.Closed("Du har avböjt", $"Du avböjde att underteckna {SwedishTime.Format(party.Signer.DeclinedAt ?? a.EndedAt ?? a.CreatedAt)}. Överenskommelsen är avslutad.",
                    "Skäl: " + party.Signer.DeclinedReason)
                : LinkNotice.Closed("Överenskommelsen är avböjd", "En part har avböjt att underteckna. Överenskommelsen är avslutad. Skälet går bara till avsändaren."),
                replaced),
            AgreementState.Cancelled => new LinkTerms(DateTimeOffset.MaxValue, "", LinkNotice.Closed("Överenskommelsen är återkallad",
                "Avsändaren har återkallat överenskommelsen. Den kan inte undertecknas.", a.EndReason is null ? null : "Skäl: " + a.EndReason), replaced),
            AgreementState.Expired => new LinkTerms(a.ExpiresAt, "Tiden för att underteckna gick ut {0}.",
                LinkNotice.Closed("Tiden har gått ut", $"Tiden för att underteckna gick ut {SwedishTime.Format(a.ExpiresAt)}. Länken gäller inte längre."), replaced),
            _ => new LinkTerms(a.ExpiresAt, "Tiden för att underteckna gick ut {0}.", null, replaced),
        };
    }
}
