using Bra.Core.Validation;
using FluentValidation.Results;

namespace Bra.Core.Validation;

/// <summary>A FluentValidation result as field errors (field → Swedish messages), the shape of problem documents and form pages.</summary>
public static class ValidationErrors
{
    public static Dictionary<string, string[]> ByField(this ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);
}
