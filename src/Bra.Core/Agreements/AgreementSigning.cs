using Azure;
using Bra.Core.Links;
using FluentValidation;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Agreements;

/// <summary>The signer behind a link: the agreement, the signer row (with its ETag) and the link's hash.</summary>
public sealed record SigningParty(string Token, string LinkHash, AgreementData Data, Signer Signer, ETag SignerETag);

public enum SignOutcome
{
    /// <summary>This request signed (or declined).</summary>
    Done,
    /// <summary>Signed or declined before (double click, replay): nothing changed.</summary>
    AlreadyDone,
    /// <summary>The form has errors.</summary>
    Invalid,
    /// <summary>The agreement no longer takes signatures, or it is not this signer's turn.</summary>
    Closed,
    /// <summary>The page showed another document than the one sent (the hash differs).</summary>
    StaleDocument,
}

public sealed record SignResult(SignOutcome Outcome, Signer Signer, Dictionary<string, string[]>? Errors = null);

/// <summary>
/// Signing and declining by link. The signer row is replaced only if unchanged since it was read (ETag), so of many
/// concurrent posts on one link exactly one signs; the others find it signed and change nothing.
/// </summary>
public sealed class AgreementSigning(
    AgreementStore store, AgreementService service, IValidator<SignForm> signValidator, IValidator<DeclineForm> declineValidator, TimeProvider time)
{
    public async Task<SignResult> SignAsync(SigningParty party, SignForm form, string? seenSha256, string ip, string userAgent, DurableTaskClient durable,
        CancellationToken ct)
    {
        if (await RefusedAsync(party, signValidator, form, ct) is { } refused)
        {
            return refused;
        }

        if (seenSha256 != party.Data.Agreement.DocumentSha256)
        {
            return new SignResult(SignOutcome.StaleDocument, party.Signer);
        }

        var signature = new Signature(form.TypedName!.Trim(), time.GetUtcNow(), ip, Cap(userAgent, 500), seenSha256, AgreementRules.ConsentVersion);
        return await StoreAsync(party, s => s with { State = SignerState.Signed, Signature = signature }, AgreementEventKind.Signed, AgreementSignalKind.Signed,
            durable, ct);
    }

    public async Task<SignResult> DeclineAsync(SigningParty party, DeclineForm form, DurableTaskClient durable, CancellationToken ct)
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
    private async Task<SignResult?> RefusedAsync<TForm>(SigningParty party, IValidator<TForm> validator, TForm form, CancellationToken ct)
    {
        if (party.Signer.HasActed)
        {
            return new SignResult(SignOutcome.AlreadyDone, party.Signer);
        }

        if (!CanAct(party))
        {
            return new SignResult(SignOutcome.Closed, party.Signer);
        }

        var errors = AgreementRules.Errors(await validator.ValidateAsync(form, ct));
        return errors.Count > 0 ? new SignResult(SignOutcome.Invalid, party.Signer, errors) : null;
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
    private async Task<SignResult> StoreAsync(SigningParty party, Func<Signer, Signer> act, AgreementEventKind kind, AgreementSignalKind signal,
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
                return new SignResult(stored?.HasActed == true ? SignOutcome.AlreadyDone : SignOutcome.Closed, stored ?? party.Signer);
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
        return new SignResult(SignOutcome.Done, changed);
    }

    private static string Cap(string value, int max) => value.Length <= max ? value : value[..max];
}
