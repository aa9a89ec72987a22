namespace Bra.Core.Email;

/// <summary>
/// The provider did not take the message, and trying later can help: 429, 5xx, no connection, or a configuration
/// problem such as an unresolved Key Vault reference or a key SendGrid refuses (401/403). The caller's retry policy
/// tries again later; nothing is recorded as failed.
/// </summary>
public sealed class EmailTransientException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>
/// The provider refused the message for good (a 4xx other than 401, 403 and 429); retrying cannot help.
/// <see cref="RejectedRecipients"/> holds the positions (in the batch sent) of the recipients the provider named as the
/// cause, when it named only recipients; the others may be sent again without them.
/// </summary>
public sealed class EmailPermanentException(string message, IReadOnlyList<int>? rejectedRecipients = null) : Exception(message)
{
    public IReadOnlyList<int>? RejectedRecipients { get; } = rejectedRecipients;
}

/// <summary>
/// The request was sent but no answer came (the attempt timed out, or the connection broke after sending): the
/// provider may have accepted it. It is never sent again, because a second request could mail everyone twice.
/// </summary>
public sealed class EmailOutcomeUnknownException(string message, Exception? inner = null) : Exception(message, inner);
