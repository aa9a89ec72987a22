using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Agreements;

/// <summary>Settings for agreements (section <c>Agreements</c>). Tests shorten the offsets to seconds.</summary>
public sealed class AgreementOptions
{
    public const string Section = "Agreements";

    /// <summary>How long an agreement waits for signatures when the sender gives no expiry.</summary>
    public TimeSpan DefaultExpiry { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The first reminder to a signer who has not acted, counted from their invitation.</summary>
    public TimeSpan FirstReminderAfter { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Later reminders, one per interval, until the agreement expires.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromDays(3);

    /// <summary>
    /// How long the signers' links keep serving the page, the document and the certificate after the agreement was
    /// completed; after that they have expired (410). A cancelled, declined or expired agreement's links stop at once.
    /// </summary>
    public TimeSpan ReadPeriodAfterCompletion { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The document and certificate are attached to the completion email up to this size in total; larger, they are linked.</summary>
    [Range(0, 20 * 1024 * 1024)]
    public long MaxAttachmentBytes { get; set; } = 7 * 1024 * 1024;
}
