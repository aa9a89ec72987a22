using Microsoft.AspNetCore.Http;
using Bra.Core.Http;

namespace Bra.Core.Pages;

/// <summary>
/// Why a staff form's page is shown again after a failed write: the status to answer with, and either the field errors
/// of invalid input (400) or the Swedish message of a refusal of the whole write (403, 404, 409, 410).
/// </summary>
public sealed record FormRefusal(int Status, IReadOnlyDictionary<string, string[]> Errors, string? Message)
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    /// <summary>The refusal a failed <see cref="Result{T}"/> stands for.</summary>
    public static FormRefusal Of<T>(Result<T> result) => result.Status switch
    {
        ResultStatus.Invalid => new(StatusCodes.Status400BadRequest, result.Errors!, null),
        ResultStatus.Forbidden => new(StatusCodes.Status403Forbidden, NoErrors, result.Message),
        ResultStatus.NotFound => new(StatusCodes.Status404NotFound, NoErrors, result.Message),
        ResultStatus.Conflict => new(StatusCodes.Status409Conflict, NoErrors, result.Message),
        ResultStatus.Gone => new(StatusCodes.Status410Gone, NoErrors, result.Message),
        _ => throw new ArgumentException("A successful write is no refusal.", nameof(result)),
    };
}

/// <summary>
/// How a staff form answers a <see cref="Result{T}"/>: the page counterpart of <see cref="ApiAnswer"/>, one mapping
/// for every feature's form pages.
/// </summary>
public static class FormAnswer
{
    /// <param name="result">The service's result.</param>
    /// <param name="success">The answer for a created or ok value (usually <see cref="StaffForms.SeeOther"/>, POST-redirect-GET).</param>
    /// <param name="again">The form's page again, with what was typed and the <see cref="FormRefusal"/> (field errors or a refusal).</param>
    /// <returns>The success answer; the 404 page when the record is not there; otherwise the form page again.</returns>
    public static async Task<IResult> FromAsync<T>(Result<T> result, Func<T, IResult> success, Func<FormRefusal, Task<IResult>> again) =>
        result.Succeeded ? success(result.Value!)
        : result.Status == ResultStatus.NotFound ? PageResult.NotFound()
        : await again(FormRefusal.Of(result));
}
