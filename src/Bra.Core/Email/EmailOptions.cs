using System.ComponentModel.DataAnnotations;

namespace Bra.Core.Email;

public enum EmailProvider
{
    Outbox,
    SendGrid,
}

/// <summary>Email settings (section <c>Email</c>).</summary>
public sealed class EmailOptions : IValidatableObject
{
    public const string Section = "Email";

    public EmailProvider Provider { get; set; } = EmailProvider.SendGrid;

    [Required]
    [EmailAddress]
    public string FromAddress { get; set; } = "";

    [Required]
    public string FromName { get; set; } = "Lokala BRÅ";

    /// <summary>SendGrid API key; in Azure a Key Vault reference.</summary>
    public string? SendGridApiKey { get; set; }

    /// <summary>Overrides the SendGrid API address (tests point it at a loopback capture endpoint).</summary>
    public string? SendGridHost { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == EmailProvider.SendGrid && string.IsNullOrWhiteSpace(SendGridApiKey))
        {
            yield return new ValidationResult("Email:SendGridApiKey is required when Email:Provider is SendGrid.", [nameof(SendGridApiKey)]);
        }
    }
}
