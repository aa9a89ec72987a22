namespace Bra.Core.Consultations;

/// <summary>A consultation's states and counts in the Swedish words of the staff pages.</summary>
public static class ConsultationText
{
    public static string State(ConsultationState state) => state switch
    {
        ConsultationState.Open => "Öppen",
        ConsultationState.Closed => "Stängd",
        ConsultationState.Cancelled => "Återkallad",
        _ => "Arbetsflödet har stannat",
    };

    public static string AnswersOfTotal(ConsultationCounts counts) => $"{counts.Answered} av {counts.Total}";

    /// <summary>Where a consultee stands, in one Swedish sentence: answered (position and time), forwarded, late, reminded, invited, delivery failed.</summary>
    public static string Consultee(ConsulteeView x)
    {
        var parts = new List<string>();
        parts.Add(x.State switch
        {
            ConsulteeState.Answered => $"Svarade {Time.SwedishTime.Short(x.AnsweredAt!.Value)}: {(x.Position is { } p ? PositionText.Swedish(p) : "")}"
                + (x.Versions > 1 ? $" (ändrat {Time.SwedishTime.Short(x.LastAmendedAt!.Value)})" : ""),
            ConsulteeState.Delegated => $"Vidarebefordrad till {x.DelegatedTo!.Name}",
            ConsulteeState.NotAnswered => PositionText.NotAnswered,
            _ => x.InvitedAt is { } at ? $"Inbjuden {Time.SwedishTime.Short(at)}" : "Inbjudan väntar på att skickas",
        });
        if (x.Late)
        {
            parts.Add(PositionText.Late.ToLowerInvariant());
        }

        if (x.RemindedAt.Count > 0)
        {
            parts.Add($"påmind {string.Join(", ", x.RemindedAt.Select(Time.SwedishTime.Short))}");
        }

        if (x.Delivery == Delivery.Failed)
        {
            parts.Add($"e-post kunde inte levereras ({Time.SwedishTime.Short(x.DeliveryFailedAt!.Value)})");
        }
        else if (x.Delivery == Delivery.Unknown)
        {
            parts.Add("okänt om e-posten kom fram");
        }

        return string.Join("; ", parts);
    }
}
