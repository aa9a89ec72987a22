using Bra.Core.Durable;
using Bra.Core.People;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Cameras;

/// <summary>
/// The orchestration's input, and what one generation hands the next: the timings (in the input so the orchestrator
/// stays deterministic), how many reminders went out and when the next is due (none before the invitation went out).
/// </summary>
public sealed record CameraRequestWorkflowInput(
    string RequestId, TimeSpan FirstReminderAfter, TimeSpan ReminderInterval, int RemindersSent = 0, DateTime? NextReminderAt = null);

/// <summary>The request as the orchestrator sees it.</summary>
public sealed record CameraRequestPlan(RequestState State);

public sealed record CameraRequestNotice(string RequestId, string Purpose);

/// <summary>
/// One approval workflow per submitted request (instance id = request id), in the shape of every workflow here: each
/// turn reads the request from storage (the truth: a decision or withdrawal is stored before its event is raised, so the
/// event only wakes the workflow) and takes one step. Withdrawn: it ends. Decided: the decision is applied to the
/// register and the requester told. Submitted: the decision-makers are mailed, then reminded together with the
/// requester after the configured time and at every interval after that; between them the generation waits for the
/// next reminder against a decision or withdrawal, then continues as new (<see cref="WorkflowWait"/>). Should a turn
/// throw, the workflow records its failure in the request (<see cref="RecordWorkflowStop"/>) before it fails.
/// </summary>
public sealed class CameraRequestOrchestrator : TaskOrchestrator<CameraRequestWorkflowInput, RequestState>
{
    public const string DecisionEvent = "Decision";
    public const string WithdrawEvent = "Withdraw";

    public override Task<RequestState> RunAsync(TaskOrchestrationContext context, CameraRequestWorkflowInput input) =>
        RecordWorkflowStop.OnFailureAsync(context, nameof(CameraRequestOrchestrator), input.RequestId, () => RunTurnsAsync(context, input));

    private static async Task<RequestState> RunTurnsAsync(TaskOrchestrationContext context, CameraRequestWorkflowInput input)
    {
        var logger = context.CreateReplaySafeLogger<CameraRequestOrchestrator>();
        var id = input.RequestId;
        var remember = input;
        while (true)
        {
            var plan = await context.CallActivityAsync<CameraRequestPlan>(nameof(LoadCameraRequestPlan), id, WorkflowRetry.Storage);
            if (plan.State is RequestState.Withdrawn or RequestState.Draft)
            {
                logger.LogInformation("Camera request {RequestId} ended as {State}", id, plan.State);
                return plan.State;
            }

            if (plan.State is RequestState.Approved or RequestState.Rejected)
            {
                var applied = await context.CallActivityAsync<RequestState>(nameof(ApplyCameraDecision), id, WorkflowRetry.Storage);
                if (applied is RequestState.Approved or RequestState.Rejected)
                {
                    await context.CallActivityAsync<bool>(nameof(NotifyCameraRequester), id, WorkflowRetry.Mail);
                }

                return applied;
            }

            if (remember.NextReminderAt is null)
            {
                await context.CallActivityAsync<RequestState>(nameof(NotifyCameraDecisionMakers), new CameraRequestNotice(id, "invite"), WorkflowRetry.Mail);
                remember = remember with { NextReminderAt = context.CurrentUtcDateTime + remember.FirstReminderAfter };
                continue;
            }

            if (context.CurrentUtcDateTime >= remember.NextReminderAt)
            {
                var number = remember.RemindersSent + 1;
                await context.CallActivityAsync<RequestState>(nameof(NotifyCameraDecisionMakers), new CameraRequestNotice(id, $"reminder-{number}"), WorkflowRetry.Mail);
                remember = remember with { RemindersSent = number, NextReminderAt = context.CurrentUtcDateTime + remember.ReminderInterval };
                continue;
            }

            await WorkflowWait.ForDueOrSignalAsync<string>(context, remember.NextReminderAt.Value, DecisionEvent, WithdrawEvent);
            context.ContinueAsNew(remember, preserveUnprocessedEvents: true);
            return RequestState.Submitted;
        }
    }
}

/// <summary>Reads the request's state (a request that no longer exists counts as withdrawn).</summary>
public sealed class LoadCameraRequestPlan(CameraStore store) : TaskActivity<string, CameraRequestPlan>
{
    public override async Task<CameraRequestPlan> RunAsync(TaskActivityContext context, string requestId) =>
        new(await store.GetRequestAsync(requestId) is { Request: var request } ? request.State : RequestState.Withdrawn);
}

/// <summary>Mails the decision-makers (and, for reminders, the requester) while the request awaits a decision; returns its state.</summary>
public sealed class NotifyCameraDecisionMakers(CameraStore store, CameraDecisionMakers deciders, PeopleStore people, CameraMail mail)
    : TaskActivity<CameraRequestNotice, RequestState>
{
    public override async Task<RequestState> RunAsync(TaskActivityContext context, CameraRequestNotice input)
    {
        if (await store.GetRequestAsync(input.RequestId) is not { Request: var request })
        {
            return RequestState.Withdrawn;
        }

        if (request.State != RequestState.Submitted || await store.GetSiteAsync(request.SiteId) is not { } site)
        {
            return request.State;
        }

        await mail.RequestToDecideAsync(request, site, await deciders.ForUnitAsync(site.UnitId), input.Purpose, CancellationToken.None);
        if (input.Purpose != "invite" && await people.GetPersonAsync(request.RequesterId) is { } requester)
        {
            await mail.ReminderToRequesterAsync(request, site, requester, input.Purpose, CancellationToken.None);
        }

        return RequestState.Submitted;
    }
}

/// <summary>Applies a recorded decision to the register (idempotent) and returns the request's state.</summary>
public sealed class ApplyCameraDecision(CameraRequests requests) : TaskActivity<string, RequestState>
{
    public override Task<RequestState> RunAsync(TaskActivityContext context, string requestId) =>
        requests.ApplyDecisionAsync(requestId, CancellationToken.None);
}

/// <summary>Tells the requester the outcome (the ledger keeps a retried send from mailing twice).</summary>
public sealed class NotifyCameraRequester(CameraStore store, PeopleStore people, CameraMail mail) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string requestId)
    {
        if (await store.GetRequestAsync(requestId) is not { Request: { Decision: not null } request }
            || await store.GetSiteAsync(request.SiteId) is not { } site
            || await people.GetPersonAsync(request.RequesterId) is not { } requester)
        {
            return false;
        }

        await mail.OutcomeAsync(request, site, requester, CancellationToken.None);
        return true;
    }
}

/// <summary>Keeps a camera request workflow's failure or termination in the request's row.</summary>
public sealed class CameraRequestWorkflowStops(CameraStore store) : IWorkflowStopRecord
{
    public string Orchestrator => nameof(CameraRequestOrchestrator);

    public async Task RecordAsync(WorkflowStop stopped, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            if (await store.GetRequestAsync(stopped.InstanceId, ct) is not { } current || current.Request.WorkflowStoppedAt is not null)
            {
                return;
            }

            if (await store.ReplaceRequestAsync(current.Request with { WorkflowStop = stopped.Kind, WorkflowStoppedAt = stopped.At }, current.ETag, ct))
            {
                return;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"Camera request {stopped.InstanceId} kept changing; its workflow stop is recorded on the next try.");
            }
        }
    }
}
