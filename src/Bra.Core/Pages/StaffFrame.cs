using Bra.Core.Identity;

namespace Bra.Core.Pages;

/// <summary>
/// What the header of a staff page shows: the signed-in person, the anti-forgery token of the "Logga ut" form, the path
/// of the page (the current link in the navigation) and the navigation. <see cref="PageResult{TComponent}"/> cascades it
/// to <see cref="PageShell"/> whenever the dispatcher authenticated the request; the <paramref name="Links"/> are the
/// route table's navigation entries the person's access opens (<see cref="Http.AppRoutes.NavigationFor"/>), in order.
/// </summary>
public sealed record StaffFrame(StaffUser User, string TokenField, string Token, string CurrentPath, IReadOnlyList<StaffFrame.Link> Links)
{
    public const string SignOutPath = "/staff/logout";

    public sealed record Link(string Href, string Text);

    /// <summary>The roles beyond the base role every signed-in person has (<see cref="StaffRoles.Staff"/>), in Swedish.</summary>
    public string RolesText => string.Join(", ", User.Roles.Where(r => r != StaffRoles.Staff).Order(StringComparer.Ordinal).Select(StaffRoles.SwedishName));
}
