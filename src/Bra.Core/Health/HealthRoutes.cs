using Bra.Core.Http;
using Bra.Core.Storage;

namespace Bra.Core.Health;

/// <summary><c>GET /api/health</c>: 200 when storage answers, 503 when it cannot be reached.</summary>
public sealed class HealthRoutes(StorageAccount storage) : IRouteSource
{
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    public IEnumerable<AppRoute> Routes =>
    [
        new("Health", "GET", "api/health", Access.Anonymous, CheckAsync),
    ];

    private async Task<IResult> CheckAsync(RequestContext context)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.Aborted);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
            {
                break;
            }

            return TypedResults.Ok(new { status = "ok", storage = "ok" });
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            return TypedResults.Json(new { status = "degraded", storage = "unreachable" }, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
