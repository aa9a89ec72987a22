using Bra.Core.Cameras;
using Bra.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Workflow = Bra.Core.Cameras;

namespace Bra.Functions.Cameras;

/// <summary>The camera request workflow's triggers: each hands over to the Bra.Core class of the same name.</summary>
public sealed class CameraWorkflowFunctions(IServiceProvider services)
{
    [Function(nameof(CameraRequestOrchestrator))]
    public static Task<RequestState> CameraRequestOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new Workflow.CameraRequestOrchestrator().RunAsync(context, context.GetInput<CameraRequestWorkflowInput>()!);

    [Function(nameof(LoadCameraRequestPlan))]
    public Task<CameraRequestPlan> LoadCameraRequestPlan([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.LoadCameraRequestPlan>(services)
            .RunAsync(new FunctionActivityContext(nameof(LoadCameraRequestPlan), instanceId), input);

    [Function(nameof(NotifyCameraDecisionMakers))]
    public Task<RequestState> NotifyCameraDecisionMakers([ActivityTrigger] CameraRequestNotice input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyCameraDecisionMakers>(services)
            .RunAsync(new FunctionActivityContext(nameof(NotifyCameraDecisionMakers), instanceId), input);

    [Function(nameof(ApplyCameraDecision))]
    public Task<RequestState> ApplyCameraDecision([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.ApplyCameraDecision>(services)
            .RunAsync(new FunctionActivityContext(nameof(ApplyCameraDecision), instanceId), input);

    [Function(nameof(NotifyCameraRequester))]
    public Task<bool> NotifyCameraRequester([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyCameraRequester>(services)
            .RunAsync(new FunctionActivityContext(nameof(NotifyCameraRequester), instanceId), input);
}
