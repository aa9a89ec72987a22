using Bra.Core.Http;
using FluentValidation;

namespace Bra.Core.People;

/// <summary>
/// Changes to the people register, for the API and the staff pages alike: every input is checked by its validator
/// (with the record it changes, for the rules that depend on it) before the store writes it.
/// </summary>
public sealed class PeopleRegister(PeopleStore store, IValidator<PersonInput> personValidator, IValidator<UnitInput> unitValidator)
{
    public async Task<WriteResult<Person>> CreatePersonAsync(PersonInput input, CancellationToken ct = default)
    {
        var errors = (await personValidator.ValidateAsync(ValidationContexts.Changing(input, null), ct)).ByField();
        return errors.Count > 0 ? WriteResult<Person>.Invalid(errors) : await store.CreatePersonAsync(input, ct);
    }

    public async Task<WriteResult<Person>> UpdatePersonAsync(string id, PersonInput input, CancellationToken ct = default)
    {
        if (await store.GetPersonVersionAsync(id, ct) is not { } existing)
        {
            return WriteResult<Person>.NotFound(PeopleStore.NotFoundMessage);
        }

        var errors = (await personValidator.ValidateAsync(ValidationContexts.Changing(input, existing.Value), ct)).ByField();
        return errors.Count > 0 ? WriteResult<Person>.Invalid(errors) : await store.UpdatePersonAsync(existing, input, ct);
    }

    public Task<WriteResult<Person>> DeactivatePersonAsync(string id, CancellationToken ct = default) =>
        store.DeactivatePersonAsync(id, ct);

    public async Task<WriteResult<Unit>> CreateUnitAsync(UnitInput input, CancellationToken ct = default)
    {
        var errors = (await unitValidator.ValidateAsync(ValidationContexts.Changing(input, null), ct)).ByField();
        return errors.Count > 0 ? WriteResult<Unit>.Invalid(errors) : await store.CreateUnitAsync(input, ct);
    }

    public async Task<WriteResult<Unit>> UpdateUnitAsync(string id, UnitInput input, CancellationToken ct = default)
    {
        if (await store.GetUnitVersionAsync(id, ct) is not { } existing)
        {
            return WriteResult<Unit>.NotFound(PeopleStore.NotFoundMessage);
        }

        var errors = (await unitValidator.ValidateAsync(ValidationContexts.Changing(input, existing.Value), ct)).ByField();
        return errors.Count > 0 ? WriteResult<Unit>.Invalid(errors) : await store.UpdateUnitAsync(existing, input, ct);
    }
}
