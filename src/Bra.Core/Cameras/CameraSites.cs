using Bra.Core.Validation;
using Bra.Core.Identity;
using Bra.Core.Storage;
using Bra.Core.Time;

namespace Bra.Core.Cameras;

/// <summary>
/// Administrators' changes to sites and cameras; each is validated first and recorded in the site's history. A camera
/// change touches one camera, so on a concurrent change of the same site it is re-applied to the fresh record (a few
/// times, then 409); a site PUT replaces the site's fields and answers 409 at once. Results are <see cref="Result{T}"/>;
/// a site that would outgrow a table row throws <see cref="RecordTooLargeException"/> (only text no validator limits gets
/// there), which the API and the pages answer with 413.
/// </summary>
public sealed class CameraSites(CameraStore store, CameraValidator validator, TimeProvider time)
{
    private const string Conflict = "Platsen ändrades samtidigt av någon annan. Hämta den igen och försök på nytt.";
    private const string NoSite = "Kameraplatsen finns inte.";
    private const string NoCamera = "Kameran finns inte på den här platsen.";

    public async Task<Result<CameraSite>> CreateAsync(SiteInput input, StaffUser user, CancellationToken ct)
    {
        var errors = await validator.ValidateSiteAsync(input, ct);
        if (errors.Count > 0)
        {
            return Result<CameraSite>.Invalid(errors);
        }

        var now = time.GetUtcNow();
        var site = Fill(new CameraSite(Guid.NewGuid().ToString("N"), "", null, SiteKind.Other, "", "", null, 0, null, false, null, null,
            AccessPolicy.NamedOperators, [], SiteState.Planned, null, null, null, null, [], null, false, [], 0, now, now), input) with
        {
            Cameras = (input.Cameras ?? []).Select(NewCamera).ToList(),
        };
        if (!await store.CreateSiteAsync(site, ActorOf(user), ct: ct))
        {
            return Result<CameraSite>.Conflict(Conflict);
        }

        return Result<CameraSite>.Created((await store.GetSiteAsync(site.Id, ct))!);
    }

    /// <summary>Replaces the site's fields; its cameras are changed through their own routes (a <c>cameras</c> list here is ignored).</summary>
    public async Task<Result<CameraSite>> UpdateAsync(string id, SiteInput input, StaffUser user, CancellationToken ct)
    {
        if (await store.GetSiteAsync(id, ct) is null)
        {
            return Result<CameraSite>.NotFound(NoSite);
        }

        var errors = await validator.ValidateSiteAsync(input with { Cameras = null }, ct);
        if (errors.Count > 0)
        {
            return Result<CameraSite>.Invalid(errors);
        }

        var today = SwedishTime.Today(time);
        return Answer(await store.ChangeSiteAsync(id, site =>
        {
            var updated = Fill(site, input);
            return updated with { RunningWithoutValidDecision = site.RunningWithoutValidDecision && !CameraStatus.HasValidDecision(updated with { RunningWithoutValidDecision = false }, today) };
        }, ActorOf(user), "updated", ct: ct));
    }

    public async Task<Result<Camera>> AddCameraAsync(string id, CameraInput input, StaffUser user, CancellationToken ct)
    {
        var errors = CameraValidator.ValidateCamera(input);
        if (errors.Count > 0)
        {
            return Result<Camera>.Invalid(errors);
        }

        var camera = NewCamera(input);
        var write = await store.ChangeSiteAsync(id, site => site.Cameras.Count < CameraValidator.MaxCameras ? site with { Cameras = [.. site.Cameras, camera] } : null,
            ActorOf(user), "camera-added", camera.Label, retries: 5, ct: ct);
        return write.Site switch
        {
            null => Answer(write).Failed<Camera>(),
            { } site when !site.Cameras.Contains(camera) => Result<Camera>.Invalid("cameras", $"Högst {CameraValidator.MaxCameras} kameror per plats. Dela upp platsen i flera."),
            _ => Result<Camera>.Created(camera),
        };
    }

