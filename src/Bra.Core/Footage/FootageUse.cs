using Bra.Core.Validation;
using Bra.Core.Cameras;
using Bra.Core.Identity;
using FluentValidation;

namespace Bra.Core.Footage;

/// <summary>
/// Using footage: logging a view or export, recording a police disclosure, reading and verifying the log. Every check is
/// made at the moment of use from the grants and the people register; a refused attempt is itself a log entry.
/// </summary>
public sealed class FootageUse(ICameraSiteReader cameras, FootageGrants grants, FootageEntitlement entitlement, IAccessLogWriter log,
    IValidator<AccessInput> accessValidator, IValidator<DisclosureInput> disclosureValidator)
{
    /// <summary>The site (allowed) when the caller holds a valid grant; otherwise not found, or forbidden with the refusal logged.</summary>
    public Task<Result<CameraSite>> AuthorizeAccessAsync(string siteId, StaffUser caller, CancellationToken ct) =>
        AuthorizeAsync(siteId, caller, "access",
            async site => await grants.ValidGrantAsync(site, caller.Person.Id, ct) is { Grant: null, Reason: var reason } ? reason : null, ct);

    public async Task<Result<AccessLogEntry>> RecordAccessAsync(CameraSite site, AccessInput input, StaffUser caller, CancellationToken ct)
    {
        var errors = (await accessValidator.ValidateAsync(ValidationContexts.Changing(input, site), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<AccessLogEntry>.Invalid(errors);
        }

        var entry = log.NewEntry(site.Id, caller, input.Action == AccessKind.Export ? LogAction.Export : LogAction.View) with
        {
            CameraIds = input.CameraIds!.Distinct().ToList(),
            FootageFrom = input.FootageFrom!.Value.ToUniversalTime(),
            FootageTo = input.FootageTo!.Value.ToUniversalTime(),
            Purpose = input.Purpose!.Trim(),
            IncidentRef = TextInput.Optional(input.IncidentRef),
        };
        return Result<AccessLogEntry>.Created(await log.AppendAsync(entry, ct));
    }

    /// <summary>The principal and the principal's manager record disclosures to the police.</summary>
    public Task<Result<CameraSite>> AuthorizeDisclosureAsync(string siteId, StaffUser caller, CancellationToken ct) =>
        AuthorizeAsync(siteId, caller, "disclosure", async site => await entitlement.IsPrincipalOrManagerAsync(site, caller.Person.Id, ct)
            ? null
            : $"Bara rektor för platsens enhet och rektors chef får registrera ett utlämnande av material från {site.Name}.", ct);

    public async Task<Result<AccessLogEntry>> RecordDisclosureAsync(CameraSite site, DisclosureInput input, StaffUser caller, CancellationToken ct)
    {
        var errors = (await disclosureValidator.ValidateAsync(ValidationContexts.Changing(input, site), ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<AccessLogEntry>.Invalid(errors);
        }

        var entry = log.NewEntry(site.Id, caller, LogAction.Disclosure) with
        {
            CameraIds = input.CameraIds is { Count: > 0 } ids ? ids.Distinct().ToList() : null,
            FootageFrom = input.FootageFrom!.Value.ToUniversalTime(),
            FootageTo = input.FootageTo!.Value.ToUniversalTime(),
            PoliceCaseNumber = input.PoliceCaseNumber!.Trim(),
            RequestingAuthority = input.RequestingAuthority!.Trim(),
            RequestingOfficer = input.RequestingOfficer!.Trim(),
            LegalGround = input.LegalGround!.Trim(),
            HandedOverAt = input.HandedOverAt!.Value.ToUniversalTime(),
            HandoverMethod = input.HandoverMethod!.Trim(),
        };
        return Result<AccessLogEntry>.Created(await log.AppendAsync(entry, ct));
    }

    /// <summary>The site's grantees and the data protection officer read the log.</summary>
    public Task<Result<CameraSite>> AuthorizeReadAsync(string siteId, StaffUser caller, CancellationToken ct) =>
        AuthorizeAsync(siteId, caller, "read-log", async site => caller.IsInRole(StaffRoles.DataProtectionOfficer)
            ? null
            : (await grants.ValidGrantAsync(site, caller.Person.Id, ct)).Grant is null
                ? $"Bara den som har giltig behörighet till platsen {site.Name} och dataskyddsombudet får läsa åtkomstloggen."
                : null, ct);

    /// <summary>Verification shows no personal data: administrators, the data protection officer and grantees may run it.</summary>
    public Task<Result<CameraSite>> AuthorizeVerifyAsync(string siteId, StaffUser caller, CancellationToken ct) =>
        AuthorizeAsync(siteId, caller, "verify-log", async site => caller.IsInRole(StaffRoles.DataProtectionOfficer) || caller.IsInRole(StaffRoles.Administrator)
            ? null
            : (await grants.ValidGrantAsync(site, caller.Person.Id, ct)).Grant is null
                ? $"Bara administratörer, dataskyddsombudet och den som har behörighet till platsen {site.Name} får kontrollera loggen."
                : null, ct);

    private async Task<Result<CameraSite>> AuthorizeAsync(string siteId, StaffUser caller, string attempted,
        Func<CameraSite, Task<string?>> refusal, CancellationToken ct)
    {
        if (await cameras.GetSiteAsync(siteId, ct) is not { } site)
        {
            return Result<CameraSite>.NotFound(FootageGrants.SiteNotFound);
        }

        if (await refusal(site) is { } reason)
        {
            await log.DenyAsync(site.Id, caller, attempted, reason, ct);
            return Result<CameraSite>.Forbidden(reason);
        }

        return Result<CameraSite>.Ok(site);
    }
}
