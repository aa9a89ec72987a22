using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Footage;

public sealed class FootageFunctions(AppRoutes routes)
{
    [Function(nameof(CreateFootageGrant))]
    public Task<IResult> CreateFootageGrant([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites/{id}/grants")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateFootageGrant), req, client);

    [Function(nameof(ListFootageGrants))]
    public Task<IResult> ListFootageGrants([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-sites/{id}/grants")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListFootageGrants), req, client);

    [Function(nameof(RevokeFootageGrant))]
    public Task<IResult> RevokeFootageGrant([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/camera-sites/{id}/grants/{grantId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RevokeFootageGrant), req, client);

    [Function(nameof(AppendFootageAccess))]
    public Task<IResult> AppendFootageAccess([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites/{id}/access-log")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AppendFootageAccess), req, client);

    [Function(nameof(RecordFootageDisclosure))]
    public Task<IResult> RecordFootageDisclosure([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites/{id}/disclosures")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RecordFootageDisclosure), req, client);

    [Function(nameof(ListFootageAccessLog))]
    public Task<IResult> ListFootageAccessLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-sites/{id}/access-log")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListFootageAccessLog), req, client);

    [Function(nameof(VerifyFootageAccessLog))]
    public Task<IResult> VerifyFootageAccessLog([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-sites/{id}/access-log/verify")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(VerifyFootageAccessLog), req, client);

    [Function(nameof(AnchorFootageAccessLog))]
    public Task<IResult> AnchorFootageAccessLog([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites/{id}/access-log/anchor")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AnchorFootageAccessLog), req, client);

    [Function(nameof(FootagePage))]
    public Task<IResult> FootagePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/footage")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(FootagePage), req, client);

    [Function(nameof(FootageSitePage))]
    public Task<IResult> FootageSitePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/footage/{siteId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(FootageSitePage), req, client);

    [Function(nameof(LogFootageAccessForm))]
    public Task<IResult> LogFootageAccessForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/footage/{siteId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(LogFootageAccessForm), req, client);

    [Function(nameof(FootageAuditPage))]
    public Task<IResult> FootageAuditPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/audit")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(FootageAuditPage), req, client);

    [Function(nameof(SiteGrantsPage))]
    public Task<IResult> SiteGrantsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/cameras/{id}/grants")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SiteGrantsPage), req, client);

    [Function(nameof(GrantFootageForm))]
    public Task<IResult> GrantFootageForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}/grants")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GrantFootageForm), req, client);

    [Function(nameof(RevokeFootageGrantForm))]
    public Task<IResult> RevokeFootageGrantForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}/grants/{grantId}/revoke")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RevokeFootageGrantForm), req, client);

    [Function(nameof(RecordDisclosureForm))]
    public Task<IResult> RecordDisclosureForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/footage/{siteId}/disclosure")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RecordDisclosureForm), req, client);
}
