using System.Globalization;
using Bra.Core.Csv;
using Bra.Core.Time;

namespace Bra.Core.Footage;

/// <summary>A site's access log as CSV in the exports' convention (<see cref="SpreadsheetCsv"/>), times in Swedish time.</summary>
public static class AccessLogCsv
{
    /// <summary>The file of every entry, each written as it is read.</summary>
    public static Task<byte[]> WriteAsync(IAsyncEnumerable<AccessLogEntry> entries) => SpreadsheetCsv.WriteAsync(async csv =>
    {
        csv.WriteHeader(
        [
            "Nummer", "Registrerad", "Person-id", "Namn", "Åtgärd", "Kameror", "Material från", "Material till", "Syfte", "Händelsereferens",
            "Polisens ärendenummer", "Begärande myndighet", "Begärande tjänsteperson", "Rättslig grund", "Överlämnat", "Överlämningssätt",
            "Nekat försök", "Skäl", "Antal nekade", "Föregående kontrollsumma", "Kontrollsumma",
        ]);
        await foreach (var e in entries)
        {
            csv.WriteRecord(
            [
                e.Sequence.ToString(CultureInfo.InvariantCulture), Time(e.RecordedAt), e.Actor, e.ActorName, ActionText(e.Action),
                string.Join(", ", e.CameraIds ?? []), Time(e.FootageFrom), Time(e.FootageTo), e.Purpose ?? "", e.IncidentRef ?? "",
                e.PoliceCaseNumber ?? "", e.RequestingAuthority ?? "", e.RequestingOfficer ?? "", e.LegalGround ?? "", Time(e.HandedOverAt),
                e.HandoverMethod ?? "", e.Attempted ?? "", e.Reason ?? "", e.Count?.ToString(CultureInfo.InvariantCulture) ?? "", e.PreviousHash, e.Hash,
            ]);
        }
    });

    public static string ActionText(LogAction action) => action switch
    {
        LogAction.View => "Visning",
        LogAction.Export => "Export",
        LogAction.Disclosure => "Utlämnande till polisen",
        LogAction.Denied => "Nekad",
        _ => action.ToString(),
    };

    private static string Time(DateTimeOffset? instant) =>
        instant is { } value ? SwedishTime.Local(value).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) : "";
}
