using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Validation;
using Bra.Core.Identity;
using FluentValidation;

namespace Bra.Core.People;

/// <summary>
/// Rules shared by the people register's validators. The record being edited (null for a new one) travels in the
/// validation context (<see cref="ValidationContexts.Changing{T}"/>), because some rules depend on it: a deactivated
/// manager or head may stay but not be newly chosen, and a manager chain may not lead back to the person.
/// </summary>
public static class PeopleRules
{
    public const int MaxNameLength = 200;

    /// <summary>Checked here for a complete answer at once; the store's unique index is what holds under concurrency.</summary>
    public const string DuplicateEmail = "E-postadressen används redan av en annan person.";
    public const string UnknownManager = "Chefen finns inte i personregistret.";
    public const string InactiveManager = "Chefen är avaktiverad och kan inte bli chef för någon.";
    public const string ManagerCycle = "Chefskedjan får inte bli en slinga (A är chef för B som är chef för A).";
    public const string UnknownHead = "Enhetens chef finns inte i personregistret.";
    public const string InactiveHead = "Personen är avaktiverad och kan inte bli enhetens chef.";
    public const string ObjectIdNotGuid = "Objekt-id från Entra ID ska vara ett GUID.";
    public const string ObjectIdNotEdited =
        "Ett lagrat objekt-id ändras inte här. Använd åtgärden för att rätta objekt-id (POST /api/people/{id}/object-id, eller formuläret på personens sida) och ange varför.";
    public const int MaxReasonLength = 500;

    /// <summary>Whether making <paramref name="managerId"/> the manager of <paramref name="personId"/> closes a loop in the chain.</summary>
    public static bool CreatesCycle(string personId, string managerId, IReadOnlyDictionary<string, Person> people)
    {
        var seen = new HashSet<string>();
        for (var current = managerId; current is not null && seen.Add(current);)
        {
            if (current == personId)
            {
                return true;
            }

            current = people.TryGetValue(current, out var next) ? next.ManagerId : null;
        }

        return false;
    }

    internal static IRuleBuilderOptions<T, string?> Name<T>(this IRuleBuilder<T, string?> rule, string what) =>
        rule.Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Namn måste anges.")
            .Must(v => v is null || v.Trim().Length <= MaxNameLength).WithMessage($"{what} får vara högst {MaxNameLength} tecken.");

    /// <summary>A person who exists (an id that cannot be a key names nobody).</summary>
    internal static async Task<Person?> FindAsync(IPeopleLookup people, string? id, CancellationToken ct) =>
        TextInput.Optional(id) is { } key && RouteDispatcher.IsKeySafe(key) ? await people.GetPersonAsync(key, ct) : null;

    /// <summary>
    /// A person chosen by id (a manager, a unit's head): one who exists, and who is active unless the record being changed
    /// already had them (<paramref name="current"/>).
    /// </summary>
    internal static IRuleBuilderOptions<T, string?> ChosenPerson<T, TRecord>(this IRuleBuilder<T, string?> rule, IPeopleLookup people,
        Func<TRecord, string?> current, string unknown, string inactive)
        where TRecord : class =>
        rule.MustAsync(async (id, ct) => await FindAsync(people, id, ct) is not null).WithMessage(unknown)
            .MustAsync(async (input, id, context, ct) =>
                (context.Existing<TRecord>() is { } existing && current(existing) == TextInput.Optional(id)) || await FindAsync(people, id, ct) is { Active: true })
            .WithMessage(inactive);
}

