using Bra.Core.Documents;
using Bra.Core.People;
using FluentValidation;
using FluentValidation.Results;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's limits and its validation as field errors (field name as in the JSON → Swedish messages). The
/// rules are FluentValidation validators, one per input: <see cref="SiteInputValidator"/> (with <see cref="LegalBasisValidator"/>),
/// <see cref="CameraInputValidator"/>, <see cref="RequestInputValidator"/> and <see cref="DecisionInputValidator"/>; the
/// lookups (units, people, documents) are their async rules.
/// </summary>
public sealed class CameraValidator(PeopleStore people, DocumentStore documents)
{
    private readonly SiteInputValidator sites = new(people, documents);
    private readonly RequestInputValidator requests = new(documents);

    public const int RuleOfThumbRetentionHours = 72;
    public const int MaxRetentionHours = 24 * 365;
    public const int MaxText = 2000;

    /// <summary>
    /// Cameras on one site and operators named for it. With every text at its maximum (and quotes, which are stored as
    /// two characters), a site of this many cameras is about 270,000 JSON characters: within the 320,000 a table row
    /// holds (<see cref="Storage.JsonRow.MaxJsonChars"/>).
    /// </summary>
    public const int MaxCameras = 20;

    public const int MaxOperators = 50;

    public async Task<Dictionary<string, string[]>> ValidateSiteAsync(SiteInput input, CancellationToken ct) =>
        Errors(await sites.ValidateAsync(input, ct));

    public static Dictionary<string, string[]> ValidateCamera(CameraInput input) => Errors(CameraInputValidator.Instance.Validate(input));

    public async Task<Dictionary<string, string[]>> ValidateRequestAsync(RequestInput input, CameraSite site, CancellationToken ct) =>
        Errors(await requests.ValidateAsync(new RequestOnSite(input, site), ct));

    public static Dictionary<string, string[]> ValidateDecision(DecisionInput input, CameraRequest request, DateOnly today) =>
        Errors(DecisionInputValidator.Instance.Validate(new DecisionOnRequest(input, request, today)));

    /// <summary>The failures by field, in the order the rules found them.</summary>
    public static Dictionary<string, string[]> Errors(ValidationResult result) =>
        result.Errors.GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray(), StringComparer.Ordinal);

    /// <summary>Adds a nested input's failures under a prefix (<c>legalBasis.</c>, <c>cameras[0].</c>).</summary>
    internal static void AddNested<T>(ValidationContext<T> context, string prefix, ValidationResult nested)
    {
        foreach (var failure in nested.Errors)
        {
            context.AddFailure(prefix + failure.PropertyName, failure.ErrorMessage);
        }
    }
}

/// <summary>Rules shared by the camera validators.</summary>
internal static class CameraRuleExtensions
{
    public static bool Given(string? value) => !string.IsNullOrWhiteSpace(value);

    public static IRuleBuilderOptions<T, string?> MaxLength<T>(this IRuleBuilder<T, string?> rule, int max) =>
        rule.Must(v => v is null || v.Length <= max).WithMessage($"Högst {max} tecken.");

    public static IRuleBuilderOptions<T, string?> Required<T>(this IRuleBuilder<T, string?> rule, string message) =>
        rule.Must(Given).WithMessage(message);
}
