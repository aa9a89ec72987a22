using Bra.Core.Validation;
using System.Globalization;
using System.Linq.Expressions;
using Bra.Core.Cameras;
using Bra.Core.People;
using Bra.Core.Time;
using FluentValidation;

namespace Bra.Core.Footage;

/// <summary>
/// Rules shared by the footage inputs' validators, one validator per input type; messages in Swedish, field names as in
/// the JSON. An access or a disclosure is validated against its site, which travels in the validation context
/// (<see cref="ValidationContexts.Changing{T}"/>): the cameras named must be the site's.
/// </summary>
public static class FootageRules
{
    public const int MaxText = 2000;

    /// <summary>The site given to <see cref="ValidationContexts.Changing{T}"/>; an access or disclosure is never validated without it.</summary>
    internal static CameraSite Site(IValidationContext context) =>
        context.Existing<CameraSite>() ?? throw new InvalidOperationException("Validate a footage input with ValidationContexts.Changing(input, site).");

    /// <summary>Every camera named is one of the site's (each unknown one named once).</summary>
    internal static IRuleBuilderOptionsConditions<T, IReadOnlyList<string>?> OnTheSite<T>(this IRuleBuilder<T, IReadOnlyList<string>?> rule) =>
        rule.Custom((ids, context) =>
        {
            var site = Site(context);
            foreach (var id in (ids ?? []).Distinct())
            {
                if (!site.Cameras.Any(c => c.Id == id))
                {
                    context.AddFailure("cameraIds", $"Kameran '{id}' finns inte på platsen {site.Name}.");
                }
            }
        });

    /// <summary>A footage period: both ends given, the start not in the future, the end not before the start.</summary>
    internal static void Period<T>(this AbstractValidator<T> validator, Expression<Func<T, DateTimeOffset?>> from, Expression<Func<T, DateTimeOffset?>> to,
        TimeProvider time)
    {
        var start = from.Compile();
        validator.RuleFor(from).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Ange från vilken tidpunkt materialet gäller (footageFrom).")
            .Must(v => v <= time.GetUtcNow()).WithMessage("Materialet kan inte vara inspelat i framtiden.")
            .OverridePropertyName("footageFrom");
        validator.RuleFor(to).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Ange till vilken tidpunkt materialet gäller (footageTo).")
            .Must((x, end) => start(x) is not { } begin || end >= begin)
            .WithMessage("Slutet på tidsintervallet (footageTo) får inte ligga före början (footageFrom).")
            .OverridePropertyName("footageTo");
    }
}

/// <summary>The body of a grant: the person exists in the register; an end date is not already past.</summary>
public sealed class GrantInputValidator : AbstractValidator<GrantInput>
{
    public const string UnknownPerson = "Personen finns inte i personregistret.";

    public GrantInputValidator(IPeopleLookup people, TimeProvider time)
    {
        RuleFor(x => x.PersonId).Cascade(CascadeMode.Stop)
            .Required("Ange vem som ska få behörighet (personId).")
            .MustAsync(async (_, id, context, ct) => await PeopleRules.FindAsync(people, id, ct) is { } person && context.Keep(person)).WithMessage(UnknownPerson)
            .OverridePropertyName("personId");
        RuleFor(x => x.ValidUntil).Must(until => until is not { } day || day >= SwedishTime.Today(time))
            .WithMessage("Slutdatumet har redan passerat. Ange ett datum från och med i dag, eller inget slutdatum.")
            .OverridePropertyName("validUntil");
    }
}

/// <summary>The body of a revocation: a reason is required.</summary>
public sealed class RevokeInputValidator : AbstractValidator<RevokeInput>
{
    public RevokeInputValidator()
    {
        RuleFor(x => x.Reason).Required("Ange varför behörigheten återkallas.").OverridePropertyName("reason");
        RuleFor(x => x.Reason).MaxLength(FootageRules.MaxText).OverridePropertyName("reason");
    }
}

/// <summary>A logged access: cameras of the site, a footage period that makes sense, an action, a purpose in a sentence.</summary>
public sealed class AccessInputValidator : AbstractValidator<AccessInput>
{
    public const int MinPurposeWords = 3;
    public const int MinPurposeLength = 15;

