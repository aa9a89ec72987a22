namespace Bra.Core.Http;

/// <summary>Field errors of one request (field name → Swedish messages), as a validator collects them for <see cref="Problems.Validation(IDictionary{string, string[]})"/>.</summary>
public sealed class FieldErrors
{
    public Dictionary<string, string[]> Result { get; } = new();

    public void Add(string field, string message) =>
        Result[field] = Result.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Required(string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, message);
        }
    }

    public void MaxLength(string field, string? value, int max)
    {
        if (value is { Length: var length } && length > max)
        {
            Add(field, $"Högst {max} tecken.");
        }
    }
}
