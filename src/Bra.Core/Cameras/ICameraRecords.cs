namespace Bra.Core.Cameras;

/// <summary>Reading a camera site (implemented by <see cref="CameraStore"/>; a seam for the unit tests of the footage services).</summary>
public interface ICameraSiteReader
{
    Task<CameraSite?> GetSiteAsync(string id, CancellationToken ct = default);
}

/// <summary>The site and request records <see cref="CameraRequests"/> reads and writes (implemented by <see cref="CameraStore"/>; a seam for its unit tests).</summary>
public interface ICameraRequestRecords : ICameraSiteReader
{
    Task<(CameraRequest Request, Azure.ETag ETag)?> GetRequestAsync(string id, CancellationToken ct = default);

    Task AddRequestAsync(CameraRequest request, CancellationToken ct = default);

    Task<bool> ReplaceRequestAsync(CameraRequest request, Azure.ETag etag, CancellationToken ct = default);

    Task<SiteWrite> ChangeSiteAsync(string siteId, Func<CameraSite, CameraSite?> change, Actor actor, string action,
        string? note = null, int retries = 0, CancellationToken ct = default);
}
