using Bra.Core.Agreements;
using Microsoft.Extensions.Time.Testing;

namespace Bra.UnitTests.Agreements;

/// <summary>Who may act on a valid link (<see cref="AgreementSigning.CanAct"/> uses only the party and the clock).</summary>
public sealed class AgreementSigningTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly AgreementSigning Signing = new(null!, null!, new SignFormValidator(), new DeclineFormValidator(), new FakeTimeProvider(Now));

    private static SigningParty Party(SigningOrder order, params Signer[] signers)
    {
        var agreement = new Agreement("a1", "Avtal", null, "d1", "avtal.pdf", "application/pdf", 10, "sha", order, Now.AddDays(30), null, [],
            "o1", "Ägare", "agare@example.org", Now.AddDays(-1));
        return new SigningParty("token", "hash", new AgreementData(agreement, signers, []), signers[^1], default);
    }

    private static Signer Signer(int position, SignerState state) => new($"s{position:D2}", position, $"P{position}", $"p{position}@example.org", "Org", null, state);

    [Fact]
    public void CanAct_InvitationMailedButNotYetMarked_True() =>
        Assert.True(Signing.CanAct(Party(SigningOrder.Parallel, Signer(1, SignerState.Invited), Signer(2, SignerState.Waiting))));

    [Fact]
    public void CanAct_SequentialEarlierSignerNotSigned_False() =>
        Assert.False(Signing.CanAct(Party(SigningOrder.Sequential, Signer(1, SignerState.Invited), Signer(2, SignerState.Waiting))));

    [Fact]
    public void CanAct_SequentialEarlierSignerSigned_True() =>
        Assert.True(Signing.CanAct(Party(SigningOrder.Sequential, Signer(1, SignerState.Signed), Signer(2, SignerState.Waiting))));

    [Fact]
    public void CanAct_AlreadySigned_False() =>
        Assert.False(Signing.CanAct(Party(SigningOrder.Parallel, Signer(1, SignerState.Signed))));
}
