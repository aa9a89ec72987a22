using Bra.Core.Email;
using Bra.Core.Links;
using Microsoft.Extensions.Options;

namespace Bra.Core.Consultations;

/// <summary>
/// Sends the consultation's batches. Invitations and reminders carry a fresh personal link per recipient: the token is
/// drawn here, its hash stored, the raw token handed to the mailer as the <c>{{link}}</c> value and then forgotten.
/// Recipients whose message id is already in the ledger are left out before any token is drawn, so a retried or
/// replayed activity neither mails twice nor mints links nobody receives.
/// </summary>
public sealed class ConsultationMailing(ConsultationStore store, LinkStore links, Mailer mailer, EmailLedger ledger, IOptions<AppOptions> app, TimeProvider time)
{
    public const string LinkKind = "consultation";
    public const string InvitePurpose = "invite";
    public const string CancelPurpose = "cancelled";
    public const string DeadlinePurpose = "deadline";

    public async Task<int> InviteAsync(string consultationId, CancellationToken ct)
    {
        if (await store.LoadAsync(consultationId, ct) is not { } data || !data.Consultation.TakesAnswersAt(time.GetUtcNow()))
        {
            return 0;
        }

        return await SendWithLinksAsync(data, data.Consultees, InvitePurpose, ConsultationEmails.Invitation, ct);
    }

    public async Task<int> RemindAsync(string consultationId, string purpose, CancellationToken ct)
    {
        if (await store.LoadAsync(consultationId, ct) is not { } data || data.Consultation.State != ConsultationState.Open)
        {
            return 0;
        }

        var answered = data.Answers.Select(a => a.ConsulteeId).ToHashSet(StringComparer.Ordinal);
        // An address the provider refused for good would only be refused again, taking its whole request with it.
        var refused = (await ledger.UndeliveredAsync(consultationId, ct)).Where(u => u.Outcome == EmailOutcome.Failed)
            .Select(u => u.Party).ToHashSet(StringComparer.Ordinal);
        var silent = data.Consultees.Where(c => c.DelegatedTo is null && !answered.Contains(c.Id) && !refused.Contains(c.Id)).ToList();
        return await SendWithLinksAsync(data, silent, purpose, ConsultationEmails.Reminder, ct);
    }

    /// <summary>
    /// Tells everyone invited so far who can still answer or change their answer (not handed over to a colleague, not
    /// refused for good by the provider) the moved deadline, with a fresh link and the calendar event that replaces the
    /// invitation's. One message per move: the ledger keys it by the move's number, so a retry or a later look at the
    /// same move mails nobody twice. Consultees not yet invited get the new deadline in their invitation.
    /// </summary>
    public async Task<int> NotifyDeadlineAsync(string consultationId, CancellationToken ct)
    {
        if (await store.LoadAsync(consultationId, ct) is not { } data || !data.Consultation.TakesAnswersAt(time.GetUtcNow()) || data.Consultation.DeadlineMoves == 0)
        {
            return 0;
        }

        var invitations = data.Consultees.ToDictionary(c => c.Id, c => new EmailMessageId(consultationId, c.Id, InvitePurpose));
        var invited = await ledger.SentAsync(invitations.Values, ct);
        var refused = (await ledger.UndeliveredAsync(consultationId, ct)).Where(u => u.Outcome == EmailOutcome.Failed)
            .Select(u => u.Party).ToHashSet(StringComparer.Ordinal);
        var told = data.Consultees.Where(c => c.DelegatedTo is null && invited.Contains(invitations[c.Id].ToString()) && !refused.Contains(c.Id)).ToList();
        return await SendWithLinksAsync(data, told, $"{DeadlinePurpose}-{data.Consultation.DeadlineMoves}", ConsultationEmails.DeadlineMoved, ct);
    }

    public async Task<int> CancelAsync(string consultationId, CancellationToken ct)
    {
        if (await store.LoadAsync(consultationId, ct) is not { } data)
        {
            return 0;
        }

        var recipients = data.Consultees.Where(c => c.DelegatedTo is null)
            .Select(c => new EmailRecipient(new EmailMessageId(data.Consultation.Id, c.Id, CancelPurpose), c.Email, c.Name,
                new Dictionary<string, string> { ["name"] = c.Name }))
            .ToList();
        return recipients.Count == 0 ? 0 : await mailer.SendAsync(ConsultationEmails.Cancellation(data.Consultation, recipients), ct);
    }

    private async Task<int> SendWithLinksAsync(ConsultationData data, IReadOnlyList<Consultee> targets, string purpose,
        Func<Consultation, IReadOnlyList<EmailRecipient>, EmailDraft> compose, CancellationToken ct)
    {
        var consultation = data.Consultation;
        var ids = targets.ToDictionary(t => t.Id, t => new EmailMessageId(consultation.Id, t.Id, purpose));
        var sent = await ledger.SentAsync(ids.Values, ct);
        var pending = targets.Where(t => !sent.Contains(ids[t.Id].ToString())).ToList();
        if (pending.Count == 0)
        {
            return 0;
        }

        var raws = await links.IssueManyAsync(LinkKind, consultation.Id, pending.Select(p => p.Id).ToList(), expiresAt: null, ct);
        var issued = raws.Select(LinkTokens.Hash).ToArray();
        var recipients = pending.Select((consultee, i) => new EmailRecipient(ids[consultee.Id], consultee.Email, consultee.Name, new Dictionary<string, string>
        {
            ["name"] = consultee.Name,
            ["organisation"] = string.IsNullOrWhiteSpace(consultee.Organisation) ? consultee.Name : consultee.Organisation,
            ["link"] = app.Value.Link("respond/" + raws[i]),
        })).ToArray();
        var mailed = await mailer.SendAsync(compose(consultation, recipients), ct);

        // Once the newer links are on their way, the older ones of the same people stop working ("replaced"). An
        // invitation is a party's first link: nothing to look up.
        if (purpose == InvitePurpose)
        {
            return mailed;
        }

        var keep = issued.ToHashSet(StringComparer.Ordinal);
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = ct }, async (consultee, token) =>
            await links.RevokeAsync(LinkKind, consultation.Id, consultee.Id, LinkRevocation.Replaced, keep, token));
        return mailed;
    }
}
