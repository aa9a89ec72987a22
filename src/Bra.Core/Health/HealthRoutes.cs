using Microsoft.AspNetCore.Http;
using Bra.Core.Email;
using Bra.Core.Http;
using Bra.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Bra.Core.Health;

/// <summary>
/// <c>GET /api/health</c>: 200 when storage answers and email is configured; 503 when storage cannot be reached or the
/// SendGrid key is still an unresolved Key Vault reference (<c>"email":"misconfigured"</c>; mail waits meanwhile).
/// Either cause is also logged as an <see cref="AlertedLogs"/> message.
/// </summary>
public sealed class HealthRoutes(StorageAccount storage, IOptions<EmailOptions> email, ILogger<HealthRoutes> logger) : IRouteSource
{
    public static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(3);

    public IEnumerable<AppRoute> Routes =>
    [
        new("Health", "GET", "api/health", Access.Public, CheckAsync) { Returns = typeof(HealthReport), ProblemStatuses = [503] },
    ];

    private async Task<IResult> CheckAsync(RequestContext context)
    {
        var mail = email.Value.ApiKeyUnresolved() ? "misconfigured" : "ok";
        if (mail != "ok")
        {
            AlertedLogs.MailMisconfigured(logger, "Email:SendGridApiKey is an unresolved Key Vault reference");
        }

        var reachable = await StorageReachableAsync(context.Aborted);
        var healthy = reachable && mail == "ok";
        return TypedResults.Json(new HealthReport(healthy ? "ok" : "degraded", reachable ? "ok" : "unreachable", mail),
            statusCode: healthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private async Task<bool> StorageReachableAsync(CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(StorageTimeout);
        try
        {
            await foreach (var _ in storage.Tables.QueryAsync(maxPerPage: 1, cancellationToken: timeout.Token))
            {
                break;
            }

            return true;
        }
        catch (Exception ex) when (ex is Azure.RequestFailedException or OperationCanceledException or HttpRequestException or AggregateException)
        {
            AlertedLogs.StorageUnreachable(logger, ex, ex.GetType().Name);
            return false;
        }
    }
}

/// <summary>The answer of <c>GET /api/health</c>: <c>ok</c> or <c>degraded</c> overall, storage <c>ok</c> or <c>unreachable</c>, email <c>ok</c> or <c>misconfigured</c>.</summary>
public sealed record HealthReport(string Status, string Storage, string Email);
