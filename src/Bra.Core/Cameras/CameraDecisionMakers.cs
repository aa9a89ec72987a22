using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.Extensions.Options;

namespace Bra.Core.Cameras;

/// <summary>
/// Who decides a unit's camera requests: the person ids configured under <c>Cameras:DecisionMakers:&lt;unitId&gt;</c>,
/// or, for a unit without configuration, every administrator (in the demo: the coordinator).
/// </summary>
public sealed class CameraDecisionMakers(PeopleStore people, IOptions<CamerasOptions> options)
{
    public async Task<IReadOnlyList<Person>> ForUnitAsync(string unitId, CancellationToken ct = default)
    {
        var everyone = await people.ListPeopleAsync(ct);
        if (options.Value.DecisionMakers.TryGetValue(unitId, out var ids) && ids.Count > 0)
        {
            return everyone.Where(p => ids.Contains(p.Id)).ToList();
        }

        return Administrators(everyone);
    }

    public async Task<IReadOnlyList<Person>> AdministratorsAsync(CancellationToken ct = default) =>
        Administrators(await people.ListPeopleAsync(ct));

    public async Task<bool> MayDecideAsync(StaffUser user, string unitId, CancellationToken ct = default) =>
        user.IsInRole(StaffRoles.Administrator) || (await ForUnitAsync(unitId, ct)).Any(p => p.Id == user.Person.Id);

    private static List<Person> Administrators(IEnumerable<Person> everyone) =>
        everyone.Where(p => p.Roles.Contains(StaffRoles.Administrator)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
}
