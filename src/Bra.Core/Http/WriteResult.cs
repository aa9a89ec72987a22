namespace Bra.Core.Http;

/// <summary>What a write asked of a feature's service came to. Services return this, never <see cref="IResult"/>.</summary>
public enum WriteOutcome
{
    Created,
    Updated,
    NotFound,
    Conflict,
    Invalid,
    Forbidden,

    /// <summary>
    /// A check before a write (or a read) passed, with what the caller may act on; nothing was written. Footage checks who
    /// may use a site before it reads the request's body, so that a refused attempt is logged whatever the body holds.
    /// </summary>
    Allowed,
}

/// <summary>
/// The result of a write in every feature: created or updated (with the stored value) or allowed (a passed check, with
/// what may be acted on), or not found, a conflict, a refusal
/// (each with a Swedish message a person understands) or invalid input (field → Swedish messages). The API maps it to a
/// response in one place (<see cref="ApiAnswer"/>); staff pages map it to their form page (<see cref="Pages.StaffForms"/>).
/// </summary>
public sealed record WriteResult<T>(WriteOutcome Outcome, T? Value = default, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Outcome is WriteOutcome.Created or WriteOutcome.Updated or WriteOutcome.Allowed;

    public static WriteResult<T> Created(T value) => new(WriteOutcome.Created, value);

    public static WriteResult<T> Updated(T value) => new(WriteOutcome.Updated, value);

    public static WriteResult<T> Allowed(T value) => new(WriteOutcome.Allowed, value);

    public static WriteResult<T> NotFound(string message) => new(WriteOutcome.NotFound, Message: message);

    public static WriteResult<T> Conflict(string message) => new(WriteOutcome.Conflict, Message: message);

    public static WriteResult<T> Forbidden(string message) => new(WriteOutcome.Forbidden, Message: message);

    public static WriteResult<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(WriteOutcome.Invalid, Errors: errors);

    public static WriteResult<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The same failure for a write of another type (a failed result carries no value).</summary>
    public WriteResult<TOther> Failed<TOther>() => Succeeded
        ? throw new InvalidOperationException("A successful result has no failure to pass on.")
        : new(Outcome, default, Message, Errors);
}

/// <summary>How the API answers a <see cref="WriteResult{T}"/>: one mapping of failures to problem documents for every feature.</summary>
public static class ApiAnswer
{
    /// <param name="result">The service's result.</param>
    /// <param name="success">The answer for a created, updated or allowed value (201 with Location, 200, 202…).</param>
    public static IResult From<T>(WriteResult<T> result, Func<T, IResult> success) => result.Outcome switch
    {
        WriteOutcome.Created or WriteOutcome.Updated or WriteOutcome.Allowed => success(result.Value!),
        WriteOutcome.NotFound => Problems.NotFound(result.Message!),
        WriteOutcome.Conflict => Problems.Conflict(result.Message!),
        WriteOutcome.Forbidden => Problems.Forbidden(result.Message!),
        _ => Problems.Validation(result.Errors!.ToDictionary(e => e.Key, e => e.Value)),
    };
}
