using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.Extensions.Options;

namespace Bra.Core.Cameras;

/// <summary>
/// Who decides a unit's camera requests: the person ids configured under <c>Cameras:DecisionMakers:&lt;unitId&gt;</c>,
/// or, for a unit without configuration, the administrators.
/// Two questions, two sources: whom to mail (<see cref="ForUnitAsync"/>) is answered from the register, where the
/// Administrator role is a mailing directory; whether a signed-in person may decide (<see cref="MayDecide"/>) is
/// answered from the roles of the token of the request, never from the register, so removing someone's Entra role
/// takes away their decision right at once. Deactivated people are neither mailed nor able to sign in.
/// </summary>
public sealed class CameraDecisionMakers(IPeopleLookup people, IOptions<CamerasOptions> options)
{
    /// <summary>The people to mail about a unit's request: its configured decision-makers, else the administrators.</summary>
    public async Task<IReadOnlyList<Person>> ForUnitAsync(string unitId, CancellationToken ct = default)
    {
        var everyone = (await people.ListPeopleAsync(ct)).Where(p => p.Active).ToList();
        if (Configured(unitId) is { } ids)
        {
            return everyone.Where(p => ids.Contains(p.Id)).ToList();
        }

        return Administrators(everyone);
    }

    public async Task<IReadOnlyList<Person>> AdministratorsAsync(CancellationToken ct = default) =>
        Administrators((await people.ListPeopleAsync(ct)).Where(p => p.Active));

    /// <summary>An administrator by token role decides for every unit; otherwise only a decision-maker configured for the unit.</summary>
    public bool MayDecide(StaffUser user, string unitId) =>
        user.IsInRole(StaffRoles.Administrator) || (Configured(unitId)?.Contains(user.Person.Id) ?? false);

    /// <summary>Whether the person decides for any unit (an administrator, or a configured decision-maker of some unit).</summary>
    public bool MayDecideAny(StaffUser user) =>
        user.IsInRole(StaffRoles.Administrator) || options.Value.DecisionMakers.Values.Any(ids => ids.Contains(user.Person.Id));

    private List<string>? Configured(string unitId) =>
        options.Value.DecisionMakers.TryGetValue(unitId, out var ids) && ids.Count > 0 ? ids : null;

    private static List<Person> Administrators(IEnumerable<Person> everyone) =>
        everyone.Where(p => p.Roles.Contains(StaffRoles.Administrator)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
}
