using Microsoft.Extensions.Hosting;

namespace Bra.Core.Http;

/// <summary>
/// Builds the route table when the host starts (in both hosts), so that <see cref="AppRoutes.Check"/> stops a host with
/// an invalid table at start-up instead of at its first request.
/// </summary>
public sealed class RouteTableCheck(AppRoutes routes) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        routes.All.Count > 0 ? Task.CompletedTask : throw new InvalidOperationException("The route table is empty.");

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
