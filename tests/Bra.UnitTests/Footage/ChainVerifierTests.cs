using Bra.Core.Footage;

namespace Bra.UnitTests.Footage;

public sealed class ChainVerifierTests
{
    private const string Site = "site-a";

    private static List<AccessLogEntry> Chain(int count)
    {
        var list = new List<AccessLogEntry>();
        var previous = AccessLogHash.Genesis;
        for (var n = 1; n <= count; n++)
        {
            var entry = new AccessLogEntry($"e{n}", Site, n, previous, "", new DateTimeOffset(2026, 3, 2, 9, 0, n, TimeSpan.Zero), "p1", "Rita",
                LogAction.View, ["k1"], Purpose: $"Granska händelse nummer {n}");
            entry = entry with { Hash = AccessLogHash.Compute(entry) };
            list.Add(entry);
            previous = entry.Hash;
        }

        return list;
    }

    private static ChainVerification Verify(IEnumerable<(long Row, AccessLogEntry? Entry)> rows, params ChainAnchor[] anchors) =>
        Verifier(rows, Stored(anchors)).Finish();

    private static ChainVerifier Verifier(IEnumerable<(long Row, AccessLogEntry? Entry)> rows, IReadOnlyList<StoredAnchor> anchors, ChainCheckpoint? from = null)
    {
        var verifier = new ChainVerifier(Site, anchors, from);
        foreach (var (row, entry) in rows)
        {
            if (!verifier.Add(row, entry))
            {
                break;
            }
        }

        return verifier;
    }

    /// <summary>Anchors as the store returns them: each in its year's blob, numbered in order.</summary>
    private static List<StoredAnchor> Stored(params ChainAnchor[] anchors) =>
        anchors.Select((a, i) => new StoredAnchor(FootageStore.AnchorBlobName(a), i + 1, a)).ToList();

    private static IEnumerable<(long, AccessLogEntry?)> Rows(IEnumerable<AccessLogEntry> entries) => entries.Select(e => (e.Sequence, (AccessLogEntry?)e));

    private static ChainAnchor Anchor(AccessLogEntry e) => new(Site, e.Sequence, e.Hash, DateTimeOffset.UnixEpoch);

    [Fact]
    public void Verify_UntouchedChain_IntactWithCountAndHeadHash()
    {
        var chain = Chain(5);

        var result = Verify(Rows(chain), Anchor(chain[3]));

        Assert.True(result.Intact);
        Assert.Equal(5, result.Entries);
        Assert.Equal(chain[4].Hash, result.HeadHash);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal(4, result.AnchoredSequence);
    }

    [Fact]
    public void Verify_EmptyLog_IntactWithGenesisHead()
    {
        var result = Verify([]);

        Assert.True(result.Intact);
        Assert.Equal(0, result.Entries);
        Assert.Equal(AccessLogHash.Genesis, result.HeadHash);
    }

