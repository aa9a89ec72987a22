using Microsoft.AspNetCore.Http;
using Bra.Core.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Http;

/// <summary>
/// What a handler gets: the request, its route values (parsed by the dispatcher from the route's template, so both
/// hosts fill them the same way), the signed-in staff member (null on anonymous routes) and the durable client.
/// </summary>
public sealed record RequestContext(HttpRequest Request, RouteValueDictionary RouteValues, StaffUser? User, DurableTaskClient Durable)
{
    public StaffUser Staff => User ?? throw new InvalidOperationException("This route is anonymous; there is no signed-in user.");

    public string Route(string name) =>
        RouteValues.TryGetValue(name, out var value) && value?.ToString() is { Length: > 0 } text
            ? text
            : throw new InvalidOperationException($"Route value '{name}' is missing.");

    public CancellationToken Aborted => Request.HttpContext.RequestAborted;
}
