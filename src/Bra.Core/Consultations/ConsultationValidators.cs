using Bra.Core.Validation;
using Bra.Core.Documents;
using Bra.Core.Email;
using Bra.Core.Time;
using FluentValidation;

namespace Bra.Core.Consultations;

/// <summary>
/// The limits of a consultation and the rules its validators share. One validator per input type below; messages are
/// Swedish and say what to do, field names are the JSON's (<c>consultees[i].email</c>, <c>reminders[i]</c>), one message
/// per field.
/// </summary>
public static class ConsultationRules
{
    public const int MaxConsultees = 5000;

    /// <summary>How many times a consultation may be forwarded by its consultees in all.</summary>
    public const int MaxForwards = 50;

    /// <summary>How long a chain of forwards may get: invited → colleague → colleague → colleague.</summary>
    public const int MaxForwardDepth = 3;
    public const int MaxComments = 20_000;
    public const int MaxName = 200;
    public const int MaxReason = 2000;
    public static readonly IReadOnlyList<string> DefaultReminders = ["P7D", "P1D"];

    /// <summary>At most this many reminders per consultation.</summary>
    public const int MaxReminders = 10;

    /// <summary>The longest a reminder may come before the deadline (a year); any positive offset up to it is taken.</summary>
    public static readonly TimeSpan MaxReminderOffset = TimeSpan.FromDays(365);

    /// <summary>The deadline field's label on the staff forms; its errors begin with it.</summary>
    public const string DeadlineLabel = "Sista svarsdag";

    /// <summary>A deadline that has passed, in Swedish time, with a future example.</summary>
    public static string PassedDeadline(DateTimeOffset deadline, DateOnly today) =>
        $"{DeadlineLabel}: {SwedishTime.Format(deadline)} har redan passerat. Välj ett senare datum, till exempel {DateInput.Example(today)}.";

    public static readonly IReadOnlyDictionary<string, Position> Positions = new Dictionary<string, Position>(StringComparer.Ordinal)
    {
        ["supports"] = Position.Supports,
        ["supportsWithComments"] = Position.SupportsWithComments,
        ["opposes"] = Position.Opposes,
        ["noObjection"] = Position.NoObjection,
    };

    /// <summary>A text field: "Ange {label}." when required and blank, "{Label} får vara högst {max} tecken." when too long (trimmed).</summary>
    internal static IRuleBuilderOptions<T, string?> Text<T>(this IRuleBuilderInitial<T, string?> rule, int max, string label, bool required) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(v => !required || !string.IsNullOrWhiteSpace(v)).WithMessage($"Ange {label}.")
            .Must(v => v is null || v.Trim().Length <= max).WithMessage($"{char.ToUpperInvariant(label[0])}{label[1..]} får vara högst {max} tecken.");

    /// <summary>
    /// A list of consultees to invite: at least one and at most <paramref name="max"/>; each one's own fields; and each
    /// address once, neither twice in the list nor already among <paramref name="taken"/> (normalised addresses).
    /// </summary>
    internal static IRuleBuilderOptionsConditions<T, List<ConsulteeInput?>?> ConsulteeList<T>(this IRuleBuilder<T, List<ConsulteeInput?>?> rule,
        IValidator<ConsulteeInput> consulteeValidator,
        Func<IValidationContext, int> max, Func<IValidationContext, IEnumerable<string>> taken) =>
        rule.Custom((consultees, context) =>
        {
            if (consultees is null || consultees.Count == 0)
            {
                context.AddFailure("consultees", "Ange minst en remissinstans (namn och e-postadress).");
                return;
            }

            if (consultees.Count > max(context))
            {
                context.AddFailure("consultees", $"Högst {max(context)} remissinstanser per remiss.");
                return;
            }

            var seen = new HashSet<string>(taken(context), StringComparer.Ordinal);
            for (var i = 0; i < consultees.Count; i++)
            {
                if (consultees[i] is not { } consultee)
                {
                    context.AddFailure($"consultees[{i}]", "Ange namn och e-postadress.");
                    continue;
                }

                foreach (var failure in consulteeValidator.Validate(consultee).Errors)
                {
                    context.AddFailure($"consultees[{i}].{failure.PropertyName}", failure.ErrorMessage);
                }

                if (EmailAddress.IsValid(consultee.Email) && !seen.Add(EmailAddress.Normalize(consultee.Email!)))
                {
                    context.AddFailure($"consultees[{i}].email",
                        $"E-postadressen {consultee.Email!.Trim()} förekommer mer än en gång. Varje remissinstans ska ha en egen adress.");
                }
            }
        });
}

/// <summary>One consultee's own fields: a name, a valid address, an optional organisation.</summary>
public sealed class ConsulteeInputValidator : AbstractValidator<ConsulteeInput>
{
    public ConsulteeInputValidator()
    {
        RuleFor(x => x.Name).Text(ConsultationRules.MaxName, "remissinstansens namn", required: true).OverridePropertyName("name");
        RuleFor(x => x.Email).Must(EmailAddress.IsValid).WithMessage(EmailAddress.InvalidMessage).OverridePropertyName("email");
        RuleFor(x => x.Organisation).Text(ConsultationRules.MaxName, "organisation", required: false).OverridePropertyName("organisation");
    }
}

