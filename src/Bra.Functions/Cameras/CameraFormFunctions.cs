using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Cameras;

/// <summary>The camera register's staff forms (see Bra.Core's CameraPageRoutes).</summary>
public sealed class CameraFormFunctions(AppRoutes routes)
{
    [Function(nameof(CreateCameraSiteForm))]
    public Task<IResult> CreateCameraSiteForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateCameraSiteForm), req, client);

    [Function(nameof(UpdateCameraSiteForm))]
    public Task<IResult> UpdateCameraSiteForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdateCameraSiteForm), req, client);

    [Function(nameof(AddCameraForm))]
    public Task<IResult> AddCameraForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}/cameras")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AddCameraForm), req, client);

    [Function(nameof(UpdateCameraForm))]
    public Task<IResult> UpdateCameraForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}/cameras/{cameraId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdateCameraForm), req, client);

    [Function(nameof(RemoveCameraForm))]
    public Task<IResult> RemoveCameraForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}/cameras/{cameraId}/remove")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(RemoveCameraForm), req, client);

    [Function(nameof(CreateCameraRequestForm))]
    public Task<IResult> CreateCameraRequestForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/cameras/{id}/requests")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateCameraRequestForm), req, client);

    [Function(nameof(SubmitCameraRequestForm))]
    public Task<IResult> SubmitCameraRequestForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/camera-requests/{id}/submit")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SubmitCameraRequestForm), req, client);

    [Function(nameof(WithdrawCameraRequestForm))]
    public Task<IResult> WithdrawCameraRequestForm([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "staff/camera-requests/{id}/withdraw")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(WithdrawCameraRequestForm), req, client);
}
