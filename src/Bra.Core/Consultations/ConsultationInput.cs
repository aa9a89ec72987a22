using System.ComponentModel.DataAnnotations;
using Bra.Core.Email;

namespace Bra.Core.Consultations;

// [Required] marks what the rules below refuse a body without; it describes the API (OpenAPI), nothing reads it to validate.
public sealed record ConsulteeInput([Required] string? Name, [Required] string? Email, string? Organisation);

public sealed record CreateConsultationInput(
    [Required] string? Title, string? CaseNumber, [Required] string? DocumentId, [Required] string? Deadline, string? Message,
    [Required] List<ConsulteeInput?>? Consultees, List<string?>? Reminders);

/// <summary>The answer to starting a consultation (202): its id and where its status is read.</summary>
public sealed record ConsultationAccepted(string Id, string StatusUrl);

public sealed record AddConsulteesInput([Required] List<ConsulteeInput?>? Consultees);

public sealed record MoveDeadlineInput([Required] string? Deadline);

public sealed record CancelInput(string? Reason);

public sealed record RegisterResponseInput(
    string? ConsulteeId, string? Position, string? Comments, string? RespondentName, string? RespondentRole, DateTimeOffset? ReceivedAt);

/// <summary>Validation of what administrators and consultees submit; messages are Swedish and say what to do.</summary>
public static class ConsultationRules
{
    public const int MaxConsultees = 5000;

    /// <summary>How many times a consultation may be forwarded by its consultees in all.</summary>
    public const int MaxForwards = 50;

    /// <summary>How long a chain of forwards may get: invited → colleague → colleague → colleague.</summary>
    public const int MaxForwardDepth = 3;
    public const int MaxComments = 20_000;
    public static readonly IReadOnlyList<string> DefaultReminders = ["P7D", "P1D"];

    /// <summary>At most this many reminders per consultation.</summary>
    public const int MaxReminders = 10;

    /// <summary>The longest a reminder may come before the deadline (a year); any positive offset up to it is taken.</summary>
    public static readonly TimeSpan MaxReminderOffset = TimeSpan.FromDays(365);

    public static readonly IReadOnlyDictionary<string, Position> Positions = new Dictionary<string, Position>(StringComparer.Ordinal)
    {
        ["supports"] = Position.Supports,
        ["supportsWithComments"] = Position.SupportsWithComments,
        ["opposes"] = Position.Opposes,
        ["noObjection"] = Position.NoObjection,
    };

    public static void Text(Dictionary<string, string[]> errors, string field, string? value, int max, string label, bool required)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [$"Ange {label}."];
        }
        else if (value is not null && value.Trim().Length > max)
        {
            errors[field] = [$"{char.ToUpperInvariant(label[0])}{label[1..]} får vara högst {max} tecken."];
        }
    }

    /// <summary>Checks the reminder offsets: ISO 8601 durations, positive, at most a year, at most ten of them.</summary>
    public static void Reminders(Dictionary<string, string[]> errors, IReadOnlyList<string?> reminders)
    {
        if (reminders.Count > MaxReminders)
        {
            errors["reminders"] = [$"Högst {MaxReminders} påminnelser per remiss (nu {reminders.Count})."];
            return;
        }

        for (var i = 0; i < reminders.Count; i++)
        {
            var offset = Time.SwedishTime.ParseOffset(reminders[i]);
            if (offset is null)
            {
                errors[$"reminders[{i}]"] = ["Ange påminnelsen som en ISO 8601-period före sista svarsdag, till exempel \"P7D\" eller \"PT20S\"."];
            }
            else if (offset > MaxReminderOffset)
            {
                errors[$"reminders[{i}]"] = [$"En påminnelse kan komma högst {MaxReminderOffset.TotalDays:0} dagar före sista svarsdag (\"P365D\"). Ange en kortare period, till exempel \"P7D\"."];
            }
        }
    }

    /// <summary>Checks the consultee list; <paramref name="taken"/> holds normalised addresses already in the consultation.</summary>
    public static void Consultees(Dictionary<string, string[]> errors, List<ConsulteeInput?>? consultees, ISet<string> taken, int maxNew)
    {
        if (consultees is null || consultees.Count == 0)
        {
            errors["consultees"] = ["Ange minst en remissinstans (namn och e-postadress)."];
            return;
        }

        if (consultees.Count > maxNew)
        {
            errors["consultees"] = [$"Högst {maxNew} remissinstanser per remiss."];
            return;
        }

        var seen = new HashSet<string>(taken, StringComparer.Ordinal);
        for (var i = 0; i < consultees.Count; i++)
        {
            var c = consultees[i];
            var prefix = $"consultees[{i}]";
            if (c is null)
            {
                errors[prefix] = ["Ange namn och e-postadress."];
                continue;
            }

            Text(errors, prefix + ".name", c.Name, 200, "remissinstansens namn", required: true);
            Text(errors, prefix + ".organisation", c.Organisation, 200, "organisation", required: false);
            if (!EmailAddress.IsValid(c.Email))
            {
                errors[prefix + ".email"] = [EmailAddress.InvalidMessage];
            }
            else if (!seen.Add(EmailAddress.Normalize(c.Email!)))
            {
                errors[prefix + ".email"] = [$"E-postadressen {c.Email!.Trim()} förekommer mer än en gång. Varje remissinstans ska ha en egen adress."];
            }
        }
    }

    /// <summary>Consultees with fresh ids, or the given fixed ids (by position) where there are any.</summary>
    public static List<Consultee> ToConsultees(IEnumerable<ConsulteeInput?> input, DateTimeOffset now, IReadOnlyList<string>? ids = null) =>
        input.Select((c, i) => new Consultee(ids is not null && i < ids.Count ? ids[i] : Guid.NewGuid().ToString("N"), c!.Name!.Trim(), c.Email!.Trim(),
            string.IsNullOrWhiteSpace(c.Organisation) ? null : c.Organisation.Trim(), now.AddTicks(i))).ToList();

    /// <summary>Validates an answer draft (from the form or the API). Field names are the form's.</summary>
    public static (AnswerDraft? Draft, Dictionary<string, string[]> Errors) Answer(string? position, string? comments, string? name, string? role)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Position? parsed = position is not null && Positions.TryGetValue(position, out var p) ? p : null;
        if (parsed is null)
        {
            errors["position"] = ["Välj ett ställningstagande: tillstyrker, tillstyrker med synpunkter, avstyrker eller inget att invända."];
        }

        comments = string.IsNullOrWhiteSpace(comments) ? null : comments.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (comments is null && parsed is not null && parsed != Position.NoObjection)
        {
            errors["comments"] = ["Skriv era synpunkter. Synpunkter krävs utom när ni inte har något att invända."];
        }
        else if (comments is { Length: > MaxComments })
        {
            errors["comments"] = [$"Synpunkterna får vara högst {MaxComments} tecken (nu {comments.Length}). Korta texten eller bifoga en fil."];
        }

        Text(errors, "respondentName", name, 200, "namnet på den som svarar", required: true);
        Text(errors, "respondentRole", role, 200, "rollen för den som svarar", required: false);
        return errors.Count > 0
            ? (null, errors)
            : (new AnswerDraft(parsed!.Value, comments, name!.Trim(), string.IsNullOrWhiteSpace(role) ? null : role.Trim()), errors);
    }
}
