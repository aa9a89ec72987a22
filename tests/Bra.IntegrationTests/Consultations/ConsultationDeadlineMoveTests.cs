using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bra.Core.People;
using Bra.Core.Time;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Consultations.ConsultationDriver;

namespace Bra.IntegrationTests.Consultations;

/// <summary>
/// A moved deadline reaches every consultee who can still answer or change their answer, through the workflow and the
/// real SendGrid client: once per consultee and move, with the invitation's calendar event (same UID) at a higher SEQUENCE.
/// </summary>
public sealed class ConsultationDeadlineMoveTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string CaseNumber = "BRÅ 2026/31";
    private const string A = "a.flytt@example.org";
    private const string B = "b.flytt@example.org";
    private const string C = "c.flytt@example.org";
    private const string Moved = "Ny sista svarsdag";

    [Fact]
    public async Task MoveDeadline_OneAnsweredTwoSilent_EachMailedOncePerMoveWithSameUidAndHigherSequence()
    {
        await using var capture = await SendGridCapture.StartAsync();
        await using var host = new DevHostProcess(azurite, SendGridSettings(capture));
        await host.StartAsync();
        using var admin = await host.ClientForAsync(DemoPeople.Coordinator);
        var documentId = await UploadDocumentAsync(admin);
        var id = await StartAsync(admin, documentId, [A, B, C], DateTimeOffset.UtcNow.AddDays(10), [], CaseNumber);
        var links = await WaitForLinksAsync(capture, $"Remiss {CaseNumber}", 3, TimeSpan.FromSeconds(30));
        var invitation = Calendars(capture, $"Remiss {CaseNumber}").Single();
        Assert.Contains("SEQUENCE:0", invitation.Ics, StringComparison.Ordinal);
        var uid = Line(invitation.Ics, "UID:");

        // A has answered and may still change the answer until the deadline, so A is told too.
        using (var answered = await AnswerAsync(host.Client, links[A], "noObjection", "", "Anna Flytt"))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var today = SwedishTime.Today(TimeProvider.System);
        await MoveAsync(admin, id, today.AddDays(20));
        var first = await WaitForCalendarsAsync(capture, 3);
        Assert.Equal([A, B, C], first.SelectMany(r => r.To).Order(StringComparer.Ordinal));
        Assert.All(first, r =>
        {
            Assert.Equal(uid, Line(r.Ics, "UID:"));
            Assert.Contains("SEQUENCE:1", r.Ics, StringComparison.Ordinal);
            Assert.Contains($"DTSTART;VALUE=DATE:{today.AddDays(20):yyyyMMdd}", r.Ics, StringComparison.Ordinal);
            Assert.Contains("BEGIN:VALARM", r.Ics, StringComparison.Ordinal);
        });
        var message = capture.AcceptedMessages.First(m => m.To == B && m.Subject.StartsWith(Moved, StringComparison.Ordinal));
        Assert.Contains(SwedishTime.Format(SwedishTime.At(today.AddDays(20), new TimeOnly(23, 59))), message.Text, StringComparison.Ordinal);

        // A second move is the later event that shows the first was mailed once: two messages per consultee, one per move.
        await MoveAsync(admin, id, today.AddDays(30));
        var both = await WaitForCalendarsAsync(capture, 6);
        Assert.All(both.Skip(3), r => Assert.Contains("SEQUENCE:2", r.Ics, StringComparison.Ordinal));
        Assert.All(new[] { A, B, C }, to => Assert.Equal(2, capture.AcceptedMessages.Count(m => m.To == to && m.Subject.StartsWith(Moved, StringComparison.Ordinal))));
        Assert.Equal(today.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            SwedishTime.Local((await StatusAsync(admin, id)).GetProperty("deadline").GetDateTimeOffset()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    private static async Task MoveAsync(HttpClient admin, string id, DateOnly day)
    {
        using var response = await admin.PostAsJsonAsync($"api/consultations/{id}/deadline",
            new { deadline = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static Task<List<(string[] To, string Ics)>> WaitForCalendarsAsync(SendGridCapture capture, int recipients) =>
        Polling.EventuallyAsync(() => Task.FromResult(Calendars(capture, $"{Moved}: remiss {CaseNumber}")), r => r.Sum(x => x.To.Length) >= recipients,
            TimeSpan.FromSeconds(60), $"{recipients} '{Moved}' recipients");

    /// <summary>Each accepted request whose subject starts with the prefix: its recipients and its calendar file.</summary>
    private static List<(string[] To, string Ics)> Calendars(SendGridCapture capture, string subjectPrefix) =>
        capture.Accepted.Select(r => r.Body.RootElement)
            .Where(b => b.GetProperty("subject").GetString()!.StartsWith(subjectPrefix, StringComparison.Ordinal))
            .Select(b => (
                b.GetProperty("personalizations").EnumerateArray().SelectMany(p => p.GetProperty("to").EnumerateArray()).Select(t => t.GetProperty("email").GetString()!).ToArray(),
                Encoding.UTF8.GetString(Convert.FromBase64String(b.GetProperty("attachments")[0].GetProperty("content").GetString()!))))
            .ToList();

    private static string Line(string ics, string prefix) =>
        ics.Split("\r\n").Single(l => l.StartsWith(prefix, StringComparison.Ordinal));
}
