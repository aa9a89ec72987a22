using Bra.Core;
using Bra.Core.Consultations;
using Bra.Core.Documents;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Consultations;

/// <summary>The caps on what consultees can make the system store and send, against real Table storage (Azurite).</summary>
public sealed class ConsultationCapsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private StorageAccount Storage() => azurite.Storage();

    private static async Task<Consultation> CreateAsync(ConsultationStore store)
    {
        var now = DateTimeOffset.UtcNow;
        var consultation = new Consultation(Guid.NewGuid().ToString("N"), "Remiss", null, "doc", "remiss.md", "sha", now.AddDays(7), null, [], "owner", "Ägare",
            "agare@example.se", ConsultationState.Open, now);
        await store.CreateAsync(consultation, [new Consultee(Guid.NewGuid().ToString("N"), "Instans", "instans@example.org", null, now)], CancellationToken.None);
        return consultation;
    }

    [Fact]
    public async Task ReserveAsync_SixtyConcurrentForwards_ExactlyTheCapReserved()
    {
        var store = new ConsultationStore(Storage());
        var consultation = await CreateAsync(store);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, ConsultationRules.MaxForwards + 10)
            .Select(_ => Task.Run(() => store.ReserveAsync(consultation.Id, 1, forward: true, DateTimeOffset.UtcNow, CancellationToken.None))));

        Assert.Equal(ConsultationRules.MaxForwards, outcomes.Count(o => o == Reservation.Reserved));
        Assert.Equal(10, outcomes.Count(o => o == Reservation.ForwardCap));
        var header = (await store.GetAsync(consultation.Id, CancellationToken.None))!.Value.Value;
        Assert.Equal(ConsultationRules.MaxForwards, header.Forwards);
        Assert.Equal(1 + ConsultationRules.MaxForwards, header.ConsulteeCount);
    }

    [Fact]
    public async Task ReserveAsync_ConcurrentAdditionsNearConsulteeCap_NeverPastIt()
    {
        var store = new ConsultationStore(Storage());
        var consultation = await CreateAsync(store);
        var current = (await store.GetAsync(consultation.Id, CancellationToken.None))!.Value;
        Assert.True(await store.TryUpdateAsync(current.Value with { ConsulteeCount = ConsultationRules.MaxConsultees - 10 }, current.ETag, CancellationToken.None));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 25)
            .Select(_ => Task.Run(() => store.ReserveAsync(consultation.Id, 1, forward: false, DateTimeOffset.UtcNow, CancellationToken.None))));

        Assert.Equal(10, outcomes.Count(o => o == Reservation.Reserved));
        Assert.Equal(15, outcomes.Count(o => o == Reservation.ConsulteeCap));
        Assert.Equal(ConsultationRules.MaxConsultees, (await store.GetAsync(consultation.Id, CancellationToken.None))!.Value.Value.ConsulteeCount);
    }

    [Fact]
    public async Task SubmitAsync_PastTwentyVersions_RefusedWithSwedishMessageAndNothingStored()
    {
        var storage = Storage();
        var store = new ConsultationStore(storage);
        var answers = new ConsultationAnswers(store, new DocumentStore(storage, TimeProvider.System), new AnswerInputValidator(), TimeProvider.System);
        var consultation = await CreateAsync(store);
        var consulteeId = (await store.LoadAsync(consultation.Id, CancellationToken.None))!.Consultees.Single().Id;

        for (var i = 1; i <= ConsultationAnswers.MaxVersions; i++)
        {
            var stored = await answers.SubmitAsync(consultation, new AnswerSubmission(consulteeId, new AnswerDraft(Position.Opposes, $"Version {i}", "Namn", null),
                WithReceipt: true), CancellationToken.None);
            Assert.True(stored.Value!.IsNew);
        }

        var refused = await answers.SubmitAsync(consultation, new AnswerSubmission(consulteeId, new AnswerDraft(Position.Opposes, "En till", "Namn", null),
            WithReceipt: true), CancellationToken.None);

        Assert.Equal(ResultStatus.Conflict, refused.Status);
        Assert.Contains("20 versioner", refused.Message);
        Assert.Equal(ConsultationAnswers.MaxVersions, (await store.VersionsAsync(consultation.Id, consulteeId, CancellationToken.None)).Count);
    }
}
