using Bra.Core.Consultations;
using Bra.Core.Documents;
using Bra.Core.People;
using Bra.IntegrationTests.Support;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bra.IntegrationTests.Consultations;

/// <summary>A consultation stored while its workflow cannot be scheduled (the task hub is unreachable).</summary>
public sealed class ConsultationStartFailureTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task StartAsync_TaskHubUnreachable_StoredAsCancelledWithReasonAndStartFailedThrown()
    {
        var storage = azurite.Storage();
        var consultations = new ConsultationStore(storage);
        var documents = new DocumentStore(storage, TimeProvider.System);
        var (document, _) = await documents.SaveAsync("strategi.txt", "Utkast till lokal narkotikastrategi."u8.ToArray(), new HashSet<DocumentKind> { DocumentKind.Text }, 1024, null, default);
        var starter = new ConsultationStarter(consultations, new CreateConsultationValidator(documents, new ConsulteeInputValidator(), TimeProvider.System), TimeProvider.System,
            NullLogger<ConsultationStarter>.Instance);
        var owner = new Person("p-owner", "Sara Samordnare", "sara@example.se", null, null, null, ["Administrator"], DateTimeOffset.UtcNow, DateTimeOffset.UtcNow);
        var input = new CreateConsultationInput("Narkotikastrategi", null, document!.Id, DateTimeOffset.UtcNow.AddDays(14).ToString("yyyy-MM-dd"), null,
            [new ConsulteeInput("Anna Berg", "anna.berg@example.se", "Polisen")], []);
        var before = (await consultations.ListAsync(default)).Select(c => c.Id).ToHashSet();

        // A real gRPC Durable Task client aimed at a port where no task hub listens: scheduling fails as it would in an outage.
        var collection = new ServiceCollection().AddLogging();
        collection.AddDurableTaskClient(b => b.UseGrpc(GrpcChannel.ForAddress($"http://127.0.0.1:{Ports.Free()}")));
        await using var services = collection.BuildServiceProvider();
        var durable = services.GetRequiredService<DurableTaskClient>();

        var thrown = await Assert.ThrowsAsync<ConsultationStartFailedException>(() => starter.StartAsync(input, owner, durable, default));

        var stored = Assert.Single(await consultations.ListAsync(default), c => !before.Contains(c.Id));
        Assert.Equal($"Consultation {stored.Id} could not be started.", thrown.Message);
        Assert.Equal(ConsultationState.Cancelled, stored.State);
        Assert.Equal("Kunde inte startas (tekniskt fel).", stored.CancelReason);
        Assert.NotNull(stored.CancelledAt);
        Assert.DoesNotContain("anna.berg", thrown.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
