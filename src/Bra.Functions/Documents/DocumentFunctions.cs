using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Documents;

public sealed class DocumentFunctions(AppRoutes routes)
{
    [Function(nameof(UploadDocument))]
    public Task<IResult> UploadDocument([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/documents")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UploadDocument), req, client);

    [Function(nameof(GetDocument))]
    public Task<IResult> GetDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/documents/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetDocument), req, client);
}
