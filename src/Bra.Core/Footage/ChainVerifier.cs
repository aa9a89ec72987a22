namespace Bra.Core.Footage;

/// <summary>
/// Recomputes a site's hash chain entry by entry, in row order, and stops at the first break. Feed it the stored rows
/// with <see cref="Add"/> (each row's sequence from its RowKey, and the entry, or null when it cannot be read), then
/// <see cref="Finish"/> compares the result with the latest anchor. Problems:
/// <c>missing</c> (a sequence number has no row), <c>reordered</c> (a row holds another position's entry),
/// <c>altered</c> (an entry's content no longer matches its hash, or its successor's previousHash, or the anchor),
/// <c>truncated</c> (the chain ends before the anchored head).
/// </summary>
public sealed class ChainVerifier(string siteId, long firstSequence = 1, string? previousHash = null)
{
    public const string Altered = "altered";
    public const string Missing = "missing";
    public const string Reordered = "reordered";
    public const string Truncated = "truncated";

    private readonly long first = firstSequence;
    private readonly string? start = previousHash;
    private long expected = firstSequence;
    private string previous = previousHash ?? AccessLogHash.Genesis;
    private readonly Dictionary<long, string> watched = [];
    private ChainVerification? broken;

    public long Entries => expected - 1;

    /// <summary>Remembers the hash at <paramref name="sequence"/> (the anchored one) to compare in <see cref="Finish"/>.</summary>
    public void Watch(long sequence) => watched[sequence] = "";

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

        if (entry.SiteId != siteId || AccessLogHash.Compute(entry) != entry.Hash)
        {
            return Break(expected, Altered, $"Innehållet i post {expected} stämmer inte med dess kontrollsumma.");
        }

        if (entry.PreviousHash != previous)
        {
            return expected == first && first == 1
                ? Break(expected, Altered, "Första posten bygger inte på kedjans början.")
                : Break(expected - 1, Altered, $"Post {expected - 1} har ändrats: post {expected} bygger på en annan kontrollsumma.");
        }

        if (watched.ContainsKey(expected))
        {
            watched[expected] = entry.Hash;
        }

        previous = entry.Hash;
        expected++;
        return true;
    }

    public ChainVerification Finish(ChainAnchor? anchor)
    {
        var result = broken ?? Compare(anchor) ?? new ChainVerification(true, Entries, previous);
        return anchor is null ? result : result with { AnchoredSequence = anchor.Sequence, AnchoredAt = anchor.AnchoredAt };
    }

    private ChainVerification? Compare(ChainAnchor? anchor)
    {
        if (anchor is null || anchor.Sequence == 0)
        {
            return null;
        }

        if (Entries < anchor.Sequence)
        {
            return Broken(Entries + 1, Truncated,
                $"Loggen slutar vid post {Entries}, men post {anchor.Sequence} förankrades {anchor.AnchoredAt:yyyy-MM-dd HH:mm} UTC.");
        }

        var hash = anchor.Sequence == first - 1 ? start : watched.GetValueOrDefault(anchor.Sequence);
        return hash is not null && hash != anchor.Hash
            ? Broken(anchor.Sequence, Altered, $"Post {anchor.Sequence} stämmer inte med förankringen.")
            : null;
    }

    private bool Break(long sequence, string problem, string detail)
    {
        broken = Broken(sequence, problem, detail);
        return false;
    }

    private ChainVerification Broken(long sequence, string problem, string detail) =>
        new(false, Entries, previous, sequence, problem, detail);
}
