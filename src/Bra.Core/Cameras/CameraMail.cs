using System.Globalization;
using Bra.Core.Email;
using Bra.Core.People;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's emails, as content that <see cref="Mailer"/> renders to HTML (the <see cref="EmailBody"/>
/// component encodes every value) and text; only the recipient's name is a placeholder. Message ids carry only
/// request/site ids, person ids and a purpose.
/// </summary>
public sealed class CameraMail(Mailer mailer, IOptions<AppOptions> app)
{
    public Task<int> RequestToDecideAsync(CameraRequest request, CameraSite site, IReadOnlyList<Person> deciders, string purpose, CancellationToken ct) =>
        mailer.SendAsync(RequestToDecide(request, site, deciders, purpose, app.Value.Link($"staff/camera-requests/{request.Id}")), ct);

    public Task<int> ReminderToRequesterAsync(CameraRequest request, CameraSite site, Person requester, string purpose, CancellationToken ct) =>
        mailer.SendAsync(ReminderToRequester(request, site, requester, purpose, app.Value.Link($"staff/camera-requests/{request.Id}")), ct);

    public Task<int> OutcomeAsync(CameraRequest request, CameraSite site, Person requester, CancellationToken ct) =>
        mailer.SendAsync(Outcome(request, site, requester, app.Value.Link($"staff/cameras/{site.Id}")), ct);

    public Task<int> SiteNoticeAsync(CameraSite site, IReadOnlyList<Person> recipients, string purpose, string what, CancellationToken ct) =>
        mailer.SendAsync(SiteNotice(site, recipients, purpose, what, app.Value.Link($"staff/cameras/{site.Id}")), ct);

    public static EmailDraft RequestToDecide(CameraRequest request, CameraSite site, IReadOnlyList<Person> deciders, string purpose, string link)
    {
        var reminder = purpose != "invite";
        var content = new EmailContent().Greeting()
            .P("Ett ärende om kamerabevakning väntar på ert beslut.")
            .Facts([
                ("Plats", site.Name),
                ("Ärende", KindText(request.Kind)),
                ("Inskickat", SwedishDate(request.SubmittedAt)),
                ("Motivering", request.Justification),
            ])
            .Link("Se ärendet och registrera beslutet", link);
        return new EmailDraft((reminder ? "Påminnelse: " : "") + $"Kameraärende väntar på beslut: {site.Name}", content,
            deciders.Select(p => Recipient($"camera-request-{request.Id}", p, purpose)).ToList());
    }

    public static EmailDraft ReminderToRequester(CameraRequest request, CameraSite site, Person requester, string purpose, string link)
    {
        var content = new EmailContent().Greeting()
            .P($"Ärendet ({KindText(request.Kind)}) för {site.Name}, inskickat {SwedishDate(request.SubmittedAt)}, har ännu inte fått något beslut. Beslutsfattarna har fått en påminnelse.")
            .Link("Se ärendet", link);
        return new EmailDraft($"Påminnelse: ert kameraärende väntar fortfarande på beslut: {site.Name}", content,
            [Recipient($"camera-request-{request.Id}", requester, purpose + "-requester")]);
    }

    public static EmailDraft Outcome(CameraRequest request, CameraSite site, Person requester, string link)
    {
        var decision = request.Decision ?? throw new InvalidOperationException("The request has no decision.");
        var approved = decision.Outcome == DecisionOutcome.Approved;
        List<(string, string)> facts = [("Beslutat av", decision.DecidedBy), ("Referens", decision.Reference ?? "–")];
        facts.AddRange(approved
            ? [("Giltigt till", decision.ValidUntil?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "oförändrat"), ("Villkor", decision.Conditions ?? "–")]
            : [("Skäl", decision.Reason ?? "–")]);
        var content = new EmailContent().Greeting()
            .P($"Ert ärende ({KindText(request.Kind)}) för {site.Name} har {(approved ? "beviljats" : "avslagits")}.")
            .Facts(facts)
            .Link("Se platsen", link);
        return new EmailDraft((approved ? "Beviljat" : "Avslag") + $": kameraärende för {site.Name}", content,
            [Recipient($"camera-request-{request.Id}", requester, "outcome")]);
    }

    public static EmailDraft SiteNotice(CameraSite site, IReadOnlyList<Person> recipients, string purpose, string what, string link)
    {
        var content = new EmailContent().Greeting()
            .P($"{what} för kameraplatsen {site.Name}.")
            .Link("Se platsen i registret", link);
        return new EmailDraft($"Kameraregistret: {what} – {site.Name}", content,
            recipients.Select(p => Recipient($"camera-site-{site.Id}", p, purpose)).ToList());
    }

    public static string KindText(RequestKind kind) => kind switch
    {
        RequestKind.New => "ny bevakning",
        RequestKind.Extension => "förlängning",
        RequestKind.Expansion => "utökning",
        RequestKind.Reduction => "minskning",
        _ => "avslut",
    };

    /// <summary>The Swedish date of an instant (stored in UTC; a request sent at 00:30 Swedish time is dated that day).</summary>
    internal static string SwedishDate(DateTimeOffset? instant) =>
        instant is { } at ? SwedishTime.Local(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    private static EmailRecipient Recipient(string workflow, Person person, string purpose) =>
        new(new EmailMessageId(workflow, person.Id, purpose), person.Email, person.Name, new Dictionary<string, string> { ["name"] = person.Name });
}