    public AccessInputValidator(TimeProvider time)
    {
        RuleFor(x => x.CameraIds).Cascade(CascadeMode.Stop)
            .Must(ids => ids is { Count: > 0 }).WithMessage("Ange minst en kamera (cameraIds).").OverridePropertyName("cameraIds")
            .OnTheSite();
        this.Period(x => x.FootageFrom, x => x.FootageTo, time);
        RuleFor(x => x.Action).Must(a => a is { } action && Enum.IsDefined(action))
            .WithMessage("Ange vad du gör med materialet: view (titta) eller export (exportera).").OverridePropertyName("action");
        RuleFor(x => x.Purpose).Cascade(CascadeMode.Stop)
            .Required("Ange syftet med åtkomsten.")
            .Must(p => p!.Trim().Length >= MinPurposeLength && p.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length >= MinPurposeWords)
            .WithMessage("Beskriv syftet med en mening, inte ett enstaka ord (till exempel: Granska skadegörelse vid huvudentrén natten till den 3 mars).")
            .OverridePropertyName("purpose");
        RuleFor(x => x.Purpose).MaxLength(FootageRules.MaxText).OverridePropertyName("purpose");
        RuleFor(x => x.IncidentRef).MaxLength(100).OverridePropertyName("incidentRef");
    }
}

/// <summary>A police disclosure: case number, authority, officer, footage period, legal ground, when and how handed over.</summary>
public sealed class DisclosureInputValidator : AbstractValidator<DisclosureInput>
{
    public DisclosureInputValidator(TimeProvider time)
    {
        Text(x => x.PoliceCaseNumber, "policeCaseNumber", "Ange polisens ärendenummer.", 100);
        Text(x => x.RequestingAuthority, "requestingAuthority", "Ange vilken myndighet som begärde materialet.", 200);
        Text(x => x.RequestingOfficer, "requestingOfficer", "Ange vilken tjänsteperson som begärde materialet.", 200);
        RuleFor(x => x.CameraIds).OnTheSite();
        this.Period(x => x.FootageFrom, x => x.FootageTo, time);
        Text(x => x.LegalGround, "legalGround", "Ange den rättsliga grunden för utlämnandet.", FootageRules.MaxText);
        RuleFor(x => x.HandedOverAt).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Ange när materialet lämnades över (handedOverAt).")
            .Must(at => at <= time.GetUtcNow().AddMinutes(5))
            .WithMessage("Överlämningen kan inte ligga i framtiden. Registrera utlämnandet när det har skett.")
            .OverridePropertyName("handedOverAt");
        Text(x => x.HandoverMethod, "handoverMethod", "Ange hur materialet lämnades över (till exempel krypterat USB-minne).", 500);
    }

    private void Text(Expression<Func<DisclosureInput, string?>> field, string name, string required, int max)
    {
        RuleFor(field).Required(required).OverridePropertyName(name);
        RuleFor(field).MaxLength(max).OverridePropertyName(name);
    }
}

/// <summary>A log query: no format, json or csv; <c>from</c> a whole number from 1; <c>limit</c> a whole number up to the page size limit.</summary>
public sealed class AccessLogQueryValidator : AbstractValidator<AccessLogQuery>
{
    public AccessLogQueryValidator()
    {
        RuleFor(x => x.Format).Must(f => f is null or "" or "json" || string.Equals(f, "csv", StringComparison.OrdinalIgnoreCase))
            .WithMessage("Ange format=csv eller format=json (eller inget format).").OverridePropertyName("format");
        RuleFor(x => x.From).Must(f => string.IsNullOrEmpty(f) || (long.TryParse(f, NumberStyles.None, CultureInfo.InvariantCulture, out var from) && from >= 1))
            .WithMessage("Ange from som ett heltal från 1 (numret på den första posten du vill se).").OverridePropertyName("from");
        RuleFor(x => x.Limit).Must(l => string.IsNullOrEmpty(l)
                || (int.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= AccessLogQuery.MaxPageSize))
            .WithMessage($"Ange limit som ett heltal mellan 1 och {AccessLogQuery.MaxPageSize}.").OverridePropertyName("limit");
    }
}

