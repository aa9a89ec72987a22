using System.Globalization;

namespace Bra.Core.Cameras;

/// <summary>
/// What the camera register's forms show: each field's value (what was typed, or what is stored) and its Swedish
/// errors, both keyed by the field's element id (unique on the page: the site page holds several forms).
/// </summary>
public sealed record CameraForm(IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly CameraForm Empty = new(new Dictionary<string, string?>(), new Dictionary<string, string[]>());

    public string? Value(string id) => Values.GetValueOrDefault(id);

    public string[]? ErrorsOf(string id) => Errors.GetValueOrDefault(id);

    /// <summary>The element id of a form field: the form's prefix and the API's field name, dots as hyphens (<c>legalBasis.decidedOn</c> → <c>legalBasis-decidedOn</c>).</summary>
    public static string Id(string prefix, string name) => prefix + name.Replace('.', '-');

    /// <summary>The label of each date field of the camera forms, by the API's field name: the field shows it and its errors begin with it.</summary>
    public static readonly IReadOnlyDictionary<string, string> DateLabels = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["signageCheckedOn"] = "Skylten kontrollerad",
        ["plannedStart"] = "Planerad start",
        ["startedOn"] = "Startade",
        ["endedOn"] = "Avslutades",
        ["legalBasis.decidedOn"] = "Beslutsdatum",
        ["legalBasis.validUntil"] = "Giltigt till och med",
        ["legalBasis.reviewDate"] = "Omprövas senast",
        ["requestedPeriod.from"] = "Begärd period från",
        ["requestedPeriod.to"] = "Begärd period till",
        ["validUntil"] = "Giltigt till och med",
    };

    public static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An enum value as the API writes it (camelCase).</summary>
    public static string? Code<T>(T? value)
        where T : struct, Enum => value is { } v ? char.ToLowerInvariant(v.ToString()[0]) + v.ToString()[1..] : null;

    /// <summary>A stored site as its form shows it.</summary>
    internal static Dictionary<string, string?> SiteValues(CameraSite s)
    {
        var b = s.LegalBasis;
        return new Dictionary<string, string?>
        {
            ["name"] = s.Name, ["placeDescription"] = s.PlaceDescription, ["kind"] = Code<SiteKind>(s.Kind), ["unitId"] = s.UnitId,
            ["purpose"] = s.Purpose, ["monitoringHours"] = s.MonitoringHours, ["retentionHours"] = s.RetentionHours.ToString(CultureInfo.InvariantCulture),
            ["retentionReason"] = s.RetentionReason, ["signageInPlace"] = s.SignageInPlace ? "true" : "", ["signageCheckedOn"] = Date(s.SignageCheckedOn),
            ["accessPolicy"] = Code<AccessPolicy>(s.AccessPolicy), ["operators"] = string.Join(',', s.Operators),
            ["responsiblePersonId"] = s.ResponsiblePersonId ?? "", ["state"] = Code<SiteState>(s.State),
            ["plannedStart"] = Date(s.PlannedStart), ["startedOn"] = Date(s.StartedOn), ["endedOn"] = Date(s.EndedOn),
            ["legalBasis-type"] = Code(b?.Type) ?? "", ["legalBasis-decisionNumber"] = b?.DecisionNumber,
            ["legalBasis-decisionReference"] = b?.DecisionReference, ["legalBasis-decidedBy"] = b?.DecidedBy, ["legalBasis-decidedOn"] = Date(b?.DecidedOn),
            ["legalBasis-validUntil"] = Date(b?.ValidUntil), ["legalBasis-reviewDate"] = Date(b?.ReviewDate), ["legalBasis-conditions"] = b?.Conditions,
        };
    }

    /// <summary>A stored camera as its form (ids starting with <paramref name="prefix"/>) shows it.</summary>
    internal static Dictionary<string, string?> CameraValues(string prefix, Camera camera) => new()
    {
        [prefix + "label"] = camera.Label, [prefix + "placement"] = camera.Placement, [prefix + "fieldOfView"] = camera.FieldOfView,
        [prefix + "features"] = string.Join(',', new[] { camera.Movable ? "movable" : null, camera.PrivacyMasking ? "privacyMasking" : null, camera.AudioRecording ? "audioRecording" : null }.OfType<string>()),
        [prefix + "audioReason"] = camera.AudioReason,
    };

    /// <summary>The validator's keys (the API's field names) as the ids of the fields that show them.</summary>
    internal static Dictionary<string, string[]> Fields(IReadOnlyDictionary<string, string[]> errors, Func<string, string> field)
    {
        var result = new Dictionary<string, string[]>();
        foreach (var (key, messages) in errors)
        {
            var id = field(key);
            result[id] = result.TryGetValue(id, out var had) ? [.. had, .. messages] : messages;
        }

        return result;
    }

    /// <summary>The validator asks the API for a document id; on the page the document is a file chosen in the same form.</summary>
    private const string ChooseAssessment = "Välj filen med den dokumenterade intresseavvägningen som beslutet ska grunda sig på.";

    internal static Dictionary<string, string[]> SiteFields(IReadOnlyDictionary<string, string[]> errors) => Fields(errors.ToDictionary(e => e.Key,
        e => e.Key == "legalBasis.assessmentDocumentId" && e.Value.Any(m => m.Contains("(dokument-id)", StringComparison.Ordinal)) ? [ChooseAssessment] : e.Value), key => key switch
    {
        "legalBasis" => "legalBasis-type",
        "legalBasis.assessmentDocumentId" => "legalBasis-assessment",
        "impactAssessmentDocumentId" or "cameras" => "name",
        _ => Id("", key.Split('[')[0]),
    });

    internal static string CameraField(string prefix, string key) => key switch
    {
        "cameras" => prefix + "label",
        "movable" or "privacyMasking" or "audioRecording" => prefix + "features",
        _ => Id(prefix, key),
    };

    internal static Dictionary<string, string[]> RequestFields(IReadOnlyDictionary<string, string[]> errors) => Fields(errors.ToDictionary(e => e.Key,
        e => e.Key == "assessmentDocumentId" && e.Value.Any(m => m.Contains("(dokument-id)", StringComparison.Ordinal)) ? [ChooseAssessment] : e.Value), RequestField);

    internal static string RequestField(string key) => key switch
    {
        "assessmentDocumentId" => "request-assessment",
        "siteId" => "request-kind",
        _ => Id("request-", key.Split('[')[0]),
    };
}
