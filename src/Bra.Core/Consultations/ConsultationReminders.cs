using Bra.Core.Time;

namespace Bra.Core.Consultations;

/// <summary>One reminder of the plan: its ledger key (no personal data) and when it is due (UTC).</summary>
public sealed record PlannedReminder(string Key, DateTime At);

/// <summary>A consultation's reminders: when each goes out and the key that is also its mail's purpose in the email ledger.</summary>
public static class ConsultationReminders
{
    /// <summary>How every reminder's key (and so its ledger purpose) starts; stored in the ledger, so it must not change.</summary>
    public const string PurposePrefix = "reminder-";

    /// <summary>The Swedish time of day whole-day reminders go out.</summary>
    public static readonly TimeOnly SendTime = new(9, 0);

    /// <summary>
    /// When each reminder goes out: whole days land at 09:00 Swedish time that many days before the deadline's date,
    /// shorter offsets exactly that long before the deadline. The key names the offset and the deadline, so moving the
    /// deadline plans fresh reminders while a retried one is never sent twice.
    /// </summary>
    public static IReadOnlyList<PlannedReminder> Plan(DateTimeOffset deadline, IEnumerable<string> offsets)
    {
        var plan = new List<PlannedReminder>();
        foreach (var text in offsets.Distinct(StringComparer.Ordinal))
        {
            // An offset reaching back before 1970 is long past (and may not be representable): skipped, never thrown on.
            if (SwedishTime.ParseOffset(text) is not { } offset || offset >= deadline - DateTimeOffset.UnixEpoch)
            {
                continue;
            }

            DateTimeOffset at;
            if (offset.Ticks % TimeSpan.TicksPerDay == 0)
            {
                var date = DateOnly.FromDateTime(SwedishTime.Local(deadline).DateTime).AddDays(-(int)offset.TotalDays);
                at = SwedishTime.At(date, SendTime);
            }
            else
            {
                at = deadline - offset;
            }

            if (at < deadline)
            {
                plan.Add(new PlannedReminder($"{PurposePrefix}{text}-{deadline.UtcDateTime:yyyyMMddTHHmmssZ}", at.UtcDateTime));
            }
        }

        return plan.OrderBy(r => r.At).ToList();
    }
}
