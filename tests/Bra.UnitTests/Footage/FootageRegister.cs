using Bra.Core.Cameras;
using Bra.Core.Footage;
using Bra.Core.Identity;
using Bra.Core.People;
using FluentValidation;
using Moq;
using static Bra.UnitTests.Footage.FootageInputs;

namespace Bra.UnitTests.Footage;

/// <summary>
/// A mocked people register for the footage authorization tests: unit u1 (the site's school, <see cref="FootageInputs.Site"/>)
/// headed by its principal, whose manager is the head of education; unit u2, another school with its own principal;
/// an administrator, the data protection officer and a member of staff without roles.
/// </summary>
internal sealed class FootageRegister
{
    public const string Principal = "rektor";
    public const string Manager = "chef";
    public const string OtherPrincipal = "annan-rektor";
    public const string Administrator = "admin";
    public const string Dpo = "dso";
    public const string Staff = "personal";

    private readonly Dictionary<string, Person> people = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Unit> units = new(StringComparer.Ordinal);

    public FootageRegister()
    {
        Add(Person(Principal, "Rut Rektor", manager: Manager));
        Add(Person(Manager, "Bo Bildningschef"));
        Add(Person(OtherPrincipal, "Alf Annan", manager: Manager));
        Add(Person(Administrator, "Ada Admin", roles: [StaffRoles.Administrator]));
        Add(Person(Dpo, "Dag Dataskydd", roles: [StaffRoles.DataProtectionOfficer]));
        Add(Person(Staff, "Siv Personal"));
        SetUnit(new Unit("u1", "Felskolan", UnitKind.School, Principal, Now, Now));
        SetUnit(new Unit("u2", "Annanskolan", UnitKind.School, OtherPrincipal, Now, Now));
        Lookup.Setup(l => l.GetPersonAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => people.GetValueOrDefault(id));
        Lookup.Setup(l => l.GetUnitAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => units.GetValueOrDefault(id));
    }

    public Mock<IPeopleLookup> Lookup { get; } = new(MockBehavior.Strict);

    public static Person Person(string id, string name, string? manager = null, string[]? roles = null) =>
        new(id, name, $"{id}@example.se", null, manager, null, roles ?? [], Now, Now);

    public void Add(Person person) => people[person.Id] = person;

    public void SetUnit(Unit unit) => units[unit.Id] = unit;

    public void RemoveUnit(string id) => units.Remove(id);

    /// <summary>The signed-in person with the roles of the token of the request (not the roles in the register).</summary>
    public StaffUser User(string id, params string[] tokenRoles) => new(people[id], new HashSet<string>(tokenRoles, StringComparer.Ordinal));

    public StaffUser Admin() => User(Administrator, StaffRoles.Administrator);

    public StaffUser DataProtectionOfficer() => User(Dpo, StaffRoles.DataProtectionOfficer);
}

/// <summary>
/// The footage services over mocked records: the one site <see cref="FootageInputs.Site"/>, grants kept in a list, and
/// every refusal the services log (attempted action, reason, who).
/// </summary>
internal sealed class FootageFakes
{
    public FootageFakes()
    {
        Sites.Setup(s => s.GetSiteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => id == Site.Id ? Site : null);
        Grants.Setup(g => g.ListGrantsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string siteId, CancellationToken _) => Stored.Where(g => g.SiteId == siteId).ToList());
        Grants.Setup(g => g.GetGrantAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string siteId, string id, CancellationToken _) =>
                Stored.FirstOrDefault(g => g.SiteId == siteId && g.Id == id) is { } grant ? new StoredGrant(grant, new Azure.ETag("1")) : null);
        Grants.Setup(g => g.AddGrantAsync(It.IsAny<FootageGrant>(), It.IsAny<CancellationToken>()))
            .Callback((FootageGrant grant, CancellationToken _) => Stored.Add(grant)).Returns(Task.CompletedTask);
        Grants.Setup(g => g.ReplaceGrantAsync(It.IsAny<FootageGrant>(), It.IsAny<Azure.ETag>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        Log.Setup(l => l.DenyAsync(It.IsAny<string>(), It.IsAny<StaffUser>(), It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string siteId, StaffUser caller, string attempted, string reason, CancellationToken _) =>
            {
                Denied.Add((attempted, reason, caller.Person.Id));
                return new AccessLogEntry("e", siteId, Denied.Count, "", "", Now, caller.Person.Id, caller.Person.Name, LogAction.Denied);
            });
    }

    public FootageRegister Register { get; } = new();

    public Mock<ICameraSiteReader> Sites { get; } = new(MockBehavior.Strict);

    public Mock<IGrantRecords> Grants { get; } = new(MockBehavior.Strict);

    public Mock<IAccessLogWriter> Log { get; } = new(MockBehavior.Strict);

    public List<FootageGrant> Stored { get; } = [];

    public List<(string Attempted, string Reason, string Actor)> Denied { get; } = [];

    public FootageEntitlement Entitlement => new(Register.Lookup.Object);

    public FootageGrants FootageGrants() =>
        new(Sites.Object, Grants.Object, Entitlement, Log.Object, new GrantInputValidator(Register.Lookup.Object, Time), new RevokeInputValidator(), Time);

    public FootageUse FootageUse() =>
        new(Sites.Object, FootageGrants(), Entitlement, Log.Object, new Mock<IValidator<AccessInput>>(MockBehavior.Strict).Object,
            new Mock<IValidator<DisclosureInput>>(MockBehavior.Strict).Object);

    /// <summary>A grant on the site to the person, given by the administrator, stored as is.</summary>
    public FootageGrant Grant(string personId, DateOnly? validUntil = null, DateTimeOffset? revokedAt = null)
    {
        var grant = new FootageGrant(Guid.NewGuid().ToString("N"), Site.Id, personId, personId, validUntil, FootageRegister.Administrator, "Ada Admin", Now,
            revokedAt, revokedAt is null ? null : FootageRegister.Administrator, revokedAt is null ? null : "Ada Admin", revokedAt is null ? null : "Slutat");
        Stored.Add(grant);
        return grant;
    }
}
