using Bra.Core.Email;

namespace Bra.Core.Pages;

/// <summary>One person from a pasted line: its line number (from 1) and its fields, trimmed. <see cref="Title"/> only where the form takes titles.</summary>
public sealed record PastedPerson(int Line, string Name, string Email, string Organisation, string? Title);

/// <summary>What is wrong with one pasted line, in Swedish.</summary>
public sealed record PastedLineError(int Line, string Message);

public sealed record PastedPeopleResult(IReadOnlyList<PastedPerson> People, IReadOnlyList<PastedLineError> Errors)
{
    public bool Ok => Errors.Count == 0 && People.Count > 0;
}

/// <summary>
/// People pasted into a staff form as lines of <c>Namn; e-post; organisation</c> (consultees) or
/// <c>Namn; e-post; organisation; titel</c> (signers). Tab-separated lines, as copied from a spreadsheet, work too;
/// blank lines and a heading line (<c>Namn; E-post; …</c>) are skipped. Every wrong line is reported by its number,
/// so the person can correct all of them at once. Lengths and counts stay with the feature's own validator, which
/// gets the people in order (its index i is <see cref="PastedPerson.Line"/> of <c>People[i]</c>).
/// </summary>
public static class PastedPeople
{
    /// <summary>Lines read at most; a longer paste is refused as a whole (the feature's own maximum is lower).</summary>
    public const int MaxLines = 1000;

    public static PastedPeopleResult Parse(string? text, bool withTitle)
    {
        var people = new List<PastedPerson>();
        var errors = new List<PastedLineError>();
        var lines = (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        if (lines.Count(l => !string.IsNullOrWhiteSpace(l)) > MaxLines)
        {
            return new([], [new(0, $"Högst {MaxLines} rader kan klistras in på en gång.")]);
        }

        var firstEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var expected = withTitle ? "Namn; e-post; organisation; titel (titel kan utelämnas)" : "Namn; e-post; organisation";
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var number = i + 1;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var fields = line.Split(line.Contains('\t') ? '\t' : ';').Select(f => f.Trim()).ToArray();
            if (people.Count == 0 && errors.Count == 0 && IsHeading(fields))
            {
                continue;
            }

            var most = withTitle ? 4 : 3;
            if (fields.Length < 3 || fields.Length > most && fields.Skip(most).Any(f => f.Length > 0))
            {
                errors.Add(new(number, $"Raden ska ha formen \"{expected}\" men har {Count(fields)}."));
                continue;
            }

            var (name, email, organisation) = (fields[0], fields[1], fields[2]);
            var problems = new List<string>();
            if (name.Length == 0)
            {
                problems.Add("namn saknas");
            }

            if (email.Length == 0)
            {
                problems.Add("e-postadress saknas");
            }
            else if (!EmailAddress.IsValid(email))
            {
                problems.Add($"\"{email}\" är inte en giltig e-postadress");
            }
            else if (firstEmail.TryGetValue(EmailAddress.Normalize(email), out var earlier))
            {
                problems.Add($"e-postadressen finns redan på rad {earlier}");
            }

            if (organisation.Length == 0)
            {
                problems.Add("organisation saknas");
            }

            if (problems.Count > 0)
            {
                errors.Add(new(number, char.ToUpperInvariant(problems[0][0]) + string.Join(", ", problems)[1..] + "."));
                continue;
            }

            firstEmail[EmailAddress.Normalize(email)] = number;
            var title = withTitle && fields.Length > 3 && fields[3].Length > 0 ? fields[3] : null;
            people.Add(new(number, name, email, organisation, title));
        }

        if (people.Count == 0 && errors.Count == 0)
        {
            errors.Add(new(0, $"Klistra in minst en rad: {expected}."));
        }

        return new(people, errors);
    }

    private static bool IsHeading(string[] fields) =>
        fields.Length >= 2 && fields[0].Equals("Namn", StringComparison.OrdinalIgnoreCase)
        && fields[1].Replace("-", "", StringComparison.Ordinal).Equals("epost", StringComparison.OrdinalIgnoreCase);

    private static string Count(string[] fields) => fields.Length == 1 ? "ett fält" : $"{fields.Length} fält";
}
