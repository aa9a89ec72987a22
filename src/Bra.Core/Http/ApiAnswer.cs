using Microsoft.AspNetCore.Http;

namespace Bra.Core.Http;

/// <summary>How the API answers a <see cref="Result{T}"/>: one mapping of failures to problem documents for every feature.</summary>
public static class ApiAnswer
{
    /// <param name="result">The service's result.</param>
    /// <param name="success">The answer for a created or ok value (201 with Location, 200, 202…).</param>
    public static IResult From<T>(Result<T> result, Func<T, IResult> success) => result.Status switch
    {
        ResultStatus.Created or ResultStatus.Ok => success(result.Value!),
        ResultStatus.NotFound => Problems.NotFound(result.Message!),
        ResultStatus.Gone => Problems.Gone(result.Message!),
        ResultStatus.Conflict => Problems.Conflict(result.Message!),
        ResultStatus.Forbidden => Problems.Forbidden(result.Message!),
        _ => Problems.Validation(result.Errors!.ToDictionary(e => e.Key, e => e.Value)),
    };
}