/// <summary>A new consultation (API and staff form): its texts, a future deadline, the reminder offsets, the consultees and an uploaded document.</summary>
public sealed class CreateConsultationValidator : AbstractValidator<CreateConsultationInput>
{
    public CreateConsultationValidator(DocumentStore documents, IValidator<ConsulteeInput> consulteeValidator, TimeProvider time)
    {
        RuleFor(x => x.Title).Text(300, "en rubrik för remissen", required: true).OverridePropertyName("title");
        RuleFor(x => x.CaseNumber).Text(100, "diarienumret", required: false).OverridePropertyName("caseNumber");
        RuleFor(x => x.Message).Text(5000, "meddelandet", required: false).OverridePropertyName("message");
        RuleFor(x => x.Deadline).Cascade(CascadeMode.Stop)
            .Must(v => SwedishTime.ParseDeadline(v) is not null)
            .WithMessage((_, v) => DateInput.Error(ConsultationRules.DeadlineLabel, DateInput.Read(v), SwedishTime.Today(time)))
            .Must(v => SwedishTime.ParseDeadline(v) > time.GetUtcNow())
            .WithMessage((_, v) => ConsultationRules.PassedDeadline(SwedishTime.ParseDeadline(v)!.Value, SwedishTime.Today(time)))
            .OverridePropertyName("deadline");
        RuleFor(x => x.Reminders).Must(r => r is not { Count: > ConsultationRules.MaxReminders })
            .WithMessage((_, r) => $"Högst {ConsultationRules.MaxReminders} påminnelser per remiss (nu {r!.Count}).").OverridePropertyName("reminders");
        RuleForEach(x => x.Reminders).Cascade(CascadeMode.Stop)
            .Must(r => SwedishTime.ParseOffset(r) is not null)
            .WithMessage("Ange påminnelsen som en ISO 8601-period före sista svarsdag, till exempel \"P7D\" eller \"PT20S\".")
            .Must(r => SwedishTime.ParseOffset(r) <= ConsultationRules.MaxReminderOffset)
            .WithMessage($"En påminnelse kan komma högst {ConsultationRules.MaxReminderOffset.TotalDays:0} dagar före sista svarsdag (\"P365D\"). Ange en kortare period, till exempel \"P7D\".")
            .When(x => x.Reminders is { Count: <= ConsultationRules.MaxReminders })
            .OverridePropertyName("reminders");
        RuleFor(x => x.Consultees).ConsulteeList(consulteeValidator, _ => ConsultationRules.MaxConsultees, _ => []);
        RuleFor(x => x.DocumentId).Cascade(CascadeMode.Stop)
            .Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Ange id för remissdokumentet (ladda upp det först med POST /api/documents).")
            .MustAsync(async (_, id, context, ct) => await documents.GetAsync(id!.Trim(), ct) is { } document && context.Keep(document))
            .WithMessage("Dokumentet finns inte. Ladda upp det med POST /api/documents och använd id:t i svaret.")
            .OverridePropertyName("documentId");
    }
}

/// <summary>Consultees added to a running consultation (its consultees travel in the context): within the cap, none invited already.</summary>
public sealed class AddConsulteesValidator : AbstractValidator<AddConsulteesInput>
{
    public AddConsulteesValidator(IValidator<ConsulteeInput> consulteeValidator) =>
        RuleFor(x => x.Consultees).ConsulteeList(consulteeValidator, context => ConsultationRules.MaxConsultees - Existing(context).Count,
            context => Existing(context).Select(c => EmailAddress.Normalize(c.Email)));

    private static IReadOnlyCollection<Consultee> Existing(IValidationContext context) => context.Existing<IReadOnlyCollection<Consultee>>() ?? [];
}

/// <summary>A new deadline for a running consultation (the consultation travels in the context): a date or instant later than the current one.</summary>
public sealed class MoveDeadlineValidator : AbstractValidator<MoveDeadlineInput>
{
    public MoveDeadlineValidator(TimeProvider time) =>
        RuleFor(x => x.Deadline).Custom((deadline, context) =>
        {
            var today = SwedishTime.Today(time);
            if (SwedishTime.ParseDeadline(deadline) is not { } parsed)
            {
                context.AddFailure("deadline", DateInput.Error(ConsultationRules.DeadlineLabel, DateInput.Read(deadline), today));
            }
            else if (parsed <= time.GetUtcNow())
            {
                context.AddFailure("deadline", ConsultationRules.PassedDeadline(parsed, today));
            }
            else if (context.Existing<Consultation>() is { } current && parsed <= current.Deadline)
            {
                context.AddFailure("deadline",
                    $"{ConsultationRules.DeadlineLabel}: kan bara flyttas till senare än nuvarande ({SwedishTime.Format(current.Deadline)}), till exempel {DateInput.Iso(DateOnly.FromDateTime(SwedishTime.Local(current.Deadline).DateTime).AddDays(7))}. Stäng remissen i förtid i stället om den ska avslutas.");
            }
        });
}

