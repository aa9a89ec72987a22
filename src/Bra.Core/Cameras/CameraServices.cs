using Microsoft.Extensions.DependencyInjection.Extensions;
using Bra.Core.Http;

namespace Bra.Core.Cameras;

public static class CameraServices
{
    /// <summary>The camera register. <see cref="IDocumentLookup"/> defaults to blob existence in <c>documents</c>; a host may register its own first.</summary>
    public static IServiceCollection AddCameras(this IServiceCollection services)
    {
        services.AddOptions<CamerasOptions>().BindConfiguration(CamerasOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<IDocumentLookup, BlobDocumentLookup>();
        services.AddSingleton<CameraStore>();
        services.AddSingleton<CameraValidator>();
        services.AddSingleton<CameraDecisionMakers>();
        services.AddSingleton<CameraMail>();
        services.AddSingleton<CameraSites>();
        services.AddSingleton<CameraRequests>();
        services.AddSingleton<CameraDailyScan>();
        services.AddSingleton<DemoCameras>();
        services.AddSingleton<IRouteSource, CameraRoutes>();
        return services;
    }
}
