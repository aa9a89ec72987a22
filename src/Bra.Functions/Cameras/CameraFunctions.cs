using Bra.Core.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Bra.Functions.Cameras;

public sealed class CameraFunctions(AppRoutes routes)
{
    [Function(nameof(ListCameraSites))]
    public Task<IResult> ListCameraSites([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-sites")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListCameraSites), req, client);

    [Function(nameof(CreateCameraSite))]
    public Task<IResult> CreateCameraSite([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateCameraSite), req, client);

    [Function(nameof(GetCameraSite))]
    public Task<IResult> GetCameraSite([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-sites/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetCameraSite), req, client);

    [Function(nameof(UpdateCameraSite))]
    public Task<IResult> UpdateCameraSite([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/camera-sites/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdateCameraSite), req, client);

    [Function(nameof(AddCamera))]
    public Task<IResult> AddCamera([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites/{id}/cameras")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(AddCamera), req, client);

    [Function(nameof(UpdateCamera))]
    public Task<IResult> UpdateCamera([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/camera-sites/{id}/cameras/{cameraId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(UpdateCamera), req, client);

    [Function(nameof(DeleteCamera))]
    public Task<IResult> DeleteCamera([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/camera-sites/{id}/cameras/{cameraId}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(DeleteCamera), req, client);

    [Function(nameof(GetCameraSiteHistory))]
    public Task<IResult> GetCameraSiteHistory([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-sites/{id}/history")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetCameraSiteHistory), req, client);

    [Function(nameof(GetCameraRegister))]
    public Task<IResult> GetCameraRegister([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-register")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetCameraRegister), req, client);

    [Function(nameof(CreateCameraRequest))]
    public Task<IResult> CreateCameraRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-sites/{id}/requests")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CreateCameraRequest), req, client);

    [Function(nameof(ListCameraRequests))]
    public Task<IResult> ListCameraRequests([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-requests")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(ListCameraRequests), req, client);

    [Function(nameof(GetCameraRequest))]
    public Task<IResult> GetCameraRequest([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/camera-requests/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(GetCameraRequest), req, client);

    [Function(nameof(SubmitCameraRequest))]
    public Task<IResult> SubmitCameraRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-requests/{id}/submit")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(SubmitCameraRequest), req, client);

    [Function(nameof(DecideCameraRequest))]
    public Task<IResult> DecideCameraRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-requests/{id}/decision")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(DecideCameraRequest), req, client);

    [Function(nameof(WithdrawCameraRequest))]
    public Task<IResult> WithdrawCameraRequest([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/camera-requests/{id}/withdraw")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(WithdrawCameraRequest), req, client);

    [Function(nameof(CamerasPage))]
    public Task<IResult> CamerasPage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/cameras")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CamerasPage), req, client);

    [Function(nameof(CameraRegisterDownload))]
    public Task<IResult> CameraRegisterDownload([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/camera-register")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CameraRegisterDownload), req, client);

    [Function(nameof(CameraSitePage))]
    public Task<IResult> CameraSitePage([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "staff/cameras/{id}")] HttpRequest req, [DurableClient] DurableTaskClient client) =>
        routes.DispatchAsync(nameof(CameraSitePage), req, client);
}
