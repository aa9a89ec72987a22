using Bra.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Workflow = Bra.Core.Consultations;

namespace Bra.Functions.Consultations;

/// <summary>Hand-written triggers for the consultation orchestrator and its activities (no source generator here).</summary>
public sealed class ConsultationWorkflowFunctions(IServiceProvider services)
{
    [Function(nameof(ConsultationOrchestrator))]
    public static Task<string> ConsultationOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new Workflow.ConsultationOrchestrator().RunAsync(context, context.GetInput<Workflow.ConsultationWorkflowInput>()!);

    [Function(nameof(LoadConsultationPlan))]
    public Task<Workflow.ConsultationPlan> LoadConsultationPlan([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.LoadConsultationPlan>(services).RunAsync(new FunctionActivityContext(nameof(LoadConsultationPlan), instanceId), input);

    [Function(nameof(SendConsultationInvitations))]
    public Task<int> SendConsultationInvitations([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendConsultationInvitations>(services).RunAsync(new FunctionActivityContext(nameof(SendConsultationInvitations), instanceId), input);

    [Function(nameof(SendConsultationReminders))]
    public Task<int> SendConsultationReminders([ActivityTrigger] Workflow.ReminderRequest input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendConsultationReminders>(services).RunAsync(new FunctionActivityContext(nameof(SendConsultationReminders), instanceId), input);

    [Function(nameof(SendConsultationDeadlineNotice))]
    public Task<int> SendConsultationDeadlineNotice([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendConsultationDeadlineNotice>(services).RunAsync(new FunctionActivityContext(nameof(SendConsultationDeadlineNotice), instanceId), input);

    [Function(nameof(SendConsultationCancellation))]
    public Task<int> SendConsultationCancellation([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendConsultationCancellation>(services).RunAsync(new FunctionActivityContext(nameof(SendConsultationCancellation), instanceId), input);

    [Function(nameof(CloseConsultation))]
    public Task<string?> CloseConsultation([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.CloseConsultation>(services).RunAsync(new FunctionActivityContext(nameof(CloseConsultation), instanceId), input);
}
