using System.Net;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>The development host's own defences: Host names, the signing key's file mode, the sign-in form's anti-forgery token.</summary>
public sealed class DevHostSecurityTests(DevHostSecurityTests.HostFixture fixture) : IClassFixture<DevHostSecurityTests.HostFixture>
{
    private readonly DevHostProcess host = fixture.Host;

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:7071")]
    public async Task DevToken_ForeignHostName_400(string hostName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "dev/token")
        {
            Content = new StringContent("{\"email\":\"samordnare@example.se\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Host = hostName;
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("accessToken", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1")]
    public async Task Health_LoopbackHostName_200(string hostName)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/health");
        request.Headers.Host = $"{hostName}:{host.Port}";
        using var response = await host.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SigningKey_AfterFirstToken_FileMode0600()
    {
        await host.TokenAsync("samordnare@example.se");
        var mode = File.GetUnixFileMode(Path.Combine(host.DataFolder, "keys", "dev-signing-key.bin"));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, mode);
    }

    [Fact]
    public async Task SignInPost_WithoutAntiforgeryToken_400AndNoSignInCookie()
    {
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };
        using var response = await client.PostAsync("dev/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "samordnare@example.se" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        Assert.DoesNotContain(cookies, c => c.StartsWith("bra_dev_staff=", StringComparison.Ordinal));
        Assert.Contains("person igen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ApiRoute_OnlyTheSignInCookie_401()
    {
        var token = await host.TokenAsync("samordnare@example.se");
        using var handler = new HttpClientHandler { UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = host.BaseAddress };

        using var api = new HttpRequestMessage(HttpMethod.Get, "api/people");
        api.Headers.Add("Cookie", $"bra_dev_staff={token}");
        using var apiResponse = await client.SendAsync(api);
        Assert.Equal(HttpStatusCode.Unauthorized, apiResponse.StatusCode);

        using var page = new HttpRequestMessage(HttpMethod.Get, "staff/cameras");
        page.Headers.Add("Cookie", $"bra_dev_staff={token}");
        using var pageResponse = await client.SendAsync(page);
        Assert.Equal(HttpStatusCode.OK, pageResponse.StatusCode);

        // The page's CSV link points at a staff route, so it works with the browser's sign-in.
        Assert.Contains("href=\"/staff/camera-register?format=csv\"", await pageResponse.Content.ReadAsStringAsync());
        using var csv = new HttpRequestMessage(HttpMethod.Get, "staff/camera-register?format=csv");
        csv.Headers.Add("Cookie", $"bra_dev_staff={token}");
        using var csvResponse = await client.SendAsync(csv);
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>One development host in the Development environment over its own Azurite.</summary>
    public sealed class HostFixture : IAsyncLifetime
    {
        private readonly AzuriteFixture azurite = new();

        public DevHostProcess Host { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            await azurite.InitializeAsync();
            Host = new DevHostProcess(azurite);
            await Host.StartAsync();
        }

        public async Task DisposeAsync()
        {
            try
            {
                if (Host is not null)
                {
                    await Host.DisposeAsync();
                }
            }
            finally
            {
                await azurite.DisposeAsync();
            }
        }
    }
}
