using Microsoft.Extensions.Logging;

namespace Bra.Core.Email;

/// <summary>
/// The email port every feature uses. Skips recipients whose message id is already settled, sends the rest in
/// requests of up to 1,000 personalizations, and records each request's outcome in the ledger. A request refused for
/// good (or sent without an answer) is recorded for its recipients and the other requests carry on, so one bad chunk
/// never stops a workflow; only a transient failure is thrown, for the caller's retry.
/// </summary>
public sealed class Mailer(IEmailTransport transport, EmailLedger ledger, ILogger<Mailer> logger, IServiceProvider services)
{
    public const int MaxRecipientsPerRequest = 1000;

    /// <summary>How often one chunk is sent again without the recipients the provider named as refused.</summary>
    public const int MaxResendsWithoutRefused = 3;

    /// <summary>Renders the draft once (HTML part through the page renderer, text part from the same content) and sends it.</summary>
    /// <returns>How many messages the provider accepted now (0 when all were settled before).</returns>
    public async Task<int> SendAsync(EmailDraft draft, CancellationToken ct = default) =>
        await SendAsync(await draft.RenderAsync(services), ct);

    /// <returns>How many messages the provider accepted now (0 when all were settled before).</returns>
    public async Task<int> SendAsync(EmailBatch batch, CancellationToken ct = default)
    {
        var sent = await ledger.SentAsync(batch.Recipients.Select(r => r.Id), ct);
        var pending = batch.Recipients.Where(r => !sent.Contains(r.Id.ToString())).DistinctBy(r => r.Id).ToList();
        var accepted = 0;
        foreach (var chunk in pending.Chunk(MaxRecipientsPerRequest))
        {
            accepted += await SendChunkAsync(batch, chunk, ct);
        }

        if (pending.Count < batch.Recipients.Count)
        {
            logger.LogInformation("Skipped {Count} messages that were already sent", batch.Recipients.Count - pending.Count);
        }

        return accepted;
    }

    /// <summary>
    /// One request. When the provider refuses it for good naming only some recipients (SendGrid validates the whole
    /// request before queuing any of it), those are recorded as failed and the rest is sent again without them.
    /// </summary>
    private async Task<int> SendChunkAsync(EmailBatch batch, IReadOnlyList<EmailRecipient> chunk, CancellationToken ct)
    {
        var remaining = chunk.ToList();
        for (var round = 0; ; round++)
        {
            var ids = remaining.Select(r => r.Id).ToList();
            try
            {
                await transport.SendAsync(batch with { Recipients = remaining }, ct);
            }
            catch (EmailPermanentException ex) when (round < MaxResendsWithoutRefused
                && ex.RejectedRecipients is { Count: > 0 } rejected && rejected.Count < remaining.Count && rejected.All(i => i >= 0 && i < remaining.Count))
            {
                logger.LogWarning("The provider refused {Count} recipients of {Purpose} in workflow {Workflow}; sending the other {Others} again",
                    rejected.Count, ids[0].Purpose, ids[0].Workflow, remaining.Count - rejected.Count);
                var refused = rejected.Select(i => remaining[i]).ToList();
                await ledger.RecordUndeliveredAsync(refused.Select(r => r.Id), EmailOutcome.Failed, ex.Message, ct);
                remaining = remaining.Except(refused).ToList();
                continue;
            }
            catch (EmailPermanentException ex)
            {
                logger.LogError("The provider refused {Count} messages of {Purpose} in workflow {Workflow} for good; recorded as failed",
                    remaining.Count, ids[0].Purpose, ids[0].Workflow);
                await ledger.RecordUndeliveredAsync(ids, EmailOutcome.Failed, ex.Message, ct);
                return 0;
            }
            catch (EmailOutcomeUnknownException ex)
            {
                logger.LogError(ex.InnerException, "No answer to a request of {Count} messages of {Purpose} in workflow {Workflow}; not sent again",
                    remaining.Count, ids[0].Purpose, ids[0].Workflow);
                await ledger.RecordUndeliveredAsync(ids, EmailOutcome.Unknown, ex.Message, ct);
                return 0;
            }

            await ledger.RecordAsync(ids, ct);
            return remaining.Count;
        }
    }
}
