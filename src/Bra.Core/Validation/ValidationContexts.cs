using Bra.Core.Validation;
using FluentValidation;

namespace Bra.Core.Validation;

/// <summary>
/// Validating an input that changes a stored record (null: a new one). The record travels in the validation context,
/// because some rules depend on it: a people register's deactivated manager may stay but not be newly chosen, a
/// consultation's deadline may only move later, a consultee may be added only once.
/// </summary>
public static class ValidationContexts
{
    private const string ExistingKey = "existing";
    private const string FoundKey = "found:";

    /// <summary>A context for validating <paramref name="input"/> as a change of <paramref name="existing"/>.</summary>
    public static ValidationContext<T> Changing<T>(T input, object? existing)
    {
        var context = new ValidationContext<T>(input);
        context.RootContextData[ExistingKey] = existing;
        return context;
    }

    /// <summary>
    /// Keeps a record that an async rule looked up, so that the caller who validated with this context takes it from
    /// <see cref="Found{TRecord}"/> instead of reading it again. True, so a rule can return it.
    /// </summary>
    public static bool Keep<TRecord>(this IValidationContext context, TRecord record)
        where TRecord : class
    {
        context.RootContextData[FoundKey + typeof(TRecord).FullName] = record;
        return true;
    }

    /// <summary>The record of that type an async rule kept (<see cref="Keep{TRecord}"/>), or null.</summary>
    public static TRecord? Found<TRecord>(this IValidationContext context)
        where TRecord : class =>
        context.RootContextData.TryGetValue(FoundKey + typeof(TRecord).FullName, out var value) ? value as TRecord : null;

    /// <summary>The record given to <see cref="Changing{T}"/>, or null (a new record, or none given).</summary>
    public static TRecord? Existing<TRecord>(this IValidationContext context)
        where TRecord : class =>
        context.RootContextData.TryGetValue(ExistingKey, out var value) ? value as TRecord : null;
}
