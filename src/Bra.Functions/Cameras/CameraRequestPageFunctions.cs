using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Cameras;

public sealed class CameraRequestPageFunctions(AppRoutes routes)
{
    [Function(nameof(CameraRequestsPage))]
    public Task<IResult> CameraRequestsPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/camera-requests")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CameraRequestsPage), req, client);

    [Function(nameof(CameraRequestPage))]
    public Task<IResult> CameraRequestPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/camera-requests/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CameraRequestPage), req, client);

    [Function(nameof(DecideCameraRequestForm))]
    public Task<IResult> DecideCameraRequestForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/camera-requests/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(DecideCameraRequestForm), req, client);

    [Function(nameof(CameraRequestDocument))]
    public Task<IResult> CameraRequestDocument([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/camera-requests/{id}/assessment")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CameraRequestDocument), req, client);
}
