using Bra.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Workflow = Bra.Core.Agreements;

namespace Bra.Functions.Agreements;

/// <summary>Hand-written triggers for the agreement orchestrator and its activities (no source generator here).</summary>
public sealed class AgreementWorkflowFunctions(IServiceProvider services)
{
    [Function(nameof(AgreementOrchestrator))]
    public static Task<string> AgreementOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new Workflow.AgreementOrchestrator().RunAsync(context, context.GetInput<string>()!);

    [Function(nameof(LoadAgreementPlan))]
    public Task<Workflow.AgreementPlan> LoadAgreementPlan([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.LoadAgreementPlan>(services).RunAsync(new FunctionActivityContext(nameof(LoadAgreementPlan), instanceId), input);

    [Function(nameof(SendAgreementInvitations))]
    public Task<int> SendAgreementInvitations([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendAgreementInvitations>(services).RunAsync(new FunctionActivityContext(nameof(SendAgreementInvitations), instanceId), input);

    [Function(nameof(SendAgreementReminder))]
    public Task<int> SendAgreementReminder([ActivityTrigger] Workflow.AgreementReminder input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendAgreementReminder>(services).RunAsync(new FunctionActivityContext(nameof(SendAgreementReminder), instanceId), input);

    [Function(nameof(NotifyAgreementDeclined))]
    public Task<int> NotifyAgreementDeclined([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyAgreementDeclined>(services).RunAsync(new FunctionActivityContext(nameof(NotifyAgreementDeclined), instanceId), input);

    [Function(nameof(NotifyAgreementCancelled))]
    public Task<int> NotifyAgreementCancelled([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyAgreementCancelled>(services).RunAsync(new FunctionActivityContext(nameof(NotifyAgreementCancelled), instanceId), input);

    [Function(nameof(NotifyAgreementExpired))]
    public Task<int> NotifyAgreementExpired([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyAgreementExpired>(services).RunAsync(new FunctionActivityContext(nameof(NotifyAgreementExpired), instanceId), input);

    [Function(nameof(NotifyAgreementFailed))]
    public Task<int> NotifyAgreementFailed([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyAgreementFailed>(services).RunAsync(new FunctionActivityContext(nameof(NotifyAgreementFailed), instanceId), input);

    [Function(nameof(ExpireAgreement))]
    public Task<Workflow.AgreementState> ExpireAgreement([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.ExpireAgreement>(services).RunAsync(new FunctionActivityContext(nameof(ExpireAgreement), instanceId), input);

    [Function(nameof(CompleteAgreement))]
    public Task<Workflow.AgreementState> CompleteAgreement([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.CompleteAgreement>(services).RunAsync(new FunctionActivityContext(nameof(CompleteAgreement), instanceId), input);

    [Function(nameof(SendAgreementCompletion))]
    public Task<int> SendAgreementCompletion([ActivityTrigger] string input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.SendAgreementCompletion>(services).RunAsync(new FunctionActivityContext(nameof(SendAgreementCompletion), instanceId), input);
}
