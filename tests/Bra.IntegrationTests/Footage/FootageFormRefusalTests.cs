using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bra.Core.Footage;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Footage.FootageTestData;

namespace Bra.IntegrationTests.Footage;

/// <summary>
/// The footage forms and the camera decision form read posts through the staff forms: a post that is not a form, a
/// form over the limit (declared, or sent without a length), or one whose Content-Length lies, gets the same Swedish
/// page as every other staff form, and nothing is stored or logged.
/// </summary>
public sealed class FootageFormRefusalTests(FootageHost fixture) : IClassFixture<FootageHost>
{
    private const int OverLimit = 80 * 1024;

    /// <summary>The five forms: log an access, record a disclosure, grant, revoke, decide a camera request.</summary>
    public static TheoryData<string> Routes => new()
    {
        "staff/footage/{site}",
        "staff/footage/{site}/disclosure",
        "staff/cameras/{site}/grants",
        "staff/cameras/{site}/grants/finns-inte/revoke",
        "staff/camera-requests/finns-inte",
    };

    /// <summary>Who posts: the school's principal, except on the camera request form, which only decision-makers reach (the coordinator).</summary>
    private static string Poster(string route, string principalEmail) =>
        route.StartsWith("staff/camera-requests/", StringComparison.Ordinal) ? DemoPeople.Coordinator : principalEmail;

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_NotAFormOrTooLarge_SwedishPageNothingStored(string route)
    {
        var school = await CreateSchoolAsync(fixture.Admin, $"Formskolan {Guid.NewGuid().ToString("N")[..6]}");
        using var principal = await fixture.ClientForAsync(Poster(route, school.PrincipalEmail));
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

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Post_ContentLengthSmallerOrLargerThanTheBody_SwedishPageNothingStored(string route)
    {
        var school = await CreateSchoolAsync(fixture.Admin, $"Längdskolan {Guid.NewGuid().ToString("N")[..6]}");
        var cookies = "bra_dev_staff=" + await fixture.Host.TokenAsync(Poster(route, school.PrincipalEmail));
        var path = route.Replace("{site}", school.SiteId, StringComparison.Ordinal);
        var (contentType, overLimit) = RawHttp.Multipart(new Dictionary<string, string> { ["personId"] = school.PrincipalId, ["purpose"] = new string('x', OverLimit), ["outcome"] = "approved" });

        // Claims 4 kB and sends 80 kB: only the claimed bytes are this request's body, a form cut off mid-field, refused.
        var cut = await RawHttp.PostAsync(fixture.Host.BaseAddress, path, cookies, contentType, overLimit, declaredLength: 4096);
        Assert.True(cut.Status == 400, cut.ToString());
        Assert.Contains("Formuläret kom inte fram helt", cut.Page);

        // Claims more than the limit (64 kB on all five forms) and sends a short form: refused from the header with 413.
        var (_, small) = RawHttp.Multipart(new Dictionary<string, string> { ["personId"] = school.PrincipalId, ["purpose"] = "Kort", ["outcome"] = "approved" });
        var claimed = await RawHttp.PostAsync(fixture.Host.BaseAddress, path, cookies, contentType, small, declaredLength: FootagePageRoutes.MaxFormBytes + 1);
        Assert.True(claimed.Status == 413, claimed.ToString());
        Assert.Contains("Formuläret är för stort", claimed.Page);

        // Claims 1 kB more than it sends, within the limit: the rest never comes, and when the host stops waiting for it
        // (Kestrel's minimum body data rate, after about five seconds) the form is refused as cut off.
        var waited = await RawHttp.PostAsync(fixture.Host.BaseAddress, path, cookies, contentType, small, declaredLength: small.Length + 1024);
        Assert.True(waited.Status == 400, waited.ToString());
        Assert.Contains("Formuläret kom inte fram helt", waited.Page);

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
