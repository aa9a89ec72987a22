using Bra.Core;
using Bra.Core.Footage;
using Bra.Core.People;
using Moq;
using static Bra.UnitTests.Footage.FootageInputs;
using static Bra.UnitTests.Footage.FootageRegister;

namespace Bra.UnitTests.Footage;

/// <summary>Who may grant, revoke and list footage grants, and when a grant is valid, over mocked records and register.</summary>
public sealed class FootageGrantsTests
{
    private readonly FootageFakes fakes = new();

    private FootageRegister Register => fakes.Register;

    [Fact]
    public async Task CreateAsync_AdministratorGrantsThePrincipal_CreatedAndStored()
    {
        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Principal, null), Register.Admin(), default);

        Assert.Equal(ResultStatus.Created, created.Status);
        Assert.True(created.Value!.Valid);
        Assert.Equal(Principal, Assert.Single(fakes.Stored).PersonId);
        Assert.Empty(fakes.Denied);
    }

    [Fact]
    public async Task CreateAsync_PrincipalGrantsTheManager_Created()
    {
        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Manager, null), Register.User(Principal), default);

        Assert.Equal(ResultStatus.Created, created.Status);
        Assert.Equal(Principal, created.Value!.GrantedById);
    }

    [Theory]
    [InlineData(Manager)]
    [InlineData(OtherPrincipal)]
    [InlineData(Staff)]
    public async Task CreateAsync_CallerNeitherAdministratorNorThePrincipal_ForbiddenRefusalLoggedNothingStored(string callerId)
    {
        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Principal, null), Register.User(callerId), default);

        Assert.Equal(ResultStatus.Forbidden, created.Status);
        Assert.Empty(fakes.Stored);
        var (attempted, _, actor) = Assert.Single(fakes.Denied);
        Assert.Equal(("grant", callerId), (attempted, actor));
    }

    [Fact]
    public async Task CreateAsync_DataProtectionOfficer_Forbidden()
    {
        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Principal, null), Register.DataProtectionOfficer(), default);

        Assert.Equal(ResultStatus.Forbidden, created.Status);
        Assert.Single(fakes.Denied);
    }

    [Fact]
    public async Task CreateAsync_AdministratorGrantsHimself_ForbiddenByThePolicyAndLogged()
    {
        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Administrator, null), Register.Admin(), default);

        Assert.Equal(ResultStatus.Forbidden, created.Status);
        Assert.Contains("Ada Admin", created.Message);
        Assert.Empty(fakes.Stored);
        Assert.Equal("grant", Assert.Single(fakes.Denied).Attempted);
    }

    [Fact]
    public async Task CreateAsync_AdministratorGrantsAnotherSchoolsPrincipal_Forbidden()
    {
        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(OtherPrincipal, null), Register.Admin(), default);

        Assert.Equal(ResultStatus.Forbidden, created.Status);
        Assert.Empty(fakes.Stored);
    }

    [Fact]
    public async Task CreateAsync_NamedOperatorsSiteThePrincipal_ForbiddenOnlyAdministratorsGrant()
    {
        var site = Site with { AccessPolicy = Bra.Core.Cameras.AccessPolicy.NamedOperators, Operators = [Manager] };
        fakes.Sites.Setup(s => s.GetSiteAsync(Site.Id, It.IsAny<CancellationToken>())).ReturnsAsync(site);

        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Manager, null), Register.User(Principal), default);

        Assert.Equal(ResultStatus.Forbidden, created.Status);
        Assert.Contains("Bara administratörer", created.Message);
    }

    [Fact]
    public async Task CreateAsync_PersonAlreadyHoldsAValidGrant_Conflict()
    {
        fakes.Grant(Principal);

        var created = await fakes.FootageGrants().CreateAsync(Site.Id, new GrantInput(Principal, null), Register.Admin(), default);

        Assert.Equal(ResultStatus.Conflict, created.Status);
        Assert.Single(fakes.Stored);
    }

    [Fact]
    public async Task CreateAsync_SiteMissing_NotFoundNothingLogged()
    {
        var created = await fakes.FootageGrants().CreateAsync("finns-inte", new GrantInput(Principal, null), Register.Admin(), default);

        Assert.Equal(ResultStatus.NotFound, created.Status);
        Assert.Empty(fakes.Denied);
    }

    [Theory]
    [InlineData(Administrator, ResultStatus.Ok)]
    [InlineData(Principal, ResultStatus.Ok)]
    [InlineData(Manager, ResultStatus.Forbidden)]
    [InlineData(OtherPrincipal, ResultStatus.Forbidden)]
    [InlineData(Dpo, ResultStatus.Forbidden)]
    public async Task RevokeAsync_Caller_OnlyAdministratorsAndThePrincipalRevoke(string callerId, ResultStatus expected)
    {
        var grant = fakes.Grant(Manager);
        var caller = callerId switch
        {
            Administrator => Register.Admin(),
            Dpo => Register.DataProtectionOfficer(),
            _ => Register.User(callerId),
        };

        var revoked = await fakes.FootageGrants().RevokeAsync(Site.Id, grant.Id, new RevokeInput("Slutat på skolan"), caller, default);

        Assert.Equal(expected, revoked.Status);
        fakes.Grants.Verify(g => g.ReplaceGrantAsync(It.IsAny<FootageGrant>(), It.IsAny<Azure.ETag>(), It.IsAny<CancellationToken>()),
            expected == ResultStatus.Ok ? Times.Once() : Times.Never());
    }

    [Fact]
    public async Task RevokeAsync_AlreadyRevoked_Conflict()
    {
        var grant = fakes.Grant(Manager, revokedAt: Now.AddDays(-1));

        var revoked = await fakes.FootageGrants().RevokeAsync(Site.Id, grant.Id, new RevokeInput("Igen"), Register.Admin(), default);

        Assert.Equal(ResultStatus.Conflict, revoked.Status);
    }

    [Theory]
    [InlineData(Administrator, 2)]
    [InlineData(Dpo, 2)]
    [InlineData(Principal, 2)]
    [InlineData(Manager, 2)]
    [InlineData(OtherPrincipal, 1)]
    [InlineData(Staff, 0)]
    public async Task ListAsync_Caller_AdministratorsDpoPrincipalAndManagerSeeEveryGrantOthersTheirOwn(string callerId, int expected)
    {
        fakes.Grant(Manager);
        fakes.Grant(OtherPrincipal);
        var caller = callerId switch
        {
            Administrator => Register.Admin(),
            Dpo => Register.DataProtectionOfficer(),
            _ => Register.User(callerId),
        };

        var views = await fakes.FootageGrants().ListAsync(Site.Id, caller, default);

        Assert.Equal(expected, views!.Count);
        if (expected == 1)
        {
            Assert.Equal(callerId, views.Single().PersonId);
        }
    }

    [Fact]
    public async Task ValidGrantAsync_GrantOfThePrincipal_Valid()
    {
        var grant = fakes.Grant(Principal);

        var (view, _) = await fakes.FootageGrants().ValidGrantAsync(Site, Principal, default);

        Assert.Equal(grant.Id, view?.Id);
    }

    [Fact]
    public async Task ValidGrantAsync_HolderNoLongerHeadOfTheUnit_NoValidGrantReasonGiven()
    {
        fakes.Grant(Principal);
        Register.SetUnit(new Unit("u1", "Felskolan", UnitKind.School, OtherPrincipal, Now, Now));

        var (view, reason) = await fakes.FootageGrants().ValidGrantAsync(Site, Principal, default);

        Assert.Null(view);
        Assert.Contains("gäller inte längre", reason);
    }

    [Fact]
    public async Task ValidGrantAsync_GrantRevoked_NoValidGrant()
    {
        fakes.Grant(Principal, revokedAt: Now.AddHours(-1));

        Assert.Null((await fakes.FootageGrants().ValidGrantAsync(Site, Principal, default)).Grant);
    }

    [Fact]
    public async Task ValidGrantAsync_GrantPastItsEndDate_NoValidGrant()
    {
        fakes.Grant(Principal, validUntil: Today.AddDays(-1));

        Assert.Null((await fakes.FootageGrants().ValidGrantAsync(Site, Principal, default)).Grant);
    }

    [Fact]
    public async Task ValidGrantAsync_GrantEndsToday_Valid()
    {
        fakes.Grant(Principal, validUntil: Today);

        Assert.NotNull((await fakes.FootageGrants().ValidGrantAsync(Site, Principal, default)).Grant);
    }

    [Fact]
    public async Task ValidGrantAsync_NoGrant_NoneWithReason()
    {
        var (view, reason) = await fakes.FootageGrants().ValidGrantAsync(Site, Manager, default);

        Assert.Null(view);
        Assert.Contains("ingen behörighet", reason);
    }

    [Theory]
    [InlineData(Principal)]
    [InlineData(Manager)]
    public async Task ViewAsync_HolderDeactivatedInRegister_NotEntitledWithTheReason(string holder)
    {
        var grant = fakes.Grant(holder);
        Register.Add(Person(holder, "Inaktiverad", manager: holder == Principal ? Manager : null) with { DeactivatedAt = Now });

        var view = await fakes.FootageGrants().ViewAsync(Site, grant, default);

        Assert.Equal(GrantState.NotEntitled, view.State);
        Assert.False(view.Valid);
        Assert.Contains("inaktiverad", view.StateReason);
    }
}