/// <summary>The body of a person (API and form): the fields themselves, then the manager against the register.</summary>
public sealed class PersonInputValidator : AbstractValidator<PersonInput>
{
    public PersonInputValidator(IPeopleLookup people)
    {
        RuleFor(x => x.Name).Name("Namnet").OverridePropertyName("name");
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop)
            .Must(EmailAddress.IsValid).WithMessage(EmailAddress.InvalidMessage)
            .MustAsync(async (input, email, context, ct) =>
                await people.FindByEmailAsync(email!, ct) is not { } holder || holder.Id == context.Existing<Person>()?.Id)
            .WithMessage(PeopleRules.DuplicateEmail)
            .OverridePropertyName("email");
        RuleFor(x => x.Title).Must(v => v is not { Length: > PeopleRules.MaxNameLength })
            .WithMessage($"Titeln får vara högst {PeopleRules.MaxNameLength} tecken.").OverridePropertyName("title");
        RuleFor(x => x.EntraObjectId).Cascade(CascadeMode.Stop)
            .Must(v => TextInput.Optional(v) is null || Guid.TryParse(v, out _)).WithMessage(PeopleRules.ObjectIdNotGuid)
            .Must((input, v, context) => context.Existing<Person>()?.EntraObjectId is not { } stored || TextInput.Optional(v) is null
                || string.Equals(TextInput.Optional(v), stored, StringComparison.OrdinalIgnoreCase))
            .WithMessage(PeopleRules.ObjectIdNotEdited)
            .OverridePropertyName("entraObjectId");
        RuleFor(x => x.Roles).Custom((roles, context) =>
        {
            var unknown = (roles ?? []).Where(r => !StaffRoles.Register.Contains(r)).ToList();
            if (unknown.Count > 0)
            {
                context.AddFailure("roles", $"Okänd roll: {string.Join(", ", unknown)}. Tillåtna roller: {string.Join(", ", StaffRoles.Register.Select(r => $"{r} ({StaffRoles.SwedishName(r)})"))}.");
            }
        });

        RuleFor(x => x.ManagerId).Cascade(CascadeMode.Stop)
            .ChosenPerson<PersonInput, Person>(people, p => p.ManagerId, PeopleRules.UnknownManager, PeopleRules.InactiveManager)
            .MustAsync(async (input, id, context, ct) =>
                context.Existing<Person>() is not { } existing
                || !PeopleRules.CreatesCycle(existing.Id, TextInput.Optional(id)!, (await people.ListPeopleAsync(ct)).ToDictionary(p => p.Id)))
            .WithMessage(PeopleRules.ManagerCycle)
            .When(x => TextInput.Optional(x.ManagerId) is not null)
            .OverridePropertyName("managerId");
    }
}

/// <summary>The body of a unit (API and form): name and kind, then the head against the register.</summary>
public sealed class UnitInputValidator : AbstractValidator<UnitInput>
{
    public UnitInputValidator(IPeopleLookup people)
    {
        RuleFor(x => x.Name).Name("Namnet").OverridePropertyName("name");
        RuleFor(x => x.Kind).Must(k => k is { } kind && Enum.IsDefined(kind))
            .WithMessage($"Ange typ av enhet: {string.Join(", ", Enum.GetValues<UnitKind>().Select(k => $"{UnitKinds.Code(k)} ({UnitKinds.SwedishName(k)})"))}.")
            .OverridePropertyName("kind");
        RuleFor(x => x.HeadPersonId).Cascade(CascadeMode.Stop)
            .ChosenPerson<UnitInput, Unit>(people, u => u.HeadPersonId, PeopleRules.UnknownHead, PeopleRules.InactiveHead)
            .When(x => TextInput.Optional(x.HeadPersonId) is not null)
            .OverridePropertyName("headPersonId");
    }
}

/// <summary>A correction of a person's Entra object id: a GUID other than the stored one, and a reason.</summary>
public sealed class ObjectIdCorrectionValidator : AbstractValidator<ObjectIdCorrection>
{
    public ObjectIdCorrectionValidator()
    {
        RuleFor(x => x.EntraObjectId).Cascade(CascadeMode.Stop)
            .Must(v => Guid.TryParse(v, out _)).WithMessage(PeopleRules.ObjectIdNotGuid)
            .Must((input, v, context) => !string.Equals(v!.Trim(), context.Existing<Person>()?.EntraObjectId, StringComparison.OrdinalIgnoreCase))
            .WithMessage("Personen har redan det objekt-id:t.")
            .OverridePropertyName("entraObjectId");
        RuleFor(x => x.Reason).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Ange varför objekt-id:t rättas.")
            .Must(v => v is null || v.Trim().Length <= PeopleRules.MaxReasonLength).WithMessage($"Skälet får vara högst {PeopleRules.MaxReasonLength} tecken.")
            .OverridePropertyName("reason");
    }
}
