using Bra.Core.Cameras;
using Bra.Core.Identity;
using Microsoft.Extensions.Logging;

namespace Bra.Core.Footage;

/// <summary>The answer of an anchoring: the latest anchor of the site, and whether this call wrote it.</summary>
public sealed record AnchorOutcome(ChainAnchor? Anchor, bool Written);

/// <summary>
/// A site's access log: new entries take who and when from the signed-in person and the server clock; verification
/// recomputes the chain; anchoring writes the verified head to the append-only anchor records.
/// </summary>
public sealed class AccessLog(FootageStore store, TimeProvider time, ILogger<AccessLog> logger) : IAccessLogWriter
{
    /// <summary>A new entry by <paramref name="caller"/>, now; sequence and hashes are filled in on append.</summary>
    public AccessLogEntry NewEntry(string siteId, StaffUser caller, LogAction action) =>
        new(Guid.NewGuid().ToString("N"), siteId, 0, "", "", time.GetUtcNow(), caller.Person.Id, caller.Person.Name, action);

    public Task<AccessLogEntry> AppendAsync(AccessLogEntry entry, CancellationToken ct) => store.AppendAsync(entry, ct);

    /// <summary>Records a refused attempt (<paramref name="attempted"/>: grant, access, disclosure, read-log, …) with its reason.</summary>
    public Task<AccessLogEntry> DenyAsync(string siteId, StaffUser caller, string attempted, string reason, CancellationToken ct) =>
        store.AppendAsync(NewEntry(siteId, caller, LogAction.Denied) with { Attempted = attempted, Reason = reason }, ct);

    public async Task<ChainVerification> VerifyAsync(string siteId, CancellationToken ct)
    {
        var anchor = await store.LatestAnchorAsync(siteId, ct);
        var verifier = new ChainVerifier(siteId);
        if (anchor is not null)
        {
            verifier.Watch(anchor.Sequence);
        }

        await foreach (var (sequence, entry) in store.ReadAsync(siteId, 1, ct))
        {
            if (!verifier.Add(sequence, entry))
            {
                break;
            }
        }

        return verifier.Finish(anchor);
    }

    /// <summary>
    /// Anchors the head of the site's chain, after checking that every entry since the latest anchor chains onto it
    /// (so a broken chain is never anchored). Writes nothing when nothing was appended since the latest anchor (then the
    /// result is <see cref="ResultStatus.Ok"/> with the latest anchor, as an idempotent write answers).
    /// </summary>
    public async Task<Result<AnchorOutcome>> AnchorAsync(string siteId, CancellationToken ct)
    {
        var anchor = await store.LatestAnchorAsync(siteId, ct);
        var verifier = new ChainVerifier(siteId, (anchor?.Sequence ?? 0) + 1, anchor?.Hash);
        await foreach (var (sequence, entry) in store.ReadAsync(siteId, (anchor?.Sequence ?? 0) + 1, ct))
        {
            if (!verifier.Add(sequence, entry))
            {
                break;
            }
        }

        var result = verifier.Finish(anchor);
        if (!result.Intact)
        {
            logger.LogError("Access log of site {SiteId} is broken at {Sequence} ({Problem}); not anchored", siteId, result.FirstBrokenSequence, result.Problem);
            return Result<AnchorOutcome>.Conflict(
                $"Loggen är bruten vid post {result.FirstBrokenSequence} ({result.Problem}): {result.Detail} Ingen ny förankring skrevs.");
        }

        if (result.Entries == 0 || result.Entries == anchor?.Sequence)
        {
            return Result<AnchorOutcome>.Ok(new(anchor, false));
        }

        var written = new ChainAnchor(siteId, result.Entries, result.HeadHash, time.GetUtcNow());
        await store.AppendAnchorAsync(written, ct);
        return Result<AnchorOutcome>.Created(new(written, true));
    }
}

/// <summary>
/// The hourly anchoring of every site's access log, called by a timer trigger in Functions and a hosted service in the
/// development host. A site that fails is logged and the others are still anchored.
/// </summary>
public sealed class AccessLogAnchoring(CameraStore cameras, AccessLog log, ILogger<AccessLogAnchoring> logger)
{
    /// <returns>How many anchors were written.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var written = 0;
        foreach (var site in await cameras.ListSitesAsync(ct))
        {
            try
            {
                var outcome = await log.AnchorAsync(site.Id, ct);
                written += outcome.Value?.Written == true ? 1 : 0;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Anchoring the access log of site {SiteId} failed", site.Id);
            }
        }

        logger.LogInformation("Access log anchoring wrote {Count} anchors", written);
        return written;
    }
}
