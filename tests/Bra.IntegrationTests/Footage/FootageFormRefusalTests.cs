using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>
/// The footage forms and the camera decision form read posts through the staff forms: a post that is not a form, or a
/// form over the limit (declared, or sent without a length), gets the same Swedish page as every other staff form, and
/// nothing is stored or logged.
/// </summary>
public sealed class FootageFormRefusalTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    private const int OverLimit = 80 * 1024;

    [Theory]
    [InlineData("staff/footage/{site}")]
    [InlineData("staff/footage/{site}/disclosure")]
    [InlineData("staff/cameras/{site}/grants")]
    [InlineData("staff/cameras/{site}/grants/finns-inte/revoke")]
    [InlineData("staff/camera-requests/finns-inte")]
    public async Task Post_NotAFormOrTooLarge_SwedishPageNothingStored(string route)
    {
        var school = await CreateSchoolAsync(fixture.Admin, $"Formskolan {Guid.NewGuid().ToString("N")[..6]}");
        using var principal = await fixture.ClientForAsync(school.PrincipalEmail);
        var path = route.Replace("{site}", school.SiteId, StringComparison.Ordinal);
        var fields = new Dictionary<string, string> { ["personId"] = school.PrincipalId, ["purpose"] = new string('x', OverLimit), ["outcome"] = "approved" };

        using (var json = await principal.PostAsJsonAsync(path, new { personId = school.PrincipalId }))
        {
            await AssertPageAsync(json, HttpStatusCode.BadRequest, "Formuläret kunde inte tas emot");
        }

        using (var declared = await principal.PostAsync(path, new FormUrlEncodedContent(fields)))
        {
            await AssertPageAsync(declared, HttpStatusCode.RequestEntityTooLarge, "Formuläret är för stort");
        }

        using (var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(Form(fields), Encoding.ASCII, "application/x-www-form-urlencoded") })
        {
            request.Headers.TransferEncodingChunked = true;
            using var unmeasured = await principal.SendAsync(request);
            await AssertPageAsync(unmeasured, HttpStatusCode.RequestEntityTooLarge, "Formuläret är för stort");
        }

        Assert.Empty(await LogAsync(fixture.Dpo, school.SiteId));
        Assert.Empty((await fixture.Admin.GetFromJsonAsync<JsonElement>($"api/camera-sites/{school.SiteId}/grants")).EnumerateArray());
    }

    private static string Form(Dictionary<string, string> fields) =>
        string.Join('&', fields.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));

    private static async Task AssertPageAsync(HttpResponseMessage response, HttpStatusCode status, string heading)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(heading, WebUtility.HtmlDecode(body));
    }
}
