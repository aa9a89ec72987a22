using Bra.Core.Cameras;
using Bra.Core.Identity;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Microsoft.Extensions.Options;

namespace Bra.IntegrationTests.Cameras;

/// <summary>Whom a camera request is mailed to (the register) and who may decide it (the token's roles), over Azurite.</summary>
public sealed class CameraDecisionMakersTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task ForUnit_UnconfiguredUnitWithOneAdministratorDeactivated_OnlyActiveAdministratorMailed()
    {
        var people = Store();
        var active = (await people.CreatePersonAsync(new PersonInput("Aktiv Admin", $"aktiv.{Guid.NewGuid():N}@example.se", null, null, null, [StaffRoles.Administrator]))).Value!;
        var leaver = (await people.CreatePersonAsync(new PersonInput("Avslutad Admin", $"avslutad.{Guid.NewGuid():N}@example.se", null, null, null, [StaffRoles.Administrator]))).Value!;
        Assert.NotNull((await people.DeactivatePersonAsync(leaver.Id)).Value);
        var deciders = new CameraDecisionMakers(people, Options.Create(new CamerasOptions()));

        var mailed = (await deciders.ForUnitAsync("unit-utan-konfiguration")).Select(p => p.Id).ToList();

        Assert.Contains(active.Id, mailed);
        Assert.DoesNotContain(leaver.Id, mailed);
        Assert.DoesNotContain(leaver.Id, (await deciders.AdministratorsAsync()).Select(p => p.Id));
    }

    [Fact]
    public async Task MayDecide_AdministratorInRegisterWithoutTokenRole_False()
    {
        var people = Store();
        var admin = (await people.CreatePersonAsync(new PersonInput("Register Admin", $"register.{Guid.NewGuid():N}@example.se", null, null, null, [StaffRoles.Administrator]))).Value!;
        var options = new CamerasOptions();
        options.DecisionMakers["unit-konfigurerad"] = ["demo-beslutsfattare"];
        var deciders = new CameraDecisionMakers(people, Options.Create(options));

        Assert.False(deciders.MayDecide(new StaffUser(admin, new HashSet<string>()), "unit-utan-konfiguration"));
        Assert.True(deciders.MayDecide(new StaffUser(admin, new HashSet<string> { StaffRoles.Administrator }), "unit-utan-konfiguration"));
        Assert.True(deciders.MayDecide(new StaffUser(admin with { Id = "demo-beslutsfattare" }, new HashSet<string>()), "unit-konfigurerad"));
    }

    private PeopleStore Store() =>
        new(azurite.Storage(), TimeProvider.System);
}
