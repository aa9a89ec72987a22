using Bra.Core.Email;
using Bra.Core.Links;
using Microsoft.Extensions.Options;

namespace Bra.Core.Agreements;

/// <summary>
/// Sends the agreement's emails. Every message has a ledger id (agreement, party, purpose with the signer's generation),
/// so a retried or replayed activity never mails anyone twice; recipients already in the ledger are left out before a
/// link is drawn. Invitations, reminders and large completions carry a fresh personal link bound to the signer's
/// current generation; the raw token goes into the email and is forgotten.
/// </summary>
public sealed class AgreementMailing(
    AgreementStore store, LinkStore links, Mailer mailer, EmailLedger ledger, IOptions<AppOptions> app, IOptions<AgreementOptions> options,
    TimeProvider time)
{
    public const string LinkKind = "agreement";
    public const string OwnerParty = "owner";

    /// <summary>Invites every signer whose turn it is and who has not been invited (in this generation); marks them invited.</summary>
    public async Task<int> InviteAsync(string agreementId, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { } data || !data.Agreement.IsOpen)
        {
            return 0;
        }

        var due = Due(data);
        var sent = await SendWithLinksAsync(data, due, s => $"invite-g{s.Generation}", data.Agreement.ExpiresAt, AgreementEmails.Invitation, ct);
        var now = time.GetUtcNow();
        foreach (var signer in due)
        {
            var marked = await store.UpdateSignerAsync(agreementId, signer.Id, s => s.Generation == signer.Generation && s.State == SignerState.Waiting
                ? s with { State = SignerState.Invited, InvitedAt = now }
                : null, ct);
            if (marked?.InvitedAt == now)
            {
                await store.AddEventAsync(agreementId, AgreementEventKind.Invited, signer.Id, null, ct);
            }
        }

        return sent;
    }

    /// <summary>The signers to invite now: everyone waiting (parallel), or the first one who has not signed when that one is waiting (sequential).</summary>
    public static IReadOnlyList<Signer> Due(AgreementData data)
    {
        if (data.Agreement.Order == SigningOrder.Parallel)
        {
            return data.Signers.Where(s => s.State == SignerState.Waiting).ToList();
        }

        return data.Signers.FirstOrDefault(s => s.State != SignerState.Signed) is { State: SignerState.Waiting } next ? [next] : [];
    }

    /// <summary>Reminder number <paramref name="number"/> to one signer who has not acted; a number already sent is skipped.</summary>
    public async Task<int> RemindAsync(string agreementId, string signerId, int number, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { } data || !data.Agreement.IsOpen
            || data.Signers.FirstOrDefault(s => s.Id == signerId) is not { State: SignerState.Invited } signer || signer.Reminders >= number)
        {
            return 0;
        }

        var sent = await SendWithLinksAsync(data, [signer], s => $"remind-g{s.Generation}-{number}", data.Agreement.ExpiresAt, AgreementEmails.Reminder, ct);
        var now = time.GetUtcNow();
        var marked = await store.UpdateSignerAsync(agreementId, signerId, s => s.Generation == signer.Generation && s.Reminders < number
            ? s with { Reminders = number, RemindedAt = now }
            : null, ct);
        if (marked?.RemindedAt == now)
        {
            await store.AddEventAsync(agreementId, AgreementEventKind.Reminded, signerId, null, ct);
        }

        return sent;
    }

    /// <summary>Tells the sender that a signer declined, with the reason, and every other signer who signed or was invited, without it.</summary>
    public async Task<int> DeclinedAsync(string agreementId, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { } data || data.Signers.FirstOrDefault(s => s.State == SignerState.Declined) is not { } decliner)
        {
            return 0;
        }

        // The reason goes to the sender alone (the signing page promises it); the other signers who have signed or were
        // invited learn the fact.
        var others = data.Signers.Where(s => s.Id != decliner.Id && (s.State == SignerState.Signed || s.InvitedAt is not null))
            .Select(s => Plain(data, s.Id, s.Email, s.Name, "declined")).ToList();
        await links.RevokeAsync(LinkKind, agreementId, null, LinkRevocation.Cancelled, null, ct);
        var mailed = await mailer.SendAsync(AgreementEmails.Declined(data, decliner, [Owner(data, "declined")]), ct);
        return others.Count == 0 ? mailed : mailed + await mailer.SendAsync(AgreementEmails.DeclinedToSigners(data, decliner, others), ct);
    }

    /// <summary>Tells every invited signer that the agreement was cancelled; their links stop working.</summary>
    public async Task<int> CancelledAsync(string agreementId, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { } data)
        {
            return 0;
        }

        await links.RevokeAsync(LinkKind, agreementId, null, LinkRevocation.Cancelled, null, ct);
        var recipients = data.Signers.Where(s => s.InvitedAt is not null).Select(s => Plain(data, s.Id, s.Email, s.Name, "cancelled")).ToList();
        return recipients.Count == 0 ? 0 : await mailer.SendAsync(AgreementEmails.Cancelled(data, recipients), ct);
    }

    public async Task<int> ExpiredAsync(string agreementId, CancellationToken ct) =>
        await store.LoadAsync(agreementId, ct) is { } data ? await mailer.SendAsync(AgreementEmails.Expired(data, [Owner(data, "expired")]), ct) : 0;

    public async Task<int> FailedAsync(string agreementId, CancellationToken ct) =>
        await store.LoadAsync(agreementId, ct) is { } data ? await mailer.SendAsync(AgreementEmails.Failed(data, [Owner(data, "failed")]), ct) : 0;

    /// <summary>The signed copy to every signer and cc: attached when document and certificate are small, else a personal link for signers.</summary>
    public async Task<int> CompletedAsync(string agreementId, IReadOnlyList<EmailAttachment> attachments, CancellationToken ct)
    {
        if (await store.LoadAsync(agreementId, ct) is not { Agreement.State: AgreementState.Completed } data)
        {
            return 0;
        }

        var cc = data.Agreement.Cc.Select((email, i) => Plain(data, $"cc{i}", email, email, "completed")).ToList();
        if (attachments.Count > 0)
        {
            var everyone = data.Signers.Select(s => Plain(data, s.Id, s.Email, s.Name, "completed")).Concat(cc).ToList();
            return await mailer.SendAsync(AgreementEmails.Completed(data, everyone, attachments), ct);
        }

        // The completion link serves the signed copy for the read period after completion, also past the signing deadline.
        var readUntil = (data.Agreement.EndedAt ?? time.GetUtcNow()) + options.Value.ReadPeriodAfterCompletion;
        var sent = await SendWithLinksAsync(data, data.Signers, _ => "completed", readUntil, (d, r) => AgreementEmails.Completed(d, r, [], linked: true), ct);
        return sent + (cc.Count == 0 ? 0 : await mailer.SendAsync(AgreementEmails.Completed(data, cc, []), ct));
    }

    private async Task<int> SendWithLinksAsync(AgreementData data, IReadOnlyList<Signer> targets, Func<Signer, string> purpose, DateTimeOffset linkExpiresAt,
        Func<AgreementData, IReadOnlyList<EmailRecipient>, EmailDraft> compose, CancellationToken ct)
    {
        var agreement = data.Agreement;
        var ids = targets.ToDictionary(t => t.Id, t => new EmailMessageId(agreement.Id, t.Id, purpose(t)));
        var sent = await ledger.SentAsync(ids.Values, ct);
        var pending = targets.Where(t => !sent.Contains(ids[t.Id].ToString())).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        var recipients = new List<EmailRecipient>();
        var issued = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var signer in pending)
        {
            var raw = await links.IssueAsync(LinkKind, agreement.Id, signer.PartyId, linkExpiresAt, ct);
            issued[signer.PartyId] = LinkTokens.Hash(raw);
            recipients.Add(new EmailRecipient(ids[signer.Id], signer.Email, signer.Name, new Dictionary<string, string>
            {
                ["name"] = signer.Name,
                ["link"] = app.Value.Link("sign/" + raw),
            }));
        }

        var mailed = await mailer.SendAsync(compose(data, recipients), ct);

        // The newest link of each signer is the one that works; older ones (an earlier reminder's) say they were replaced.
        foreach (var (party, hash) in issued)
        {
            await links.RevokeAsync(LinkKind, agreement.Id, party, LinkRevocation.Replaced, new HashSet<string>(StringComparer.Ordinal) { hash }, ct);
        }

        return mailed;
    }

    private static EmailRecipient Owner(AgreementData data, string purpose) =>
        Plain(data, OwnerParty, data.Agreement.OwnerEmail, data.Agreement.OwnerName, purpose);

    private static EmailRecipient Plain(AgreementData data, string party, string email, string name, string purpose) =>
        new(new EmailMessageId(data.Agreement.Id, party, purpose), email, name, new Dictionary<string, string> { ["name"] = name });
}
