using Bra.Core.Links;
using Bra.Core.Validation;
using FluentValidation;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Consultations;

/// <summary>
/// A consultee forwards the consultation to a colleague: the colleague becomes a consultee of the same organisation with
/// a link of their own, the forwarding consultee's link stops taking answers, and the workflow is told so it mails the
/// colleague. The caps are reserved first (ETag-guarded on the consultation), then the consultee's own change (ETag-guarded
/// on its row), so of two concurrent forwards one wins.
/// </summary>
public sealed class ConsultationForwarding(
    ConsultationStore store, LinkStore links, ConsultationSignals signals, IValidator<ForwardInput> validator, TimeProvider time)
{
    /// <summary>The colleague added; Invalid (fields forwardName, forwardEmail), Conflict (depth, caps, a concurrent change) or Gone (no longer open).</summary>
    public async Task<Result<Consultee>> ForwardAsync(ConsulteeParty party, ForwardInput input, DurableTaskClient durable, CancellationToken ct)
    {
        if (party.Consultee.ForwardDepth >= ConsultationRules.MaxForwardDepth)
        {
            return Result<Consultee>.Conflict(
                $"Remissen har redan vidarebefordrats i {ConsultationRules.MaxForwardDepth} led. Svara med den här länken, eller kontakta avsändaren.");
        }

        var errors = (await validator.ValidateAsync(ValidationContexts.Changing(input, party.Consultation), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<Consultee>.Invalid(errors);
        }

        var (name, email) = (input.Name!.Trim(), input.Email!.Trim());
        var now = time.GetUtcNow();
        switch (await store.ReserveAsync(party.Consultation.Id, 1, forward: true, now, ct))
        {
            case Reservation.Reserved:
                break;
            case Reservation.ForwardCap:
                return Result<Consultee>.Conflict(
                    $"Remissen har redan vidarebefordrats {ConsultationRules.MaxForwards} gånger, vilket är det högsta antalet. Svara med den här länken, eller kontakta avsändaren.");
            case Reservation.ConsulteeCap:
                return Result<Consultee>.Conflict(
                    $"Remissen har redan {ConsultationRules.MaxConsultees} remissinstanser, vilket är det högsta antalet. Svara med den här länken, eller kontakta avsändaren.");
            default:
                return Result<Consultee>.Gone("Remissen är inte längre öppen.");
        }

        var colleague = new Consultee(Guid.NewGuid().ToString("N"), name, email, party.Consultee.Organisation, now, DelegatedFromId: party.Consultee.Id,
            ForwardDepth: party.Consultee.ForwardDepth + 1);
        var delegated = party.Consultee with { DelegatedTo = new Delegation(colleague.Id, name, email, now) };
        if (!await store.TryUpdateConsulteeAsync(party.Consultation.Id, delegated, party.ConsulteeETag, ct))
        {
            return Result<Consultee>.Conflict("Någon annan ändrade samtidigt. Öppna länken igen för att se läget.");
        }

        await store.AddConsulteesAsync(party.Consultation.Id, [colleague], CancellationToken.None);
        await links.RevokeAsync(ConsultationMailing.LinkKind, party.Consultation.Id, party.Consultee.Id, LinkRevocation.Forwarded, null, CancellationToken.None);
        await signals.SendAsync(durable, party.Consultation.Id, ConsultationSignalKind.ConsulteesAdded);
        return Result<Consultee>.Ok(colleague);
    }
}
