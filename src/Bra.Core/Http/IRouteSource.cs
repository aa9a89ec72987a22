namespace Bra.Core.Http;

/// <summary>A feature's routes. Each feature registers one source; <see cref="AppRoutes"/> gathers them.</summary>
public interface IRouteSource
{
    IEnumerable<AppRoute> Routes { get; }
}
