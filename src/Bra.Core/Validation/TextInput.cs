namespace Bra.Core.Validation;

/// <summary>How an optional text field of an input is stored.</summary>
public static class TextInput
{
    /// <summary>The trimmed text, or null when it is missing or only white space.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
