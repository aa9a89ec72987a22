namespace Bra.Core.People;

/// <summary>The reads the people validators need (implemented by <see cref="PeopleStore"/>; a seam for their unit tests).</summary>
public interface IPeopleLookup
{
    Task<Person?> GetPersonAsync(string id, CancellationToken ct = default);

    Task<IReadOnlyList<Person>> ListPeopleAsync(CancellationToken ct = default);

    Task<Person?> FindByEmailAsync(string email, CancellationToken ct = default);
}
