using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

/// <summary>Every refusal the issue names, each with its status and the message it must give; nothing stored changes.</summary>
public sealed class ConsultationBadInputTests(ConsultationHost env) : IClassFixture<ConsultationHost>
{
    private static string Errors(JsonElement problem, string field) =>
        problem.GetProperty("errors").TryGetProperty(field, out var messages) ? string.Join(" ", messages.EnumerateArray().Select(m => m.GetString())) : "";

    private async Task<(HttpStatusCode, JsonElement)> StartRawAsync(object body)
    {
        using var response = await env.Admin.PostAsJsonAsync("api/consultations", body);
        return (response.StatusCode, await BodyAsync(response));
    }

    private object Valid(string? documentId = null) => new
    {
        title = "Remiss",
        caseNumber = "BRÅ 1",
        documentId = documentId ?? env.DocumentId,
        deadline = DateTimeOffset.UtcNow.AddDays(3).ToString("O"),
        consultees = Consultees("x1@example.org"),
    };

    /// <summary>
    /// The start route's 400: the one rule that asks storage (the document lookup), and nothing started. The pure rules
    /// (title, deadline, consultees, reminders) are unit tests of <c>CreateConsultationValidator</c>.
    /// </summary>
    [Fact]
    public async Task Start_UnknownDocument_400NamesTheFieldAndNothingStarted()
    {
        var before = (await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations")).GetArrayLength();
        var (status, problem) = await StartRawAsync(Valid(documentId: new string('a', 32)));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Dokumentet finns inte. Ladda upp det med POST /api/documents och använd id:t i svaret.", Errors(problem, "documentId"));
        Assert.Equal(["documentId"], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(before, (await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations")).GetArrayLength());
    }

    [Fact]
    public async Task Start_MalformedJson_400AndNothingStored()
    {
        var before = (await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations")).GetArrayLength();
        using var response = await env.Admin.PostAsync("api/consultations", new StringContent("{\"title\": ", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Ogiltig JSON", (await BodyAsync(response)).GetProperty("errors").ToString());
        Assert.Equal(before, (await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations")).GetArrayLength());
    }

    [Fact]
    public async Task Start_NotAdministrator_403()
    {
        using var principal = await env.Host.ClientForAsync(DemoPeople.Principal);
        using var response = await principal.PostAsJsonAsync("api/consultations", Valid());
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Upload_ContentNotMatchingName_400SaysContentDiffers()
    {
        var (status, problem) = await UploadAsync(env.Admin, "strategi.pdf", "inte en pdf"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("stämmer inte med filtypen PDF", Errors(problem, "file"));
    }

    [Fact]
    public async Task Upload_ForbiddenType_400ListsAllowedTypes()
    {
        var (status, problem) = await UploadAsync(env.Admin, "program.exe", "MZ"u8.ToArray());
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Tillåtna typer: PDF, DOCX, ODT, TEXT, MARKDOWN", Errors(problem, "file"));
    }

    [Fact]
    public async Task Upload_Over25MB_413()
    {
        var (status, _) = await UploadAsync(env.Admin, "stor.txt", new byte[25 * 1024 * 1024 + 1]);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Fact]
    public async Task Upload_Pdf_201WithSha256AndDownloadMatches()
    {
        var pdf = Pdf("dokument");
        var (status, body) = await UploadAsync(env.Admin, "utkast.pdf", pdf);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(pdf)), body.GetProperty("sha256").GetString());
        Assert.Equal("application/pdf", body.GetProperty("contentType").GetString());
        Assert.Equal(pdf.Length, body.GetProperty("size").GetInt32());
        using var dataProtectionOfficer = await env.Host.ClientForAsync(DemoPeople.DataProtectionOfficer);
        Assert.Equal(pdf, await dataProtectionOfficer.GetByteArrayAsync($"api/documents/{body.GetProperty("id").GetString()}"));
    }

    [Fact]
    public async Task Deadline_Earlier_400AndDeadlineUnchanged()
    {
        var (id, _) = await env.OpenAsync(1);
        var before = (await StatusAsync(env.Admin, id)).GetProperty("deadline").GetDateTimeOffset();
        using var response = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/deadline", new { deadline = before.AddMinutes(-10).ToString("O") });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("bara flyttas till senare", Errors(await BodyAsync(response), "deadline"));
        Assert.Equal(before, (await StatusAsync(env.Admin, id)).GetProperty("deadline").GetDateTimeOffset());

        using var later = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/deadline", new { deadline = before.AddDays(1).ToString("O") });
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
        Assert.Equal(before.AddDays(1), (await StatusAsync(env.Admin, id)).GetProperty("deadline").GetDateTimeOffset());
    }

    [Fact]
    public async Task Steering_AfterClose_Each409SaysClosed()
    {
        var (id, _) = await env.OpenAsync(1);
        using (var close = await env.Admin.PostAsync($"api/consultations/{id}/close", null))
        {
            Assert.Equal(HttpStatusCode.Accepted, close.StatusCode);
        }

        foreach (var (path, body) in new (string, object?)[]
                 {
                     ("close", null), ("cancel", new { reason = "Fel" }), ("consultees", new { consultees = Consultees("sen@example.org") }),
                     ("deadline", new { deadline = DateTimeOffset.UtcNow.AddDays(9).ToString("O") }),
                 })
        {
            using var response = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/{path}", body);
            Assert.True(HttpStatusCode.Conflict == response.StatusCode, path);
            Assert.Contains("Remissen är stängd", (await BodyAsync(response)).GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task Cancel_WithoutReason_400ThenWithReason_LinkSays410WithReasonAndConsulteesTold()
    {
        var (id, links) = await env.OpenAsync(2);
        using (var missing = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/cancel", new { reason = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Contains("skäl", Errors(await BodyAsync(missing), "reason"));
        }

        using (var cancel = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/cancel", new { reason = "Strategin arbetas om." }))
        {
            Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        }

        var token = links.Values.First();
        using var post = await AnswerAsync(env.Host.Client, token, "supports", "Bra", "Namn");
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        var page = WebUtility.HtmlDecode(await post.Content.ReadAsStringAsync());
        Assert.Contains("Remissen är återkallad", page);
        Assert.Contains("Strategin arbetas om.", page);
        Assert.Contains(DemoPeople.Coordinator, page);
        var tag = (await StatusAsync(env.Admin, id)).GetProperty("caseNumber").GetString();
        await WaitForLinksAsync(env.Capture, $"Återkallad remiss {tag}", 0, TimeSpan.FromSeconds(1));
        await Polling.EventuallyAsync(() => Task.FromResult(env.Capture.AcceptedMessages.Count(m => m.Subject.StartsWith($"Återkallad remiss {tag}", StringComparison.Ordinal))),
            n => n >= 2, TimeSpan.FromSeconds(20), "both withdrawal notices");

        Assert.Equal(2, env.Capture.AcceptedMessages.Count(m => m.Subject.StartsWith($"Återkallad remiss {tag}", StringComparison.Ordinal) && m.Text.Contains("Strategin arbetas om.")));
    }

    [Theory]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // a bare secret without its group
    [InlineData("AAAAAAAA.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")] // {group}.{secret}
    public async Task Respond_UnknownToken_404Page(string token)
    {
        using var response = await env.Host.Client.GetAsync("respond/" + token);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Länken finns inte", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Respond_MissingPositionAndComments_400ErrorSummaryLinkedToFieldsNothingStored()
    {
        var (id, links) = await env.OpenAsync(1);
        using var response = await AnswerAsync(env.Host.Client, links.Values.Single(), "", "", "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#position-supports\"", page);
        Assert.Contains("href=\"#respondentName\"", page);
        Assert.Contains("Välj ett ställningstagande", WebUtility.HtmlDecode(page));
        Assert.Equal("invited", Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Respond_AttachmentWrongType_400ListsAllowedTypes()
    {
        var (_, links) = await env.OpenAsync(1);
        using var response = await AnswerAsync(env.Host.Client, links.Values.Single(), "supports", "Bra", "Namn", attachment: ("svar.txt", "text"u8.ToArray()));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Tillåtna typer: PDF, DOCX, ODT", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Respond_Fifty_GetsThenPost_LinkStillWorksAndGetStoredNothing()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        for (var i = 0; i < 50; i++)
        {
            using var get = await env.Host.Client.GetAsync($"respond/{token}");
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            Assert.Equal("no-referrer", get.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("no-store", get.Headers.CacheControl!.ToString());
            Assert.Equal("nosniff", get.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", get.Headers.GetValues("X-Frame-Options").Single());
            var csp = get.Content.Headers.Contains("Content-Security-Policy") ? "" : get.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("script-src", csp);
            Assert.DoesNotContain("http", csp);
        }

        using (var document = await env.Host.Client.GetAsync($"respond/{token}/document"))
        {
            Assert.Equal(HttpStatusCode.OK, document.StatusCode);
            Assert.Contains("Lokal strategi", await document.Content.ReadAsStringAsync());
        }

        Assert.Equal("invited", Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("state").GetString());
        using var post = await AnswerAsync(env.Host.Client, token, "supports", "Bra förslag.", "Namn");
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("answered", Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Respond_SameFormPostedTwice_OneVersion_AmendmentMakesSecond()
    {
        var (id, links) = await env.OpenAsync(1);
        var token = links.Values.Single();
        using (var first = await AnswerAsync(env.Host.Client, token, "supports", "Första", "Namn", formKey: "form-1"))
        using (var again = await AnswerAsync(env.Host.Client, token, "supports", "Första (dubbelklick)", "Namn", formKey: "form-1"))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        var once = Consultee(await StatusAsync(env.Admin, id), links.Keys.Single());
        Assert.Equal(1, once.GetProperty("versions").GetInt32());

        using (var amend = await AnswerAsync(env.Host.Client, token, "opposes", "Vi har ändrat oss.", "Namn", formKey: "form-2"))
        {
            Assert.Equal(HttpStatusCode.OK, amend.StatusCode);
        }

        var twice = Consultee(await StatusAsync(env.Admin, id), links.Keys.Single());
        Assert.Equal(2, twice.GetProperty("versions").GetInt32());
        Assert.Equal("opposes", twice.GetProperty("position").GetString());
        Assert.Equal(JsonValueKind.String, twice.GetProperty("lastAmendedAt").ValueKind);
    }

    [Fact]
    public async Task Respond_Forward_ColleagueInvitedOldLinkSays410AndStatusShowsDelegation()
    {
        var (id, links) = await env.OpenAsync(1);
        var (email, token) = links.Single();
        var colleague = $"kollega.{Guid.NewGuid():N}@example.org";
        using (var forward = await env.Host.Client.PostAsync($"respond/{token}/forward",
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Kim Kollega", ["email"] = colleague })))
        {
            Assert.Equal(HttpStatusCode.OK, forward.StatusCode);
        }

        var colleagueLinks = await WaitForLinksAsync(env.Capture, "Remiss", 1, TimeSpan.FromSeconds(1));
        await Polling.EventuallyAsync(() => Task.FromResult(Links(env.Capture, "Remiss").ContainsKey(colleague)), got => got, TimeSpan.FromSeconds(20),
            "the colleague's invitation");
        using (var old = await AnswerAsync(env.Host.Client, token, "supports", "Bra", "Namn"))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
            Assert.Contains("Kim Kollega", WebUtility.HtmlDecode(await old.Content.ReadAsStringAsync()));
        }

        using (var answered = await AnswerAsync(env.Host.Client, Links(env.Capture, "Remiss")[colleague], "noObjection", "", "Kim Kollega"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("delegated", Consultee(status, email).GetProperty("state").GetString());
        Assert.Equal(colleague, Consultee(status, email).GetProperty("delegatedTo").GetProperty("email").GetString());
        Assert.Equal("answered", Consultee(status, colleague).GetProperty("state").GetString());
    }

    [Fact]
    public async Task Respond_ForwardToAnAddressThatHasIt_400SaysSoAndNothingForwarded()
    {
        var (id, links) = await env.OpenAsync(2);
        var (email, token) = links.First();
        var other = links.Keys.Single(k => k != email);
        using var forward = await env.Host.Client.PostAsync($"respond/{token}/forward",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Redan Där", ["email"] = other.ToUpperInvariant() }));

        Assert.Equal(HttpStatusCode.BadRequest, forward.StatusCode);
        Assert.Contains("Den adressen har redan fått remissen. Ange en annan kollega.", WebUtility.HtmlDecode(await forward.Content.ReadAsStringAsync()));
        var status = await StatusAsync(env.Admin, id);
        Assert.Equal("invited", Consultee(status, email).GetProperty("state").GetString());
        Assert.Equal(2, status.GetProperty("counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task RegisterResponse_AfterDeadline_MarkedLate()
    {
        var (id, links) = await env.OpenAsync(1, TimeSpan.FromSeconds(8));
        var consulteeId = Consultee(await StatusAsync(env.Admin, id), links.Keys.Single()).GetProperty("id").GetString();
        await WaitForStatusAsync(env.Admin, id, s => s.GetProperty("state").GetString() == "closed", TimeSpan.FromSeconds(40));
        using var response = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/responses",
            new { consulteeId, position = "opposes", comments = "Kom per post.", respondentName = "Pappersbrev" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.True((await BodyAsync(response)).GetProperty("late").GetBoolean());
        var status = await StatusAsync(env.Admin, id);
        Assert.True(Consultee(status, links.Keys.Single()).GetProperty("late").GetBoolean());
        // "closed" can be read before the workflow has stored the first compilation; the late answer is in it either way.
        await Polling.EventuallyAsync(async () => WebUtility.HtmlDecode(await env.Admin.GetStringAsync($"api/consultations/{id}/compilation")),
            html => html.Contains("Inkommit efter svarstid", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "the compilation to mark the late answer");
    }

    [Fact]
    public async Task RegisterResponse_UnknownConsultee_400()
    {
        var (id, _) = await env.OpenAsync(1);
        using var response = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/responses",
            new { consulteeId = "nobody", position = "supports", comments = "x", respondentName = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("remissinstans i den här remissen", Errors(await BodyAsync(response), "consulteeId"));
    }

    [Fact]
    public async Task AddConsultees_WhileOpen_InvitedAtOnce_DuplicateRefused()
    {
        var (id, links) = await env.OpenAsync(1);
        using (var duplicate = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/consultees", new { consultees = Consultees(links.Keys.Single()) }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
            Assert.Contains("förekommer mer än en gång", Errors(await BodyAsync(duplicate), "consultees[0].email"));
        }

        var added = $"ny.{Guid.NewGuid():N}@example.org";
        using (var response = await env.Admin.PostAsJsonAsync($"api/consultations/{id}/consultees", new { consultees = Consultees(added) }))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await Polling.EventuallyAsync(() => Task.FromResult(Links(env.Capture, "Remiss").ContainsKey(added)), got => got, TimeSpan.FromSeconds(20),
            "the added consultee's invitation");
        Assert.Equal(2, (await StatusAsync(env.Admin, id)).GetProperty("counts").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task List_AfterAnswer_EachConsultationWithCounts()
    {
        var (id, links) = await env.OpenAsync(2);
        using (var answered = await AnswerAsync(env.Host.Client, links.Values.First(), "noObjection", "", "Namn"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var list = await env.Admin.GetFromJsonAsync<JsonElement>("api/consultations");
        var item = list.EnumerateArray().Single(c => c.GetProperty("id").GetString() == id);
        Assert.Equal("open", item.GetProperty("state").GetString());
        Assert.Equal(2, item.GetProperty("counts").GetProperty("total").GetInt32());
        Assert.Equal(1, item.GetProperty("counts").GetProperty("answered").GetInt32());
        Assert.Equal(1, item.GetProperty("counts").GetProperty("invited").GetInt32());
    }
}
