using System.Globalization;
using Bra.Core.Email;
using Bra.Core.People;
using Bra.Core.Time;
using Microsoft.Extensions.Options;

namespace Bra.Core.Cameras;

/// <summary>
/// The camera register's emails. Every personal or free-text value goes in as a placeholder, so the HTML part is
/// encoded by <see cref="EmailBatch"/>; message ids carry only request/site ids, person ids and a purpose.
/// </summary>
public sealed class CameraMail(Mailer mailer, IOptions<AppOptions> app)
{
    public Task<int> RequestToDecideAsync(CameraRequest request, CameraSite site, IReadOnlyList<Person> deciders, string purpose, CancellationToken ct)
    {
        var reminder = purpose != "invite";
        var subject = (reminder ? "Påminnelse: " : "") + "Kameraärende väntar på beslut: {{site}}";
        const string text = """
            Hej {{name}},

            Ett ärende om kamerabevakning väntar på ert beslut.

            Plats: {{site}}
            Ärende: {{kind}}
            Inskickat: {{submitted}}
            Motivering: {{justification}}

            Se ärendet och registrera beslutet: {{link}}
            """;
        const string html = """
            <p>Hej {{name}},</p>
            <p>Ett ärende om kamerabevakning väntar på ert beslut.</p>
            <ul><li>Plats: {{site}}</li><li>Ärende: {{kind}}</li><li>Inskickat: {{submitted}}</li><li>Motivering: {{justification}}</li></ul>
            <p><a href="{{link}}">Se ärendet och registrera beslutet</a></p>
            """;
        var recipients = deciders.Select(p => Recipient($"camera-request-{request.Id}", p, purpose, new()
        {
            ["site"] = site.Name,
            ["kind"] = KindText(request.Kind),
            ["submitted"] = SwedishDate(request.SubmittedAt),
            ["justification"] = request.Justification,
            ["link"] = app.Value.Link($"staff/camera-requests/{request.Id}"),
        })).ToList();
        return mailer.SendAsync(new EmailBatch(subject, html, text, recipients), ct);
    }

    public Task<int> ReminderToRequesterAsync(CameraRequest request, CameraSite site, Person requester, string purpose, CancellationToken ct)
    {
        const string subject = "Påminnelse: ert kameraärende väntar fortfarande på beslut: {{site}}";
        const string text = "Hej {{name}},\n\nÄrendet ({{kind}}) för {{site}}, inskickat {{submitted}}, har ännu inte fått något beslut. Beslutsfattarna har fått en påminnelse.\n\n{{link}}\n";
        const string html = "<p>Hej {{name}},</p><p>Ärendet ({{kind}}) för {{site}}, inskickat {{submitted}}, har ännu inte fått något beslut. Beslutsfattarna har fått en påminnelse.</p><p><a href=\"{{link}}\">Se ärendet</a></p>";
        var recipient = Recipient($"camera-request-{request.Id}", requester, purpose + "-requester", new()
        {
            ["site"] = site.Name,
            ["kind"] = KindText(request.Kind),
            ["submitted"] = SwedishDate(request.SubmittedAt),
            ["link"] = app.Value.Link($"staff/camera-requests/{request.Id}"),
        });
        return mailer.SendAsync(new EmailBatch(subject, html, text, [recipient]), ct);
    }

    public Task<int> OutcomeAsync(CameraRequest request, CameraSite site, Person requester, CancellationToken ct)
    {
        var decision = request.Decision ?? throw new InvalidOperationException("The request has no decision.");
        var approved = decision.Outcome == DecisionOutcome.Approved;
        var subject = approved ? "Beviljat: kameraärende för {{site}}" : "Avslag: kameraärende för {{site}}";
        var text = "Hej {{name}},\n\nErt ärende ({{kind}}) för {{site}} har " + (approved ? "beviljats" : "avslagits") +
                   ".\nBeslutat av: {{decidedBy}}\nReferens: {{reference}}\n" + (approved ? "Giltigt till: {{validUntil}}\nVillkor: {{conditions}}\n" : "Skäl: {{reason}}\n") +
                   "\n{{link}}\n";
        var html = "<p>Hej {{name}},</p><p>Ert ärende ({{kind}}) för {{site}} har " + (approved ? "beviljats" : "avslagits") +
                   ".</p><ul><li>Beslutat av: {{decidedBy}}</li><li>Referens: {{reference}}</li>" +
                   (approved ? "<li>Giltigt till: {{validUntil}}</li><li>Villkor: {{conditions}}</li>" : "<li>Skäl: {{reason}}</li>") +
                   "</ul><p><a href=\"{{link}}\">Se platsen</a></p>";
        var recipient = Recipient($"camera-request-{request.Id}", requester, "outcome", new()
        {
            ["site"] = site.Name,
            ["kind"] = KindText(request.Kind),
            ["decidedBy"] = decision.DecidedBy,
            ["reference"] = decision.Reference ?? "–",
            ["validUntil"] = decision.ValidUntil?.ToString("yyyy-MM-dd") ?? "oförändrat",
            ["conditions"] = decision.Conditions ?? "–",
            ["reason"] = decision.Reason ?? "–",
            ["link"] = app.Value.Link($"staff/cameras/{site.Id}"),
        });
        return mailer.SendAsync(new EmailBatch(subject, html, text, [recipient]), ct);
    }

    public Task<int> SiteNoticeAsync(CameraSite site, IReadOnlyList<Person> recipients, string purpose, string what, CancellationToken ct)
    {
        const string subject = "Kameraregistret: {{what}} – {{site}}";
        const string text = "Hej {{name}},\n\n{{what}} för kameraplatsen {{site}}.\n\nSe platsen i registret: {{link}}\n";
        const string html = "<p>Hej {{name}},</p><p>{{what}} för kameraplatsen {{site}}.</p><p><a href=\"{{link}}\">Se platsen i registret</a></p>";
        var list = recipients.Select(p => Recipient($"camera-site-{site.Id}", p, purpose, new()
        {
            ["site"] = site.Name,
            ["what"] = what,
            ["link"] = app.Value.Link($"staff/cameras/{site.Id}"),
        })).ToList();
        return mailer.SendAsync(new EmailBatch(subject, html, text, list), ct);
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

    private static EmailRecipient Recipient(string workflow, Person person, string purpose, Dictionary<string, string> values)
    {
        values["name"] = person.Name;
        return new EmailRecipient(new EmailMessageId(workflow, person.Id, purpose), person.Email, person.Name, values);
    }
}
