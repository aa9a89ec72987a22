using Bra.Core.Cameras;
using Bra.Core.Documents;

namespace Bra.DevHost.Demo;

/// <summary>
/// The documents the demo camera sites and requests refer to (fixed ids, fictional Swedish texts): the balancing
/// assessments for Avesta centrum and Domarhagsskolan and the impact assessment for Domarhagsskolan.
/// </summary>
public static class DemoCameraDocuments
{
    public const string AvestaCentrumAssessmentId = "demo-intresseavvagning-avesta-centrum";
    public const string DomarhagsskolanAssessmentId = "demo-intresseavvagning-domarhagsskolan";
    public const string DomarhagsskolanImpactAssessmentId = "demo-konsekvensbedomning-domarhagsskolan";

    public static async Task EnsureAsync(DocumentStore documents, string uploadedBy, CancellationToken ct)
    {
        foreach (var (id, fileName, text) in All)
        {
            var (_, error) = await documents.EnsureAsync(id, fileName, System.Text.Encoding.UTF8.GetBytes(text), DocumentKinds.ConsultationDocuments,
                DocumentStore.MaxStaffDocumentBytes, uploadedBy, ct);
            if (error is not null)
            {
                throw new InvalidOperationException($"Demo document {id} was refused: {error}");
            }
        }
    }

    private static readonly (string Id, string FileName, string Text)[] All =
    [
        (AvestaCentrumAssessmentId, "intresseavvagning-avesta-centrum.md", """
            # Intresseavvägning kamerabevakning Avesta centrum

            *Exempeldokument i demodata. Uppgifterna är påhittade.*

            ## Bevakningens syfte
            Att förebygga och utreda brott samt öka tryggheten på torget och gågatan fredag och lördag kväll och natt,
            då anmälningarna om skadegörelse och misshandel är som flest.

            ## Intresset av bevakningen
            - Polisens lägesbild visar att en stor del av våldsbrotten i centrum sker på torget kl. 22–03 helger.
            - Skadegörelsen på fasader och busskurer har minskat sedan bevakningen infördes 2021.
            - Andra åtgärder (belysning, ordningsvakter, grannsamverkan) används redan och räcker inte ensamma.

            ## Integritetsintresset
            Torget och gågatan är allmän plats där många rör sig. Bevakningen begränsas därför till fredag och lördag
            kl. 18–06, bostadsfönster maskeras och ljud spelas inte in.

            ## Bedömning
            Intresset av bevakningen väger tyngre än de enskildas intresse av att inte bli bevakade, under villkoren
            ovan. Materialet sparas i högst 72 timmar och ses bara av namngivna operatörer.

            ## Uppföljning
            Bedömningen omprövas inför varje förlängning och senast efter tre år.
            """),
        (DomarhagsskolanAssessmentId, "intresseavvagning-domarhagsskolan.md", """
            # Intresseavvägning kamerabevakning Domarhagsskolan

            *Exempeldokument i demodata. Uppgifterna är påhittade.*

            ## Bevakningens syfte
            Att förebygga skadegörelse, inbrott och anlagda bränder i skolans korridorer och entréer när skolan är stängd.

            ## Bakgrund
            Skolan har under de senaste två åren haft återkommande skadegörelse och två anlagda bränder kvällstid.
            Larm, låsning och ronderande väktare har inte räckt för att förhindra händelserna.

            ## Integritetsintresset
            Elever och personal har ett starkt intresse av att inte bli bevakade i skolmiljön. Bevakningen sker därför
            bara vardagar kl. 18–06 och dygnet runt under helger, aldrig under skoltid. Klassrum, toaletter och
            omklädningsrum bevakas inte.

            ## Bedömning
            Med dessa begränsningar väger intresset av bevakningen tyngre än integritetsintresset. Materialet sparas i
            högst 72 timmar. Enbart rektor och rektors chef har tillgång till materialet, utom när polisen begär ut det.

            ## Beslut och omprövning
            Beslutad av bildningsnämnden. Bedömningen omprövas årligen.
            """),
        (DomarhagsskolanImpactAssessmentId, "konsekvensbedomning-domarhagsskolan.txt", """
            Konsekvensbedömning avseende dataskydd – kamerabevakning Domarhagsskolan

            Exempeldokument i demodata. Uppgifterna är påhittade.

            1. Behandlingen
            Bildupptagning utan ljud i skolans entréer och korridorer utanför skoltid. Lagringstid högst 72 timmar.

            2. Risker för de registrerade
            - Elever eller personal som vistas i skolan kvällstid kan bli bevakade.
            - Obehörig åtkomst till materialet.

            3. Åtgärder
            - Bevakning endast utanför skoltid, tydlig upplysningsskylt vid varje entré.
            - Åtkomst endast för rektor och rektors chef; varje åtkomst loggas.
            - Utlämnande till polisen registreras.

            4. Samråd
            Dataskyddsombudet har lämnat synpunkter som har arbetats in.

            5. Slutsats
            Kvarvarande risk bedöms som låg.
            """),
    ];
}
