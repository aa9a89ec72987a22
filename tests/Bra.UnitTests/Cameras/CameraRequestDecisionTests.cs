using Azure;
using Bra.Core;
using Bra.Core.Cameras;
using Bra.Core.Identity;
using Bra.Core.People;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Bra.UnitTests.Cameras;

/// <summary>
/// Who may record a decision on a camera request: an administrator by the token's role for every unit, a decision-maker
/// configured for the request's unit for that unit only; nobody else, and never from the roles in the register.
/// </summary>
public sealed class CameraRequestDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DecisionInput Rejection = new(DecisionOutcome.Rejected, "Kommunstyrelsen", null, null, null, null, "Inte proportionerligt.");

    private readonly Mock<ICameraRequestRecords> store = new(MockBehavior.Strict);
    private readonly Mock<DurableTaskClient> durable = new(MockBehavior.Strict, "test");
    private readonly CamerasOptions options = new()
    {
        DecisionMakers = new(StringComparer.Ordinal) { ["u1"] = ["beslutsfattare"], ["u2"] = ["annan-beslutsfattare"] },
    };

    private CameraRequest request = new("r1", "s1", RequestKind.Extension, RequestState.Submitted, "Fortsatt behov.", null, null, [], [], null,
        "sokande", "Sara Sökande", Now, Now, null, null, false);

    public CameraRequestDecisionTests()
    {
        var site = new CameraSite("s1", "Felskolan", null, SiteKind.SchoolIndoor, "u1", "Trygghet", null, 72, null, true, null, null,
            AccessPolicy.PrincipalAndManager, [], SiteState.Active, null, null, null, null, [], null, false, [], 1, Now, Now);
        store.Setup(s => s.GetRequestAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => id == request.Id ? (request, new ETag("1")) : null);
        store.Setup(s => s.GetSiteAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => id == site.Id ? site : null);
        store.Setup(s => s.ReplaceRequestAsync(It.IsAny<CameraRequest>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>())).ReturnsAsync(true);
        durable.Setup(d => d.RaiseEventAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<object?>(), It.IsAny<CancellationToken>()))
            .Returns(Task.CompletedTask);
    }

    // DecideAsync checks the decision by the static decision rules: the request validator (documents, people) is not used.
    private CameraRequests Requests => new(store.Object, null!, new CameraDecisionMakers(new Mock<IPeopleLookup>(MockBehavior.Strict).Object, Options.Create(options)),
        Options.Create(options), new FakeTimeProvider(Now));

    private static StaffUser User(string id, string[]? registerRoles = null, params string[] tokenRoles) =>
        new(new Person(id, id, $"{id}@example.se", null, null, null, registerRoles ?? [], Now, Now), new HashSet<string>(tokenRoles, StringComparer.Ordinal));

    private Task<Result<CameraRequest>> DecideAsync(StaffUser user) => Requests.DecideAsync("r1", Rejection, user, durable.Object, default);

    private void DecisionStored(Times times)
    {
        store.Verify(s => s.ReplaceRequestAsync(It.IsAny<CameraRequest>(), It.IsAny<ETag>(), It.IsAny<CancellationToken>()), times);
        durable.Verify(d => d.RaiseEventAsync("r1", CameraRequestOrchestrator.DecisionEvent, "Rejected", It.IsAny<CancellationToken>()), times);
    }

    [Fact]
    public async Task DecideAsync_AdministratorByToken_DecisionStoredAndWorkflowTold()
    {
        var decided = await DecideAsync(User("admin", null, StaffRoles.Administrator));

        Assert.Equal(ResultStatus.Ok, decided.Status);
        Assert.Equal(RequestState.Rejected, decided.Value!.State);
        Assert.Equal("admin", decided.Value.Decision!.RecordedById);
        DecisionStored(Times.Once());
    }

    [Fact]
    public async Task DecideAsync_DecisionMakerOfTheRequestsUnit_DecisionStored()
    {
        Assert.Equal(ResultStatus.Ok, (await DecideAsync(User("beslutsfattare"))).Status);
        DecisionStored(Times.Once());
    }

    [Fact]
    public async Task DecideAsync_DecisionMakerOfAnotherUnit_ForbiddenNothingStored()
    {
        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("annan-beslutsfattare"))).Status);
        DecisionStored(Times.Never());
    }

    [Fact]
    public async Task DecideAsync_StaffWithoutRoleOrConfiguration_ForbiddenNothingStored()
    {
        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("sokande"))).Status);
        DecisionStored(Times.Never());
    }

    [Fact]
    public async Task DecideAsync_AdministratorInRegisterTokenWithoutTheRole_Forbidden()
    {
        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("admin", [StaffRoles.Administrator]))).Status);
        DecisionStored(Times.Never());
    }

    [Fact]
    public async Task DecideAsync_DataProtectionOfficer_Forbidden()
    {
        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("dso", null, StaffRoles.DataProtectionOfficer))).Status);
        DecisionStored(Times.Never());
    }

    [Fact]
    public async Task DecideAsync_UnitWithoutConfiguredDecisionMakers_OnlyAdministrators()
    {
        options.DecisionMakers.Remove("u1");

        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("beslutsfattare"))).Status);
        Assert.Equal(ResultStatus.Ok, (await DecideAsync(User("admin", null, StaffRoles.Administrator))).Status);
    }

    [Fact]
    public async Task DecideAsync_SiteOfTheRequestGone_ForbiddenEvenForAdministrators()
    {
        request = request with { SiteId = "borta" };

        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("admin", null, StaffRoles.Administrator))).Status);
        DecisionStored(Times.Never());
    }

    [Fact]
    public async Task DecideAsync_RequestMissing_NotFound()
    {
        var decided = await Requests.DecideAsync("finns-inte", Rejection, User("admin", null, StaffRoles.Administrator), durable.Object, default);

        Assert.Equal(ResultStatus.NotFound, decided.Status);
    }

    [Theory]
    [InlineData(RequestState.Draft)]
    [InlineData(RequestState.Approved)]
    [InlineData(RequestState.Withdrawn)]
    public async Task DecideAsync_DecisionMakerRequestNotSubmitted_ConflictNothingStored(RequestState state)
    {
        request = request with { State = state };

        Assert.Equal(ResultStatus.Conflict, (await DecideAsync(User("beslutsfattare"))).Status);
        DecisionStored(Times.Never());
    }

    [Fact]
    public async Task DecideAsync_AnotherUnitsDecisionMakerOnADraft_ForbiddenBeforeTheState()
    {
        request = request with { State = RequestState.Draft };

        Assert.Equal(ResultStatus.Forbidden, (await DecideAsync(User("annan-beslutsfattare"))).Status);
    }
}
