using System.Globalization;
using Bra.Core.Csv;

namespace Bra.Core.Cameras;

/// <summary>One line of the förteckning: what IMY may ask for.</summary>
public sealed record RegisterEntry(
    string Id,
    string Name,
    string? PlaceDescription,
    SiteKind Kind,
    string UnitId,
    string? UnitName,
    SiteState State,
    DateOnly? StartedOn,
    DateOnly? EndedOn,
    string Purpose,
    string? MonitoringHours,
    int RetentionHours,
    string? RetentionReason,
    LegalBasis? LegalBasis,
    int CameraCount);

/// <summary>The list (förteckning) of every site that is active or ended within the last five years, as JSON or CSV.</summary>
public static class CameraRegister
{
    public const int YearsKept = 5;

    public static bool Included(CameraSite site, DateOnly today) => site.State switch
    {
        SiteState.Active => true,
        SiteState.Ended => site.EndedOn is { } ended && ended >= today.AddYears(-YearsKept),
        _ => false,
    };

    public static IReadOnlyList<RegisterEntry> Entries(IEnumerable<CameraSite> sites, IReadOnlyDictionary<string, string> unitNames, DateOnly today) =>
        sites.Where(s => Included(s, today))
            .Select(s => new RegisterEntry(s.Id, s.Name, s.PlaceDescription, s.Kind, s.UnitId, unitNames.GetValueOrDefault(s.UnitId), s.State,
                s.StartedOn, s.EndedOn, s.Purpose, s.MonitoringHours, s.RetentionHours, s.RetentionReason, s.LegalBasis, s.Cameras.Count))
            .ToList();

    /// <summary>The register as CSV in the exports' convention (<see cref="SpreadsheetCsv"/>).</summary>
    public static byte[] Csv(IEnumerable<RegisterEntry> entries) => SpreadsheetCsv.Write(csv =>
        {
            csv.WriteHeader(
            [
                "Id", "Plats", "Platsbeskrivning", "Typ", "Ansvarig enhet", "Läge", "Startade", "Avslutades", "Syfte", "Bevakningstider",
                "Lagringstid (timmar)", "Skäl för längre lagring", "Rättslig grund", "Beslut/diarienummer", "Beslutsdatum", "Giltig till",
                "Omprövning", "Villkor", "Antal kameror",
            ]);
            foreach (var e in entries)
            {
                var b = e.LegalBasis;
                csv.WriteRecord(
                [
                    e.Id, e.Name, e.PlaceDescription ?? "", KindText(e.Kind), e.UnitName ?? e.UnitId, StateText(e.State), Date(e.StartedOn), Date(e.EndedOn),
                    e.Purpose, e.MonitoringHours ?? "", e.RetentionHours.ToString(CultureInfo.InvariantCulture), e.RetentionReason ?? "",
                    b?.Type switch { LegalBasisType.ImyPermit => "Tillstånd från IMY", LegalBasisType.OwnAssessment => "Egen dokumenterad bedömning", _ => "" },
                    (b?.Type == LegalBasisType.ImyPermit ? b.DecisionNumber : b?.DecisionReference) ?? "",
                    Date(b?.DecidedOn), Date(b?.ValidUntil), Date(b?.ReviewDate), b?.Conditions ?? "", e.CameraCount.ToString(CultureInfo.InvariantCulture),
                ]);
            }
        });

    public static string KindText(SiteKind kind) => kind switch
    {
        SiteKind.SchoolIndoor => "Skola, inomhus",
        SiteKind.SchoolOutdoor => "Skola, utomhus",
        SiteKind.PublicPlace => "Allmän plats",
        _ => "Annan",
    };

    public static string StateText(SiteState state) => state switch
    {
        SiteState.Planned => "Planerad",
        SiteState.Active => "Aktiv",
        _ => "Avslutad",
    };

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
