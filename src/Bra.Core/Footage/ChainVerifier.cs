namespace Bra.Core.Footage;

/// <summary>
/// Recomputes a site's hash chain entry by entry, in row order, stops at the first break, and holds every anchor of the
/// site against it. Feed it the stored rows with <see cref="Add"/> (each row's sequence from its RowKey, and the entry, or
/// null when it cannot be read), then <see cref="Finish"/>.
/// <para>
/// A full verification starts at entry 1 on the genesis hash. An incremental one starts at a checkpoint (a sequence and
/// hash an earlier verification found anchored and intact): the entry at that sequence must still have that hash, and
/// the chain goes on from it.
/// </para>
/// Chain problems: <c>missing</c> (a sequence number has no row), <c>reordered</c> (a row holds another position's entry),
/// <c>altered</c> (an entry's content no longer matches its hash, or its successor's previousHash, or an anchor, or its
/// action is not one the log knows), <c>truncated</c> (the chain ends before an anchored entry). Anchor problems, one per
/// line: see <see cref="AnchorProblem"/>.
/// </summary>
public sealed class ChainVerifier
{
    public const string Altered = "altered";
    public const string Missing = "missing";
    public const string Reordered = "reordered";
    public const string Truncated = "truncated";
    public const string Unreadable = "unreadable";
    public const string Misplaced = "misplaced";
    public const string Backwards = "backwards";
    public const string BeyondChain = "beyondChain";
    public const string Mismatch = "mismatch";

    private readonly string siteId;
    private readonly IReadOnlyList<StoredAnchor> anchors;
    private readonly long first;
    private readonly string? firstHash;
    private readonly HashSet<long> anchoredSequences;
    private readonly Dictionary<long, string> anchoredHashes = [];
    private long expected;
    private string? previous;
    private ChainVerification? broken;

    /// <param name="siteId">The site whose rows are fed.</param>
    /// <param name="anchors">Every anchor line of the site, in blob-name and line order.</param>
    /// <param name="from">Null for a full verification; otherwise the checkpoint the rows are read from.</param>
    public ChainVerifier(string siteId, IReadOnlyList<StoredAnchor>? anchors = null, ChainCheckpoint? from = null)
    {
        this.siteId = siteId;
        this.anchors = anchors ?? [];
        first = from?.Sequence ?? 1;
        firstHash = from?.Hash;
        expected = first;
        previous = from is null ? AccessLogHash.Genesis : null;
        anchoredSequences = this.anchors.Where(a => a.Anchor is not null).Select(a => a.Anchor!.Sequence).ToHashSet();
    }

    /// <summary>The sequence the rows are read from.</summary>
    public long FirstSequence => first;

    public long Entries => expected - 1;

    /// <returns>False once the chain is broken (later rows change nothing).</returns>
    public bool Add(long rowSequence, AccessLogEntry? entry)
    {
        if (broken is not null)
        {
            return false;
        }

        if (rowSequence > expected)
        {
            return Break(expected, Missing, $"Post {expected} saknas (nästa lagrade post är {rowSequence}).");
        }

        if (rowSequence < expected)
        {
            return Break(rowSequence, Reordered, $"Post {rowSequence} förekommer mer än en gång.");
        }

        if (entry is null)
        {
            return Break(expected, Altered, $"Post {expected} går inte att läsa.");
        }

        if (entry.Sequence != rowSequence)
        {
            return Break(expected, Reordered, $"Platsen för post {expected} innehåller post {entry.Sequence}.");
        }

        if (!Enum.IsDefined(entry.Action))
        {
            return Break(expected, Altered, $"Post {expected} har en åtgärd som loggen inte känner till.");
        }

        if (entry.SiteId != siteId || AccessLogHash.Compute(entry) != entry.Hash)
        {
            return Break(expected, Altered, $"Innehållet i post {expected} stämmer inte med dess kontrollsumma.");
        }

        if (previous is not null && entry.PreviousHash != previous)
        {
            return expected == 1
                ? Break(expected, Altered, "Första posten bygger inte på kedjans början.")
                : Break(expected - 1, Altered, $"Post {expected - 1} har ändrats: post {expected} bygger på en annan kontrollsumma.");
        }

        if (expected == first && firstHash is not null && entry.Hash != firstHash)
        {
            return Break(expected, Altered, $"Post {expected} stämmer inte med den förankring som senast kontrollerades.");
        }

        if (anchoredSequences.Contains(expected))
        {
            anchoredHashes[expected] = entry.Hash;
        }

        previous = entry.Hash;
        expected++;
        return true;
    }

