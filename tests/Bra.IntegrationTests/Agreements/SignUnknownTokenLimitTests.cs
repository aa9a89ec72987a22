using System.Net;
using Bra.Core.Links;
using Bra.IntegrationTests.Consultations;
using static Bra.IntegrationTests.Agreements.AgreementDriver;

namespace Bra.IntegrationTests.Agreements;

/// <summary>
/// Unknown tokens on /sign/{token} are rate-limited per client (on a host of its own, since the limit holds for the whole
/// client address for its window); a valid link from that address is still served.
/// </summary>
public sealed class SignUnknownTokenLimitTests(ConsultationHost env) : IClassFixture<ConsultationHost>
{
    [Fact]
    public async Task Sign_TwentyUnknownTokensByGetAndPost_ThenUnknownTokens429ValidLinkStillSigns()
    {
        var emails = Emails(1);
        var id = await CreateAsync(env.Admin, env.DocumentId, emails);
        var valid = (await WaitForLinksAsync(env.Capture, id, 1))[emails[0]];
        var sha = (await WaitForInvitedAsync(env.Admin, id, emails)).GetProperty("documentSha256").GetString()!;

        // Half by GET, half by POST, each from another spoofed forwarded address: all count against the one connection.
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 20; i++)
        {
            var path = "sign/" + LinkTokens.NewToken();
            using var request = i % 2 == 0
                ? new HttpRequestMessage(HttpMethod.Get, path)
                : new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["typedName"] = "Gissare", ["consent"] = "ja" }) };
            request.Headers.Add("X-Forwarded-For", $"198.51.100.{i + 1}");
            using var response = await env.Host.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.NotFound, s));

        using (var get = await env.Host.Client.GetAsync("sign/" + LinkTokens.NewToken()))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, get.StatusCode);
            Assert.Contains("För många okända länkar", WebUtility.HtmlDecode(await get.Content.ReadAsStringAsync()));
        }

        using (var post = await SignAsync(env.Host.Client, LinkTokens.NewToken(), "Gissare", sha))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, post.StatusCode);
        }

        using (var decline = await DeclineAsync(env.Host.Client, LinkTokens.NewToken(), "Gissning"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, decline.StatusCode);
        }

        // A valid link from the same address (a colleague behind the same NAT) is still served, with its own per-link limit.
        using (var page = await env.Host.Client.GetAsync("sign/" + valid))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var signed = await SignAsync(env.Host.Client, valid, "Part 1", sha))
        {
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        Assert.Equal("signed", Signer(await StatusAsync(env.Admin, id), emails[0]).GetProperty("state").GetString());
    }
}
