using Microsoft.AspNetCore.Http;

namespace Bra.Core.Http;

/// <summary>
/// One HTTP route of the application. Both hosts serve exactly the routes in <see cref="AppRoutes.All"/>:
/// the Functions app through one [Function] per route with the same name, the development host by mapping the list.
/// </summary>
public sealed record AppRoute(string Name, string Method, string Template, Access Access, Func<RequestContext, Task<IResult>> Handle)
{
    /// <summary>The <see cref="Method"/> of a route that answers every method (the Functions trigger lists none).</summary>
    public const string AnyMethod = "*";

    /// <summary>
    /// A page of the staff workspace (or its form or download) under <c>/staff</c>, where the browser credential counts:
    /// without sign-in it redirects to sign-in, without the right it answers a Swedish 403 page, never a problem document.
    /// </summary>
    public bool IsStaffPage => Template == "staff" || Template.StartsWith("staff/", StringComparison.Ordinal);

    /// <summary>How the route's answers may be cached (<see cref="ResponseHeaders"/> applies it); no-store unless declared.</summary>
    public ResponsePolicy Response { get; init; } = ResponsePolicy.NoStore;

    /// <summary>The staff page's entry in the staff navigation (a GET under <c>/staff</c> without parameters); none for most routes.</summary>
    public NavigationEntry? Navigation { get; init; }

    // The contract an API route declares for its OpenAPI description (ApiDescription/OpenApiDocumentBuilder).

    /// <summary>The JSON request body's type (read with <see cref="JsonBody"/>).</summary>
    public Type? Body { get; init; }

    /// <summary>The multipart/form-data request: the file field first, then any text fields (for example <c>["file"]</c>).</summary>
    public string[]? Form { get; init; }

    /// <summary>The success response's JSON type; none for a file download (<see cref="Produces"/>) or an answer without a body (204). An API route declares one or the other.</summary>
    public Type? Returns { get; init; }

    /// <summary>The success status code (200, 201 with Location, 202, 204).</summary>
    public int Success { get; init; } = StatusCodes.Status200OK;

    /// <summary>The media types of a file answer (a download or an export) instead of JSON.</summary>
    public string[]? Produces { get; init; }

    /// <summary>Query parameters the route reads (all optional strings).</summary>
    public string[]? Query { get; init; }

    /// <summary>
    /// Problem statuses beyond those the dispatcher and body reading give every route of its kind (400/413/415 with a body,
    /// 401/403 when signed in, 404 with a path parameter): for example 409 or 503.
    /// </summary>
    public int[]? ProblemStatuses { get; init; }
}
