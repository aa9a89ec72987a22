using Bra.Core.Cameras;
using Bra.Core.People;
using Bra.UnitTests.Email;

namespace Bra.UnitTests.Cameras;

/// <summary>Site names, justifications and decisions people typed reach the HTML part only encoded and the text part as typed.</summary>
public sealed class CameraMailTests
{
    private static readonly DateTimeOffset At = new(2026, 6, 30, 22, 30, 0, TimeSpan.Zero);

    private static readonly CameraSite Site = new("s1", RenderedEmail.Hostile, null, SiteKind.PublicPlace, "u1", "Trygghet", null, 48, null, true, null, null,
        AccessPolicy.PrincipalAndManager, [], SiteState.Active, null, null, null, null, [], null, false, [], 1, At, At);

    private static readonly Person Person = new("p1", RenderedEmail.Hostile, "p1@example.se", null, null, null, [], At, At);

    private static CameraRequest Request(CameraDecision? decision = null) => new("r1", "s1", RequestKind.Extension, RequestState.Submitted,
        RenderedEmail.Hostile, null, null, [], [], null, "p1", RenderedEmail.Hostile, At, At, decision, null, false);

    private static CameraDecision Decision(DecisionOutcome outcome) => new(outcome, RenderedEmail.Hostile, RenderedEmail.Hostile,
        new DateOnly(2026, 7, 1), new DateOnly(2027, 7, 1), RenderedEmail.Hostile, RenderedEmail.Hostile, "p2", At);

    public static TheoryData<string> Kinds => ["decide", "remind-requester", "approved", "rejected", "notice"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Email_HostileSiteAndPerson_EncodedInHtmlVerbatimInText(string kind)
    {
        const string link = "https://example.se/staff/camera-requests/r1";
        var draft = kind switch
        {
            "decide" => CameraMail.RequestToDecide(Request(), Site, [Person], "invite", link),
            "remind-requester" => CameraMail.ReminderToRequester(Request(), Site, Person, "remind-1", link),
            "approved" => CameraMail.Outcome(Request(Decision(DecisionOutcome.Approved)), Site, Person, link),
            "rejected" => CameraMail.Outcome(Request(Decision(DecisionOutcome.Rejected)), Site, Person, link),
            _ => CameraMail.SiteNotice(Site, [Person], "expiry", RenderedEmail.Hostile, link),
        };

        var (subject, html, text) = await RenderedEmail.ForFirstAsync(draft);

        RenderedEmail.AssertEncoded(html, $"Hej {RenderedEmail.Hostile},");
        Assert.Contains($"Hej {RenderedEmail.Hostile},\n", text, StringComparison.Ordinal);
        Assert.EndsWith(RenderedEmail.Hostile, subject, StringComparison.Ordinal);
        Assert.Contains($"{link}\n", text, StringComparison.Ordinal);
        Assert.Contains($"href=\"{link}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestToDecide_Request_FactsInBothParts()
    {
        var (subject, html, text) = await RenderedEmail.ForFirstAsync(
            CameraMail.RequestToDecide(Request(), Site, [Person], "remind-1", "https://example.se/staff/camera-requests/r1"));

        Assert.StartsWith("Påminnelse: Kameraärende väntar på beslut: ", subject, StringComparison.Ordinal);
        Assert.Contains($"Plats: {RenderedEmail.Hostile}\nÄrende: förlängning\nInskickat: 2026-07-01\nMotivering: {RenderedEmail.Hostile}\n", text, StringComparison.Ordinal);
        Assert.Contains($"<th align=\"left\">Motivering</th><td>{RenderedEmail.Hostile}</td>", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }
}
