using Microsoft.AspNetCore.Http;
using Bra.Core.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Bra.Core.ApiDescription;

/// <summary>
/// <c>GET /api/openapi.json</c>: the API's OpenAPI 3.1 description, generated once from the route table. Anonymous: it
/// describes routes, roles and input shapes that are in the public source anyway, holds no data, and a client needs it
/// before it has a token.
/// </summary>
public sealed class OpenApiRoutes : IRouteSource
{
    private readonly Lazy<string> document;

    // The route table gathers every route source, this one included, so it is looked up on first use, not injected.
    public OpenApiRoutes(IServiceProvider services) =>
        document = new(() => OpenApiDocumentBuilder.Build(services.GetRequiredService<AppRoutes>().All).ToJsonString(AppJson.Options));

    public IEnumerable<AppRoute> Routes =>
    [
        new("OpenApiDocument", "GET", "api/openapi.json", Access.Public,
            _ => Task.FromResult<IResult>(TypedResults.Text(document.Value, "application/json; charset=utf-8"))) { Produces = ["application/json"] },
    ];
}
