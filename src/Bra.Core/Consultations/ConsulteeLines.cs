using System.Text.RegularExpressions;
using Bra.Core.Pages;

namespace Bra.Core.Consultations;

/// <summary>
/// Consultees pasted into a staff form (<see cref="PastedPeople"/>) as the API's consultee list, and the field errors of
/// the consultation validators (<see cref="ConsultationRules.ConsulteeList"/>) (keyed <c>consultees[i].email</c> and so on) back to the line they came
/// from. Error keys are <c>consultees</c> for the whole paste and <c>consultees-rad-{n}</c> for line n, each message
/// starting with "Rad n:", so the error summary lists every wrong line and links to the text box.
/// </summary>
public static partial class ConsulteeLines
{
    public const string Field = "consultees";

    /// <param name="Lines">The pasted line of each consultee, by index.</param>
    public sealed record Read(List<ConsulteeInput?> Consultees, IReadOnlyList<int> Lines, Dictionary<string, string[]> Errors);

    public static Read Parse(string? text)
    {
        var pasted = PastedPeople.Parse(text, withTitle: false);
        return new Read(pasted.People.Select(p => (ConsulteeInput?)new ConsulteeInput(p.Name, p.Email, p.Organisation)).ToList(),
            pasted.People.Select(p => p.Line).ToList(), ForForm(pasted, new Dictionary<string, string[]>()));
    }

    /// <summary>
    /// The paste's own errors and the service's consultee errors (<c>consultees[i]…</c>, and <c>consultees</c> when the
    /// paste itself was right) together, one entry per line in line order; other keys of the service are left out.
    /// </summary>
    public static Dictionary<string, string[]> ForForm(PastedPeopleResult pasted, IReadOnlyDictionary<string, string[]> serviceErrors)
    {
        var lines = new SortedDictionary<int, List<string>>();
        foreach (var error in pasted.Errors)
        {
            Line(lines, error.Line).Add(error.Message);
        }

        foreach (var (key, messages) in serviceErrors)
        {
            if (Indexed().Match(key) is { Success: true } m && int.TryParse(m.Groups[1].Value, out var i) && i < pasted.People.Count)
            {
                Line(lines, pasted.People[i].Line).AddRange(messages);
            }
            else if (key == Field && pasted.Errors.Count == 0)
            {
                Line(lines, 0).AddRange(messages);
            }
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (line, messages) in lines)
        {
            errors[line == 0 ? Field : $"{Field}-rad-{line}"] = [line == 0 ? string.Join(" ", messages) : $"Rad {line}: {string.Join(" ", messages)}"];
        }

        return errors;
    }

    private static List<string> Line(SortedDictionary<int, List<string>> lines, int line) =>
        lines.TryGetValue(line, out var list) ? list : lines[line] = [];

    /// <summary>The service's errors by pasted line: <c>consultees[i]…</c> becomes line <c>Lines[i]</c>; other keys stay as they are.</summary>
    public static Dictionary<string, string[]> ByLine(IReadOnlyDictionary<string, string[]> errors, IReadOnlyList<int> lines)
    {
        var byLine = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (key, messages) in errors)
        {
            var match = Indexed().Match(key);
            if (match.Success && int.TryParse(match.Groups[1].Value, out var i) && i < lines.Count)
            {
                foreach (var message in messages)
                {
                    Add(byLine, lines[i], message);
                }
            }
            else
            {
                byLine[key] = [.. byLine.GetValueOrDefault(key) ?? [], .. messages];
            }
        }

        return byLine;
    }

    /// <summary>The id of the text box for any of these keys (for <see cref="ErrorSummary.Anchor"/>).</summary>
    public static string Anchor(string key) => key.StartsWith(Field, StringComparison.Ordinal) ? Field : key;

    private static void Add(Dictionary<string, string[]> errors, int line, string message)
    {
        var (key, text) = line > 0 ? ($"{Field}-rad-{line}", $"Rad {line}: {message}") : (Field, message);
        if (errors.TryGetValue(key, out var existing))
        {
            // One entry per line, whatever the number of problems on it.
            errors[key] = [existing[0] + " " + message];
        }
        else
        {
            errors[key] = [text];
        }
    }

    [GeneratedRegex(@"^consultees\[(\d+)\]")]
    private static partial Regex Indexed();
}
