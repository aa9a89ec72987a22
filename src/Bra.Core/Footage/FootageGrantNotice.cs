using Bra.Core.Cameras;
using Bra.Core.Durable;
using Bra.Core.Email;
using Bra.Core.People;
using Bra.Core.Time;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Bra.Core.Footage;

/// <summary>Which grant to tell its holder about. Ids only: the rest is in storage.</summary>
public sealed record GrantNoticeRequest(string SiteId, string GrantId)
{
    /// <summary>The orchestration's instance id: one notice per grant.</summary>
    public string InstanceId => $"footage-grant-{GrantId}";

    /// <summary>Starts the notice of a grant just stored.</summary>
    public Task StartAsync(DurableTaskClient durable, CancellationToken ct) =>
        durable.ScheduleNewOrchestrationInstanceAsync(nameof(FootageGrantNoticeOrchestrator), this, new StartOrchestrationOptions(InstanceId), ct);
}

/// <summary>
/// Tells a person that they were granted access to a site's footage: one short orchestration per grant, so the mail has
/// the mail activities' retries (about 20 hours) and the ledger keeps a retry from mailing twice.
/// </summary>
public sealed class FootageGrantNoticeOrchestrator : TaskOrchestrator<GrantNoticeRequest, string>
{
    public const string Notified = "notified";

    public override async Task<string> RunAsync(TaskOrchestrationContext context, GrantNoticeRequest input)
    {
        await context.CallActivityAsync<int>(nameof(NotifyFootageGrantee), input, WorkflowRetry.Mail);
        return Notified;
    }
}

/// <summary>
/// Mails the holder of a grant that is still in force (not revoked meanwhile) in Swedish: the site, how long the grant
/// lasts and a link to the site's footage page. The only personal data is the recipient's own name.
/// </summary>
public sealed class NotifyFootageGrantee(ICameraSiteReader cameras, IGrantRecords grants, PeopleStore people, Mailer mailer, IOptions<AppOptions> app)
    : TaskActivity<GrantNoticeRequest, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, GrantNoticeRequest input)
    {
        if (await cameras.GetSiteAsync(input.SiteId, CancellationToken.None) is not { } site
            || await grants.GetGrantAsync(input.SiteId, input.GrantId, CancellationToken.None) is not { Grant.RevokedAt: null } stored
            || await people.GetPersonAsync(stored.Grant.PersonId, CancellationToken.None) is not { } person)
        {
            return 0;
        }

        return await mailer.SendAsync(Granted(site, stored.Grant, person, app.Value.Link($"staff/footage/{site.Id}")), CancellationToken.None);
    }

    public static EmailDraft Granted(CameraSite site, FootageGrant grant, Person person, string link)
    {
        var content = new EmailContent().Greeting()
            .P($"Du har fått behörighet att ta del av kameramaterialet från {site.Name}.")
            .Facts([
                ("Plats", site.Name),
                ("Gäller till och med", grant.ValidUntil is { } until ? DateInput.Spoken(until) : "tills vidare"),
            ])
            .P("Varje gång du tar del av materialet loggas det, med ditt skäl. Behörigheten gäller bara så länge du har din roll i personregistret.")
            .Link("Öppna platsens kameramaterial", link);
        return new EmailDraft($"Behörighet till kameramaterial: {site.Name}", content,
            [new EmailRecipient(new EmailMessageId(new GrantNoticeRequest(site.Id, grant.Id).InstanceId, person.Id, "granted"), person.Email, person.Name,
                new Dictionary<string, string> { ["name"] = person.Name })]);
    }
}
