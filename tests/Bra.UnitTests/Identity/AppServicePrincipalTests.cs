using System.Text;
using System.Text.Json;
using Bra.Core.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Bra.UnitTests.Identity;

public sealed class AppServicePrincipalTests
{
    private const string ObjectId = "0b7d2c7e-5f4a-4d3b-9a51-1f2e3d4c5b6a";
    private const string Tenant = "7d1c7a4e-3a8e-4c1f-9a51-2f6a1d3c0b11";

    /// <summary>
    /// The header as App Service Authentication sends it for an Entra sign-in: base64 JSON with <c>auth_typ</c>, the claims
    /// after the platform's claim mapping (long URI names for some), <c>name_typ</c> and <c>role_typ</c>.
    /// </summary>
    internal static string Header(string tenant, string objectId, string email, string[] roles, string authType = "aad")
    {
        var claims = new List<object>
        {
            new { typ = "aud", val = "11111111-2222-3333-4444-555555555555" },
            new { typ = "http://schemas.microsoft.com/identity/claims/objectidentifier", val = objectId },
            new { typ = "http://schemas.microsoft.com/identity/claims/tenantid", val = tenant },
            new { typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress", val = email },
            new { typ = "name", val = "Nora Ny" },
            new { typ = "preferred_username", val = email },
        };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = authType,
            claims,
            name_typ = "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    [Fact]
    public void Read_HeaderAsThePlatformSendsIt_ShortClaimNames()
    {
        var request = Request(Header(Tenant, ObjectId, "nora@example.se", [StaffRoles.Staff, StaffRoles.Administrator]));

        var identity = new AppServicePrincipal(Honoured: true).Read(request);

        Assert.NotNull(identity);
        Assert.Equal(ObjectId, identity.FindFirst("oid")?.Value);
        Assert.Equal(Tenant, identity.FindFirst("tid")?.Value);
        Assert.Equal("nora@example.se", identity.FindFirst("email")?.Value);
        Assert.Equal("Nora Ny", identity.FindFirst("name")?.Value);
        Assert.Equal([StaffRoles.Staff, StaffRoles.Administrator], identity.FindAll("roles").Select(c => c.Value));
    }

    [Fact]
    public void Read_RolesUnderTheRoleType_AreRoles()
    {
        var json = JsonSerializer.Serialize(new
        {
            auth_typ = "aad",
            claims = new[] { new { typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role", val = StaffRoles.Staff } },
            name_typ = "name",
            role_typ = "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        });

        var identity = new AppServicePrincipal(Honoured: true).Read(Request(Convert.ToBase64String(Encoding.UTF8.GetBytes(json))));

        Assert.Equal(StaffRoles.Staff, identity?.FindFirst("roles")?.Value);
    }

    [Fact]
    public void Read_NotHonoured_Null()
    {
        Assert.Null(AppServicePrincipal.Off.Read(Request(Header(Tenant, ObjectId, "nora@example.se", [StaffRoles.Staff]))));
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("bm90IGpzb24=")]
    [InlineData("W10=")]
    [InlineData("")]
    public void Read_Unreadable_Null(string header)
    {
        Assert.Null(new AppServicePrincipal(Honoured: true).Read(Request(header)));
    }

    [Fact]
    public void Read_AnotherProvider_Null()
    {
        var header = Header(Tenant, ObjectId, "nora@example.se", [StaffRoles.Staff], authType: "google");

        Assert.Null(new AppServicePrincipal(Honoured: true).Read(Request(header)));
    }

    [Theory]
    [InlineData("True", true)]
    [InlineData("true", true)]
    [InlineData("False", false)]
    [InlineData(null, false)]
    public void FromPlatform_HonouredOnlyWhenThePlatformReportsAuthenticationOn(string? value, bool honoured)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppServicePrincipal.EnabledSetting] = value }).Build();

        Assert.Equal(honoured, AppServicePrincipal.FromPlatform(configuration).Honoured);
    }

    private static HttpRequest Request(string header)
    {
        var context = new DefaultHttpContext();
        context.Request.Path = "/staff";
        context.Request.Headers[AppServicePrincipal.Header] = header;
        return context.Request;
    }
}
