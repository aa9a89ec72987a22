using System.Text.RegularExpressions;

namespace Bra.Core.Email;

/// <summary>
/// Email address rules shared by every feature that takes addresses. Strict on purpose: SendGrid refuses a whole
/// request (up to 1,000 recipients) when one address is invalid, so only plain internet addresses pass: an ASCII
/// dot-atom local part (RFC 5322, no quoted strings, at most 64 characters) and a host name with at least one dot whose
/// labels are 1–63 letters, digits or hyphens, not starting or ending with a hyphen, with a top-level label that is not
/// all digits (at most 253 characters, no trailing dot, no IP literal). Non-ASCII is refused in both parts: a mailbox
/// with å/ä/ö needs SMTPUTF8, which not every receiving server supports, and an internationalised domain is entered in
/// its ASCII (punycode, <c>xn--</c>) form.
/// </summary>
public static partial class EmailAddress
{
    public const int MaxLength = 254;

    /// <summary>What a person is told when an address is refused.</summary>
    public const string InvalidMessage =
        "Ange en giltig e-postadress, till exempel namn@example.se. Adressen får inte innehålla mellanslag, citattecken eller å, ä, ö, och delen efter @ ska vara ett domännamn (inte en IP-adress).";

    public static bool IsValid(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var address = value.Trim();
        var at = address.LastIndexOf('@');
        if (address.Length > MaxLength || at <= 0)
        {
            return false;
        }

        var local = address[..at];
        var host = address[(at + 1)..];
        return local.Length <= 64 && LocalPart().IsMatch(local)
            && host.Length <= 253 && HostName().IsMatch(host)
            && host.Split('.').All(label => label.Length <= 63)
            && !host[(host.LastIndexOf('.') + 1)..].All(char.IsAsciiDigit);
    }

    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    /// <summary>Dot-atom: atext characters in atoms separated by single dots.</summary>
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPart();

    /// <summary>Two or more labels of ASCII letters, digits and inner hyphens.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex HostName();
}
