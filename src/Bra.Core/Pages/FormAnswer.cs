using Bra.Core.Http;

namespace Bra.Core.Pages;

/// <summary>
/// Why a staff form's page is shown again after a failed write: the status to answer with, and either the field errors
/// of invalid input (400) or the Swedish message of a refusal of the whole write (403, 404, 409).
/// </summary>
public sealed record FormRefusal(int Status, IReadOnlyDictionary<string, string[]> Errors, string? Message)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>The refusal a failed <see cref="WriteResult{T}"/> stands for.</summary>
    public static FormRefusal Of<T>(WriteResult<T> result) => result.Outcome switch
    {
        WriteOutcome.Invalid => new(StatusCodes.Status400BadRequest, result.Errors!, null),
        WriteOutcome.Forbidden => new(StatusCodes.Status403Forbidden, NoErrors, result.Message),
        WriteOutcome.NotFound => new(StatusCodes.Status404NotFound, NoErrors, result.Message),
        WriteOutcome.Conflict => new(StatusCodes.Status409Conflict, NoErrors, result.Message),
        _ => throw new ArgumentException("A successful write is no refusal.", nameof(result)),
    };
}

/// <summary>
/// How a staff form answers a <see cref="WriteResult{T}"/>: the page counterpart of <see cref="ApiAnswer"/>, one mapping
/// for every feature's form pages.
/// </summary>
public static class FormAnswer
{
    /// <param name="result">The service's result.</param>
    /// <param name="success">The answer for a created, updated or allowed value (usually <see cref="StaffForms.SeeOther"/>, POST-redirect-GET).</param>
    /// <param name="again">The form's page again, with what was typed and the <see cref="FormRefusal"/> (field errors or a refusal).</param>
    /// <returns>The success answer; the 404 page when the record is not there; otherwise the form page again.</returns>
    public static async Task<IResult> FromAsync<T>(WriteResult<T> result, Func<T, IResult> success, Func<FormRefusal, Task<IResult>> again) =>
        result.Succeeded ? success(result.Value!)
        : result.Outcome == WriteOutcome.NotFound ? PageResult.NotFound()
        : await again(FormRefusal.Of(result));
}
