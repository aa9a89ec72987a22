using Bra.Core.Validation;
using Bra.Core.Http;
using Bra.Core.People;
using Moq;

namespace Bra.UnitTests.People;

/// <summary>The lookup rules of the people validators (manager, head, email) against a mocked register.</summary>
public sealed class PeopleValidatorTests
{
    private static readonly DateTimeOffset Then = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Mock<IPeopleLookup> people = new();

    private static Person P(string id, string? manager = null, bool active = true) =>
        new(id, $"Person {id}", $"{id}@example.se", null, manager, null, [], Then, Then, active ? null : Then);

    private void Register(params Person[] all)
    {
        foreach (var p in all)
        {
            people.Setup(l => l.GetPersonAsync(p.Id, It.IsAny<CancellationToken>())).ReturnsAsync(p);
            people.Setup(l => l.FindByEmailAsync(p.Email, It.IsAny<CancellationToken>())).ReturnsAsync(p);
        }

        people.Setup(l => l.ListPeopleAsync(It.IsAny<CancellationToken>())).ReturnsAsync(all);
    }

    private async Task<Dictionary<string, string[]>> PersonErrors(PersonInput input, Person? existing = null) =>
        (await new PersonInputValidator(people.Object).ValidateAsync(ValidationContexts.Changing(input, existing))).ByField();

    private async Task<Dictionary<string, string[]>> UnitErrors(UnitInput input, Unit? existing = null) =>
        (await new UnitInputValidator(people.Object).ValidateAsync(ValidationContexts.Changing(input, existing))).ByField();

    private static PersonInput Input(string? managerId, string email = "ny@example.se") => new("Ny Person", email, null, managerId, null, []);

    [Fact]
    public async Task Person_KnownActiveManager_NoErrors()
    {
        Register(P("chef"));
        Assert.Empty(await PersonErrors(Input("chef")));
    }

    [Fact]
    public async Task Person_UnknownManager_ManagerErrorInSwedish()
    {
        Register(P("chef"));
        Assert.Equal([PeopleRules.UnknownManager], (await PersonErrors(Input("finns-inte")))["managerId"]);
    }

    [Fact]
    public async Task Person_ManagerIdThatCannotBeAKey_UnknownWithoutLookup()
    {
        Assert.Equal([PeopleRules.UnknownManager], (await PersonErrors(Input("a/b")))["managerId"]);
        people.Verify(l => l.GetPersonAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Person_NewlyChosenDeactivatedManager_Refused()
    {
        Register(P("gammal", active: false), P("b"));
        Assert.Equal([PeopleRules.InactiveManager], (await PersonErrors(Input("gammal")))["managerId"]);
        Assert.Equal([PeopleRules.InactiveManager], (await PersonErrors(Input("gammal", "b@example.se"), P("b")))["managerId"]);
    }

    [Fact]
    public async Task Person_DeactivatedManagerKeptOnUpdate_NoErrors()
    {
        var report = P("b", manager: "gammal");
        Register(P("gammal", active: false), report);
        Assert.Empty(await PersonErrors(Input("gammal", report.Email), report));
    }

    [Fact]
    public async Task Person_ManagerWhoReportsToThePerson_CycleRefused()
    {
        var head = P("a");
        Register(head, P("b", manager: "a"), P("c", manager: "b"));
        Assert.Equal([PeopleRules.ManagerCycle], (await PersonErrors(Input("c", head.Email), head))["managerId"]);
        Assert.Equal([PeopleRules.ManagerCycle], (await PersonErrors(Input("a", head.Email), head))["managerId"]);
    }

    [Fact]
    public async Task Person_EmailOfAnother_DuplicateRefusedButOwnEmailKept()
    {
        var taken = P("b");
        Register(P("a"), taken);
        Assert.Equal([PeopleRules.DuplicateEmail], (await PersonErrors(Input(null, taken.Email)))["email"]);
        Assert.Equal([PeopleRules.DuplicateEmail], (await PersonErrors(Input(null, taken.Email), P("a")))["email"]);
        Assert.Empty(await PersonErrors(Input(null, taken.Email), taken));
    }

    [Fact]
    public async Task Person_BlankManager_NoLookup()
    {
        Assert.Empty(await PersonErrors(Input("  ")));
        people.Verify(l => l.GetPersonAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Unit_MissingNameAndKind_BothNamedWithKindsInSwedish()
    {
        var errors = await UnitErrors(new UnitInput(" ", null, null));
        Assert.Equal(["Namn måste anges."], errors["name"]);
        Assert.Contains("school (skola)", errors["kind"].Single());
        Assert.Contains("department (förvaltning)", errors["kind"].Single());
    }

    [Fact]
    public async Task Unit_UnknownHead_HeadErrorInSwedish()
    {
        Register(P("rektor"));
        Assert.Equal([PeopleRules.UnknownHead], (await UnitErrors(new UnitInput("Skolan", UnitKind.School, "finns-inte")))["headPersonId"]);
    }

    [Fact]
    public async Task Unit_DeactivatedHead_RefusedWhenNewKeptWhenCurrent()
    {
        Register(P("gammal", active: false));
        Assert.Equal([PeopleRules.InactiveHead], (await UnitErrors(new UnitInput("Skolan", UnitKind.School, "gammal")))["headPersonId"]);
        var unit = new Unit("u", "Skolan", UnitKind.School, "gammal", Then, Then);
        Assert.Empty(await UnitErrors(new UnitInput("Skolan F–9", UnitKind.School, "gammal"), unit));
    }

    [Fact]
    public async Task Unit_ActiveHead_NoErrors()
    {
        Register(P("rektor"));
        Assert.Empty(await UnitErrors(new UnitInput("Skolan", UnitKind.School, "rektor")));
    }
}
