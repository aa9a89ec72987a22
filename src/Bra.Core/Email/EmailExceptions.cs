namespace Bra.Core.Email;

/// <summary>The provider could not take the message now (429, 5xx, network); the caller's retry policy tries again later.</summary>
public sealed class EmailTransientException(string message, TimeSpan? retryAfter = null, Exception? inner = null)
    : Exception(message, inner)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>The provider refused the message for good (4xx other than 429); retrying cannot help.</summary>
public sealed class EmailPermanentException(string message) : Exception(message);
