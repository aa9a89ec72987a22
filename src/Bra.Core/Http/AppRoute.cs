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
}
