using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Footage;

/// <summary>Footage settings (section <c>Footage</c>).</summary>
public sealed class FootageOptions : IValidatableObject
{
    public const string Section = "Footage";

    /// <summary>Whether the development host runs the full verification of every access log (shortly after start and then every day).</summary>
    public bool FullVerificationEnabled { get; set; } = true;

    /// <summary>How long after start the development host runs its first full verification (lets demo data be seeded first).</summary>
    public TimeSpan FullVerificationStartDelay { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FullVerificationStartDelay < TimeSpan.Zero)
        {
            yield return new ValidationResult("Footage:FullVerificationStartDelay must not be negative.");
        }
    }
}
