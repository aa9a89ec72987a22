using Bra.Core.Validation;
using Bra.Core.Http;
using Bra.Core.People;
using Moq;

namespace Bra.UnitTests.People;

/// <summary>The field rules of a person's input that need no lookups (the lookups are in <see cref="PeopleValidatorTests"/>).</summary>
public sealed class PersonRulesTests
{
    private static Person P(string id, string? manager) =>
        new(id, id, $"{id}@example.se", null, manager, null, [], DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);

    private static async Task<Dictionary<string, string[]>> Validate(PersonInput input) =>
        (await new PersonInputValidator(new Mock<IPeopleLookup>().Object).ValidateAsync(ValidationContexts.Changing(input, null))).ByField();

    [Fact]
    public void CreatesCycle_ManagerChainReachesPerson_True()
    {
        var people = new[] { P("a", null), P("b", "a"), P("c", "b") }.ToDictionary(p => p.Id);
        Assert.True(PeopleRules.CreatesCycle("a", "c", people));
    }

    [Fact]
    public void CreatesCycle_SelfAsManager_True() =>
        Assert.True(PeopleRules.CreatesCycle("a", "a", new Dictionary<string, Person> { ["a"] = P("a", null) }));

    [Fact]
    public void CreatesCycle_UnrelatedChain_False()
    {
        var people = new[] { P("a", null), P("b", "a"), P("c", "b"), P("d", null) }.ToDictionary(p => p.Id);
        Assert.False(PeopleRules.CreatesCycle("d", "c", people));
    }

    [Fact]
    public void CreatesCycle_ExistingLoopElsewhere_Terminates()
    {
        var people = new[] { P("x", "y"), P("y", "x"), P("d", null) }.ToDictionary(p => p.Id);
        Assert.False(PeopleRules.CreatesCycle("d", "x", people));
    }

    [Theory]
    [InlineData(null, "a@example.se", "name")]
    [InlineData("  ", "a@example.se", "name")]
    [InlineData("", "a@example.se", "name")]
    [InlineData("Namn", "inte-en-adress", "email")]
    [InlineData("Namn", "a@example", "email")]
    [InlineData("Namn", "a@@example.se", "email")]
    [InlineData("Namn", "<a@example.se>", "email")]
    [InlineData("Namn", null, "email")]
    public async Task Validate_BadField_NamesIt(string? name, string? email, string field)
    {
        var errors = await Validate(new PersonInput(name, email, null, null, null, null));
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public async Task Validate_UnknownRoleAndBadObjectId_BothNamed()
    {
        var errors = await Validate(new PersonInput("Namn", "n@example.se", null, null, "not-a-guid", ["Administrator", "Root"]));
        Assert.Equal(["entraObjectId", "roles"], errors.Keys.Order());
        Assert.Contains("Root", errors["roles"][0]);
    }

    [Fact]
    public async Task Validate_NameAndTitleTooLong_BothNamedInSwedish()
    {
        var errors = await Validate(new PersonInput(new string('a', 201), "n@example.se", new string('t', 201), null, null, null));
        Assert.Equal("Namnet får vara högst 200 tecken.", errors["name"].Single());
        Assert.Equal("Titeln får vara högst 200 tecken.", errors["title"].Single());
    }

    [Fact]
    public async Task Validate_Complete_NoErrors() =>
        Assert.Empty(await Validate(new PersonInput("Åsa Öberg", "asa.oberg@example.se", "Rektor", null, Guid.NewGuid().ToString(), ["DataProtectionOfficer"])));
}
