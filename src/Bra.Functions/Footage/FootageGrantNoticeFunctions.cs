using Bra.Core.Footage;
using Bra.Functions.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Workflow = Bra.Core.Footage;

namespace Bra.Functions.Footage;

/// <summary>The grant notice's triggers: each hands over to the Bra.Core class of the same name.</summary>
public sealed class FootageGrantNoticeFunctions(IServiceProvider services)
{
    [Function(nameof(FootageGrantNoticeOrchestrator))]
    public static Task<string> FootageGrantNoticeOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) =>
        new Workflow.FootageGrantNoticeOrchestrator().RunAsync(context, context.GetInput<GrantNoticeRequest>()!);

    [Function(nameof(NotifyFootageGrantee))]
    public Task<int> NotifyFootageGrantee([ActivityTrigger] GrantNoticeRequest input, string instanceId) =>
        ActivatorUtilities.GetServiceOrCreateInstance<Workflow.NotifyFootageGrantee>(services)
            .RunAsync(new FunctionActivityContext(nameof(NotifyFootageGrantee), instanceId), input);
}
