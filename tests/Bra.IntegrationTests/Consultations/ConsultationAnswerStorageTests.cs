using Azure.Data.Tables;
using Bra.Core.Consultations;
using Bra.Core.Documents;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Consultations;

/// <summary>
/// How answer versions are stored, against real Table storage (Azurite): the consultee row keeps its latest version
/// (one point read for a consultee and its answer), guarded by the row's ETag.
/// </summary>
public sealed class ConsultationAnswerStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private StorageAccount Storage() => azurite.Storage();

    private static Consultation NewConsultation()
    {
        var now = DateTimeOffset.UtcNow;
        return new Consultation(Guid.NewGuid().ToString("N"), "Remiss", null, "doc", "remiss.md", "sha", now.AddDays(7), null, [], "owner", "Ägare",
            "agare@example.se", ConsultationState.Open, now);
    }

    private static Answer Version(string consulteeId, int version, DateTimeOffset at) =>
        new(consulteeId, version, Position.Supports, $"Version {version}", "Anna", null, null, null, at, false, null, null);

    [Fact]
    public async Task SubmitAsync_ConcurrentDifferentAnswersOfOneConsultee_ConsecutiveVersionsAndRowKeepsTheLast()
    {
        var storage = Storage();
        var store = new ConsultationStore(storage);
        var answers = new ConsultationAnswers(store, new DocumentStore(storage, TimeProvider.System), new AnswerInputValidator(), TimeProvider.System);
        var consultation = NewConsultation();
        var consulteeId = Guid.NewGuid().ToString("N");
        await store.CreateAsync(consultation, [new Consultee(consulteeId, "Instans", "instans@example.org", null, DateTimeOffset.UtcNow)], CancellationToken.None);
        var row = (await store.GetConsulteeAsync(consultation.Id, consulteeId, CancellationToken.None))!.Value;

        // Every submission starts from the same read (as ten requests would), so all but one meet a changed row and retry.
        var outcomes = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => answers.SubmitAsync(consultation,
            new AnswerSubmission(consulteeId, new AnswerDraft(Position.Opposes, $"Svar {i}", "Anna", null), Known: ConsultationAnswers.From(row.Value, row.ETag)),
            CancellationToken.None)));

        Assert.All(outcomes, o => Assert.True(o.Value!.IsNew));
        var versions = await store.VersionsAsync(consultation.Id, consulteeId, CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, 10), versions.Select(v => v.Version));
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"Svar {i}").Order(), versions.Select(v => v.Comments!).Order());
        var kept = (await store.GetConsulteeAsync(consultation.Id, consulteeId, CancellationToken.None))!.Value.Value;
        Assert.Equal(versions[^1], kept.LastAnswer);
        Assert.Equal(versions[0].ReceivedAt, kept.FirstAnsweredAt);
    }

    [Fact]
    public async Task AddConsulteesAsync_SomeRowsStoredByAnEarlierAttempt_EveryRowOnceEarlierRowsKept()
    {
        var storage = Storage();
        var store = new ConsultationStore(storage);
        var consultation = NewConsultation();
        await store.CreateAsync(consultation, [], CancellationToken.None);
        var now = DateTimeOffset.UtcNow;
        var consultees = Enumerable.Range(0, 150).Select(i => new Consultee(Guid.NewGuid().ToString("N"), $"Instans {i}", $"instans{i}@example.org", "Org", now)).ToList();
        // An earlier attempt stored three of them (one in each transaction's range) before its response was lost.
        var earlier = new[] { consultees[0], consultees[99], consultees[149] }.Select(c => c with { Name = c.Name + " (först)" }).ToList();
        await store.AddConsulteesAsync(consultation.Id, earlier, CancellationToken.None);

        await store.AddConsulteesAsync(consultation.Id, consultees, CancellationToken.None);

        var stored = (await store.LoadAsync(consultation.Id, CancellationToken.None))!.Consultees;
        Assert.Equal(consultees.Select(c => c.Id).Order(), stored.Select(c => c.Id).Order());
        Assert.Equal(earlier.Select(c => c.Name).Order(), stored.Where(c => c.Name.EndsWith("(först)", StringComparison.Ordinal)).Select(c => c.Name).Order());
    }
}
