using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.Email;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Cameras.CameraTestData;

namespace Bra.IntegrationTests.Foundation;

/// <summary>What the dispatcher and the handlers do with hostile or unlucky requests: odd ids, outages, chunked bodies, races.</summary>
public sealed class DispatcherHardeningTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    /// <summary>End to end through both stores and the dispatcher (Azurite is laxer than Azure about keys, so the unit
    /// tests of <c>RouteDispatcher</c> are the ones that show the check).</summary>
    [Fact]
    public async Task Get_IdsThatAreNotTableKeys_404ProblemNot500()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        foreach (var path in new[]
                 {
                     "api/camera-sites/a%23b", "api/camera-sites/a%5Cb/history", "api/camera-requests/x%3Fy", "api/people/p%01q", "api/units/u%7Fv",
                     "api/documents/%23", "api/camera-sites/" + new string('a', 2000),
                 })
        {
            using var response = await admin.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task StaffRoute_OpenIdMetadataUnreachable_503ProblemWithoutStackTrace()
    {
        var settings = new Dictionary<string, string>
        {
            ["Auth__Mode"] = "Entra",
            ["Auth__TenantId"] = Guid.NewGuid().ToString(),
            ["Auth__Audience"] = TestIssuer.Audience,
            ["Auth__MetadataAddress"] = $"http://127.0.0.1:{Ports.Free()}/.well-known/openid-configuration",
            ["Email__Provider"] = nameof(EmailProvider.Outbox),
            ["Email__FromAddress"] = "noreply@example.se",
        };
        await using var host = new DevHostProcess(azurite, settings, environmentName: "Production");
        await host.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/people");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl");
        using var response = await host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrWhiteSpace(JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()));
        Assert.DoesNotContain(" at ", body);
        Assert.DoesNotContain("Exception", body);
    }

    [Fact]
    public async Task Api_ChunkedJsonOverLimitWithoutContentLength_413()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        var json = "{\"title\":\"" + new string('x', 5 * 1024 * 1024) + "\"}";
        using var content = new StreamContent(new NoLengthStream(System.Text.Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await admin.PostAsync("api/consultations", content);
        Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task CameraSubmit_TwoConcurrent_One202OneConflictEachTime()
    {
        await using var host = new DevHostProcess(azurite, new Dictionary<string, string> { ["Cameras__DailyScanEnabled"] = "false" });
        await host.StartAsync();
        using var admin = await host.ClientForAsync(Coordinator);
        var site = await CreateSiteAsync(admin, PublicSite("Samtidigtorget", Today.AddYears(1)));
        var siteId = site.GetProperty("id").GetString()!;

        for (var round = 0; round < 5; round++)
        {
            using var draft = await admin.PostAsJsonAsync($"api/camera-sites/{siteId}/requests", new { kind = "termination", justification = $"Runda {round}" });
            Assert.Equal(HttpStatusCode.Created, draft.StatusCode);
            var id = (await draft.JsonAsync()).GetProperty("id").GetString()!;

            var responses = await Task.WhenAll(admin.PostAsync($"api/camera-requests/{id}/submit", null), admin.PostAsync($"api/camera-requests/{id}/submit", null));
            var statuses = responses.Select(r => r.StatusCode).OrderBy(s => (int)s).ToList();
            foreach (var response in responses)
            {
                response.Dispose();
            }

            Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], statuses);
            using var again = await admin.PostAsync($"api/camera-requests/{id}/submit", null);
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
            Assert.Equal("submitted", (await (await admin.GetAsync($"api/camera-requests/{id}")).JsonAsync()).GetProperty("state").GetString());
        }
    }

    /// <summary>A readable stream that does not tell its length, so HttpClient sends it chunked.</summary>
    private sealed class NoLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
