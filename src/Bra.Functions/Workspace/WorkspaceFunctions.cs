using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Workspace;

public sealed class WorkspaceFunctions(AppRoutes routes)
{
    /// <summary>
    /// The site root. An empty Route makes the host use the function's name instead, so the route is an optional
    /// parameter constrained to be empty (Azure/Azure-Functions#2473); the host ranks it before the catch-all.
    /// </summary>
    [Function(nameof(StartPage))]
    public Task<IResult> StartPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "{empty:maxlength(0)?}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(StartPage), req, client);

    [Function(nameof(StaffStartPage))]
    public Task<IResult> StaffStartPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(StaffStartPage), req, client);

    [Function(nameof(SignOut))]
    public Task<IResult> SignOut([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/logout")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SignOut), req, client);
}
