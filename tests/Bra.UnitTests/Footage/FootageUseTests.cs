using Bra.Core;
using Bra.Core.Identity;
using Bra.Core.People;
using static Bra.UnitTests.Footage.FootageInputs;
using static Bra.UnitTests.Footage.FootageRegister;

namespace Bra.UnitTests.Footage;

/// <summary>Who may view or export footage, record a police disclosure, read and verify the access log; every refusal is logged.</summary>
public sealed class FootageUseTests
{
    private readonly FootageFakes fakes = new();

    private FootageRegister Register => fakes.Register;

    private StaffUser Caller(string id) => id switch
    {
        Administrator => Register.Admin(),
        Dpo => Register.DataProtectionOfficer(),
        _ => Register.User(id),
    };

    [Fact]
    public async Task AuthorizeAccessAsync_HolderOfAValidGrant_Ok()
    {
        fakes.Grant(Manager);

        var access = await fakes.FootageUse().AuthorizeAccessAsync(Site.Id, Register.User(Manager), default);

        Assert.Equal(ResultStatus.Ok, access.Status);
        Assert.Empty(fakes.Denied);
    }

    [Theory]
    [InlineData(Principal)]
    [InlineData(Administrator)]
    [InlineData(Dpo)]
    public async Task AuthorizeAccessAsync_EntitledOrStaffRoleButNoGrant_ForbiddenAndLogged(string callerId)
    {
        var access = await fakes.FootageUse().AuthorizeAccessAsync(Site.Id, Caller(callerId), default);

        Assert.Equal(ResultStatus.Forbidden, access.Status);
        var denied = Assert.Single(fakes.Denied);
        Assert.Equal(("access", callerId), (denied.Attempted, denied.Actor));
    }

    [Fact]
    public async Task AuthorizeAccessAsync_GrantHolderNoLongerPrincipal_ForbiddenWithTheReason()
    {
        fakes.Grant(Principal);
        Register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, OtherPrincipal, Now, Now));

        var access = await fakes.FootageUse().AuthorizeAccessAsync(Site.Id, Register.User(Principal), default);

        Assert.Equal(ResultStatus.Forbidden, access.Status);
        Assert.Contains("gäller inte längre", Assert.Single(fakes.Denied).Reason);
    }

    [Fact]
    public async Task AuthorizeAccessAsync_ManagerOfADeactivatedPrincipal_StillEntitledThroughTheRegister()
    {
        Register.Add(Person(Principal, "Rut Rektor", manager: Manager) with { DeactivatedAt = Now.AddDays(-1) });
        fakes.Grant(Manager);

        Assert.Equal(ResultStatus.Ok, (await fakes.FootageUse().AuthorizeAccessAsync(Site.Id, Register.User(Manager), default)).Status);
    }

    [Fact]
    public async Task AuthorizeAccessAsync_SiteMissing_NotFoundNothingLogged()
    {
        var access = await fakes.FootageUse().AuthorizeAccessAsync("finns-inte", Register.User(Manager), default);

        Assert.Equal(ResultStatus.NotFound, access.Status);
        Assert.Empty(fakes.Denied);
    }

    [Theory]
    [InlineData(Principal, ResultStatus.Ok)]
    [InlineData(Manager, ResultStatus.Ok)]
    [InlineData(OtherPrincipal, ResultStatus.Forbidden)]
    [InlineData(Administrator, ResultStatus.Forbidden)]
    [InlineData(Dpo, ResultStatus.Forbidden)]
    public async Task AuthorizeDisclosureAsync_Caller_OnlyThePrincipalAndTheManager(string callerId, ResultStatus expected)
    {
        var disclosure = await fakes.FootageUse().AuthorizeDisclosureAsync(Site.Id, Caller(callerId), default);

        Assert.Equal(expected, disclosure.Status);
        Assert.Equal(expected == ResultStatus.Forbidden ? new[] { "disclosure" } : [], fakes.Denied.Select(d => d.Attempted));
    }

    [Theory]
    [InlineData(Dpo, false, ResultStatus.Ok)]
    [InlineData(Manager, true, ResultStatus.Ok)]
    [InlineData(Manager, false, ResultStatus.Forbidden)]
    [InlineData(Administrator, false, ResultStatus.Forbidden)]
    [InlineData(Principal, false, ResultStatus.Forbidden)]
    public async Task AuthorizeReadAsync_Caller_GranteesAndTheDataProtectionOfficer(string callerId, bool holdsGrant, ResultStatus expected)
    {
        if (holdsGrant)
        {
            fakes.Grant(callerId);
        }

        var read = await fakes.FootageUse().AuthorizeReadAsync(Site.Id, Caller(callerId), default);

        Assert.Equal(expected, read.Status);
        Assert.Equal(expected == ResultStatus.Forbidden ? new[] { "read-log" } : [], fakes.Denied.Select(d => d.Attempted));
    }

    [Theory]
    [InlineData(Administrator, false, ResultStatus.Ok)]
    [InlineData(Dpo, false, ResultStatus.Ok)]
    [InlineData(Manager, true, ResultStatus.Ok)]
    [InlineData(Manager, false, ResultStatus.Forbidden)]
    [InlineData(Staff, false, ResultStatus.Forbidden)]
    public async Task AuthorizeVerifyAsync_Caller_AdministratorsDpoAndGrantees(string callerId, bool holdsGrant, ResultStatus expected)
    {
        if (holdsGrant)
        {
            fakes.Grant(callerId);
        }

        var verify = await fakes.FootageUse().AuthorizeVerifyAsync(Site.Id, Caller(callerId), default);

        Assert.Equal(expected, verify.Status);
        Assert.Equal(expected == ResultStatus.Forbidden ? new[] { "verify-log" } : [], fakes.Denied.Select(d => d.Attempted));
    }

    [Fact]
    public async Task AuthorizeVerifyAsync_AdministratorInRegisterTokenWithoutTheRole_Forbidden()
    {
        var verify = await fakes.FootageUse().AuthorizeVerifyAsync(Site.Id, Register.User(Administrator), default);

        Assert.Equal(ResultStatus.Forbidden, verify.Status);
    }
}
