using System.Security.Cryptography;
using System.Text;
using Bra.Core.Footage;

namespace Bra.UnitTests.Footage;

public sealed class AccessLogHashTests
{
    private static readonly AccessLogEntry Entry = new("e1", "site-a", 2, new string('a', 64), "", new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1)),
        "p1", "Rita Rektorsdotter", LogAction.View, ["k1", "k2"], new DateTimeOffset(2026, 3, 1, 22, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 1, 23, 0, 0, TimeSpan.Zero).AddTicks(5), "Granska skadegörelse vid entrén", "INC-7");

    [Fact]
    public void Canonical_Entry_FixedOrderCompactUtf8JsonWithUtcInstantsAndNulls()
    {
        const string expected =
            "{\"v\":1,\"id\":\"e1\",\"siteId\":\"site-a\",\"sequence\":2,\"previousHash\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\","
            + "\"recordedAt\":\"2026-03-02T08:30:00.0000000Z\",\"actor\":\"p1\",\"actorName\":\"Rita Rektorsdotter\",\"action\":\"view\","
            + "\"cameraIds\":[\"k1\",\"k2\"],\"footageFrom\":\"2026-03-01T22:00:00.0000000Z\",\"footageTo\":\"2026-03-01T23:00:00.0000005Z\","
            + "\"purpose\":\"Granska skadeg\\u00F6relse vid entr\\u00E9n\",\"incidentRef\":\"INC-7\",\"policeCaseNumber\":null,\"requestingAuthority\":null,"
            + "\"requestingOfficer\":null,\"legalGround\":null,\"handedOverAt\":null,\"handoverMethod\":null,\"attempted\":null,\"reason\":null}";

        Assert.Equal(expected, Encoding.UTF8.GetString(AccessLogHash.Canonical(Entry)));
    }

    [Fact]
    public void Compute_Entry_LowercaseHexSha256OfCanonicalBytesIgnoringStoredHash()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(AccessLogHash.Canonical(Entry)));

        Assert.Equal(expected, AccessLogHash.Compute(Entry));
        Assert.Equal(expected, AccessLogHash.Compute(Entry with { Hash = "anything" }));
        Assert.Matches("^[0-9a-f]{64}$", expected);
    }

    public static TheoryData<string, AccessLogEntry> Changes => new()
    {
        { "sequence", Entry with { Sequence = 3 } },
        { "previousHash", Entry with { PreviousHash = new string('b', 64) } },
        { "recordedAt", Entry with { RecordedAt = Entry.RecordedAt.AddTicks(1) } },
        { "actor", Entry with { Actor = "p2" } },
        { "action", Entry with { Action = LogAction.Export } },
        { "cameraIds", Entry with { CameraIds = ["k2", "k1"] } },
        { "footageTo", Entry with { FootageTo = Entry.FootageTo!.Value.AddSeconds(1) } },
        { "purpose", Entry with { Purpose = "Granska skadegörelse vid entrén." } },
        { "incidentRef", Entry with { IncidentRef = null } },
        { "reason", Entry with { Reason = "" } },
        { "siteId", Entry with { SiteId = "site-b" } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Compute_AnyContentFieldChanged_DifferentHash(string field, AccessLogEntry changed)
    {
        Assert.True(AccessLogHash.Compute(Entry) != AccessLogHash.Compute(changed), field);
    }

    [Fact]
    public void Compute_SameInstantInAnotherOffset_SameHash()
    {
        var sameInstant = Entry with { RecordedAt = Entry.RecordedAt.ToUniversalTime() };

        Assert.Equal(AccessLogHash.Compute(Entry), AccessLogHash.Compute(sameInstant));
    }
}
