using Microsoft.Extensions.Logging;

namespace Bra.Core.Email;

/// <summary>
/// The email port every feature uses. Skips recipients whose message id was already sent, sends the rest in
/// requests of up to 1,000 personalizations, and records each accepted request in the ledger.
/// </summary>
public sealed class Mailer(IEmailTransport transport, EmailLedger ledger, ILogger<Mailer> logger)
{
    public const int MaxRecipientsPerRequest = 1000;

    /// <returns>How many messages were handed to the provider now (0 when all were sent before).</returns>
    public async Task<int> SendAsync(EmailBatch batch, CancellationToken ct = default)
    {
        var sent = await ledger.SentAsync(batch.Recipients.Select(r => r.Id), ct);
        var pending = batch.Recipients.Where(r => !sent.Contains(r.Id.ToString())).DistinctBy(r => r.Id).ToList();
        foreach (var chunk in pending.Chunk(MaxRecipientsPerRequest))
        {
            await transport.SendAsync(batch with { Recipients = chunk }, ct);
            await ledger.RecordAsync(chunk.Select(r => r.Id), ct);
        }

        if (pending.Count < batch.Recipients.Count)
        {
            logger.LogInformation("Skipped {Count} messages that were already sent", batch.Recipients.Count - pending.Count);
        }

        return pending.Count;
    }
}