    /// <summary>The chain's state held against every anchor line.</summary>
    public ChainVerification Finish()
    {
        if (broken is null && firstHash is not null && expected == first)
        {
            Break(first, Truncated, $"Post {first} saknas, men den är förankrad och var hel vid förra kontrollen.");
        }

        var problems = new List<AnchorProblem>();
        ChainAnchor? latest = null;
        foreach (var stored in anchors)
        {
            if (Judge(stored, latest) is { } problem)
            {
                problems.Add(problem);
            }

            if (stored.Anchor is { Sequence: > 0 } anchor && anchor.Sequence >= (latest?.Sequence ?? 0))
            {
                latest = anchor;
            }
        }

        var result = broken ?? ChainProblem(problems) ?? new ChainVerification(problems.Count == 0, Entries, Head);
        return result with
        {
            VerifiedFrom = first,
            AnchorProblems = problems,
            AnchoredSequence = latest?.Sequence,
            AnchoredAt = latest?.AnchoredAt,
        };
    }

    /// <summary>The highest anchor the chain was found to match, to start the next incremental verification from; null when the chain is broken.</summary>
    public ChainCheckpoint? Checkpoint(DateTimeOffset verifiedAt)
    {
        if (broken is not null)
        {
            return null;
        }

        var matched = anchors
            .Select(a => a.Anchor)
            .Where(a => a is not null && a.Sequence >= first && a.Sequence < expected && anchoredHashes.GetValueOrDefault(a.Sequence) == a.Hash)
            .MaxBy(a => a!.Sequence);
        return matched is null ? null : new(siteId, matched.Sequence, matched.Hash, verifiedAt);
    }

    private string Head => previous ?? firstHash ?? AccessLogHash.Genesis;

    private AnchorProblem? Judge(StoredAnchor stored, ChainAnchor? latest)
    {
        var (blob, line) = (stored.Blob, stored.Line);
        if (stored.Anchor is not { } anchor)
        {
            return new(blob, line, null, Unreadable, $"Rad {line} i {blob} går inte att läsa som en förankring.");
        }

        if (latest is not null && anchor.Sequence < latest.Sequence)
        {
            return new(blob, line, anchor.Sequence, Backwards,
                $"Rad {line} i {blob} förankrar post {anchor.Sequence}, lägre än en tidigare förankring (post {latest.Sequence}).");
        }

        if (anchor.Sequence < 1)
        {
            return new(blob, line, anchor.Sequence, Unreadable, $"Rad {line} i {blob} förankrar ingen post ({anchor.Sequence}).");
        }

        if (blob != FootageStore.AnchorBlobName(anchor))
        {
            return new(blob, line, anchor.Sequence, Misplaced,
                $"Rad {line} i {blob} förankrar post {anchor.Sequence} {anchor.AnchoredAt.UtcDateTime:yyyy-MM-dd}, men hör inte hemma i den filen.");
        }

        if (anchor.Sequence < first)
        {
            return null;
        }

        if (anchor.Sequence >= expected)
        {
            return broken is not null
                ? null
                : new(blob, line, anchor.Sequence, BeyondChain, $"Rad {line} i {blob} förankrar post {anchor.Sequence}, men loggen slutar vid post {Entries}.");
        }

        return anchoredHashes.GetValueOrDefault(anchor.Sequence) == anchor.Hash
            ? null
            : new(blob, line, anchor.Sequence, Mismatch, $"Rad {line} i {blob}: post {anchor.Sequence} har inte den förankrade kontrollsumman.");
    }

    /// <summary>A chain that holds together but not with its anchors: cut after an anchored entry, or an anchored entry rewritten.</summary>
    private ChainVerification? ChainProblem(List<AnchorProblem> problems)
    {
        if (problems.Where(p => p.Problem == BeyondChain).MaxBy(p => p.Sequence) is { } beyond)
        {
            return Broken(Entries + 1, Truncated, $"Loggen slutar vid post {Entries}, men post {beyond.Sequence} är förankrad ({beyond.Blob}, rad {beyond.Line}).");
        }

        return problems.Where(p => p.Problem == Mismatch).MinBy(p => p.Sequence) is { } mismatch
            ? Broken(mismatch.Sequence!.Value, Altered, $"Post {mismatch.Sequence} stämmer inte med förankringen ({mismatch.Blob}, rad {mismatch.Line}).")
            : null;
    }

    private bool Break(long sequence, string problem, string detail)
    {
        broken = Broken(sequence, problem, detail);
        return false;
    }

    private ChainVerification Broken(long sequence, string problem, string detail) =>
        new(false, Entries, Head, sequence, problem, detail);
}
