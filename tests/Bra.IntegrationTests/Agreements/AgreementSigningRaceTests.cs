using Bra.Core;
using Bra.Core.Agreements;
using Bra.Core.Documents;
using Bra.Core.Links;
using Bra.IntegrationTests.Support;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Bra.IntegrationTests.Agreements;

/// <summary>
/// A signer's post races the workflow's own writes to the signer row (marking the invitation sent, counting a
/// reminder): the signature must land on the row as it is now, not be refused as "closed". Real Table storage (Azurite)
/// and a real durable client (the SDK's in-process host), so the ETag race is the one production has.
/// </summary>
public sealed class AgreementSigningRaceTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private const string Sha = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    private DurableTaskTestHost? durable;

    public async Task InitializeAsync() => durable = await DurableTestHost.StartAsync(_ => { });

    public async Task DisposeAsync()
    {
        if (durable is not null)
        {
            await durable.DisposeAsync();
        }
    }

    [Fact]
    public async Task SignAsync_WorkflowCountedAReminderAfterThePostReadTheRow_SignedAndReminderKept()
    {
        var (store, signing, party) = await AgreementWithSignerReadAsync();
        await store.UpdateSignerAsync(party.Data.Agreement.Id, party.Signer.Id,
            s => s with { State = SignerState.Invited, Reminders = 1, RemindedAt = DateTimeOffset.UtcNow }, default);

        var result = await signing.SignAsync(party, new SignForm("Anna Andersson", true), Sha, "127.0.0.1", "test", durable!.Client, default);

        Assert.Equal(ResultStatus.Ok, result.Status);
        var stored = (await store.GetSignerAsync(party.Data.Agreement.Id, party.Signer.Id, default))!.Value.Signer;
        Assert.Equal(SignerState.Signed, stored.State);
        Assert.Equal("Anna Andersson", stored.Signature?.TypedName);
        Assert.Equal(1, stored.Reminders);
    }

    [Fact]
    public async Task SignAsync_SignerReplacedAfterThePostReadTheRow_ClosedAndNothingSigned()
    {
        var (store, signing, party) = await AgreementWithSignerReadAsync();
        await store.UpdateSignerAsync(party.Data.Agreement.Id, party.Signer.Id, s => s with { Generation = s.Generation + 1 }, default);

        var result = await signing.SignAsync(party, new SignForm("Anna Andersson", true), Sha, "127.0.0.1", "test", durable!.Client, default);

        Assert.Equal(ResultStatus.Gone, result.Status);
        var stored = (await store.GetSignerAsync(party.Data.Agreement.Id, party.Signer.Id, default))!.Value.Signer;
        Assert.Equal(SignerState.Invited, stored.State);
        Assert.Null(stored.Signature);
    }

    private async Task<(AgreementStore Store, AgreementSigning Signing, SigningParty Party)> AgreementWithSignerReadAsync()
    {
        var storage = azurite.Storage();
        var time = TimeProvider.System;
        var store = new AgreementStore(storage, time);
        var service = new AgreementService(store, new DocumentStore(storage, time), new LinkStore(storage, time), Options.Create(new AgreementOptions()), time,
            new CreateAgreementValidator(time), new CancelAgreementValidator(), new ReplaceSignerValidator(), NullLogger<AgreementService>.Instance);
        var signing = new AgreementSigning(store, service, new SignFormValidator(), new DeclineFormValidator(), time);

        var now = time.GetUtcNow();
        var id = Guid.NewGuid().ToString("N");
        var agreement = new Agreement(id, "Trygghetsöverenskommelse", null, "d1", "avtal.pdf", "application/pdf", 10, Sha, SigningOrder.Parallel,
            now.AddDays(30), null, [], "o1", "Ägare", "agare@example.org", now);
        var signer = new Signer("s1", 1, "Anna Andersson", "anna@example.org", "Butiken", null, SignerState.Invited, InvitedAt: now);
        await store.CreateAsync(agreement, [signer], default);

        var data = (await store.LoadAsync(id, default))!;
        var read = (await store.GetSignerAsync(id, signer.Id, default))!.Value;
        return (store, signing, new SigningParty("token", "hash", data, read.Signer, read.ETag));
    }
}
