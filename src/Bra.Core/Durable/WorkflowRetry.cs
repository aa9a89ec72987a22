using Bra.Core.Email;
using Microsoft.DurableTask;

namespace Bra.Core.Durable;

/// <summary>
/// The two retry policies of every activity call in every workflow: <see cref="Mail"/> for an activity that sends mail,
/// <see cref="Storage"/> for every other one. Each activity is idempotent (the email ledger, ETags, writes once), so a
/// retry repeats only what did not happen. <c>WorkflowRetryTests</c> checks that each call uses the policy of its kind.
/// </summary>
public static class WorkflowRetry
{
    /// <summary>
    /// What reaches a mail activity's retry is transient (SendGrid 429/5xx after the HTTP retries, no connection, a Key
    /// Vault reference not yet resolved, a key SendGrid refuses, a storage hiccup): retried with backoff up to an hour
    /// apart, about 20 hours in all, so an outage of SendGrid or Key Vault for hours fails no workflow. A permanent
    /// refusal never reaches it (the mailer records it and carries on); should one be thrown, it is not retried.
    /// </summary>
    public static readonly TaskOptions Mail = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 30, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromHours(1))
    {
        HandleFailure = failure => failure.ErrorType != typeof(EmailPermanentException).FullName,
    });

    /// <summary>
    /// Reading a plan or changing a record: retried with backoff up to five minutes apart, about 20 minutes in all, which
    /// rides out throttling, a storage account failing over and optimistic-concurrency loops that ran out of attempts.
    /// </summary>
    public static readonly TaskOptions Storage = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 10, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2, maxRetryInterval: TimeSpan.FromMinutes(5)));
}
