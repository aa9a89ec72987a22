namespace Bra.Core.People;

/// <summary>
/// The reads of the people register that the validators and the authorization services need (implemented by
/// <see cref="PeopleStore"/>; a seam for their unit tests).
/// </summary>
public interface IPeopleLookup
{
    Task<Person?> GetPersonAsync(string id, CancellationToken ct = default);

    Task<Unit?> GetUnitAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken ct = default);

    Task<Person?> FindByEmailAsync(string email, CancellationToken ct = default);
}
