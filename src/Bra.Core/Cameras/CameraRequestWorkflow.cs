using Bra.Core.Email;
using Bra.Core.People;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Cameras;

/// <summary>The orchestration's input. Timings travel in the input so the orchestrator stays deterministic.</summary>
public sealed record CameraRequestWorkflowInput(string RequestId, TimeSpan FirstReminderAfter, TimeSpan ReminderInterval, int RemindersSent = 0);

public sealed record CameraRequestNotice(string RequestId, string Purpose);

/// <summary>
/// One approval workflow per submitted request (instance id = request id): mail the decision-makers, then wait for a
/// decision or a withdrawal, reminding decision-makers and requester after the configured time and then at every
/// interval (each reminder continues as new, so the history stays short). A decision or withdrawal raised while a
/// reminder is being sent is acted on as soon as the reminder is out. The decision itself is stored before the event is
/// raised; the activities read it from storage, so a lost event is caught by the next reminder.
/// </summary>
public sealed class CameraRequestOrchestrator : TaskOrchestrator<CameraRequestWorkflowInput, RequestState>
{
    public const string DecisionEvent = "Decision";
    public const string WithdrawEvent = "Withdraw";

    private static readonly TaskOptions Retry =
        TaskOptions.FromRetryPolicy(new RetryPolicy(6, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(5)));

    public override async Task<RequestState> RunAsync(TaskOrchestrationContext context, CameraRequestWorkflowInput input)
    {
        var logger = context.CreateReplaySafeLogger<CameraRequestOrchestrator>();
        if (input.RemindersSent == 0)
        {
            var state = await context.CallActivityAsync<RequestState>(nameof(NotifyCameraDecisionMakers), new CameraRequestNotice(input.RequestId, "invite"), MailActivityRetry.Options);
            if (state != RequestState.Submitted)
            {
                return await FinishAsync(context, input.RequestId, state);
            }
        }

        // Only the timer is ever cancelled: the SDK hands the next event of a name to a cancelled wait, so an event raised
        // while the reminder is being sent would be lost. The event waits stay pending across the reminder instead.
        using var timerCancel = new CancellationTokenSource();
        var decision = context.WaitForExternalEvent<string>(DecisionEvent);
        var withdraw = context.WaitForExternalEvent<string>(WithdrawEvent);
        var wait = input.RemindersSent == 0 ? input.FirstReminderAfter : input.ReminderInterval;
        var timer = context.CreateTimer(context.CurrentUtcDateTime.Add(wait), timerCancel.Token);
        var winner = await Task.WhenAny(decision, withdraw, timer);
        if (winner == timer)
        {
            var number = input.RemindersSent + 1;
            var current = await context.CallActivityAsync<RequestState>(nameof(NotifyCameraDecisionMakers), new CameraRequestNotice(input.RequestId, $"reminder-{number}"), MailActivityRetry.Options);
            if (current != RequestState.Submitted)
            {
                return await FinishAsync(context, input.RequestId, current);
            }

            // An event raised while the reminder was being sent has completed its wait by now: act on it at once.
            if (!withdraw.IsCompleted && !decision.IsCompleted)
            {
                context.ContinueAsNew(input with { RemindersSent = number }, preserveUnprocessedEvents: true);
                return RequestState.Submitted;
            }

            winner = withdraw.IsCompleted ? withdraw : decision;
        }
        else
        {
            timerCancel.Cancel();
        }

        if (winner == withdraw)
        {
            logger.LogInformation("Camera request {RequestId} withdrawn", input.RequestId);
            return RequestState.Withdrawn;
        }

        return await FinishAsync(context, input.RequestId, RequestState.Approved);
    }

    private static async Task<RequestState> FinishAsync(TaskOrchestrationContext context, string requestId, RequestState seen)
    {
        if (seen is RequestState.Withdrawn or RequestState.Draft)
        {
            return seen;
        }

        var state = await context.CallActivityAsync<RequestState>(nameof(ApplyCameraDecision), requestId, Retry);
        if (state is RequestState.Approved or RequestState.Rejected)
        {
            await context.CallActivityAsync<bool>(nameof(NotifyCameraRequester), requestId, MailActivityRetry.Options);
        }

        return state;
    }
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
