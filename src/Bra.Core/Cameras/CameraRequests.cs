using Bra.Core.Validation;
using Bra.Core.Identity;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// Change requests from draft to decision. State is written to storage first (ETag-guarded); the workflow is started
/// or told afterwards, and a retried call completes what a failed one left half done. Results are <see cref="Result{T}"/>
/// (the API maps them in <see cref="CameraRoutes"/>, the staff pages to their forms).
/// </summary>
public sealed class CameraRequests(ICameraRequestRecords store, CameraValidator validator, CameraDecisionMakers deciders, IOptions<CamerasOptions> options, TimeProvider time)
{
    private const string Conflict = "Ärendet ändrades samtidigt av någon annan. Hämta det igen och försök på nytt.";

    public async Task<Result<CameraRequest>> CreateAsync(string siteId, RequestInput input, StaffUser user, CancellationToken ct)
    {
        if (await store.GetSiteAsync(siteId, ct) is not { } site)
        {
            return Result<CameraRequest>.NotFound("Kameraplatsen finns inte.");
        }

        var errors = await validator.ValidateRequestAsync(input, site, ct);
        if (errors.Count > 0)
        {
            return Result<CameraRequest>.Invalid(errors);
        }

        var request = new CameraRequest(Guid.NewGuid().ToString("N"), siteId, input.Kind!.Value, RequestState.Draft, input.Justification!.Trim(),
            input.RequestedPeriod, TextInput.Optional(input.AffectedArea), input.AddCameras ?? [], input.RemoveCameraIds ?? [], TextInput.Optional(input.AssessmentDocumentId),
            user.Person.Id, user.Person.Name, time.GetUtcNow(), null, null, null, false);
        await store.AddRequestAsync(request, ct);
        return Result<CameraRequest>.Created(request);
    }

    /// <summary>
    /// Submits a draft and starts its workflow. Only the call whose ETag-guarded state change wins schedules the workflow;
    /// a concurrent or repeated submit gets 409. A call that stored the state but failed before scheduling is completed by
    /// a retry once <see cref="TakeOverAfter"/> has passed (so it cannot race the call that is still scheduling); that
    /// retry claims the request with an ETag-guarded write first, so two retries cannot both schedule.
    /// </summary>
    public async Task<Result<CameraRequest>> SubmitAsync(string id, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetRequestAsync(id, ct) is not var (request, etag))
        {
            return Result<CameraRequest>.NotFound("Ärendet finns inte.");
        }

        if (request.State == RequestState.Draft)
        {
            request = request with { State = RequestState.Submitted, SubmittedAt = time.GetUtcNow() };
        }
        else if (request.State != RequestState.Submitted)
        {
            return Result<CameraRequest>.Conflict("Ärendet är redan avgjort eller återkallat och kan inte skickas in.");
        }
        else if (request.WorkflowStoppedAt is not null || await durable.GetInstanceAsync(id, ct) is not null)
        {
            // A workflow that stopped stays on record after the history purge removed its instance: the answer does not change.
            return Result<CameraRequest>.Conflict("Ärendet är redan inskickat.");
        }
        else if (time.GetUtcNow() - request.SubmittedAt < TakeOverAfter)
        {
            return Result<CameraRequest>.Conflict("Ärendet håller på att skickas in. Hämta det igen om en minut; syns det inte som inskickat då, skicka in det på nytt.");
        }

        if (!await store.ReplaceRequestAsync(request, etag, ct))
        {
            return Result<CameraRequest>.Conflict(Conflict);
        }