    public async Task<Result<Camera>> UpdateCameraAsync(string id, string cameraId, CameraInput input, StaffUser user, CancellationToken ct)
    {
        if (await store.GetSiteAsync(id, ct) is not { } current || current.Cameras.All(c => c.Id != cameraId))
        {
            return Result<Camera>.NotFound(NoCamera);
        }

        var errors = CameraValidator.ValidateCamera(input);
        if (errors.Count > 0)
        {
            return Result<Camera>.Invalid(errors);
        }

        var camera = ToCamera(cameraId, input);
        var write = await store.ChangeSiteAsync(id, site => site.Cameras.Any(c => c.Id == cameraId)
            ? site with { Cameras = site.Cameras.Select(c => c.Id == cameraId ? camera : c).ToList() }
            : null, ActorOf(user), "camera-updated", camera.Label, retries: 5, ct: ct);
        if (write.Site is null)
        {
            return Answer(write).Failed<Camera>();
        }

        // A null change (the camera was removed meanwhile) leaves the site without this camera.
        return write.Site.Cameras.Contains(camera) ? Result<Camera>.Ok(camera) : Result<Camera>.NotFound(NoCamera);
    }

    /// <summary>Removes a camera; the result holds the site as it is afterwards.</summary>
    public async Task<Result<CameraSite>> DeleteCameraAsync(string id, string cameraId, StaffUser user, CancellationToken ct)
    {
        if (await store.GetSiteAsync(id, ct) is not { } current || current.Cameras.All(c => c.Id != cameraId))
        {
            return Result<CameraSite>.NotFound(NoCamera);
        }

        var write = await store.ChangeSiteAsync(id, site => site.Cameras.Any(c => c.Id == cameraId)
            ? site with { Cameras = site.Cameras.Where(c => c.Id != cameraId).ToList() }
            : null, ActorOf(user), "camera-removed", cameraId, retries: 5, ct: ct);
        return Answer(write);
    }

    public static Camera NewCamera(CameraInput input) => ToCamera(Guid.NewGuid().ToString("N")[..12], input);

    public static Actor ActorOf(StaffUser user) => new(user.Person.Id, user.Person.Name);

    private static Camera ToCamera(string id, CameraInput input) =>
        new(id, input.Label!.Trim(), TextInput.Optional(input.Placement), input.Movable ?? false, TextInput.Optional(input.FieldOfView), input.PrivacyMasking ?? false,
            input.AudioRecording ?? false, input.AudioRecording == true ? TextInput.Optional(input.AudioReason) : null);

    private static CameraSite Fill(CameraSite site, SiteInput input) => site with
    {
        Name = input.Name!.Trim(),
        PlaceDescription = TextInput.Optional(input.PlaceDescription),
        Kind = input.Kind!.Value,
        UnitId = input.UnitId!.Trim(),
        Purpose = input.Purpose!.Trim(),
        MonitoringHours = TextInput.Optional(input.MonitoringHours),
        RetentionHours = input.RetentionHours!.Value,
        RetentionReason = TextInput.Optional(input.RetentionReason),
        SignageInPlace = input.SignageInPlace ?? false,
        SignageCheckedOn = input.SignageCheckedOn,
        ImpactAssessmentDocumentId = TextInput.Optional(input.ImpactAssessmentDocumentId),
        AccessPolicy = input.AccessPolicy!.Value,
        Operators = input.AccessPolicy == AccessPolicy.NamedOperators ? (input.Operators ?? []).Distinct().ToList() : [],
        State = input.State!.Value,
        PlannedStart = input.PlannedStart,
        StartedOn = input.StartedOn,
        EndedOn = input.EndedOn,
        LegalBasis = input.LegalBasis,
        ResponsiblePersonId = TextInput.Optional(input.ResponsiblePersonId),
    };

    private static Result<CameraSite> Answer(SiteWrite write) => write switch
    {
        { NotFound: true } => Result<CameraSite>.NotFound(NoSite),
        { Conflict: true } => Result<CameraSite>.Conflict(Conflict),
        { Site: { } site } => Result<CameraSite>.Ok(site),
        _ => throw new InvalidOperationException("A site write returned neither a site nor a reason."),
    };

    /// <summary>What a person is told when a site would outgrow its table row (<see cref="RecordTooLargeException"/>).</summary>
    public const string TooLargeText = "Platsen blir för stor för att kunna sparas. Korta texterna eller dela upp platsen i flera. Inget har ändrats.";
}
