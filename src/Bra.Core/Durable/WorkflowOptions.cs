using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Durable;

/// <summary>Settings for the workflows' history (section <c>Workflows</c>).</summary>
public sealed class WorkflowOptions : IValidatableObject
{
    public const string Section = "Workflows";

    /// <summary>
    /// How many days the engine keeps the history of a workflow that completed, failed or was terminated, counted from
    /// when it ended; the daily history purge deletes it afterwards.
    /// </summary>
    [Range(1, 36500)]
    public int HistoryRetentionDays { get; set; } = 90;

    /// <summary>Development host only: how long after start it runs its first history purge (then once a day).</summary>
    public TimeSpan HistoryPurgeStartDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan HistoryRetention => TimeSpan.FromDays(HistoryRetentionDays);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (HistoryPurgeStartDelay < TimeSpan.Zero)
        {
            yield return new ValidationResult("Workflows:HistoryPurgeStartDelay must not be negative.");
        }
    }
}