/// <summary>Cancelling a consultation: the reason, which is sent to the consultees.</summary>
public sealed class CancelValidator : AbstractValidator<CancelInput>
{
    public CancelValidator() =>
        RuleFor(x => x.Reason).Text(ConsultationRules.MaxReason, "ett skäl till att remissen återkallas (det skickas till remissinstanserna)", required: true)
            .OverridePropertyName("reason");
}

/// <summary>An answer (the consultee's form, or one an administrator registers): a known position, comments unless nothing to object, who answers.</summary>
public sealed class AnswerInputValidator : AbstractValidator<AnswerInput>
{
    public AnswerInputValidator()
    {
        RuleFor(x => x.Position).Must(p => p is not null && ConsultationRules.Positions.ContainsKey(p))
            .WithMessage("Välj ett ställningstagande: tillstyrker, tillstyrker med synpunkter, avstyrker eller inget att invända.").OverridePropertyName("position");
        RuleFor(x => x.NormalizedComments).Cascade(CascadeMode.Stop)
            .Must((input, comments) => comments is not null || !ConsultationRules.Positions.TryGetValue(input.Position ?? "", out var p) || p == Position.NoObjection)
            .WithMessage("Skriv era synpunkter. Synpunkter krävs utom när ni inte har något att invända.")
            .Must(comments => comments is not { Length: > ConsultationRules.MaxComments })
            .WithMessage((_, comments) => $"Synpunkterna får vara högst {ConsultationRules.MaxComments} tecken (nu {comments!.Length}). Korta texten eller bifoga en fil.")
            .OverridePropertyName("comments");
        RuleFor(x => x.RespondentName).Text(ConsultationRules.MaxName, "namnet på den som svarar", required: true).OverridePropertyName("respondentName");
        RuleFor(x => x.RespondentRole).Text(ConsultationRules.MaxName, "rollen för den som svarar", required: false).OverridePropertyName("respondentRole");
    }
}

/// <summary>
/// An answer received by post or email, registered by an administrator (the consultation travels in the context): the
/// answer's own rules, a consultee of this consultation, and a date that is not in the future.
/// </summary>
public sealed class RegisterResponseValidator : AbstractValidator<RegisterResponseInput>
{
    public RegisterResponseValidator(ConsultationStore store, IValidator<AnswerInput> answer, TimeProvider time)
    {
        RuleFor(x => x).Custom((input, context) =>
        {
            foreach (var failure in answer.Validate(Answer(input)).Errors)
            {
                context.AddFailure(failure.PropertyName, failure.ErrorMessage);
            }
        });
        RuleFor(x => x.ConsulteeId).MustAsync(async (input, id, context, ct) =>
                !string.IsNullOrWhiteSpace(id) && context.Existing<Consultation>() is { } consultation
                && await store.GetConsulteeAsync(consultation.Id, id.Trim(), ct) is not null)
            .WithMessage(ConsultationSteering.UnknownConsultee).OverridePropertyName("consulteeId");
        RuleFor(x => x.ReceivedAt).Must(at => !(at > time.GetUtcNow()))
            .WithMessage("Datumet då svaret kom in kan inte ligga i framtiden.").OverridePropertyName("receivedAt");
    }

    /// <summary>The answer part of the input, as the consultee's form gives it.</summary>
    public static AnswerInput Answer(RegisterResponseInput input) => new(input.Position, input.Comments, input.RespondentName, input.RespondentRole);
}

/// <summary>
/// Forwarding to a colleague (the consultation travels in the context): a name, an address, and one that has not had
/// the consultation already. Field names are the answer page's.
/// </summary>
public sealed class ForwardInputValidator : AbstractValidator<ForwardInput>
{
    public ForwardInputValidator(ConsultationStore store)
    {
        RuleFor(x => x.Name).Must(n => n?.Trim() is { Length: > 0 and <= ConsultationRules.MaxName })
            .WithMessage($"Ange kollegans namn (högst {ConsultationRules.MaxName} tecken).").OverridePropertyName("forwardName");
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .Must(e => EmailAddress.IsValid(e?.Trim())).WithMessage("Ange kollegans e-postadress, till exempel namn@example.se.")
            .MustAsync(async (input, email, context, ct) =>
                context.Existing<Consultation>() is not { } consultation
                || !(await store.LoadAsync(consultation.Id, ct))!.Consultees.Any(x => EmailAddress.Normalize(x.Email) == EmailAddress.Normalize(email!.Trim())))
            .WithMessage("Den adressen har redan fått remissen. Ange en annan kollega.")
            .OverridePropertyName("forwardEmail");
    }
}
