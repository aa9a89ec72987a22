using Microsoft.AspNetCore.Http;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Http;

/// <summary>Every route of the application, by name. Both hosts dispatch through here.</summary>
public sealed class AppRoutes
{
    private readonly Dictionary<string, AppRoute> byName;
    private readonly RouteDispatcher dispatcher;

    public AppRoutes(IEnumerable<IRouteSource> sources, RouteDispatcher dispatcher)
    {
        this.dispatcher = dispatcher;
        All = sources.SelectMany(s => s.Routes).ToList();
        byName = All.ToDictionary(e => e.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<AppRoute> All { get; }

    public AppRoute this[string name] => byName[name];

    public Task<IResult> DispatchAsync(string name, HttpRequest request, DurableTaskClient durable) =>
        dispatcher.DispatchAsync(byName[name], request, durable);
}
