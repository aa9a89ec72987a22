using System.Security.Cryptography;
using System.Text;

namespace Bra.Core.Links;

/// <summary>
/// Token generation and hashing. A token is <c>{group}.{secret}</c> (52 characters): the group, 6 random bytes as 8
/// base64url characters, is shared by the links issued together (up to 100) and names the table partition their rows
/// share; the secret, 256 random bits from the OS generator as 43 base64url characters, is the credential. '.' is not in
/// the base64url alphabet, so the two parts cannot be confused.
/// </summary>
public static class LinkTokens
{
    public const int TokenBytes = 32;
    public const int GroupBytes = 6;
    public const char Separator = '.';

    private const int SecretChars = 43;
    private const int GroupChars = 8;

    /// <summary>A new group for links issued together (not a credential: it only says where their rows are).</summary>
    public static string NewGroup() => Base64Url(RandomNumberGenerator.GetBytes(GroupBytes));

    /// <summary>A new token of <paramref name="group"/> with a fresh 256-bit secret.</summary>
    public static string NewToken(string group) => group + Separator + Base64Url(RandomNumberGenerator.GetBytes(TokenBytes));

    /// <summary>A new token in a group of its own.</summary>
    public static string NewToken() => NewToken(NewGroup());

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The group of a token that <see cref="LooksValid"/>.</summary>
    public static string GroupOf(string token) => token[..GroupChars];

    /// <summary>A token is 8 base64url characters, '.' and 43 base64url characters; anything else is unknown without a storage lookup.</summary>
    public static bool LooksValid(string? token) => token is { Length: GroupChars + 1 + SecretChars }
        && token[GroupChars] == Separator && IsBase64Url(token.AsSpan(0, GroupChars)) && IsBase64Url(token.AsSpan(GroupChars + 1));

    private static bool IsBase64Url(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
