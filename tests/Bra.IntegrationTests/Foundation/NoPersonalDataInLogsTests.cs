using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Bra.IntegrationTests.Agreements;
using Bra.IntegrationTests.Consultations;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// Issue 23: no personal data in logs. Every line the development host writes (at Information) during a consultation
/// round (invitations, an answer, a forward and the colleague's answer) and a signing round holds no link token, no
/// email address and no name of the people in them.
/// </summary>
public sealed partial class NoPersonalDataInLogsTests(ConsultationHost env) : IClassFixture<ConsultationHost>
{
    [Fact]
    public async Task HostLog_ConsultationAndSigningRounds_NoTokenEmailAddressOrName()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        string Email(string who) => $"{who}.{tag}@example.org";
        var names = new List<string> { "Vera Loggvakt", "Olof Loggvakt", "Kim Loggkollega", "Rut Loggsvar", "Kaj Loggsvar", "Signe Loggskriv", "Sten Loggskriv" };
        var emails = new List<string> { Email("vera"), Email("olof"), Email("kim"), Email("signe"), Email("sten") };

        using (var started = await env.Admin.PostAsJsonAsync("api/consultations", new
        {
            title = "Loggfri remiss", caseNumber = tag, documentId = env.DocumentId, deadline = DateTimeOffset.UtcNow.AddHours(2).ToString("O"),
            message = "Synpunkter välkomnas.", reminders = Array.Empty<string>(),
            consultees = new[]
            {
                new { name = names[0], email = emails[0], organisation = "Förvaltning A" },
                new { name = names[1], email = emails[1], organisation = "Förvaltning B" },
            },
        }))
        {
            Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync());
        }

        var links = await Polling.EventuallyAsync(() => Task.FromResult(Links(env.Capture, "Remiss").Where(l => l.Key.EndsWith($".{tag}@example.org", StringComparison.Ordinal)).ToDictionary()),
            l => l.Count == 2, TimeSpan.FromSeconds(60), "the two invitations");
        using (var answered = await AnswerAsync(env.Host.Client, links[emails[0]], "supportsWithComments", "Bra förslag.", names[3], "Enhetschef"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using (var forwarded = await env.Host.Client.PostAsync($"respond/{links[emails[1]]}/forward",
                   new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = names[2], ["email"] = emails[2] })))
        {
            Assert.Equal(HttpStatusCode.OK, forwarded.StatusCode);
        }

        var colleague = (await Polling.EventuallyAsync(() => Task.FromResult(Links(env.Capture, "Remiss")), l => l.ContainsKey(emails[2]), TimeSpan.FromSeconds(60),
            "the colleague's invitation"))[emails[2]];
        using (var answered = await AnswerAsync(env.Host.Client, colleague, "opposes", "Vi avstyrker.", names[4]))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        string agreementId;
        using (var created = await env.Admin.PostAsJsonAsync("api/agreements", new
        {
            title = "Loggfri överenskommelse", caseNumber = tag, documentId = env.DocumentId, order = "parallel", message = "Välkomna att underteckna.",
            signers = new[]
            {
                new { name = names[5], email = emails[3], organisation = "Organisation A", title = "Chef" },
                new { name = names[6], email = emails[4], organisation = "Organisation B", title = "Chef" },
            },
        }))
        {
            var body = await BodyAsync(created);
            Assert.True(created.StatusCode == HttpStatusCode.Accepted, body.ToString());
            agreementId = body.GetProperty("id").GetString()!;
        }

        var signing = await AgreementDriver.WaitForLinksAsync(env.Capture, agreementId, 2);
        var sha = (await AgreementDriver.WaitForInvitedAsync(env.Admin, agreementId, emails[3], emails[4])).GetProperty("documentSha256").GetString()!;
        foreach (var (email, name) in new[] { (emails[3], names[5]), (emails[4], names[6]) })
        {
            using var signed = await AgreementDriver.SignAsync(env.Host.Client, signing[email], name, sha);
            Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        }

        // The workflow logs its completion after everything above: once that line is out, so is every earlier one.
        await Polling.EventuallyAsync(() => Task.FromResult(env.Host.Output), o => o.Contains($"Agreement {agreementId} completed", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "the agreement's completion in the host's log");

        var tokens = links.Values.Append(colleague).Concat(signing.Values).ToList();
        var lines = env.Host.Output.Split('\n');
        var leaks = lines.Where(line => tokens.Concat(emails).Concat(names).Any(secret => line.Contains(secret, StringComparison.OrdinalIgnoreCase))
            || LinkToken().IsMatch(line)).ToList();
        Assert.True(leaks.Count == 0, "Log lines with a link token, an email address or a name:\n" + string.Join('\n', leaks));
    }

    /// <summary>Any link token's shape (group of 8, a dot, 43 characters of base64url), whoever it belongs to.</summary>
    [GeneratedRegex(@"[A-Za-z0-9_-]{8}\.[A-Za-z0-9_-]{43}")]
    private static partial Regex LinkToken();
}
