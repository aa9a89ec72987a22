using Bra.Core.Identity;
using Bra.Core.Pages;
using Bra.Core.People;
using Bra.DevHost.Dev;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.IntegrationTests.Foundation;

/// <summary>The development sign-in page names each person's roles in Swedish.</summary>
public sealed class SignInPageRoleTests
{
    [Fact]
    public async Task SignInPage_PeopleWithRoles_RolesInSwedish()
    {
        var people = new[]
        {
            Person("a", "Sam Samordnare", [StaffRoles.Administrator]),
            Person("b", "Dana Dataskydd", [StaffRoles.DataProtectionOfficer]),
            Person("c", "Alva Alltiallo", [StaffRoles.Administrator, StaffRoles.DataProtectionOfficer]),
        };
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();

        var html = System.Net.WebUtility.HtmlDecode(await PageRenderer.RenderAsync<SignInPage>(services, new Dictionary<string, object?> { ["People"] = people }));

        Assert.Contains("(a@example.se), roll: administratör", html);
        Assert.Contains("(b@example.se), roll: dataskyddsombud", html);
        Assert.Contains("(c@example.se), roller: administratör, dataskyddsombud", html);
        Assert.DoesNotMatch(">[^<]*DataProtectionOfficer", html); // role codes only in attribute values, never in text
        Assert.Contains("en ny person med dessa roller", html);
    }

    private static Person Person(string id, string name, IReadOnlyList<string> roles) =>
        new(id, name, $"{id}@example.se", "Titel", null, null, roles, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
}
