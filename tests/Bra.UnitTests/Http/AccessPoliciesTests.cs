using Bra.Core.Cameras;
using Bra.Core.Http;
using Bra.Core.Identity;
using Microsoft.Extensions.Options;

namespace Bra.UnitTests.Http;

/// <summary>What each declared access lets each kind of signed-in person do: the one source of route-level authorization.</summary>
public sealed class AccessPoliciesTests
{
    private const string Admin = StaffRoles.Administrator;
    private const string Dpo = StaffRoles.DataProtectionOfficer;

    private static AccessPolicies Policies()
    {
        var options = new CamerasOptions();
        options.DecisionMakers["unit-a"] = ["decider"];
        return new AccessPolicies(new CameraDecisionMakers(null!, Options.Create(options)));
    }

    private static StaffUser User(string id, params string[] roles) => AppRoutesTests.User(roles) is var user ? user with { Person = user.Person with { Id = id } } : null!;

    [Theory]
    [InlineData(Access.Public, true, true, true, true)]
    [InlineData(Access.Link, true, true, true, true)]
    [InlineData(Access.Staff, true, true, true, true)]
    [InlineData(Access.Administrator, true, false, false, false)]
    [InlineData(Access.AdministratorOrDataProtectionOfficer, true, true, false, false)]
    [InlineData(Access.DataProtectionOfficer, false, true, false, false)]
    [InlineData(Access.CameraDecisionMaker, true, false, true, false)]
    [InlineData((Access)0, false, false, false, false)]
    public void Allows_EachAccessAndKindOfPerson_AsDeclared(Access access, bool admin, bool dpo, bool decider, bool plain)
    {
        var policies = Policies();

        Assert.Equal(admin, policies.Allows(access, User("someone", Admin)));
        Assert.Equal(dpo, policies.Allows(access, User("someone", Dpo)));
        Assert.Equal(decider, policies.Allows(access, User("decider")));
        Assert.Equal(plain, policies.Allows(access, User("someone")));
    }

    [Theory]
    [InlineData(Access.Public, false)]
    [InlineData(Access.Link, false)]
    [InlineData(Access.Staff, true)]
    [InlineData(Access.CameraDecisionMaker, true)]
    [InlineData((Access)0, true)]
    public void NeedsSignIn_OnlyPublicAndLinkGoWithout(Access access, bool needed) => Assert.Equal(needed, AccessPolicies.NeedsSignIn(access));
}
