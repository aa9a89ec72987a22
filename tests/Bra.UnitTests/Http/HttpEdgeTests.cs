using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;

namespace Bra.UnitTests.Http;

/// <summary>
/// HTTP stays at the edge of Bra.Core: route classes (<c>*Routes</c>), <c>Bra.Core.Pages</c> (the staff forms included),
/// <c>Bra.Core.Http</c>, <c>Bra.Core.Identity</c>, <c>Links/ClientAddress</c>, <c>Links/LinkPages</c> (the link notice page
/// both link features answer with) and the form readers (<c>*Form</c>,
/// <c>*FormReader</c>). No other type takes, returns or keeps <see cref="HttpRequest"/>, <see cref="HttpContext"/>,
/// <see cref="IResult"/> or <see cref="IFormCollection"/> (also inside generic types such as <c>Task&lt;IResult&gt;</c>,
/// and in the closures and state machines the compiler makes for a type's methods).
/// </summary>
public sealed class HttpEdgeTests
{
    private static readonly Type[] HttpTypes = [typeof(HttpRequest), typeof(HttpContext), typeof(IResult), typeof(IFormCollection)];

    private static readonly string[] EdgeNamespaces = ["Bra.Core.Pages", "Bra.Core.Http", "Bra.Core.Identity"];

    [Fact]
    public void CoreTypes_OutsideTheEdge_ReferenceNoHttpTypes()
    {
        var offenders = Offenders().ToList();

        Assert.True(offenders.Count == 0, "Types outside the HTTP edge that reference HTTP types:\n"
            + string.Join('\n', offenders.Select(o => $"{o.Key}: {string.Join("; ", o.Value)}")));
    }

    [Fact]
    public void References_TypeTakingKeepingAndReturningHttpTypes_EachKindFound()
    {
        var found = References(typeof(OutsideTheEdge)).ToList();

        Assert.Contains(".ctor(context)", found);
        Assert.Contains(found, f => f.StartsWith("field ", StringComparison.Ordinal));
        Assert.Contains("property Request", found);
        Assert.Contains("Answer returns Task`1", found);
        Assert.Contains("Answer(form)", found);
    }

    /// <summary>Every type of Bra.Core outside the edge with HTTP references, by its outermost declaring type's full name.</summary>
    private static Dictionary<string, List<string>> Offenders() =>
        typeof(Bra.Core.ResultStatus).Assembly.GetTypes()
            .Where(t => !IsEdge(Outermost(t)))
            .SelectMany(t => References(t).Select(r => (Type: Describe(Outermost(t)), Reference: r)))
            .GroupBy(x => x.Type, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(x => x.Reference).Distinct().Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static bool IsEdge(Type type)
    {
        var name = type.Name.Split('`')[0];
        return name.EndsWith("Routes", StringComparison.Ordinal) || name.EndsWith("Form", StringComparison.Ordinal)
            || name.EndsWith("FormReader", StringComparison.Ordinal) || type.FullName is "Bra.Core.Links.ClientAddress" or "Bra.Core.Links.LinkPages"
            || EdgeNamespaces.Any(ns => type.Namespace == ns || type.Namespace?.StartsWith(ns + ".", StringComparison.Ordinal) == true);
    }

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } declaring)
        {
            type = declaring;
        }

        return type;
    }

    private static string Describe(Type type) => type.FullName ?? type.Name;

    /// <summary>The members of one type (not its nested types) whose field, property, parameter or return type mentions an HTTP type.</summary>
    private static IEnumerable<string> References(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var compilerMade = type.IsDefined(typeof(CompilerGeneratedAttribute), false) ? $" (in {type.Name})" : "";
        foreach (var field in type.GetFields(All).Where(f => Mentions(f.FieldType)))
        {
            yield return $"field {field.Name}{compilerMade}";
        }

        foreach (var property in type.GetProperties(All).Where(p => Mentions(p.PropertyType)))
        {
            yield return $"property {property.Name}";
        }

        foreach (var method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
        {
            if (method is MethodInfo info && Mentions(info.ReturnType))
            {
                yield return $"{method.Name} returns {info.ReturnType.Name}{compilerMade}";
            }

            foreach (var parameter in method.GetParameters().Where(p => Mentions(p.ParameterType)))
            {
                yield return $"{method.Name}({parameter.Name}){compilerMade}";
            }
        }
    }

    private static bool Mentions(Type type)
    {
        if (type.HasElementType)
        {
            return Mentions(type.GetElementType()!);
        }

        return HttpTypes.Contains(type) || (type.IsGenericType && type.GetGenericArguments().Any(Mentions));
    }

    /// <summary>Here to show the check finds each kind of reference (this type is in the test assembly, not in Bra.Core).</summary>
    private sealed class OutsideTheEdge(HttpContext context)
    {
        public HttpRequest Request => context.Request;

        public Task<IResult> Answer(IFormCollection form) => Task.FromResult(Results.Ok(form.Count));
    }
}