    [Fact]
    public void Verify_FieldChanged_AlteredAtThatSequence()
    {
        var chain = Chain(5);
        chain[2] = chain[2] with { Purpose = "Något helt annat syfte" };

        var result = Verify(Rows(chain));

        Assert.False(result.Intact);
        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Altered, result.Problem);
    }

    [Fact]
    public void Verify_FieldChangedAndRehashed_AlteredAtThatSequenceFromSuccessor()
    {
        var chain = Chain(5);
        var forged = chain[2] with { Purpose = "Något helt annat syfte" };
        chain[2] = forged with { Hash = AccessLogHash.Compute(forged) };

        var result = Verify(Rows(chain));

        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Altered, result.Problem);
    }

    [Fact]
    public void Verify_EntryDeleted_MissingAtItsSequence()
    {
        var chain = Chain(5);
        chain.RemoveAt(1);

        var result = Verify(Rows(chain));

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Missing, result.Problem);
    }

    [Fact]
    public void Verify_TwoEntriesSwappedBetweenRows_ReorderedAtFirstRow()
    {
        var chain = Chain(5);
        var rows = chain.Select(e => (e.Sequence, (AccessLogEntry?)e)).ToList();
        rows[1] = (2, chain[3]);
        rows[3] = (4, chain[1]);

        var result = Verify(rows);

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Reordered, result.Problem);
    }

    [Fact]
    public void Verify_UnreadableRow_AlteredAtThatSequence()
    {
        var rows = Rows(Chain(3)).ToList();
        rows[2] = (3, null);

        Assert.Equal((3L, ChainVerifier.Altered), (Verify(rows).FirstBrokenSequence!.Value, Verify(rows).Problem));
    }

    [Fact]
    public void Verify_TailCutAfterAnchor_TruncatedAtFirstMissingSequence()
    {
        var chain = Chain(10);
        var anchor = Anchor(chain[9]);

        var result = Verify(Rows(chain.Take(7)), anchor);

        Assert.False(result.Intact);
        Assert.Equal(8, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Truncated, result.Problem);
    }

    [Fact]
    public void Verify_TailCutWithoutAnchor_IntactShorterChain()
    {
        var chain = Chain(10);

        var result = Verify(Rows(chain.Take(7)));

        Assert.True(result.Intact);
        Assert.Equal(7, result.Entries);
    }

    [Fact]
    public void Verify_ChainRewrittenFromScratch_AlteredAtAnchoredSequence()
    {
        var original = Chain(4);
        var rewritten = Chain(4).Select(e => e with { Actor = "someone-else" }).ToList();
        var previous = AccessLogHash.Genesis;
        for (var i = 0; i < rewritten.Count; i++)
        {
            rewritten[i] = rewritten[i] with { PreviousHash = previous };
            rewritten[i] = rewritten[i] with { Hash = AccessLogHash.Compute(rewritten[i]) };
            previous = rewritten[i].Hash;
        }

        var result = Verify(Rows(rewritten), Anchor(original[2]));

        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Altered, result.Problem);
    }

    [Fact]
    public void Verify_EntryFromAnotherSite_Altered()
    {
        var chain = Chain(2);
        var moved = chain[1] with { SiteId = "site-b" };
        chain[1] = moved with { Hash = AccessLogHash.Compute(moved) };

        Assert.Equal(2, Verify(Rows(chain)).FirstBrokenSequence);
    }

    [Fact]
    public void Verify_FromCheckpoint_ChecksCheckpointEntryAndNewEntries()
    {
        var chain = Chain(6);
        var anchor = Anchor(chain[2]);
        var verifier = Verifier(Rows(chain.Skip(2)), Stored(anchor), Checkpoint(chain[2]));

        var result = verifier.Finish();

        Assert.True(result.Intact);
        Assert.Equal(6, result.Entries);
        Assert.Equal(3, result.VerifiedFrom);
        Assert.Equal(chain[5].Hash, result.HeadHash);
        Assert.Equal(3, verifier.Checkpoint(DateTimeOffset.UnixEpoch)!.Sequence);
    }

    [Fact]
    public void Verify_FromCheckpointWhoseEntryWasRewritten_AlteredAtCheckpoint()
    {
        var chain = Chain(6);
        var forged = chain[2] with { Purpose = "Något annat" };
        chain[2] = forged with { Hash = AccessLogHash.Compute(forged) };

        var result = Verifier(Rows(chain.Skip(2)), [], new ChainCheckpoint(Site, 3, new string('f', 64), DateTimeOffset.UnixEpoch)).Finish();

        Assert.Equal(3, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Altered, result.Problem);
    }

    [Fact]
    public void Verify_FromCheckpointWhoseEntryIsGone_Truncated()
    {
        var chain = Chain(6);

        var result = Verifier([], [], Checkpoint(chain[5])).Finish();

        Assert.False(result.Intact);
        Assert.Equal(6, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Truncated, result.Problem);
    }

    [Fact]
    public void Verify_EveryAnchorHeld_OlderAnchorMismatchFoundThoughNewestMatches()
    {
        var chain = Chain(6);
        var forged = Anchor(chain[1]) with { Hash = new string('e', 64) };

        var result = Verify(Rows(chain), forged, Anchor(chain[4]));

        Assert.False(result.Intact);
        Assert.Equal(2, result.FirstBrokenSequence);
        var problem = Assert.Single(result.AnchorProblems!);
        Assert.Equal((ChainVerifier.Mismatch, 1, 2L), (problem.Problem, problem.Line, problem.Sequence!.Value));
    }

    [Fact]
    public void Verify_LaterAnchorGoesBackwards_BackwardsAtItsBlobAndLineOthersStillBind()
    {
        var chain = Chain(10);
        var anchors = Stored(Anchor(chain[9]));
        anchors.Add(new StoredAnchor($"{Site}/9999.jsonl", 1, new ChainAnchor(Site, 0, AccessLogHash.Genesis, DateTimeOffset.UnixEpoch)));

        var result = Verifier(Rows(chain.Take(7)), anchors).Finish();

        Assert.False(result.Intact);
        Assert.Equal(ChainVerifier.Truncated, result.Problem);
        Assert.Equal(10, result.AnchoredSequence);
        Assert.Equal(
            [(Site + "/1970.jsonl", 1, ChainVerifier.BeyondChain), (Site + "/9999.jsonl", 1, ChainVerifier.Backwards)],
            result.AnchorProblems!.Select(p => (p.Blob, p.Line, p.Problem)));
    }

    [Fact]
    public void Verify_UnreadableAndMisplacedLines_EachReportedChainOtherwiseIntact()
    {
        var chain = Chain(4);
        var anchors = Stored(Anchor(chain[1]));
        anchors.Add(new StoredAnchor(Site + "/1970.jsonl", 2, null));
        anchors.Add(new StoredAnchor(Site + "/2031.jsonl", 1, Anchor(chain[3])));

        var result = Verifier(Rows(chain), anchors).Finish();

        Assert.False(result.Intact);
        Assert.Null(result.FirstBrokenSequence);
        Assert.Equal([(2, ChainVerifier.Unreadable), (1, ChainVerifier.Misplaced)], result.AnchorProblems!.Select(p => (p.Line, p.Problem)));
    }

    [Fact]
    public void Verify_StoredActionOutsideEnum_AlteredWithoutException()
    {
        var chain = Chain(3);
        var odd = chain[1] with { Action = (LogAction)7 };
        chain[1] = odd with { Hash = chain[1].Hash };

        var result = Verify(Rows(chain));

        Assert.Equal(2, result.FirstBrokenSequence);
        Assert.Equal(ChainVerifier.Altered, result.Problem);
    }

    private static ChainCheckpoint Checkpoint(AccessLogEntry e) => new(Site, e.Sequence, e.Hash, DateTimeOffset.UnixEpoch);
}
