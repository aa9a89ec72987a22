using Bra.Core.Cameras;
using Bra.Core.Footage;
using Bra.Core.Identity;
using Bra.Core.People;
using static Bra.UnitTests.Footage.FootageInputs;
using static Bra.UnitTests.Footage.FootageRegister;

namespace Bra.UnitTests.Footage;

/// <summary>Who the site's access policy lets see footage, record disclosures and manage grants, read from a mocked people register.</summary>
public sealed class FootageEntitlementTests
{
    private readonly FootageRegister register = new();

    private FootageEntitlement Entitlement => new(register.Lookup.Object);

    private static CameraSite NamedOperatorsSite => Site with { AccessPolicy = AccessPolicy.NamedOperators, Operators = ["operator", "borta"] };

    [Theory]
    [InlineData(Principal, true)]
    [InlineData(Manager, true)]
    [InlineData(OtherPrincipal, false)]
    [InlineData(Administrator, false)]
    [InlineData(Dpo, false)]
    [InlineData(Staff, false)]
    public async Task CheckAsync_PrincipalAndManagerSite_OnlyThePrincipalAndTheManagerAllowed(string personId, bool allowed)
    {
        var entitlement = await Entitlement.CheckAsync(Site, personId, default);

        Assert.Equal(allowed, entitlement.Allowed);
        Assert.False(string.IsNullOrEmpty(entitlement.Reason));
    }

    [Theory]
    [InlineData(Principal)]
    [InlineData(Manager)]
    public async Task CheckAsync_PrincipalOrManagerDeactivated_RefusedWithTheReason(string personId)
    {
        register.Add(Person(personId, "Inaktiverad") with { DeactivatedAt = Now });

        var entitlement = await Entitlement.CheckAsync(Site, personId, default);

        Assert.False(entitlement.Allowed);
        Assert.Contains("inaktiverad", entitlement.Reason);
    }

    [Fact]
    public async Task CheckAsync_NamedOperatorDeactivated_Refused()
    {
        register.Add(Person("operator", "Olle Operatör") with { DeactivatedAt = Now });

        Assert.False((await Entitlement.CheckAsync(NamedOperatorsSite, "operator", default)).Allowed);
    }

    [Fact]
    public async Task CheckAsync_HeadOfTheUnitChanged_FormerPrincipalRefusedNewPrincipalAllowed()
    {
        register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, OtherPrincipal, Now, Now));

        Assert.False((await Entitlement.CheckAsync(Site, Principal, default)).Allowed);
        Assert.True((await Entitlement.CheckAsync(Site, OtherPrincipal, default)).Allowed);
    }

    [Fact]
    public async Task CheckAsync_UnitWithoutHead_NobodyAllowed()
    {
        register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, null, Now, Now));

        var entitlement = await Entitlement.CheckAsync(Site, Principal, default);

        Assert.False(entitlement.Allowed);
        Assert.Contains("saknar chef", entitlement.Reason);
    }

    [Fact]
    public async Task CheckAsync_UnitMissingFromRegister_NobodyAllowed()
    {
        register.RemoveUnit("u1");

        Assert.False((await Entitlement.CheckAsync(Site, Principal, default)).Allowed);
        Assert.False((await Entitlement.CheckAsync(Site, Manager, default)).Allowed);
    }

    [Fact]
    public async Task CheckAsync_HeadMissingFromRegister_NobodyAllowed()
    {
        register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, "finns-inte", Now, Now));

        Assert.False((await Entitlement.CheckAsync(Site, "finns-inte", default)).Allowed);
    }

    [Theory]
    [InlineData("operator", true)]
    [InlineData(Principal, false)]
    [InlineData(Manager, false)]
    [InlineData(Administrator, false)]
    public async Task CheckAsync_NamedOperatorsSite_OnlyNamedOperatorsAllowed(string personId, bool allowed)
    {
        Assert.Equal(allowed, (await Entitlement.CheckAsync(NamedOperatorsSite, personId, default)).Allowed);
    }

    [Theory]
    [InlineData(Principal, true)]
    [InlineData(Manager, true)]
    [InlineData(OtherPrincipal, false)]
    [InlineData(Administrator, false)]
    [InlineData(Dpo, false)]
    public async Task IsPrincipalOrManagerAsync_Person_TrueForThePrincipalAndTheManagerOnly(string personId, bool expected)
    {
        Assert.Equal(expected, await Entitlement.IsPrincipalOrManagerAsync(Site, personId, default));
    }

    [Fact]
    public async Task IsPrincipalOrManagerAsync_UnitWithoutHead_False()
    {
        register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, null, Now, Now));

        Assert.False(await Entitlement.IsPrincipalOrManagerAsync(Site, Principal, default));
    }

    [Fact]
    public async Task MayManageGrantsAsync_AdministratorByToken_TrueOnEveryPolicy()
    {
        Assert.True(await Entitlement.MayManageGrantsAsync(Site, register.Admin(), default));
        Assert.True(await Entitlement.MayManageGrantsAsync(NamedOperatorsSite, register.Admin(), default));
    }

    [Fact]
    public async Task MayManageGrantsAsync_AdministratorInRegisterTokenWithoutTheRole_False()
    {
        Assert.False(await Entitlement.MayManageGrantsAsync(Site, register.User(Administrator), default));
    }

    [Theory]
    [InlineData(Principal, true)]
    [InlineData(Manager, false)]
    [InlineData(OtherPrincipal, false)]
    [InlineData(Staff, false)]
    public async Task MayManageGrantsAsync_PrincipalAndManagerSite_OnlyThePrincipalBesidesAdministrators(string personId, bool expected)
    {
        Assert.Equal(expected, await Entitlement.MayManageGrantsAsync(Site, register.User(personId), default));
    }

    [Fact]
    public async Task MayManageGrantsAsync_DataProtectionOfficer_False()
    {
        Assert.False(await Entitlement.MayManageGrantsAsync(Site, register.DataProtectionOfficer(), default));
    }

    [Fact]
    public async Task MayManageGrantsAsync_NamedOperatorsSitePrincipal_False()
    {
        Assert.False(await Entitlement.MayManageGrantsAsync(NamedOperatorsSite, register.User(Principal), default));
    }

    [Fact]
    public async Task EligibleAsync_PrincipalAndManagerSite_ThePrincipalAndTheManager()
    {
        var (people, explanation) = await Entitlement.EligibleAsync(Site, default);

        Assert.Equal([Principal, Manager], people.Select(p => p.Id));
        Assert.Contains("Felskolan", explanation);
    }

    [Fact]
    public async Task EligibleAsync_PrincipalWithoutManager_OnlyThePrincipal()
    {
        register.Add(Person(Principal, "Rut Rektor"));

        Assert.Equal([Principal], (await Entitlement.EligibleAsync(Site, default)).People.Select(p => p.Id));
    }

    [Fact]
    public async Task EligibleAsync_UnitWithoutHead_Nobody()
    {
        register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, null, Now, Now));

        Assert.Empty((await Entitlement.EligibleAsync(Site, default)).People);
    }

    [Fact]
    public async Task EligibleAsync_NamedOperatorsSite_TheOperatorsInTheRegister()
    {
        register.Add(Person("operator", "Olle Operatör"));

        Assert.Equal(["operator"], (await Entitlement.EligibleAsync(NamedOperatorsSite, default)).People.Select(p => p.Id));
    }
}
