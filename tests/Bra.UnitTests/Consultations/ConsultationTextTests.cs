using Bra.Core.Consultations;

namespace Bra.UnitTests.Consultations;

/// <summary>The consultation page's status sentence for each consultee (times in Swedish time).</summary>
public sealed class ConsultationTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);

    [Fact]
    public void Consultee_AnsweredAmendedLateAndReminded_PositionTimesLateAndReminder()
    {
        var x = View(ConsulteeState.Answered) with
        {
            AnsweredAt = At, LastAmendedAt = At.AddDays(1), Versions = 2, Position = Position.Opposes, Late = true, RemindedAt = [At.AddDays(-1)],
            InvitedAt = At.AddDays(-5), Delivery = Delivery.Sent,
        };

        Assert.Equal("Svarade 2026-11-20 10:30: Avstyrker (ändrat 2026-11-21 10:30); inkommit efter svarstid; påmind 2026-11-19 10:30", ConsultationText.Consultee(x));
    }

    [Fact]
    public void Consultee_Forwarded_NamesTheColleague()
    {
        var x = View(ConsulteeState.Delegated) with { DelegatedTo = new DelegatedToView("k2", "Kim Kollega", "kim@example.se"), InvitedAt = At, Delivery = Delivery.Sent };

        Assert.Equal("Vidarebefordrad till Kim Kollega", ConsultationText.Consultee(x));
    }

    [Fact]
    public void Consultee_InvitedButDeliveryFailed_SaysWhen()
    {
        var x = View(ConsulteeState.Invited) with { InvitedAt = At, Delivery = Delivery.Failed, DeliveryFailedAt = At.AddMinutes(5) };

        Assert.Equal("Inbjuden 2026-11-20 10:30; e-post kunde inte levereras (2026-11-20 10:35)", ConsultationText.Consultee(x));
    }

    [Fact]
    public void Consultee_InvitationNotSentYetOrNotAnsweredWithUnknownDelivery_SaysSo()
    {
        Assert.Equal("Inbjudan väntar på att skickas", ConsultationText.Consultee(View(ConsulteeState.Invited)));
        Assert.Equal("Har inte svarat; okänt om e-posten kom fram",
            ConsultationText.Consultee(View(ConsulteeState.NotAnswered) with { InvitedAt = At, Delivery = Delivery.Unknown, DeliveryFailedAt = At }));
    }

    private static ConsulteeView View(ConsulteeState state) =>
        new("k1", "Anna Berg", "anna@example.se", "Polisen", state, null, [], null, null, 0, null, false, null, null);
}
