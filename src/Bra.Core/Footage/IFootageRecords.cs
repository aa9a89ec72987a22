using Bra.Core.Identity;

namespace Bra.Core.Footage;

/// <summary>The grant records <see cref="FootageGrants"/> reads and writes (implemented by <see cref="FootageStore"/>; a seam for its unit tests).</summary>
public interface IGrantRecords
{
    Task AddGrantAsync(FootageGrant grant, CancellationToken ct);

    Task<StoredGrant?> GetGrantAsync(string siteId, string grantId, CancellationToken ct);

    Task<bool> ReplaceGrantAsync(FootageGrant grant, Azure.ETag etag, CancellationToken ct);

    Task<IReadOnlyList<FootageGrant>> ListGrantsAsync(string siteId, CancellationToken ct);
}

/// <summary>Writing to a site's access log (implemented by <see cref="AccessLog"/>; a seam for the unit tests of the footage services).</summary>
public interface IAccessLogWriter
{
    AccessLogEntry NewEntry(string siteId, StaffUser caller, LogAction action);

    Task<AccessLogEntry> AppendAsync(AccessLogEntry entry, CancellationToken ct);

    /// <summary>Records a refused attempt; the entry written, or null when the refusal was counted into the person's open window.</summary>
    Task<AccessLogEntry?> DenyAsync(string siteId, StaffUser caller, string attempted, string reason, CancellationToken ct);
}
