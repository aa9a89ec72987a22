using Bra.Core.Consultations;
using Bra.Core.Documents;
using Bra.Core.People;
using Bra.Core.Time;
using Microsoft.DurableTask.Client;

namespace Bra.DevHost.Demo;

/// <summary>
/// The demo consultation from the seed minutes ("Lokalstrategin för narkotikabekämpning – utkast klart, ute på remiss"):
/// its draft as a document with a fixed id, and the consultation with fixed ids started through
/// <see cref="ConsultationStarter"/> like one started over the API, so its workflow runs and the invitations land in the
/// outbox. Created at most once: an existing consultation is kept; its workflow is only scheduled again when this task
/// hub has none (a start that stopped in between), and the email ledger keeps anyone from being invited twice.
/// </summary>
public sealed class DemoConsultation(DocumentStore documents, ConsultationStore store, ConsultationStarter starter, PeopleStore people, TimeProvider time)
{
    public const string ConsultationId = "de3a0c0a5b7a4e2f9a0c3d1e5f6a7b81";
    public const string DocumentId = "demo-remiss-narkotikastrategi";
    public const string CaseNumber = "BRÅ 2026/3";
    public const string Title = "Lokal strategi för narkotikabekämpning – remissutkast";

    /// <summary>The consultees: fictional addresses, none of them a demo staff member's.</summary>
    public static readonly IReadOnlyList<(string Id, string Name, string Email, string Organisation)> Consultees =
    [
        ("de3a0c0a5b7a4e2f9a0c3d1e5f6a7c01", "Socialtjänsten", "remiss.socialtjansten@example.se", "Socialförvaltningen"),
        ("de3a0c0a5b7a4e2f9a0c3d1e5f6a7c02", "Polisen, lokalpolisområdet", "remiss.polisen@example.org", "Polismyndigheten"),
        ("de3a0c0a5b7a4e2f9a0c3d1e5f6a7c03", "Skolan", "remiss.skolan@example.se", "Bildningsförvaltningen"),
    ];

    public async Task SeedAsync(DurableTaskClient durable, CancellationToken ct = default)
    {
        var (_, refused) = await documents.EnsureAsync(DocumentId, "lokal-strategi-narkotikabekampning-remissutkast.md", System.Text.Encoding.UTF8.GetBytes(Draft),
            DocumentKinds.ConsultationDocuments, DocumentStore.MaxStaffDocumentBytes, "demo-samordnare", ct);
        if (refused is not null)
        {
            throw new InvalidOperationException($"The demo consultation's document was refused: {refused}");
        }

        if (await store.GetAsync(ConsultationId, ct) is { } existing)
        {
            if (existing.Value.State == ConsultationState.Open && await durable.GetInstanceAsync(ConsultationId, ct) is null)
            {
                await starter.ScheduleAsync(ConsultationId, durable, ct);
            }

            return;
        }

        var owner = await people.FindByEmailAsync(DemoPeople.Coordinator, ct)
            ?? throw new InvalidOperationException("The demo coordinator is missing; seed the demo people first.");
        var deadline = SwedishTime.Today(time).AddDays(21);
        var input = new CreateConsultationInput(Title, CaseNumber, DocumentId, deadline.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            "Lokala BRÅ har tagit fram ett utkast till lokal strategi för narkotikabekämpning och ber om era synpunkter. " +
            "Svara gärna särskilt på om insatserna i avsnitt 4 är rimliga för er verksamhet.",
            [.. Consultees.Select(c => new ConsulteeInput(c.Name, c.Email, c.Organisation))], null);
        var result = await starter.StartAsync(input, owner, durable, ct, new FixedConsultationIds(ConsultationId, [.. Consultees.Select(c => c.Id)]));
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo consultation was refused: " + string.Join("; ", result.Errors?.SelectMany(e => e.Value) ?? [result.Message]));
        }
    }

    private const string Draft = """
        # Lokal strategi för narkotikabekämpning

        **Remissutkast – Lokala BRÅ.** *Exempeldokument i demodata. Uppgifterna är påhittade.*

        ## 1. Bakgrund
        Lokala BRÅ har i sin lägesbild sett att fler unga uppger att de har använt narkotika och att försäljning sker
        öppet vid vissa platser i centrum. Strategin samlar kommunens, polisens och skolans arbete under gemensamma mål.

        ## 2. Mål
        1. Färre unga som börjar använda narkotika.
        2. Tidig upptäckt och stöd för den som har börjat.
        3. Minskad tillgång till narkotika på offentliga platser.

        ## 3. Ansvar
        - **Socialtjänsten** ansvarar för stöd till unga och deras familjer och för samordningen av individärenden.
        - **Polisen** ansvarar för lägesbilden och för insatser mot försäljning.
        - **Skolan** ansvarar för det förebyggande arbetet i undervisningen och för att oro anmäls tidigt.

        ## 4. Insatser 2026–2028
        | Insats | Ansvarig | Uppföljning |
        |---|---|---|
        | Föräldrautbildning i samtliga högstadieskolor | Socialtjänsten | Antal deltagare per termin |
        | Gemensam lägesbild varje kvartal | Polisen | Rapport till Lokala BRÅ |
        | Drogförebyggande lektioner i årskurs 7–9 | Skolan | Andel klasser som genomfört |
        | Samverkansmöten vid oro för enskild elev | Skolan och socialtjänsten | Antal möten |

        ## 5. Uppföljning
        Strategin följs upp årligen av Lokala BRÅ. Resultatet redovisas för kommunstyrelsen.
        """;
}
