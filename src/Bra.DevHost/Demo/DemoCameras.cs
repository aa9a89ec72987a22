using Bra.Core.Cameras;
using Bra.Core.Documents;
using Bra.Core.People;
using Bra.Core.Time;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace Bra.DevHost.Demo;

/// <summary>
/// Demo camera sites from the seed minutes (fixed ids; an existing record is left as it is): Avesta centrum with an
/// older IMY permit expiring soon and a pending extension and expansion, Domarhagsskolan (school indoors, own
/// assessment from 2025) and an ended site within the five-year window. Dates are relative to the day of seeding. The
/// documents they refer to are stored first (<see cref="DemoCameraDocuments"/>).
/// </summary>
public sealed class DemoCameras(CameraStore store, CameraRequests requests, DocumentStore documents, TimeProvider time, ILogger<DemoCameras> logger)
{
    public const string AvestaCentrumSiteId = "site-avesta-centrum";
    public const string DomarhagsskolanSiteId = "site-domarhagsskolan";
    public const string EndedSiteId = "site-stationsparken";
    public const string ExtensionRequestId = "request-avesta-centrum-forlangning";
    public const string ExpansionRequestId = "request-avesta-centrum-utokning";
    private static readonly Actor Seeder = new("demo-samordnare", "Sam Samordnare");

    public async Task SeedAsync(DurableTaskClient? durable, CancellationToken ct = default)
    {
        await DemoCameraDocuments.EnsureAsync(documents, Seeder.Id, ct);
        var now = time.GetUtcNow();
        var today = SwedishTime.Today(time);
        await EnsureAsync(Site(AvestaCentrumSiteId, "Avesta centrum", "Torget och gågatan i centrala Avesta", SiteKind.PublicPlace,
            DemoPeople.CouncilUnitId, "Förebygga brott och öka tryggheten på torget och gågatan kvällar och helger.", "Fre–lör 18–06", 72,
            new LegalBasis(LegalBasisType.ImyPermit, DecisionNumber: "DI-2021-0000 (exempel)", DecidedOn: new DateOnly(2021, 3, 15),
                ValidUntil: today.AddDays(45), Conditions: "Bevakning endast fredag och lördag kl. 18–06. Maskering av bostadsfönster."),
            new DateOnly(2021, 6, 1), null, [Cam("C1", "Torget, fasad mot norr"), Cam("C2", "Gågatan, korsningen mot Kungsgatan")], now), ct);
        await EnsureAsync(Site(DomarhagsskolanSiteId, "Domarhagsskolan", "Korridorer och entréer inomhus", SiteKind.SchoolIndoor,
            DemoPeople.DomarhagsskolanUnitId, "Förebygga skadegörelse och brott i skolans korridorer utanför skoltid.", "Vardagar 18–06, helger dygnet runt", 72,
            new LegalBasis(LegalBasisType.OwnAssessment, DecidedOn: new DateOnly(2025, 9, 1), AssessmentDocumentId: DemoCameraDocuments.DomarhagsskolanAssessmentId,
                DecisionReference: "BIN 2025/123 (exempel)", DecidedBy: "Bildningsnämnden", ReviewDate: today.AddMonths(10)),
            new DateOnly(2025, 10, 1), null, [Cam("K1", "Huvudentrén"), Cam("K2", "Korridor plan 1")], now) with
        {
            AccessPolicy = AccessPolicy.PrincipalAndManager,
            Operators = [],
            ImpactAssessmentDocumentId = DemoCameraDocuments.DomarhagsskolanImpactAssessmentId,
        }, ct);
        await EnsureAsync(Site(EndedSiteId, "Stationsparken", "Gångtunneln vid stationen", SiteKind.PublicPlace, DemoPeople.CouncilUnitId,
            "Förebygga brott i gångtunneln.", "Dygnet runt", 48,
            new LegalBasis(LegalBasisType.ImyPermit, DecisionNumber: "DI-2019-0000 (exempel)", DecidedOn: new DateOnly(2019, 5, 1), ValidUntil: today.AddYears(-2)),
            today.AddYears(-6), today.AddYears(-2), [Cam("T1", "Tunnelns västra mynning")], now) with
        {
            State = SiteState.Ended,
        }, ct);

        await EnsureRequestAsync(new CameraRequest(ExtensionRequestId, AvestaCentrumSiteId, RequestKind.Extension, RequestState.Draft,
            "Tillståndet löper ut. Bevakningen har minskat skadegörelsen på torget och behövs fortsatt.", new RequestedPeriod(today.AddDays(46), today.AddYears(3)),
            null, [], [], DemoCameraDocuments.AvestaCentrumAssessmentId, Seeder.Id, Seeder.Name, now, null, null, null, false), durable, ct);
        await EnsureRequestAsync(new CameraRequest(ExpansionRequestId, AvestaCentrumSiteId, RequestKind.Expansion, RequestState.Draft,
            "Utökning till busstorget där oroligheter ökat.", new RequestedPeriod(today.AddDays(46), today.AddYears(3)), "Busstorget",
            [new CameraInput("C3", "Busstorget, hållplatsläge A", false, "Hållplatsen och gångstråket", true, false, null)], [],
            DemoCameraDocuments.AvestaCentrumAssessmentId, Seeder.Id, Seeder.Name, now, null, null, null, false), durable, ct);
    }

    private async Task EnsureAsync(CameraSite site, CancellationToken ct)
    {
        if (await store.GetSiteAsync(site.Id, ct) is null)
        {
            await store.CreateSiteAsync(site, Seeder, "Demodata", ct);
        }
    }

    private async Task EnsureRequestAsync(CameraRequest request, DurableTaskClient? durable, CancellationToken ct)
    {
        if (await store.GetRequestAsync(request.Id, ct) is null)
        {
            await store.AddRequestAsync(request, ct);
        }

        if (durable is null)
        {
            return;
        }

        try
        {
            await requests.SubmitAsync(request.Id, durable, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "Demo camera request {RequestId} was not submitted", request.Id);
        }
    }

    private static Camera Cam(string label, string placement) => new(label.ToLowerInvariant(), label, placement, false, placement, true, false, null);

    private static CameraSite Site(string id, string name, string place, SiteKind kind, string unitId, string purpose, string hours, int retention,
        LegalBasis basis, DateOnly started, DateOnly? ended, IReadOnlyList<Camera> cameras, DateTimeOffset now) =>
        new(id, name, place, kind, unitId, purpose, hours, retention, null, true, DateOnly.FromDateTime(SwedishTime.Local(now).DateTime).AddMonths(-2), null,
            AccessPolicy.NamedOperators, ["demo-samordnare"], SiteState.Active, null, started, ended, basis, cameras, "demo-samordnare", false, [], 0, now, now);
}
