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

    /// <summary>How long a denial entry stands for the person's further refusals at the site.</summary>
    public static readonly TimeSpan DenialPeriod = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Records a refused attempt (<paramref name="attempted"/>: grant, access, disclosure, read-log, view-page, …) with its
    /// reason, at most one entry per person and site a minute: the first refusal after the person's window has closed
    /// opens a new one and is appended at once, carrying in <see cref="AccessLogEntry.Count"/> itself and the refusals
    /// counted since the previous entry; a refusal inside the open window is only counted (its window row replaced by
    /// ETag and retried on a lost race, so no concurrent refusal is lost). Counts left in a closed window are written by
    /// <see cref="FlushDenialsAsync"/>.
    /// </summary>
    /// <returns>The entry appended, or null when the refusal was counted into the open window.</returns>
    public async Task<AccessLogEntry?> DenyAsync(string siteId, StaffUser caller, string attempted, string reason, CancellationToken ct)
    {
        while (true)
        {
            var stored = await store.DenialWindowAsync(siteId, caller.Person.Id, ct);
            var now = time.GetUtcNow();
            if (stored is { Value: var open } && now - open.WindowStart < DenialPeriod)
            {
                var counted = open with { Pending = open.Pending + 1, Attempted = attempted, Reason = reason, LastAt = now, Total = open.Total + 1 };
                if (await store.TryWriteDenialWindowAsync(counted, stored.ETag, ct))
                {
                    return null;
                }

                continue;
            }

            var carried = stored?.Value.Pending ?? 0;
            var opened = new DenialWindow(siteId, caller.Person.Id, caller.Person.Name, now, 0, attempted, reason, now, (stored?.Value.Total ?? 0) + 1);
            if (await store.TryWriteDenialWindowAsync(opened, stored?.ETag, ct))
            {
                return await store.AppendAsync(NewEntry(siteId, caller, LogAction.Denied) with { Attempted = attempted, Reason = reason, Count = 1 + carried }, ct);
            }
        }
    }

    /// <summary>
    /// Appends one denial entry per person whose window at the site has closed with refusals no entry records yet
    /// (its count, its latest attempt and reason), and empties the window. Run before each anchoring.
    /// </summary>
    /// <returns>How many entries were appended.</returns>
    public async Task<int> FlushDenialsAsync(string siteId, CancellationToken ct)
    {
        var written = 0;
        foreach (var (window, etag) in await store.DenialWindowsAsync(siteId, ct))
        {
            var now = time.GetUtcNow();
            if (window.Pending == 0 || now - window.WindowStart < DenialPeriod)
            {
                continue;
            }

            // Emptied first: a refusal racing this one either lands in the emptied window or makes this replace fail (412).
            if (await store.TryWriteDenialWindowAsync(window with { Pending = 0 }, etag, ct))
            {
                await store.AppendAsync(new AccessLogEntry(Guid.NewGuid().ToString("N"), siteId, 0, "", "", now, window.PersonId, window.PersonName,
                    LogAction.Denied, Attempted: window.Attempted, Reason: window.Reason, Count: window.Pending), ct);
                written++;
            }
        }

        return written;
    }

    /// <summary>
    /// Verifies the site's chain against every anchor line. Incremental (<paramref name="full"/> false): from the last
    /// checkpoint on, when there is one; a break found that way is located by a full verification. Every verification
    /// whose chain holds moves the checkpoint to the highest anchor it matched.
    /// </summary>
    public async Task<ChainVerification> VerifyAsync(string siteId, bool full, CancellationToken ct)
    {
        var anchors = await store.AnchorsAsync(siteId, ct);
        var checkpoint = full ? null : await store.CheckpointAsync(siteId, ct);
        var verifier = await RunAsync(siteId, anchors, checkpoint, ct);
        var result = verifier.Finish();
        if (checkpoint is not null && result.FirstBrokenSequence is not null)
        {
            verifier = await RunAsync(siteId, anchors, null, ct);
            result = verifier.Finish();
        }

        if (result.FirstBrokenSequence is null && verifier.Checkpoint(time.GetUtcNow()) is { } reached && reached.Sequence > (checkpoint?.Sequence ?? 0))
        {
            await store.AdvanceCheckpointAsync(reached, ct);
        }

        if (!result.Intact)
        {
            logger.LogWarning("Access log of site {SiteId} is not intact: {Problem} at {Sequence}, {AnchorProblems} anchor problems",
                siteId, result.Problem, result.FirstBrokenSequence, result.AnchorProblems?.Count);
        }

        return result;
    }

    private async Task<ChainVerifier> RunAsync(string siteId, IReadOnlyList<StoredAnchor> anchors, ChainCheckpoint? from, CancellationToken ct)
    {
        var verifier = new ChainVerifier(siteId, anchors, from);
        await foreach (var (sequence, entry) in store.ReadAsync(siteId, verifier.FirstSequence, ct))
        {
            if (!verifier.Add(sequence, entry))
            {
                break;
            }
        }

        return verifier;
    }

    /// <summary>
    /// Anchors the head of the site's chain, after checking that the entry at the highest readable anchor still has the
    /// anchored hash and every entry since chains onto it (so a broken chain is never anchored, and no anchor is written
    /// below another). Unreadable anchor lines are passed over. Writes nothing when nothing was appended since the
    /// highest anchor (then the result is <see cref="ResultStatus.Ok"/> with that anchor, as an idempotent write answers).
    /// </summary>
    public async Task<Result<AnchorOutcome>> AnchorAsync(string siteId, CancellationToken ct)
    {
        var anchor = (await store.AnchorsAsync(siteId, ct)).Select(a => a.Anchor).Where(a => a is { Sequence: > 0 }).MaxBy(a => a!.Sequence);
        var from = anchor is null ? null : new ChainCheckpoint(siteId, anchor.Sequence, anchor.Hash, anchor.AnchoredAt);
        var result = (await RunAsync(siteId, [], from, ct)).Finish();
        if (!result.Intact)
        {
            logger.LogError("Access log of site {SiteId} is broken at {Sequence} ({Problem}); not anchored", siteId, result.FirstBrokenSequence, result.Problem);
            return Result<AnchorOutcome>.Conflict(
                $"Loggen är bruten vid post {result.FirstBrokenSequence} ({result.Problem}): {result.Detail} Ingen ny förankring skrevs.");
        }

        if (result.Entries <= (anchor?.Sequence ?? 0))
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
/// development host. Refusals still only counted in closed windows are appended first (<see cref="AccessLog.FlushDenialsAsync"/>),
/// so the anchor covers them. A site that fails is logged and the others are still anchored.
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
                await log.FlushDenialsAsync(site.Id, ct);
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

/// <summary>
/// The daily full verification of every site's access log (every entry from the first, against every anchor line),
/// called by a timer trigger in Functions and a hosted service in the development host. A log that is not intact is
/// logged as an error (site and problem, no personal data); a site that fails is logged and the others still run.
/// </summary>
public sealed class AccessLogFullVerification(CameraStore cameras, AccessLog log, ILogger<AccessLogFullVerification> logger)
{
    /// <returns>How many sites' logs are not intact.</returns>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var notIntact = 0;
        foreach (var site in await cameras.ListSitesAsync(ct))
        {
            try
            {
                var result = await log.VerifyAsync(site.Id, full: true, ct);
                if (!result.Intact)
                {
                    notIntact++;
                    logger.LogError("Full verification: access log of site {SiteId} is not intact ({Problem} at {Sequence}, {AnchorProblems} anchor problems)",
                        site.Id, result.Problem, result.FirstBrokenSequence, result.AnchorProblems?.Count);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Full verification of the access log of site {SiteId} failed", site.Id);
            }
        }

        logger.LogInformation("Full verification of the access logs found {Count} not intact", notIntact);
        return notIntact;
    }
}
