using FluentValidation;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Agreements;

/// <summary>
/// Signing and declining by link. The signer row is replaced only if unchanged since it was read (ETag), so of many
/// concurrent posts on one link exactly one signs; the others find it signed and change nothing. Results: Ok with the
/// signer as stored (also when it had acted already: a double click or a replay changes nothing), Invalid (form
/// errors), Conflict (the page showed another document than the one sent), Gone (the agreement no longer takes this
/// signer's act, or it is not their turn).
/// </summary>
public sealed class AgreementSigning(
    AgreementStore store, AgreementService service, IValidator<SignForm> signValidator, IValidator<DeclineForm> declineValidator, TimeProvider time)
{
    public const string StaleDocument = "Sidan du skickade från visade ett annat dokument än det som ska undertecknas. Öppna länken igen och läs dokumentet.";

    /// <summary>The audit trail's "viewed" on the signer's first view of the page (a GET: no state change and no mail).</summary>
    public async Task ViewedAsync(SigningParty party)
    {
        if (party.Signer.ViewedAt is not null)
        {
            return;
        }

        var now = time.GetUtcNow();
        var viewed = await store.UpdateSignerAsync(party.Data.Agreement.Id, party.Signer.Id,
            s => s.ViewedAt is null && s.Generation == party.Signer.Generation ? s with { ViewedAt = now } : null, CancellationToken.None);
        if (viewed?.ViewedAt == now)
        {
            await store.AddEventAsync(party.Data.Agreement.Id, AgreementEventKind.Viewed, party.Signer.Id, null, CancellationToken.None);
        }
    }

    public async Task<Result<Signer>> SignAsync(SigningParty party, SignForm form, string? seenSha256, string ip, string userAgent, DurableTaskClient durable,
        CancellationToken ct)
    {
        if (await RefusedAsync(party, signValidator, form, ct) is { } refused)
        {
            return refused;
        }

        if (seenSha256 != party.Data.Agreement.DocumentSha256)
        {
            return Result<Signer>.Conflict(StaleDocument);
        }

        var signature = new Signature(form.TypedName!.Trim(), time.GetUtcNow(), ip, Cap(userAgent, 500), seenSha256, AgreementRules.ConsentVersion);
        return await StoreAsync(party, s => s with { State = SignerState.Signed, Signature = signature }, AgreementEventKind.Signed, AgreementSignalKind.Signed,
            durable, ct);
    }

    public async Task<Result<Signer>> DeclineAsync(SigningParty party, DeclineForm form, DurableTaskClient durable, CancellationToken ct)
    {
        if (await RefusedAsync(party, declineValidator, form, ct) is { } refused)
        {
            return refused;
        }

        var now = time.GetUtcNow();
        var reason = form.Reason!.Trim();
        return await StoreAsync(party, s => s with { State = SignerState.Declined, DeclinedAt = now, DeclinedReason = reason }, AgreementEventKind.Declined,
            AgreementSignalKind.Declined, durable, ct);
    }

    /// <summary>Why the signer cannot sign or decline with this form (acted already, cannot act, form errors); null when they can.</summary>
    private async Task<Result<Signer>?> RefusedAsync<TForm>(SigningParty party, IValidator<TForm> validator, TForm form, CancellationToken ct)
    {
        if (party.Signer.HasActed)
        {
            return Result<Signer>.Ok(party.Signer);
        }

        if (!CanAct(party))
        {
            return Result<Signer>.Gone(NotTaking);
        }

        var errors = AgreementRules.Errors(await validator.ValidateAsync(form, ct));
        return errors.Count > 0 ? Result<Signer>.Invalid(errors) : null;
    }

    /// <summary>
    /// Open, not expired, and (in sequential order) everyone before this signer has signed. A signer still marked
    /// waiting can act too: a link of their current generation exists only once their invitation is being sent, and the
    /// invitation is marked only after the mail went out, so a signer who follows the link at once would otherwise be
    /// told it is not their turn.
    /// </summary>
    public bool CanAct(SigningParty party)
    {
        var data = party.Data;
        return data.Agreement.IsOpen && time.GetUtcNow() < data.Agreement.ExpiresAt && party.Signer.State is SignerState.Invited or SignerState.Waiting
            && (data.Agreement.Order == SigningOrder.Parallel || data.Signers.TakeWhile(s => s.Id != party.Signer.Id).All(s => s.State == SignerState.Signed));
    }

    /// <summary>
    /// Stores the signer's act on the signer row as it was read (ETag). The workflow also writes that row (marking the
    /// invitation sent, counting a reminder) and the first view stamps it, so a lost race goes through the store's
    /// read-change-replace loop: already acted means this was a repeat, a row of the same link generation that may still
    /// act gets the act on its new state, and anything else (replaced, ended, not their turn) is closed.
    /// </summary>
    private async Task<Result<Signer>> StoreAsync(SigningParty party, Func<Signer, Signer> act, AgreementEventKind kind, AgreementSignalKind signal,
        DurableTaskClient durable, CancellationToken ct)
    {
        var id = party.Data.Agreement.Id;
        var changed = act(party.Signer);
        if (!await store.TryUpdateSignerAsync(id, changed, party.SignerETag, CancellationToken.None))
        {
            Signer? applied = null;
            var stored = await store.UpdateSignerAsync(id, party.Signer.Id, current => applied =
                !current.HasActed && current.Generation == party.Signer.Generation && CanAct(party with { Signer = current }) ? act(current) : null,
                CancellationToken.None);
            if (applied is null || !ReferenceEquals(stored, applied))
            {
                return stored?.HasActed == true ? Result<Signer>.Ok(stored) : Result<Signer>.Gone(NotTaking);
            }

            changed = applied;
        }

        if (kind == AgreementEventKind.Declined)
        {
            await store.UpdateAsync(id, a => a.IsOpen ? a with { State = AgreementState.Declined, EndedAt = changed.DeclinedAt, EndReason = changed.DeclinedReason } : null,
                CancellationToken.None);
        }

        await store.AddEventAsync(id, kind, changed.Id, null, CancellationToken.None);
        await service.SignalAsync(durable, id, signal);
        return Result<Signer>.Ok(changed);
    }

    private const string NotTaking = "Överenskommelsen tar inte emot din underskrift nu.";

    private static string Cap(string value, int max) => value.Length <= max ? value : value[..max];
}
