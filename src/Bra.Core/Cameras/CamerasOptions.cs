using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Cameras;

/// <summary>Camera register settings (section <c>Cameras</c>).</summary>
public sealed class CamerasOptions : IValidatableObject
{
    public const string Section = "Cameras";

    /// <summary>
    /// Who decides a unit's camera requests: <c>Cameras:DecisionMakers:&lt;unitId&gt;:0</c> = person id, …. A unit not
    /// listed falls back to every person with the Administrator role.
    /// </summary>
    public Dictionary<string, List<string>> DecisionMakers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long after submission the first reminder goes out when no decision has come.</summary>
    public TimeSpan FirstReminderAfter { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How often reminders repeat after the first.</summary>
    public TimeSpan ReminderInterval { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a signage check holds before the daily scan says a new one is due.</summary>
    public TimeSpan SignageCheckInterval { get; set; } = TimeSpan.FromDays(365);

    /// <summary>Whether the development host runs the daily scan (shortly after start and then every day).</summary>
    public bool DailyScanEnabled { get; set; } = true;

    /// <summary>How long after start the development host runs its first daily scan (lets demo data be seeded first).</summary>
    public TimeSpan DailyScanStartDelay { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstReminderAfter <= TimeSpan.Zero || ReminderInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Cameras:FirstReminderAfter and Cameras:ReminderInterval must be positive.");
        }

        if (DailyScanStartDelay < TimeSpan.Zero)
        {
            yield return new ValidationResult("Cameras:DailyScanStartDelay must not be negative.");
        }

        if (SignageCheckInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Cameras:SignageCheckInterval must be positive.");
        }
    }
}
