using Bra.Core.Identity;

namespace Bra.Core.Pages;

/// <summary>
/// What the header of a staff page shows: the signed-in person, the anti-forgery token of the "Logga ut" form and the
/// path of the page (the current link in the navigation). <see cref="PageResult{TComponent}"/> cascades it to
/// <see cref="PageShell"/> whenever the dispatcher authenticated the request. <paramref name="DecidesCameraRequests"/>:
/// whether the person decides camera requests (an administrator, or a configured decision-maker of some unit).
/// </summary>
public sealed record StaffFrame(StaffUser User, string TokenField, string Token, string CurrentPath, bool DecidesCameraRequests = false)
{
    public const string SignOutPath = "/staff/logout";

    public sealed record Link(string Href, string Text);

    public IReadOnlyList<Link> Links => LinksFor(User, DecidesCameraRequests);

    public string RolesText => string.Join(", ", User.Roles.Order(StringComparer.Ordinal).Select(StaffRoles.SwedishName));

    /// <summary>The pages this person may use, in the order of the navigation: only pages that exist and that their roles open.</summary>
    public static IReadOnlyList<Link> LinksFor(StaffUser user, bool decidesCameraRequests = false)
    {
        var admin = user.IsInRole(StaffRoles.Administrator);
        var dpo = user.IsInRole(StaffRoles.DataProtectionOfficer);
        var links = new List<Link> { new("/staff", "Översikt") };
        if (admin)
        {
            links.Add(new("/staff/consultations", "Remisser"));
            links.Add(new("/staff/agreements", "Överenskommelser"));
        }

        if (admin || dpo)
        {
            links.Add(new("/staff/cameras", "Kameraregistret"));
        }

        if (admin || decidesCameraRequests)
        {
            links.Add(new("/staff/camera-requests", "Kameraärenden"));
        }

        links.Add(new("/staff/footage", "Kamerabilder"));
        if (dpo)
        {
            links.Add(new("/staff/audit", "Granskning"));
        }

        if (admin)
        {
            links.Add(new("/staff/people", "Personer"));
            links.Add(new("/staff/units", "Enheter"));
        }

        return links;
    }
}
