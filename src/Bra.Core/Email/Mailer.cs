using Microsoft.Extensions.Logging;

namespace Bra.Core.Email;

/// <summary>
/// The email port every feature uses. Skips recipients whose message id is already settled, sends the rest in
/// requests of up to 1,000 personalizations, and records each request's outcome in the ledger. A request refused for
/// good (or sent without an answer) is recorded for its recipients and the other requests carry on, so one bad chunk
/// never stops a workflow; only a transient failure is thrown, for the caller's retry.
/// </summary>
public sealed class Mailer(IEmailTransport transport, EmailLedger ledger, ILogger<Mailer> logger)
{
    public const int MaxRecipientsPerRequest = 1000;

    /// <returns>How many messages the provider accepted now (0 when all were settled before).</returns>
    public async Task<int> SendAsync(EmailBatch batch, CancellationToken ct = default)
    {
        var sent = await ledger.SentAsync(batch.Recipients.Select(r => r.Id), ct);
        var pending = batch.Recipients.Where(r => !sent.Contains(r.Id.ToString())).DistinctBy(r => r.Id).ToList();
        var accepted = 0;
        foreach (var chunk in pending.Chunk(MaxRecipientsPerRequest))
        {
            var ids = chunk.Select(r => r.Id).ToList();
            try
            {
                await transport.SendAsync(batch with { Recipients = chunk }, ct);
            }
            catch (EmailPermanentException ex)
            {
                logger.LogError("The provider refused {Count} messages of {Purpose} in workflow {Workflow} for good; recorded as failed",
                    chunk.Length, ids[0].Purpose, ids[0].Workflow);
                await ledger.RecordUndeliveredAsync(ids, EmailOutcome.Failed, ex.Message, ct);
                continue;
            }
            catch (EmailOutcomeUnknownException ex)
            {
                logger.LogError(ex.InnerException, "No answer to a request of {Count} messages of {Purpose} in workflow {Workflow}; not sent again",
                    chunk.Length, ids[0].Purpose, ids[0].Workflow);
                await ledger.RecordUndeliveredAsync(ids, EmailOutcome.Unknown, ex.Message, ct);
                continue;
            }

            await ledger.RecordAsync(ids, ct);
            accepted += chunk.Length;
        }

        if (pending.Count < batch.Recipients.Count)
        {
            logger.LogInformation("Skipped {Count} messages that were already sent", batch.Recipients.Count - pending.Count);
        }

        return accepted;
    }
}
