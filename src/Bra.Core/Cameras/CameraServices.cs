using Bra.Core.Http;

namespace Bra.Core.Cameras;

public static class CameraServices
{
    /// <summary>The camera register. Document ids are checked against the <see cref="Documents.DocumentStore"/> (registered with consultations).</summary>
    public static IServiceCollection AddCameras(this IServiceCollection services)
    {
        services.AddOptions<CamerasOptions>().BindConfiguration(CamerasOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<CameraStore>();
        services.AddSingleton<ICameraSiteReader>(sp => sp.GetRequiredService<CameraStore>());
        services.AddSingleton<ICameraRequestRecords>(sp => sp.GetRequiredService<CameraStore>());
        services.AddSingleton<CameraValidator>();
        services.AddSingleton<CameraDecisionMakers>();
        services.AddSingleton<CameraMail>();
        services.AddSingleton<CameraSites>();
        services.AddSingleton<CameraRequests>();
        services.AddSingleton<CameraOverview>();
        services.AddSingleton<CameraDailyScan>();
        services.AddSingleton<IRouteSource, CameraRoutes>();
        services.AddSingleton<IRouteSource, CameraPageRoutes>();
        services.AddSingleton<IRouteSource, CameraRequestPageRoutes>();
        return services;
    }
}
