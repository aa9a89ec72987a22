using Microsoft.AspNetCore.Http;
using System.Globalization;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// Reads a posted camera-register form into the API's inputs (<see cref="SiteInput"/>, <see cref="CameraInput"/>,
/// <see cref="RequestInput"/>, <see cref="DecisionInput"/>): what cannot be read becomes a Swedish error on its field, and every value is kept as typed,
/// keyed by the field's element id (the prefix tells the forms of one page apart). <paramref name="today"/> (Swedish) dates the examples in date errors.
/// </summary>
internal sealed class CameraFormReader(IFormCollection form, string prefix, DateOnly today)
{
    public Dictionary<string, string?> Values { get; } = new();

    public Dictionary<string, string[]> Errors { get; } = new();

    public void Add(string name, string message)
    {
        var id = CameraForm.Id(prefix, name);
        Errors[id] = Errors.TryGetValue(id, out var had) ? [.. had, message] : [message];
    }

    public string? Text(string name)
    {
        var value = form[name].ToString();
        Values[CameraForm.Id(prefix, name)] = value;
        return value;
    }

    public IReadOnlyList<string> List(string name)
    {
        var list = form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).Distinct().ToList();
        Values[CameraForm.Id(prefix, name)] = string.Join(',', list);
        return list;
    }

    /// <summary>A date field (see <see cref="DateInput"/>); what cannot be read is an error naming the field's label.</summary>
    public DateOnly? Date(string name)
    {
        var reading = DateInput.Read(Text(name));
        if (reading.Problem is not null)
        {
            Add(name, DateInput.Error(CameraForm.DateLabels[name], reading, today));
        }

        return reading.Date;
    }

    public int? Int(string name, string message)
    {
        var text = Text(name)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        Add(name, message);
        return null;
    }

    /// <summary>A choice as the API names it (camelCase); anything else is no choice (the validator says what to choose).</summary>
    public T? Enum<T>(string name)
        where T : struct, Enum
    {
        var text = Text(name)?.Trim();
        return !string.IsNullOrEmpty(text) && char.IsAsciiLetter(text[0]) && System.Enum.TryParse<T>(text, ignoreCase: true, out var value) && System.Enum.IsDefined(value)
            ? value
            : null;
    }

    /// <summary>The site form (the stored assessments of <paramref name="current"/> are kept; a new one is a file in the same form).</summary>
    public SiteInput Site(CameraSite? current)
    {
        var type = Enum<LegalBasisType>("legalBasis.type");
        var basis = new LegalBasis(type, Text("legalBasis.decisionNumber"), Date("legalBasis.decidedOn"), Date("legalBasis.validUntil"),
            Text("legalBasis.conditions"), current?.LegalBasis?.AssessmentDocumentId, Text("legalBasis.decisionReference"), Text("legalBasis.decidedBy"),
            Date("legalBasis.reviewDate"));
        return new SiteInput(Text("name"), Text("placeDescription"), Enum<SiteKind>("kind"), Text("unitId"), Text("purpose"),
            Text("monitoringHours"), Int("retentionHours", "Ange lagringstiden i hela timmar, till exempel 72."), Text("retentionReason"),
            List("signageInPlace").Contains("true"), Date("signageCheckedOn"), current?.ImpactAssessmentDocumentId, Enum<AccessPolicy>("accessPolicy"),
            List("operators"), Enum<SiteState>("state"), Date("plannedStart"), Date("startedOn"), Date("endedOn"),
            type is null ? null : basis, null, Text("responsiblePersonId"));
    }

    /// <summary>A camera form: its features are checkboxes of one name.</summary>
    public CameraInput Camera()
    {
        var features = List("features");
        return new CameraInput(Text("label"), Text("placement"), features.Contains("movable"), Text("fieldOfView"), features.Contains("privacyMasking"),
            features.Contains("audioRecording"), Text("audioReason"));
    }

    /// <summary>The decision form of a change request: an outcome other than approved or rejected is left for the validator to ask for.</summary>
    public DecisionInput Decision()
    {
        DecisionOutcome? outcome = Text("outcome") switch
        {
            "approved" => DecisionOutcome.Approved,
            "rejected" => DecisionOutcome.Rejected,
            _ => null,
        };
        return new DecisionInput(outcome, Text("decidedBy"), Text("reference"), null, Date("validUntil"), Text("conditions"), Text("reason"));
    }

    /// <summary>A change request form: cameras to add as lines of <c>beteckning; placering</c>, each wrong line reported by its number.</summary>
    public RequestInput Request()
    {
        var kind = Enum<RequestKind>("kind");
        var justification = Text("justification");
        var from = Date("requestedPeriod.from");
        var to = Date("requestedPeriod.to");
        var area = Text("affectedArea");
        var add = new List<CameraInput>();
        var lines = (Text("addCameras") ?? "").Split('\n').Select(l => l.Trim()).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }

            var parts = lines[i].Split(';', 2, StringSplitOptions.TrimEntries);
            if (parts[0].Length == 0)
            {
                Add("addCameras", $"Rad {i + 1}: skriv kamerans beteckning före semikolonet.");
                continue;
            }

            add.Add(new CameraInput(parts[0], parts.Length > 1 ? parts[1] : null, false, null, false, false, null));
        }

        return new RequestInput(kind, justification, from is null && to is null ? null : new RequestedPeriod(from, to), area, add, List("removeCameraIds"), null);
    }
}
