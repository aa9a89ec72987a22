using Microsoft.DurableTask;

namespace Bra.Core.Email;

/// <summary>
/// The retry of every durable activity that sends mail. A permanent refusal never reaches it (the mailer records it
/// and carries on); what does is transient (SendGrid 429/5xx after the HTTP retries, no connection, a Key Vault
/// reference not yet resolved, a key SendGrid refuses, a storage hiccup), so it is retried with backoff up to an hour
/// apart for about 20 hours before the workflow fails. A permanent failure, should one ever be thrown, is not retried.
/// </summary>
public static class MailActivityRetry
{
    public static readonly TaskOptions Options = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 30, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1))
    {
        HandleFailure = failure => failure.ErrorType != typeof(EmailPermanentException).FullName,
    });
}
