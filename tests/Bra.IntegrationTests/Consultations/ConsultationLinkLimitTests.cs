using System.Net;
using System.Net.Http.Json;
using Bra.Core.Links;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

/// <summary>A consultation host with a low post limit and a short read period after closing.</summary>
public sealed class LinkLimitsHost() : ConsultationHost(new Dictionary<string, string>
{
    ["Links__PostsPerLinkPerMinute"] = "3",
    ["Links__ReadPeriodAfterClose"] = "00:00:06",
});

/// <summary>What a valid link may do: posts per minute, forwarding depth, revocation, expiry, and the form's size cap.</summary>
public sealed class ConsultationLinkLimitTests(LinkLimitsHost env) : IClassFixture<LinkLimitsHost>
{
    [Fact]
    public async Task Respond_FourthPostWithinAMinute_429AndNotStored()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        for (var i = 1; i <= 3; i++)
        {
            using var ok = await AnswerAsync(env.Host.Client, token, "opposes", $"Version {i}", "Namn");
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        }

        using (var throttled = await AnswerAsync(env.Host.Client, token, "opposes", "Version 4", "Namn"))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
            Assert.Contains("För många inskick", WebUtility.HtmlDecode(await throttled.Content.ReadAsStringAsync()));
        }

        Assert.Equal(3, Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("versions").GetInt32());
    }

    [Fact]
    public async Task Forward_ChainPastDepthThree_409AndNoFourthColleague()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        for (var depth = 1; depth <= 3; depth++)
        {
            var colleague = $"led{depth}.{Guid.NewGuid():N}@example.org";
            using (var forward = await ForwardAsync(token, colleague))
            {
                Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
            }

            token = await LinkForAsync(id, colleague);
        }

        using (var fourth = await ForwardAsync(token, $"led4.{Guid.NewGuid():N}@example.org"))
        {
            Assert.Equal(HttpStatusCode.Conflict, fourth.StatusCode);
            Assert.Contains("i 3 led", WebUtility.HtmlDecode(await fourth.Content.ReadAsStringAsync()));
        }

        Assert.Equal(4, (await StatusAsync(env.Admin, id)).GetProperty("counts").GetProperty("total").GetInt32());
        using var answer = await AnswerAsync(env.Host.Client, token, "noObjection", "", "Sista ledet");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Fact]
    public async Task Forward_SameLinkThreeTimesConcurrently_OneColleagueOthers409()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(i => ForwardAsync(token, $"samtidig{i}.{Guid.NewGuid():N}@example.org")));
        var statuses = responses.Select(r => r.StatusCode).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.All(statuses.Where(s => s != HttpStatusCode.OK), s => Assert.True(s is HttpStatusCode.Conflict or HttpStatusCode.Gone, s.ToString()));
        Assert.Equal(2, (await StatusAsync(env.Admin, id)).GetProperty("counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Forward_OldLinkRevoked_FormAndDocument410()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        using (var forward = await ForwardAsync(token, $"kollega.{Guid.NewGuid():N}@example.org"))
        {
            Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        }

        Assert.Equal((LinkState.Revoked, LinkRevocation.Forwarded), await StoredStateAsync(token));
        using (var document = await env.Host.Client.GetAsync($"respond/{token}/document"))
        {
            Assert.Equal(HttpStatusCode.Gone, document.StatusCode);
            Assert.StartsWith("text/html", document.Content.Headers.ContentType?.MediaType);
        }

        using var form = await env.Host.Client.GetAsync($"respond/{token}");
        Assert.Equal(HttpStatusCode.Gone, form.StatusCode);
        var page = WebUtility.HtmlDecode(await form.Content.ReadAsStringAsync());
        Assert.Contains("vidarebefordrades", page);
        Assert.DoesNotContain("name=\"position\"", page);
    }

    [Fact]
    public async Task Cancel_EveryLinkRevoked_410SaysCancelled()
    {
        var (id, links) = await env.OpenAsync(2);
        using (var cancel = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/cancel", new { reason = "Ersätts av ny remiss." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        foreach (var token in links.Values)
        {
            Assert.Equal((LinkState.Revoked, LinkRevocation.Cancelled), await StoredStateAsync(token));
            using var response = await env.Host.Client.GetAsync($"respond/{token}/document");
            Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
            Assert.Contains("återkallades", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }
    }

    [Fact]
    public async Task Reminder_NewerLinkReplacesOlder_Old410New200()
    {
        var (id, links) = await env.OpenAsync(1, TimeSpan.FromSeconds(40), ["PT32S"]);
        var (email, first) = links.Single();
        var reminded = await WaitForLinksAsync(env.Capture, "Påminnelse", 1, TimeSpan.FromSeconds(30), id);
        var second = reminded[email];
        Assert.NotEqual(first, second);
        await Polling.EventuallyAsync(() => StoredStateAsync(first), s => s == (LinkState.Revoked, LinkRevocation.Replaced),
            TimeSpan.FromSeconds(10), "the invitation's link to be replaced");

        using (var old = await env.Host.Client.GetAsync($"respond/{first}"))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
            Assert.Contains("Länken har ersatts", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()));
        }

        using var current = await env.Host.Client.GetAsync($"respond/{second}");
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
    }

    [Fact]
    public async Task Close_LinkShowsClosingMessageOnlyThenExpiresAfterReadPeriod()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        using (var close = await env.Admin.PostAsync($"api/consultations/{id}/close", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        }

        using (var page = await env.Host.Client.GetAsync($"respond/{token}"))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            Assert.DoesNotContain("name=\"position\"", await page.Content.ReadAsStringAsync());
        }

        using (var document = await env.Host.Client.GetAsync($"respond/{token}/document"))
        {
            Assert.Equal(HttpStatusCode.Gone, document.StatusCode);
            Assert.StartsWith("text/html", document.Content.Headers.ContentType?.MediaType);
        }

        await Polling.EventuallyAsync(async () =>
        {
            using var expired = await env.Host.Client.GetAsync($"respond/{token}");
            return expired.StatusCode == HttpStatusCode.Gone
                && WebUtility.HtmlDecode(await expired.Content.ReadAsStringAsync()).Contains("Länken har upphört att gälla", StringComparison.Ordinal);
        }, expired => expired, TimeSpan.FromSeconds(20), "the link to expire after the read period");
    }

    [Fact]
    public async Task Respond_ChunkedBodyOverLimitWithoutContentLength_413()
    {
        var (id, links) = await env.OpenAsync(1);
        var (contentType, body) = RawHttp.Multipart(
            new Dictionary<string, string> { ["position"] = "supports", ["comments"] = "Stor bilaga", ["respondentName"] = "Namn" },
            ("attachment", "svar.pdf", "application/pdf", Pdf("Bilaga " + new string('x', 11 * 1024 * 1024))));
        var answer = await RawHttp.PostAsync(env.Host.BaseAddress, $"respond/{links.Values.Single()}", "", contentType, body, declaredLength: null);
        Assert.True(answer.Status == 413, answer.ToString());
        Assert.Equal(0, Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("versions").GetInt32());
    }

    [Fact]
    public async Task Respond_ContentLengthSmallerOrLargerThanTheBody_RefusedNotStored()
    {
        var (id, links) = await env.OpenAsync(1);
        var path = $"respond/{links.Values.Single()}";
        var (contentType, body) = RawHttp.Multipart(
            new Dictionary<string, string> { ["position"] = "supports", ["comments"] = "Ljuger om längden", ["respondentName"] = "Lögnare" },
            ("attachment", "svar.pdf", "application/pdf", Pdf("Bilaga " + new string('x', 64 * 1024))));

        // Claims more than the limit (10 MB and 512 kB) and sends 4 kB: refused from the header with the Swedish 413 page.
        var claimed = await RawHttp.PostAsync(env.Host.BaseAddress, path, "", contentType, body.AsMemory(0, 4096), declaredLength: 11L * 1024 * 1024);
        Assert.True(claimed.Status == 413, claimed.ToString());
        Assert.Contains("Svaret är för stort", claimed.Page);

        // Claims 4 kB and sends 70 kB: only the claimed bytes are read, a form cut off in its file: the Swedish 400 page.
        var cut = await RawHttp.PostAsync(env.Host.BaseAddress, path, "", contentType, body, declaredLength: 4096);
        Assert.True(cut.Status == 400, cut.ToString());
        Assert.Contains("Formuläret kom inte fram helt", cut.Page);

        Assert.Equal(0, Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("versions").GetInt32());
    }

    [Fact]
    public async Task Forward_ContentLengthSmallerOrLargerThanTheBody_RefusedLinkStillActive()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        var (contentType, body) = RawHttp.Multipart(new Dictionary<string, string>
        {
            ["name"] = "Kim Kollega", ["email"] = $"kim.{Guid.NewGuid():N}@example.org", ["padding"] = new string('x', 80 * 1024),
        });

        // Claims more than the 64 kB limit and sends 4 kB: refused from the header with the Swedish 413 page.
        var claimed = await RawHttp.PostAsync(env.Host.BaseAddress, $"respond/{token}/forward", "", contentType, body.AsMemory(0, 4096), declaredLength: 65 * 1024);
        Assert.True(claimed.Status == 413, claimed.ToString());
        Assert.Contains("För mycket text", claimed.Page);

        // Claims 4 kB and sends 80 kB: only the claimed bytes are read, a cut-off form: the Swedish 400 page.
        var cut = await RawHttp.PostAsync(env.Host.BaseAddress, $"respond/{token}/forward", "", contentType, body, declaredLength: 4096);
        Assert.True(cut.Status == 400, cut.ToString());
        Assert.Contains("Formuläret kom inte fram helt", cut.Page);

        // Not forwarded: the link still takes answers and the consultation has its one consultee.
        Assert.Equal((LinkState.Active, (LinkRevocation?)null), await StoredStateAsync(token));
        Assert.Equal(1, (await StatusAsync(env.Admin, id)).GetProperty("consultees").GetArrayLength());
    }

    private Task<HttpResponseMessage> ForwardAsync(string token, string email) =>
        env.Host.Client.PostAsync($"respond/{token}/forward",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Kim Kollega", ["email"] = email }));

    private async Task<string> LinkForAsync(string consultationId, string email)
    {
        await Polling.EventuallyAsync(() => Task.FromResult(Links(env.Capture, "Remiss", consultationId).ContainsKey(email)), found => found,
            TimeSpan.FromSeconds(30), "an invitation to the forwarded colleague");
        return Links(env.Capture, "Remiss", consultationId)[email];
    }

    private async Task<(LinkState, LinkRevocation?)> StoredStateAsync(string token)
    {
        var link = (await new LinkStore(env.Azurite.Storage(), TimeProvider.System).FindAsync(token, CancellationToken.None))!;
        return (link.State, link.RevokedBecause);
    }
}

/// <summary>
/// The unknown-token limit on its own host: once it is reached, the client address waits for unknown tokens, while a
/// valid link from the same address (a colleague behind the school's NAT) is still served.
/// </summary>
public sealed class UnknownTokenLimitTests(ConsultationHost env) : IClassFixture<ConsultationHost>
{
    [Fact]
    public async Task Respond_FiftyUnknownTokensEachWithOtherSpoofedForwardedFor_LimitedAfterTwentyValidLinkStillAnswers()
    {
        var (_, links) = await env.OpenAsync(1);
        var valid = links.Values.Single();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 50; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "respond/" + LinkTokens.NewToken());
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            using var response = await env.Host.Client.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        Assert.All(statuses.Take(20), s => Assert.Equal(HttpStatusCode.NotFound, s));
        Assert.All(statuses.Skip(20), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
        using (var page = await env.Host.Client.GetAsync("respond/" + valid))
        {
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }

        using (var answered = await AnswerAsync(env.Host.Client, valid, "supports", "Bra förslag.", "Anna Andersson"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using var stillLimited = await env.Host.Client.GetAsync("respond/" + LinkTokens.NewToken());
        Assert.Equal(HttpStatusCode.TooManyRequests, stillLimited.StatusCode);
    }
}
