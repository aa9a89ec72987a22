using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Pages;

public sealed class SiteFunctions(AppRoutes routes)
{
    [Function(nameof(Favicon))]
    public Task<IResult> Favicon([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "favicon.ico")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(Favicon), req, client);

    [Function(nameof(Robots))]
    public Task<IResult> Robots([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "robots.txt")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(Robots), req, client);

    /// <summary>
    /// Every request no other function serves (no methods listed: all of them). The host sorts function routes literal
    /// segments first, so this catch-all is tried last; routes under admin/ and runtime/ belong to the host (it refuses
    /// triggers there and matches its own first).
    /// </summary>
    [Function(nameof(NotFoundPage))]
    public Task<IResult> NotFoundPage([HttpTrigger(AuthorizationLevel.Anonymous, Route = "{*path}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(NotFoundPage), req, client);
}
