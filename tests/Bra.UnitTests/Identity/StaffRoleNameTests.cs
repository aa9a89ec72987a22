using Bra.Core.Validation;
using Bra.Core.Http;
using Bra.Core.Identity;
using Bra.Core.People;

namespace Bra.UnitTests.Identity;

public sealed class StaffRoleNameTests
{
    [Theory]
    [InlineData(StaffRoles.Administrator, "administratör")]
    [InlineData(StaffRoles.DataProtectionOfficer, "dataskyddsombud")]
    public void SwedishName_EveryRole_SwedishWord(string role, string expected) =>
        Assert.Equal(expected, StaffRoles.SwedishName(role));

    [Fact]
    public void SwedishName_AllRoles_NoneLeftInEnglish() =>
        Assert.All(StaffRoles.All, role => Assert.NotEqual(role, StaffRoles.SwedishName(role)));

    [Fact]
    public async Task Validate_UnknownRole_AllowedRolesNamedInSwedishToo()
    {
        var input = new PersonInput("Kim", "kim@example.se", null, null, null, ["SuperUser"]);
        var result = await new PersonInputValidator(new Moq.Mock<IPeopleLookup>().Object).ValidateAsync(ValidationContexts.Changing(input, null));
        var message = Assert.Single(result.ByField()["roles"]);
        Assert.Contains("Administrator (administratör)", message);
        Assert.Contains("DataProtectionOfficer (dataskyddsombud)", message);
    }
}
