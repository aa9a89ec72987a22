using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.Extensions.Logging;

namespace Bra.DevHost.Demo;

/// <summary>
/// Fictional people and units modelled on the seed minutes, created idempotently (fixed ids; an existing record is
/// left as it is) by the development host on start-up. Addresses are documented in README and relied on by tests.
/// </summary>
public sealed class DemoPeople(PeopleStore store, ILogger<DemoPeople> logger)
{
    public const string Coordinator = "samordnare@example.se";
    public const string Principal = "rektor.domarhagsskolan@example.se";
    public const string HeadOfEducation = "bildningschef@example.se";
    public const string OtherPrincipal = "rektor.exempelskolan@example.se";
    public const string DataProtectionOfficer = "dataskyddsombud@example.se";
    public const string PoliceContact = "polis.kontakt@example.se";
    public const string StoreManager = "butikschef@example.se";

    public const string DomarhagsskolanUnitId = "unit-domarhagsskolan";
    public const string ExempelskolanUnitId = "unit-exempelskolan";
    public const string EducationUnitId = "unit-bildningsforvaltningen";
    public const string CouncilUnitId = "unit-lokala-bra";

    public async Task SeedAsync(CancellationToken ct = default)
    {
        await Ensure("demo-bildningschef", new("Britt Exempelsson", HeadOfEducation, "Bildningschef", null, null, []), ct);
        await Ensure("demo-samordnare", new("Sam Samordnare", Coordinator, "Samordnare, Lokala BRÅ", null, null, [StaffRoles.Administrator]), ct);
        await Ensure("demo-rektor-domarhagsskolan", new("Rita Rektorsdotter", Principal, "Rektor, Domarhagsskolan", "demo-bildningschef", null, []), ct);
        await Ensure("demo-rektor-exempelskolan", new("Erik Exempel", OtherPrincipal, "Rektor, Exempelskolan", "demo-bildningschef", null, []), ct);
        await Ensure("demo-dataskyddsombud", new("Dana Dataskydd", DataProtectionOfficer, "Dataskyddsombud", null, null, [StaffRoles.DataProtectionOfficer]), ct);
        await Ensure("demo-polis", new("Per Polisson", PoliceContact, "Kommunpolis (extern kontakt)", null, null, []), ct);
        await Ensure("demo-butikschef", new("Bea Butik", StoreManager, "Butikschef (extern kontakt)", null, null, []), ct);

        await EnsureUnit(CouncilUnitId, new("Lokala BRÅ", UnitKind.Council, "demo-samordnare"), ct);
        await EnsureUnit(EducationUnitId, new("Bildningsförvaltningen", UnitKind.Department, "demo-bildningschef"), ct);
        await EnsureUnit(DomarhagsskolanUnitId, new("Domarhagsskolan", UnitKind.School, "demo-rektor-domarhagsskolan"), ct);
        await EnsureUnit(ExempelskolanUnitId, new("Exempelskolan", UnitKind.School, "demo-rektor-exempelskolan"), ct);
    }

    private async Task Ensure(string id, PersonInput input, CancellationToken ct)
    {
        if (await store.GetPersonAsync(id, ct) is not null)
        {
            return;
        }

        var saved = await store.CreatePersonAsync(id, input, ct);
        if (saved is { Succeeded: false, Status: not Bra.Core.ResultStatus.Conflict })
        {
            logger.LogWarning("Demo person {PersonId} was not created", id);
        }
    }

    private async Task EnsureUnit(string id, UnitInput input, CancellationToken ct)
    {
        if (await store.GetUnitAsync(id, ct) is null)
        {
            await store.CreateUnitAsync(id, input, ct);
        }
    }
}
