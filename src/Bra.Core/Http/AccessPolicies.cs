using Bra.Core.Cameras;
using Bra.Core.Identity;

namespace Bra.Core.Http;

/// <summary>
/// What each <see cref="Access"/> means for a signed-in person: the one place route-level authorization is decided. The
/// dispatcher asks it before a handler runs, and the staff navigation asks it which pages to list.
/// </summary>
public sealed class AccessPolicies(CameraDecisionMakers decisionMakers)
{
    /// <summary>Whether the access needs a signed-in person (every member but <see cref="Access.Public"/> and <see cref="Access.Link"/>).</summary>
    public static bool NeedsSignIn(Access access) => access is not (Access.Public or Access.Link);

    public bool Allows(Access access, StaffUser user) => access switch
    {
        Access.Public or Access.Link or Access.Staff => true,
        Access.Administrator => user.IsInRole(StaffRoles.Administrator),
        Access.AdministratorOrDataProtectionOfficer =>
            user.IsInRole(StaffRoles.Administrator) || user.IsInRole(StaffRoles.DataProtectionOfficer),
        Access.DataProtectionOfficer => user.IsInRole(StaffRoles.DataProtectionOfficer),
        Access.CameraDecisionMaker => decisionMakers.MayDecideAny(user),
        _ => false,
    };

    /// <summary>The Swedish sentence of the refusal when a signed-in person lacks the access, on a page or in a problem document.</summary>
    public static string Refusal(Access access, bool page) => access switch
    {
        Access.DataProtectionOfficer => page ? "Sidan är till för dataskyddsombudet." : "Funktionen är till för dataskyddsombudet.",
        Access.CameraDecisionMaker => "Du har inte behörighet: bara administratörer och enheternas beslutsfattare kan se och besluta kameraärenden.",
        _ => page ? "Du har inte behörighet till den här sidan." : "Du har inte behörighet till den här funktionen.",
    };
}
