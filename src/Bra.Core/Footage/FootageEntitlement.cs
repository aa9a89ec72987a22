using Bra.Core.Cameras;
using Bra.Core.Identity;
using Bra.Core.People;

namespace Bra.Core.Footage;

/// <summary>Whether a person may hold a grant, and why not (Swedish, for the problem document and the log).</summary>
public sealed record Entitlement(bool Allowed, string Reason);

/// <summary>
/// Who may see a site's footage according to its access policy, read from the people register at the moment of the
/// question (never cached): for <see cref="AccessPolicy.PrincipalAndManager"/> the current head of the site's responsible
/// unit and that head's manager; for <see cref="AccessPolicy.NamedOperators"/> the operators the register names.
/// </summary>
public sealed class FootageEntitlement(IPeopleLookup people)
{
    public async Task<Entitlement> CheckAsync(CameraSite site, string personId, CancellationToken ct)
    {
        if (await people.GetPersonAsync(personId, ct) is { Active: false })
        {
            return new(false, "Personen är inaktiverad i personregistret och får inte se materialet.");
        }

        if (site.AccessPolicy == AccessPolicy.NamedOperators)
        {
            return site.Operators.Contains(personId)
                ? new(true, "Personen är namngiven operatör för platsen.")
                : new(false, $"Platsen {site.Name} får bara ses av de namngivna operatörerna i kameraregistret, och personen är inte en av dem.");
        }

        var (unit, head) = await HeadAsync(site, ct);
        if (unit is null || head is null)
        {
            return new(false, $"Platsen {site.Name} får bara ses av rektor och rektors chef, men den ansvariga enheten saknar chef i personregistret.");
        }

        if (head.Id == personId)
        {
            return new(true, $"Personen är rektor för {unit.Name}.");
        }

        return head.ManagerId == personId
            ? new(true, $"Personen är chef för rektor på {unit.Name}.")
            : new(false, $"På {site.Name} får bara rektor för {unit.Name} och rektors chef se materialet. Enligt personregistret är personen ingen av dem.");
    }

    /// <summary>The principal (head of the site's unit) or the principal's manager: may record police disclosures.</summary>
    public async Task<bool> IsPrincipalOrManagerAsync(CameraSite site, string personId, CancellationToken ct)
    {
        var (_, head) = await HeadAsync(site, ct);
        return head is not null && (head.Id == personId || head.ManagerId == personId);
    }

    /// <summary>Administrators, and for a principal-and-manager site the unit's current principal, may grant and revoke.</summary>
    public async Task<bool> MayManageGrantsAsync(CameraSite site, StaffUser caller, CancellationToken ct)
    {
        if (caller.IsInRole(StaffRoles.Administrator))
        {
            return true;
        }

        if (site.AccessPolicy != AccessPolicy.PrincipalAndManager)
        {
            return false;
        }

        var (_, head) = await HeadAsync(site, ct);
        return head?.Id == caller.Person.Id;
    }

    /// <summary>The people the policy allows now, and a sentence saying who they are and why nobody else can be chosen.</summary>
    public async Task<(IReadOnlyList<Person> People, string Explanation)> EligibleAsync(CameraSite site, CancellationToken ct)
    {
        if (site.AccessPolicy == AccessPolicy.NamedOperators)
        {
            var operators = new List<Person>();
            foreach (var id in site.Operators)
            {
                if (await people.GetPersonAsync(id, ct) is { } person)
                {
                    operators.Add(person);
                }
            }

            return (operators, "Platsens åtkomstregel är namngivna operatörer: bara de operatörer som kameraregistret anger kan väljas.");
        }

        var (unit, head) = await HeadAsync(site, ct);
        if (unit is null || head is null)
        {
            return ([], "Platsens ansvariga enhet saknar chef i personregistret, så ingen kan få behörighet just nu.");
        }

        var manager = head.ManagerId is { } managerId ? await people.GetPersonAsync(managerId, ct) : null;
        return (manager is null ? [head] : [head, manager],
            $"Platsens åtkomstregel: bara rektor för {unit.Name} och rektors chef enligt personregistret kan väljas. Andra personer kan inte få behörighet.");
    }

    private async Task<(Unit? Unit, Person? Head)> HeadAsync(CameraSite site, CancellationToken ct)
    {
        var unit = await people.GetUnitAsync(site.UnitId, ct);
        var head = unit?.HeadPersonId is { } id ? await people.GetPersonAsync(id, ct) : null;
        return (unit, head);
    }
}
