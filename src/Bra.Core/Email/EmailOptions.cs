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

    /// <summary>
    /// How long one SendGrid request may take before it counts as sent with an unknown outcome (never re-sent): generous,
    /// because a request of 1,000 personalizations with an attachment is large.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00")]
    public TimeSpan SendGridAttemptTimeout { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// True when the key is still an App Service Key Vault reference (<c>@Microsoft.KeyVault(...)</c>): the platform
    /// passes the literal text on when the secret does not exist or cannot be read. That is a configuration error,
    /// reported by <c>/api/health</c>; mail waits for the secret instead of failing.
    /// </summary>
    public bool ApiKeyUnresolved() =>
        Provider == EmailProvider.SendGrid && SendGridApiKey?.TrimStart().StartsWith("@Microsoft.KeyVault(", StringComparison.OrdinalIgnoreCase) == true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == EmailProvider.SendGrid && string.IsNullOrWhiteSpace(SendGridApiKey))
        {
            yield return new ValidationResult("Email:SendGridApiKey is required when Email:Provider is SendGrid.", [nameof(SendGridApiKey)]);
        }
    }
}
