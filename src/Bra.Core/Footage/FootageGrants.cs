using Bra.Core.Validation;
using Bra.Core.Cameras;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.Core.Time;
using FluentValidation;
using Microsoft.DurableTask.Client;

namespace Bra.Core.Footage;

/// <summary>
/// Grants of access to a site's footage. Granting follows the site's access policy; a refused grant is logged in the
/// site's access log. A grant is valid only while it is neither revoked nor past its end date and its holder is still
/// entitled in the people register at that moment.
/// </summary>
public sealed class FootageGrants(ICameraSiteReader cameras, IGrantRecords store, FootageEntitlement entitlement, IAccessLogWriter log,
    IValidator<GrantInput> validator, IValidator<RevokeInput> revokeValidator, TimeProvider time)
{
    public const string SiteNotFound = "Kameraplatsen finns inte.";

    /// <param name="notify">Where the grant's holder is told by mail (<see cref="FootageGrantNoticeOrchestrator"/>); the routes always pass it.</param>
    public async Task<Result<GrantView>> CreateAsync(string siteId, GrantInput input, StaffUser caller, CancellationToken ct, DurableTaskClient? notify = null)
    {
        if (await cameras.GetSiteAsync(siteId, ct) is not { } site)
        {
            return Result<GrantView>.NotFound(SiteNotFound);
        }

        if (!await entitlement.MayManageGrantsAsync(site, caller, ct))
        {
            return await DenyAsync(site, caller, site.AccessPolicy == AccessPolicy.PrincipalAndManager
                ? "Bara administratörer och platsens rektor får ge behörighet till materialet."
                : "Bara administratörer får ge behörighet till materialet på den här platsen.", ct);
        }

        var context = new ValidationContext<GrantInput>(input);
        var errors = (await validator.ValidateAsync(context, ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<GrantView>.Invalid(errors);
        }

        // The validator found the person and kept it (not read twice).
        var person = context.Found<Person>() ?? throw new InvalidOperationException("The grant validator keeps the person it found.");

        var entitled = await entitlement.CheckAsync(site, person.Id, ct);
        if (!entitled.Allowed)
        {
            return await DenyAsync(site, caller, $"Behörighet kan inte ges till {person.Name}. {entitled.Reason}", ct);
        }

        foreach (var existing in await store.ListGrantsAsync(site.Id, ct))
        {
            if (existing.PersonId == person.Id && (await ViewAsync(site, existing, ct)).Valid)
            {
                return Result<GrantView>.Conflict(
                    $"{person.Name} har redan en giltig behörighet till platsen. Återkalla den först om den ska ändras.");
            }
        }

        var grant = new FootageGrant(Guid.NewGuid().ToString("N"), site.Id, person.Id, person.Name, input.ValidUntil,
            caller.Person.Id, caller.Person.Name, time.GetUtcNow());
        await store.AddGrantAsync(grant, ct);
        if (notify is not null)
        {
            await new GrantNoticeRequest(site.Id, grant.Id).StartAsync(notify, CancellationToken.None);
        }

        return Result<GrantView>.Created(await ViewAsync(site, grant, ct));
    }

    /// <summary>
    /// Administrators, the data protection officer, the principal and the principal's manager see every grant; others their
    /// own. Null when the site does not exist.
    /// </summary>
    public async Task<IReadOnlyList<GrantView>?> ListAsync(string siteId, StaffUser caller, CancellationToken ct)
    {
        if (await cameras.GetSiteAsync(siteId, ct) is not { } site)
        {
            return null;
        }

        var seesAll = caller.IsInRole(StaffRoles.Administrator) || caller.IsInRole(StaffRoles.DataProtectionOfficer)
            || await entitlement.IsPrincipalOrManagerAsync(site, caller.Person.Id, ct);
        var views = new List<GrantView>();
        foreach (var grant in await store.ListGrantsAsync(site.Id, ct))
        {
            if (seesAll || grant.PersonId == caller.Person.Id)
            {
                views.Add(await ViewAsync(site, grant, ct));
            }
        }

        return views;
    }

    public async Task<Result<GrantView>> RevokeAsync(string siteId, string grantId, RevokeInput input, StaffUser caller, CancellationToken ct)
    {
        if (await cameras.GetSiteAsync(siteId, ct) is not { } site)
        {
            return Result<GrantView>.NotFound(SiteNotFound);
        }

        if (!await entitlement.MayManageGrantsAsync(site, caller, ct))
        {
            return Result<GrantView>.Forbidden("Bara administratörer och platsens rektor får återkalla behörigheter.");
        }

        if (await store.GetGrantAsync(site.Id, grantId, ct) is not { } stored)
        {
            return Result<GrantView>.NotFound("Behörigheten finns inte.");
        }

        var errors = (await revokeValidator.ValidateAsync(input, ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<GrantView>.Invalid(errors);
        }

        if (stored.Grant.RevokedAt is not null)
        {
            return Result<GrantView>.Conflict("Behörigheten är redan återkallad.");
        }

        var revoked = stored.Grant with
        {
            RevokedAt = time.GetUtcNow(), RevokedById = caller.Person.Id, RevokedByName = caller.Person.Name, RevokeReason = input.Reason!.Trim(),
        };
        return await store.ReplaceGrantAsync(revoked, stored.ETag, ct)
            ? Result<GrantView>.Ok(await ViewAsync(site, revoked, ct))
            : Result<GrantView>.Conflict("Behörigheten ändrades samtidigt av någon annan. Läs om den och försök igen.");
    }

    /// <summary>The person's valid grant on the site now, or why there is none (Swedish).</summary>
    public async Task<(GrantView? Grant, string Reason)> ValidGrantAsync(CameraSite site, string personId, CancellationToken ct)
    {
        GrantView? latest = null;
        foreach (var grant in (await store.ListGrantsAsync(site.Id, ct)).Where(g => g.PersonId == personId))
        {
            var view = await ViewAsync(site, grant, ct);
            if (view.Valid)
            {
                return (view, "");
            }

            latest = view;
        }

        return (null, latest is null
            ? $"Du har ingen behörighet till materialet från {site.Name}."
            : $"Din behörighet till materialet från {site.Name} gäller inte längre: {latest.StateReason}");
    }

    /// <summary>A grant with its state now, from the people register at this moment.</summary>
    public async Task<GrantView> ViewAsync(CameraSite site, FootageGrant grant, CancellationToken ct)
    {
        var (state, reason) = grant switch
        {
            { RevokedAt: { } at } => (GrantState.Revoked, $"Återkallad {SwedishTime.Short(at)} av {grant.RevokedByName}: {grant.RevokeReason}"),
            { ValidUntil: { } until } when until < SwedishTime.Today(time) => (GrantState.Expired, $"Gällde till och med {until:yyyy-MM-dd}."),
            _ => await entitlement.CheckAsync(site, grant.PersonId, ct) is { Allowed: false } e
                ? (GrantState.NotEntitled, e.Reason)
                : (GrantState.Valid, (string?)null),
        };
        return new GrantView(grant.Id, grant.SiteId, grant.PersonId, grant.PersonName, grant.ValidUntil, grant.GrantedById, grant.GrantedByName,
            grant.GrantedAt, grant.RevokedAt, grant.RevokedByName, grant.RevokeReason, state, state == GrantState.Valid, reason);
    }

    private async Task<Result<GrantView>> DenyAsync(CameraSite site, StaffUser caller, string reason, CancellationToken ct)
    {
        await log.DenyAsync(site.Id, caller, "grant", reason, ct);
        return Result<GrantView>.Forbidden(reason);
    }
}
