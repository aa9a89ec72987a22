using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Health;

public sealed class HealthFunctions(AppRoutes routes)
{
    [Function(nameof(Health))]
    public Task<IResult> Health([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(Health), req, client);
}
