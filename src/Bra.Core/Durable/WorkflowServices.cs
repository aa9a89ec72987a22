using Bra.Core.Agreements;
using Bra.Core.Cameras;
using Bra.Core.Consultations;

namespace Bra.Core.Durable;

public static class WorkflowServices
{
    /// <summary>Where each workflow's stop is kept, and the history purge.</summary>
    public static IServiceCollection AddWorkflows(this IServiceCollection services)
    {
        services.AddOptions<WorkflowOptions>().BindConfiguration(WorkflowOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConsultationWorkflowStops>();
        services.AddSingleton<IWorkflowStopRecord>(sp => sp.GetRequiredService<ConsultationWorkflowStops>());
        services.AddSingleton<IWorkflowStopRecord, AgreementWorkflowStops>();
        services.AddSingleton<IWorkflowStopRecord, CameraRequestWorkflowStops>();
        services.AddSingleton<WorkflowStops>();
        services.AddSingleton<WorkflowHistoryPurge>();
        return services;
    }
}
