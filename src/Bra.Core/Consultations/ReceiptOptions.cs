using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Consultations;

/// <summary>Settings for answer receipts (section <c>Receipts</c>).</summary>
public sealed class ReceiptOptions : IValidatableObject
{
    public const string Section = "Receipts";

    /// <summary>
    /// Development host only: how often it sweeps for receipts that were stored but not sent (a crash between storing an
    /// answer and mailing its receipt). In Azure a timer trigger sweeps every five minutes.
    /// </summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (SweepInterval <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Receipts:SweepInterval must be positive.");
        }
    }
}
