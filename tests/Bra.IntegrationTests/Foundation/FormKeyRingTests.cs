using System.Net;
using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// Flex Consumption has no shared disk: two instances of the app share only the council's storage. The anti-forgery
/// key ring lives there, so a staff form rendered by one instance is accepted by another. The two development hosts
/// here share Azurite and the development sign-in key folder (what stands in for Entra), but not a home directory,
/// where ASP.NET Core would otherwise keep its keys.
/// </summary>
public sealed partial class FormKeyRingTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StaffForm_RenderedByOneHostPostedToAnother_Accepted()
    {
        var signInKeys = Directory.CreateTempSubdirectory("bra-signin-keys-").FullName;
        await using var first = new DevHostProcess(azurite, Settings(signInKeys));
        await first.StartAsync();
        await using var second = new DevHostProcess(azurite, Settings(signInKeys));
        await second.StartAsync();

        var cookies = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies });
        // Cookies belong to the host name, not the port: both hosts see the same sign-in and anti-forgery cookies.
        cookies.Add(first.BaseAddress, new Cookie("bra_dev_staff", await first.TokenAsync(DemoPeople.Coordinator)));
        using var page = await browser.GetAsync(new Uri(first.BaseAddress, "staff"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var field = AntiforgeryField().Match(await page.Content.ReadAsStringAsync());
        Assert.True(field.Success, "the staff page has no anti-forgery field");
        var form = new FormUrlEncodedContent([new(field.Groups[1].Value, WebUtility.HtmlDecode(field.Groups[2].Value))]);

        using var posted = await browser.PostAsync(new Uri(second.BaseAddress, "staff/logout"), form);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
    }

    private static Dictionary<string, string> Settings(string signInKeys) => new()
    {
        ["Auth__DevelopmentKeyFolder"] = signInKeys,
        ["HOME"] = Directory.CreateTempSubdirectory("bra-home-").FullName,
    };

    [GeneratedRegex("name=\"(__RequestVerificationToken[^\"]*)\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