        var settings = options.Value;
        await durable.ScheduleNewOrchestrationInstanceAsync(nameof(CameraRequestOrchestrator),
            new CameraRequestWorkflowInput(id, settings.FirstReminderAfter, settings.ReminderInterval), new StartOrchestrationOptions(id), ct);
        return Result<CameraRequest>.Ok(request);
    }

    /// <summary>How long after a submit without a workflow a retry may take over and schedule it.</summary>
    public static readonly TimeSpan TakeOverAfter = TimeSpan.FromMinutes(1);

    public async Task<Result<CameraRequest>> DecideAsync(string id, DecisionInput input, StaffUser user, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetRequestAsync(id, ct) is not var (request, etag))
        {
            return Result<CameraRequest>.NotFound("Ärendet finns inte.");
        }

        var site = await store.GetSiteAsync(request.SiteId, ct);
        if (site is null || !deciders.MayDecide(user, site.UnitId))
        {
            return Result<CameraRequest>.Forbidden("Du har inte behörighet att besluta i ärendet. Bara enhetens beslutsfattare eller en administratör kan registrera beslut.");
        }

        if (request.State != RequestState.Submitted)
        {
            return Result<CameraRequest>.Conflict(NotDecidable(request.State));
        }

        var today = SwedishTime.Today(time);
        var errors = CameraValidator.ValidateDecision(input, request, today);
        if (errors.Count > 0)
        {
            return Result<CameraRequest>.Invalid(errors);
        }

        var outcome = input.Outcome!.Value;
        var decision = new CameraDecision(outcome, input.DecidedBy!.Trim(), TextInput.Optional(input.Reference), input.DecidedOn ?? today, input.ValidUntil,
            TextInput.Optional(input.Conditions), TextInput.Optional(input.Reason), user.Person.Id, time.GetUtcNow());
        request = request with { State = outcome == DecisionOutcome.Approved ? RequestState.Approved : RequestState.Rejected, Decision = decision };
        if (!await store.ReplaceRequestAsync(request, etag, ct))
        {
            return Result<CameraRequest>.Conflict(Conflict);
        }

        await durable.RaiseEventAsync(id, CameraRequestOrchestrator.DecisionEvent, outcome.ToString(), ct);
        return Result<CameraRequest>.Ok(request);
    }

    /// <summary>Why a request in this state cannot be decided.</summary>
    private static string NotDecidable(RequestState state) => state switch
    {
        RequestState.Approved => "Ärendet är redan beviljat. Ett nytt beslut kan inte registreras.",
        RequestState.Rejected => "Ärendet är redan avslaget. Ett nytt beslut kan inte registreras.",
        RequestState.Withdrawn => "Ärendet är återkallat och kan inte beslutas.",
        _ => "Ärendet är ett utkast och har inte skickats in för beslut. Skicka in det innan beslut registreras.",
    };

    public async Task<Result<CameraRequest>> WithdrawAsync(string id, DurableTaskClient durable, CancellationToken ct)
    {
        if (await store.GetRequestAsync(id, ct) is not var (request, etag))
        {
            return Result<CameraRequest>.NotFound("Ärendet finns inte.");
        }

        if (request.State is not (RequestState.Draft or RequestState.Submitted))
        {
            return Result<CameraRequest>.Conflict("Ärendet är redan avgjort eller återkallat.");
        }

        var wasSubmitted = request.State == RequestState.Submitted;
        request = request with { State = RequestState.Withdrawn, WithdrawnAt = time.GetUtcNow() };
        if (!await store.ReplaceRequestAsync(request, etag, ct))
        {
            return Result<CameraRequest>.Conflict(Conflict);
        }

        if (wasSubmitted && await durable.GetInstanceAsync(id, ct) is not null)
        {
            await durable.RaiseEventAsync(id, CameraRequestOrchestrator.WithdrawEvent, "withdrawn", ct);
        }

        return Result<CameraRequest>.Ok(request);
    }

    /// <summary>Applies an approved request to its site, or records a rejection, once; marks the request applied.</summary>
    public async Task<RequestState> ApplyDecisionAsync(string id, CancellationToken ct)
    {
        if (await store.GetRequestAsync(id, ct) is not var (request, _))
        {
            return RequestState.Withdrawn;
        }

        if (request.Decision is not { } decision)
        {
            return request.State;
        }

        if (!request.Applied)
        {
            var actor = new Actor(decision.RecordedById, decision.DecidedBy);
            var action = decision.Outcome == DecisionOutcome.Approved ? $"request-approved:{request.Kind}" : "request-rejected";
            var note = decision.Outcome == DecisionOutcome.Approved
                ? $"Beviljat ({CameraMail.KindText(request.Kind)}), referens {decision.Reference}"
                : $"Avslag ({CameraMail.KindText(request.Kind)}): {decision.Reason}";
            var write = await store.ChangeSiteAsync(request.SiteId,
                site => site.AppliedRequestIds.Contains(id) ? null : Apply(site, request, decision), actor, action, note, retries: 10, ct: ct);
            if (write.Conflict)
            {
                throw new InvalidOperationException("The site kept changing; the activity will be retried.");
            }

            for (var attempt = 0; attempt < 10; attempt++)
            {
                if (await store.GetRequestAsync(id, ct) is not var (current, etag) || current.Applied
                    || await store.ReplaceRequestAsync(current with { Applied = true }, etag, ct))
                {
                    break;
                }
            }
        }

        return request.State;
    }

    internal static CameraSite Apply(CameraSite site, CameraRequest request, CameraDecision decision)
    {
        var applied = site with { AppliedRequestIds = [.. site.AppliedRequestIds, request.Id] };
        if (decision.Outcome == DecisionOutcome.Rejected)
        {
            return applied;
        }

        var basis = decision.ValidUntil is { } until
            ? new LegalBasis(LegalBasisType.OwnAssessment, DecidedOn: decision.DecidedOn, ValidUntil: until, Conditions: decision.Conditions,
                AssessmentDocumentId: request.AssessmentDocumentId ?? site.LegalBasis?.AssessmentDocumentId, DecisionReference: decision.Reference,
                DecidedBy: decision.DecidedBy)
            : site.LegalBasis;
        return request.Kind switch
        {
            RequestKind.New => applied with
            {
                State = SiteState.Active, StartedOn = request.RequestedPeriod?.From ?? decision.DecidedOn, LegalBasis = basis,
                Cameras = [.. site.Cameras, .. request.AddCameras.Select(CameraSites.NewCamera)], RunningWithoutValidDecision = false,
            },
            RequestKind.Extension => applied with { LegalBasis = basis, RunningWithoutValidDecision = false },
            RequestKind.Expansion => applied with
            {
                LegalBasis = basis, Cameras = [.. site.Cameras, .. request.AddCameras.Select(CameraSites.NewCamera)],
                RunningWithoutValidDecision = decision.ValidUntil is not null ? false : site.RunningWithoutValidDecision,
            },
            RequestKind.Reduction => applied with { Cameras = site.Cameras.Where(c => !request.RemoveCameraIds.Contains(c.Id)).ToList() },
            _ => applied with { State = SiteState.Ended, EndedOn = request.RequestedPeriod?.To ?? decision.DecidedOn },
        };
    }
}
