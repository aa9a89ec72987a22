using Bra.Core.Validation;
using FluentValidation;

namespace Bra.Core.People;

/// <summary>
/// Changes to the people register, for the API and the staff pages alike: every input is checked by its validator
/// (with the record it changes, for the rules that depend on it) before the store writes it.
/// </summary>
public sealed class PeopleRegister(PeopleStore store, IValidator<PersonInput> personValidator, IValidator<UnitInput> unitValidator)
{
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
