using Bra.Core.Identity;
using Bra.Core.Time;
using Bra.Core.Validation;
using FluentValidation;

namespace Bra.Core.Footage;

/// <summary>
/// Reading a site's access log (<c>GET /api/camera-sites/{id}/access-log</c>): the query checked, the reader allowed by
/// <see cref="FootageUse.AuthorizeReadAsync"/> (a refusal is logged there), then one page, or the CSV export written while
/// the log is read.
/// </summary>
public sealed class AccessLogReading(FootageUse use, FootageStore store, IValidator<AccessLogQuery> validator, TimeProvider time)
{
    public async Task<Result<AccessLogRead>> ReadAsync(string siteId, AccessLogQuery query, StaffUser caller, CancellationToken ct)
    {
        var errors = (await validator.ValidateAsync(query, ct)).ByField();
        if (errors.Count > 0)
        {
            return Result<AccessLogRead>.Invalid(errors);
        }

        var allowed = await use.AuthorizeReadAsync(siteId, caller, ct);
        if (allowed.Value is not { } site)
        {
            return allowed.Failed<AccessLogRead>();
        }

        return Result<AccessLogRead>.Ok(query.Csv
            ? new(null, await AccessLogCsv.WriteAsync(store.EntriesAsync(site.Id, ct)), $"åtkomstlogg-{site.Id}-{SwedishTime.Today(time):yyyy-MM-dd}.csv")
            : new(await store.PageAsync(site.Id, query.FromSequence, query.PageSize, ct), null, null));
    }
}
