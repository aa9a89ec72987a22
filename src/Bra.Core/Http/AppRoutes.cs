using Microsoft.AspNetCore.Http;
using Bra.Core.Identity;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Http;

/// <summary>
/// Every route of the application, by name. Both hosts dispatch through here. The table is checked when it is built
/// (<see cref="Check"/>), and <see cref="RouteTableCheck"/> builds it at start-up, so an application with a route that
/// declares no valid access, caches what is not public, or puts a route into the navigation that cannot be there, does
/// not start.
/// </summary>
public sealed class AppRoutes
{
    private readonly Dictionary<string, AppRoute> byName;
    private readonly RouteDispatcher dispatcher;
    private readonly AccessPolicies access;
    private readonly IReadOnlyList<AppRoute> navigation;

    public AppRoutes(IEnumerable<IRouteSource> sources, RouteDispatcher dispatcher, AccessPolicies access)
    {
        this.dispatcher = dispatcher;
        this.access = access;
        All = sources.SelectMany(s => s.Routes).ToList();
        Check(All);
        byName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);
        navigation = All.Where(r => r.Navigation is not null).OrderBy(r => r.Navigation!.Order).ToList();
    }

    public IReadOnlyList<AppRoute> All { get; }

    public AppRoute this[string name] => byName[name];

    public Task<IResult> DispatchAsync(string name, HttpRequest request, DurableTaskClient durable) =>
        dispatcher.DispatchAsync(byName[name], request, durable);

    /// <summary>The staff navigation for <paramref name="user"/>: the pages with a navigation entry their access lets the person open, in order.</summary>
    public IReadOnlyList<AppRoute> NavigationFor(StaffUser user) => navigation.Where(r => access.Allows(r.Access, user)).ToList();

    /// <summary>Throws when a route breaks a rule of the table; the message lists every broken rule.</summary>
    public static void Check(IReadOnlyList<AppRoute> routes)
    {
        var problems = new List<string>();
        foreach (var route in routes)
        {
            if (!Enum.IsDefined(route.Access))
            {
                problems.Add($"Route {route.Name} declares no valid access ({(int)route.Access}).");
            }

            if (route.Response.IsPublic && (route.Access != Access.Public || route.Method != "GET"))
            {
                problems.Add($"Route {route.Name} may be cached publicly, but only a GET with Access.Public may.");
            }

            if (route.Navigation is not null
                && (route.Method != "GET" || !route.IsStaffPage || !AccessPolicies.NeedsSignIn(route.Access)
                    || TemplateParser.Parse(route.Template).Parameters.Count > 0 || string.IsNullOrWhiteSpace(route.Navigation.Label)))
            {
                problems.Add($"Route {route.Name} is in the navigation, but only a signed-in staff GET page without parameters and with a label may be.");
            }
        }

        problems.AddRange(routes.GroupBy(r => r.Name, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"Route name {g.Key} is declared {g.Count()} times."));
        problems.AddRange(routes.Where(r => r.Navigation is not null).GroupBy(r => r.Navigation!.Order).Where(g => g.Count() > 1)
            .Select(g => $"Navigation order {g.Key} is declared by {string.Join(", ", g.Select(r => r.Name))}."));
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The route table is invalid: " + string.Join(" ", problems));
        }
    }
}
