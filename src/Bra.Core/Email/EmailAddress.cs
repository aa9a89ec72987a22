using System.Net.Mail;

namespace Bra.Core.Email;

/// <summary>Email address rules shared by every feature that takes addresses.</summary>
public static class EmailAddress
{
    public static bool IsValid(string? value) =>
        !string.IsNullOrWhiteSpace(value)
        && value.Length <= 254
        && MailAddress.TryCreate(value.Trim(), out var parsed)
        && parsed.Address == value.Trim()
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();
}
