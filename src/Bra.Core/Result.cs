namespace Bra.Core;

/// <summary>What a service's answer came to.</summary>
public enum ResultStatus
{
    /// <summary>A new record was stored (the API answers 201 with its location).</summary>
    Created,

    /// <summary>Done: a record changed, a check passed, or what was asked for was read.</summary>
    Ok,

    NotFound,

    /// <summary>The thing existed but is over for good (an ended workflow's link): the API answers 410.</summary>
    Gone,

    Conflict,
    Forbidden,
    Invalid,
}

/// <summary>
/// The answer of every service that can refuse: a value when it succeeded; otherwise not found, gone, a conflict or a
/// refusal (each with a Swedish message a person understands) or invalid input (field → Swedish messages). Expected
/// refusals are results, never exceptions. Services know nothing of HTTP: the API maps a result to a response in one
/// place (<see cref="Http.ApiAnswer"/>), pages to their form page (<see cref="Pages.StaffForms"/>).
/// </summary>
public sealed record Result<T>(ResultStatus Status, T? Value = default, string? Message = null, IReadOnlyDictionary<string, string[]>? Errors = null)
{
    public bool Succeeded => Status is ResultStatus.Created or ResultStatus.Ok;

    public static Result<T> Created(T value) => new(ResultStatus.Created, value);

    public static Result<T> Ok(T value) => new(ResultStatus.Ok, value);

    public static Result<T> NotFound(string message) => new(ResultStatus.NotFound, Message: message);

    public static Result<T> Gone(string message) => new(ResultStatus.Gone, Message: message);

    public static Result<T> Conflict(string message) => new(ResultStatus.Conflict, Message: message);

    public static Result<T> Forbidden(string message) => new(ResultStatus.Forbidden, Message: message);

    public static Result<T> Invalid(IReadOnlyDictionary<string, string[]> errors) => new(ResultStatus.Invalid, Errors: errors);

    public static Result<T> Invalid(string field, string message) => Invalid(new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The same failure for a result of another type (a failed result carries no value).</summary>
    public Result<TOther> Failed<TOther>() => Succeeded
        ? throw new InvalidOperationException("A successful result has no failure to pass on.")
        : new(Status, default, Message, Errors);
}
