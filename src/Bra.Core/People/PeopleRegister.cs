using System.Security.Cryptography;
using System.Text;
using Bra.Core.Email;
using Bra.Core.Identity;
using Bra.Core.Validation;
using FluentValidation;

namespace Bra.Core.People;

/// <summary>
/// Changes to the people register, for the API and the staff pages alike: every input is checked by its validator
/// (with the record it changes, for the rules that depend on it) before the store writes it.
/// </summary>
public sealed class PeopleRegister(PeopleStore store, IValidator<PersonInput> personValidator, IValidator<UnitInput> unitValidator,
    IValidator<ObjectIdCorrection> correctionValidator, TimeProvider time)
{
    public const string EmailHeldByAnother =
        "Det finns redan en person med din e-postadress i personregistret, men kontot du loggade in med är inte kopplat till den. Kontakta en administratör.";

    public const string NoEmail = "Du finns inte i personregistret, och inloggningen saknar e-postadress, så du kan inte läggas till automatiskt. Kontakta en administratör.";

    /// <summary>
    /// The person a sign-in belongs to, added to the register if they are not in it yet. The sign-in carries at least one
    /// app role (the caller has checked). Matching is by object id; by email only for a record that has no object id yet
    /// and only when the account is a member of the configured tenant (a guest's email is not proof of who they are),
    /// and then the object id is stored on the record. Otherwise the person is added from the claims, recorded as added
    /// at first sign-in, with the register roles the token's app roles give. Concurrent first sign-ins of one person
    /// race for one row (<see cref="PeopleStore.AddAtFirstSignInAsync"/>) and all end with the same person.
    /// </summary>
    public async Task<Result<Person>> AdmitAsync(SignInClaims claims, CancellationToken ct = default)
    {
        var objectId = claims.ObjectId.ToLowerInvariant();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (await store.FindByObjectIdAsync(objectId, ct) is { } known)
            {
                return Result<Person>.Ok(known);
            }

            var id = FirstSignInId(objectId);
            if (await store.GetPersonAsync(id, ct) is { } added && added.EntraObjectId == objectId)
            {
                return Result<Person>.Ok(added); // added by a concurrent first sign-in whose index rows are on their way
            }

            var email = EmailAddress.IsValid(claims.Email) ? claims.Email!.Trim() : null;
            if (email is null)
            {
                return Result<Person>.Forbidden(NoEmail);
            }

            if (await store.FindByEmailAsync(email, ct) is { } holder)
            {
                if (holder.EntraObjectId == objectId)
                {
                    return Result<Person>.Ok(holder); // the same person, added or matched by a concurrent sign-in
                }

                if (holder.EntraObjectId is not null || !claims.TenantMember)
                {
                    return Result<Person>.Forbidden(EmailHeldByAnother);
                }

                if (await store.GetPersonVersionAsync(holder.Id, ct) is { } row && await store.AttachObjectIdAsync(row, objectId, ct) is { Succeeded: true } attached)
                {
                    return attached;
                }

                continue; // changed meanwhile (perhaps by a concurrent sign-in of the same person): look again
            }

            var name = TextInput.Optional(claims.Name) is { Length: <= PeopleRules.MaxNameLength } given ? given : email;
            var roles = StaffRoles.Register.Where(claims.Roles.Contains).ToList();
            var created = await store.AddAtFirstSignInAsync(id, new PersonInput(name, email, null, null, objectId, roles), ct);
            if (created.Succeeded)
            {
                return created;
            }

            if (created.Status == ResultStatus.Invalid && created.Errors!.ContainsKey("email") && await store.FindByEmailAsync(email, ct) is { } other
                && other.EntraObjectId != objectId && other.Id != id)
            {
                return Result<Person>.Forbidden(EmailHeldByAnother);
            }
        }

        return Result<Person>.Conflict(PeopleStore.ConflictMessage);
    }

    /// <summary>
    /// Replaces a person's Entra object id: an explicit correction by an administrator (<paramref name="by"/>) with a
    /// reason, recorded on the person. The ordinary edit never changes a stored object id.
    /// </summary>
    public async Task<Result<Person>> CorrectObjectIdAsync(string id, ObjectIdCorrection input, StaffUser by, CancellationToken ct = default)
    {
        if (await store.GetPersonVersionAsync(id, ct) is not { } existing)
        {
            return Result<Person>.NotFound(PeopleStore.NotFoundMessage);
        }

        return await ValidatedAsync(correctionValidator, input, existing.Value, () => store.ChangeObjectIdAsync(existing, input.EntraObjectId!.Trim(),
            new ObjectIdChange(existing.Value.EntraObjectId, by.Person.Id, by.Person.Name, time.GetUtcNow(), input.Reason!.Trim()), ct), ct);
    }

    /// <summary>The id of a person added at first sign-in: derived from the object id (so concurrent sign-ins race for one row), not the object id itself.</summary>
    internal static string FirstSignInId(string objectId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("first-sign-in:" + objectId.ToLowerInvariant())))[..32];

    public Task<Result<Person>> CreatePersonAsync(PersonInput input, CancellationToken ct = default) =>
        ValidatedAsync(personValidator, input, null, () => store.CreatePersonAsync(input, ct), ct);

    public async Task<Result<Person>> UpdatePersonAsync(string id, PersonInput input, CancellationToken ct = default) =>
        await store.GetPersonVersionAsync(id, ct) is { } existing
            ? await ValidatedAsync(personValidator, input, existing.Value, () => store.UpdatePersonAsync(existing, input, ct), ct)
            : Result<Person>.NotFound(PeopleStore.NotFoundMessage);

    public Task<Result<Person>> DeactivatePersonAsync(string id, CancellationToken ct = default) =>
        store.DeactivatePersonAsync(id, ct);

    public Task<Result<Unit>> CreateUnitAsync(UnitInput input, CancellationToken ct = default) =>
        ValidatedAsync(unitValidator, input, null, () => store.CreateUnitAsync(input, ct), ct);

    public async Task<Result<Unit>> UpdateUnitAsync(string id, UnitInput input, CancellationToken ct = default) =>
        await store.GetUnitVersionAsync(id, ct) is { } existing
            ? await ValidatedAsync(unitValidator, input, existing.Value, () => store.UpdateUnitAsync(existing, input, ct), ct)
            : Result<Unit>.NotFound(PeopleStore.NotFoundMessage);

    /// <summary>The write, when the input passes its validator (given the record it changes, or null for a new one); otherwise the field errors.</summary>
    private static async Task<Result<T>> ValidatedAsync<TInput, T>(IValidator<TInput> validator, TInput input, object? existing,
        Func<Task<Result<T>>> write, CancellationToken ct)
    {
        var errors = (await validator.ValidateAsync(ValidationContexts.Changing(input, existing), ct)).ByField();
        return errors.Count > 0 ? Result<T>.Invalid(errors) : await write();
    }
}
