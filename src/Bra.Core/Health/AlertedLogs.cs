using Microsoft.Extensions.Logging;

namespace Bra.Core.Health;

/// <summary>
/// Log messages that Azure alerts fire on (infra/app/alerts.bicep queries Application Insights for their text, which
/// therefore never changes; a test reads the compiled template and fails when the two part). No personal data.
/// </summary>
public static partial class AlertedLogs
{
    /// <summary>Start of the message logged when the health check cannot reach storage.</summary>
    public const string StorageUnreachableText = "Health check: storage unreachable";

    /// <summary>Start of the message logged when mail cannot go out because of its configuration (the SendGrid key).</summary>
    public const string MailMisconfiguredText = "Mail misconfigured";

    [LoggerMessage(EventId = 9001, Level = LogLevel.Error, Message = StorageUnreachableText + " ({ErrorType})")]
    public static partial void StorageUnreachable(ILogger logger, Exception exception, string errorType);

    [LoggerMessage(EventId = 9002, Level = LogLevel.Error, Message = MailMisconfiguredText + ": {Reason}")]
    public static partial void MailMisconfigured(ILogger logger, string reason);
}
