using Bra.Core.People;

namespace Bra.UnitTests.People;

public sealed class PersonRulesTests
{
    private static Person P(string id, string? manager) =>
        new(id, id, $"{id}@example.se", null, manager, null, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    [Fact]
    public void CreatesCycle_ManagerChainReachesPerson_True()
    {
        var people = new[] { P("a", null), P("b", "a"), P("c", "b") }.ToDictionary(p => p.Id);
        Assert.True(PeopleStore.CreatesCycle("a", "c", people));
    }

    [Fact]
    public void CreatesCycle_SelfAsManager_True() =>
        Assert.True(PeopleStore.CreatesCycle("a", "a", new Dictionary<string, Person> { ["a"] = P("a", null) }));

    [Fact]
    public void CreatesCycle_UnrelatedChain_False()
    {
        var people = new[] { P("a", null), P("b", "a"), P("c", "b"), P("d", null) }.ToDictionary(p => p.Id);
        Assert.False(PeopleStore.CreatesCycle("d", "c", people));
    }

    [Fact]
    public void CreatesCycle_ExistingLoopElsewhere_Terminates()
    {
        var people = new[] { P("x", "y"), P("y", "x"), P("d", null) }.ToDictionary(p => p.Id);
        Assert.False(PeopleStore.CreatesCycle("d", "x", people));
    }

    [Theory]
    [InlineData(null, "a@example.se", "name")]
    [InlineData("  ", "a@example.se", "name")]
    [InlineData("Namn", "a@example", "email")]
    [InlineData("Namn", "a@@example.se", "email")]
    [InlineData("Namn", "<a@example.se>", "email")]
    [InlineData("Namn", null, "email")]
    public void Validate_BadField_NamesIt(string? name, string? email, string field)
    {
        var errors = new PersonInput(name, email, null, null, null, null).Validate();
        Assert.Contains(field, errors.Keys);
    }

    [Fact]
    public void Validate_UnknownRoleAndBadObjectId_BothNamed()
    {
        var errors = new PersonInput("Namn", "n@example.se", null, null, "not-a-guid", ["Administrator", "Root"]).Validate();
        Assert.Equal(["entraObjectId", "roles"], errors.Keys.Order());
        Assert.Contains("Root", errors["roles"][0]);
    }

    [Fact]
    public void Validate_Complete_NoErrors() =>
        Assert.Empty(new PersonInput("Åsa Öberg", "asa.oberg@example.se", "Rektor", "m", Guid.NewGuid().ToString(), ["DataProtectionOfficer"]).Validate());
}
