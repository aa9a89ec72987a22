using Bra.Core.People;

namespace Bra.Core.Identity;

/// <summary>An authenticated staff member: the person in the register and the roles the validated token grants.</summary>
public sealed record StaffUser(Person Person, IReadOnlySet<string> Roles)
{
    public bool IsInRole(string role) => Roles.Contains(role);
}
