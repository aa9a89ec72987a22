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
    public void Validate_UnknownRole_AllowedRolesNamedInSwedishToo()
    {
        var message = Assert.Single(new PersonInput("Kim", "kim@example.se", null, null, null, ["SuperUser"]).Validate()["roles"]);
        Assert.Contains("Administrator (administratör)", message);
        Assert.Contains("DataProtectionOfficer (dataskyddsombud)", message);
    }
}
