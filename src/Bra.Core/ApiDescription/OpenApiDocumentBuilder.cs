using Bra.Core.Http;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Routing.Template;

namespace Bra.Core.ApiDescription;

/// <summary>
/// The OpenAPI 3.1 description of every <c>api/</c> route in the route table, built from what each <see cref="AppRoute"/>
/// declares (access, path and query parameters, body, success type, problem statuses). Schemas come from
/// <see cref="JsonSchemaExporter"/> with the API's own JSON options, so they match what the API reads and writes
/// (camelCase, enums as strings). JSON Schema 2020-12 is OpenAPI 3.1's schema language, so the exported schemas go in
/// as they are. Staff pages and link pages are HTML for people and are left out.
/// </summary>
public static class OpenApiDocumentBuilder
{
    private const string ProblemMediaType = "application/problem+json";

    /// <summary>The component response of an operation that refuses no request itself (health, this document): <c>4XX</c>.</summary>
    private const string RefusedRequest = "RefusedRequest";

    private static readonly JsonSerializerOptions SchemaOptions =
        new(AppJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    // A body or answer itself is never null (a null body is refused); members keep their declared nullability.
    private static readonly JsonSchemaExporterOptions ExporterOptions = new() { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = MarkRequired };

    private static readonly Dictionary<int, (string Name, string Description)> ProblemResponses = new()
    {
        [400] = ("BadRequest", "Bad input: `errors` names each field with a Swedish message."),
        [401] = ("Unauthorized", "No valid bearer token."),
        [403] = ("Forbidden", "The signed-in person may not do this."),
        [404] = ("NotFound", "No such record (or an id that cannot name one)."),
        [409] = ("Conflict", "The record is not in a state that allows this, or it changed meanwhile."),
        [413] = ("TooLarge", "The body is over the route's limit."),
        [415] = ("UnsupportedMediaType", "The body is not of the declared content type."),
        [503] = ("Unavailable", "A dependency (storage, token metadata) does not answer; nothing was done."),
    };

    public static JsonObject Build(IEnumerable<AppRoute> routes)
    {
        var schemas = new JsonObject();
        var paths = new JsonObject();
        foreach (var route in routes.Where(IsApi).OrderBy(r => r.Template, StringComparer.Ordinal))
        {
            var (path, parameters) = Path(route.Template);
            if (paths[path] is not JsonObject item)
            {
                paths[path] = item = [];
            }

            item[route.Method.ToLowerInvariant()] = Operation(route, parameters, schemas);
        }

        AddProblemSchemas(schemas);
        return new JsonObject
        {
            ["openapi"] = "3.1.1",
            ["info"] = new JsonObject
            {
                ["title"] = "BraFunctions API",
                ["version"] = "1",
                // The repository carries no licence grant: the municipality's own software, all rights reserved.
                ["license"] = new JsonObject { ["name"] = "Proprietary", ["identifier"] = "LicenseRef-Proprietary" },
                ["description"] = "The API of Lokala BRÅ's workflows (consultations, agreements, camera register, footage access, "
                    + "people register). Every route but `/api/health` and this document takes `Authorization: Bearer` with an "
                    + "access token: Microsoft Entra ID in Azure, `POST /dev/token` in the development host. `x-bra-access` "
                    + "names the role a route needs. Error responses are RFC 9457 problem documents with Swedish texts.",
            },
            // Relative: the API is served by the host that serves this document (the Functions app, or the development host).
            ["servers"] = new JsonArray(new JsonObject { ["url"] = "/", ["description"] = "The host that serves this document." }),
            ["paths"] = paths,
            ["components"] = new JsonObject
            {
                ["schemas"] = schemas,
                ["responses"] = new JsonObject(ProblemResponses.Select(p => KeyValuePair.Create<string, JsonNode?>(p.Value.Name,
                    new JsonObject
                    {
                        ["description"] = p.Value.Description,
                        ["content"] = Content(ProblemMediaType, Ref(p.Key == 400 ? "ValidationProblem" : "Problem")),
                    })).Append(KeyValuePair.Create<string, JsonNode?>(RefusedRequest, new JsonObject
                    {
                        ["description"] = "The request was refused before the route ran (for example headers over the server's limit).",
                    }))),
                ["securitySchemes"] = new JsonObject
                {
                    ["bearer"] = new JsonObject
                    {
                        ["type"] = "http",
                        ["scheme"] = "bearer",
                        ["bearerFormat"] = "JWT",
                        ["description"] = "A Microsoft Entra ID access token for the app's API scope (in the development host "
                            + "from `POST /dev/token` with `{\"email\": \"…\"}`).",
                    },
                },
            },
        };
    }

    /// <summary>The routes the document describes: the JSON API under <c>api/</c>.</summary>
    public static bool IsApi(AppRoute route) =>
        route.Template.StartsWith("api/", StringComparison.Ordinal) && route.Method != AppRoute.AnyMethod;

    private static JsonObject Operation(AppRoute route, IReadOnlyList<string> pathParameters, JsonObject schemas)
    {
        var operation = new JsonObject
        {
            ["operationId"] = route.Name,
            ["summary"] = Summary(route.Name),
            ["tags"] = new JsonArray(route.Template.Split('/')[1]),
            ["description"] = AccessText(route.Access),
            ["x-bra-access"] = route.Access.ToString(),
            ["security"] = !AccessPolicies.NeedsSignIn(route.Access) ? new JsonArray() : new JsonArray(new JsonObject { ["bearer"] = new JsonArray() }),
        };

        var parameters = new JsonArray();
        foreach (var name in pathParameters)
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "path", ["required"] = true, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        foreach (var name in route.Query ?? [])
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["required"] = false, ["schema"] = new JsonObject { ["type"] = "string" } });
        }

        if (parameters.Count > 0)
        {
            operation["parameters"] = parameters;
        }

        if (route.Body is { } body)
        {
            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Content("application/json", Schema(body, schemas)) };
        }
        else if (route.Form is { Length: > 0 } form)
        {
            operation["requestBody"] = new JsonObject { ["required"] = true, ["content"] = Content("multipart/form-data", FormSchema(form)) };
        }

        var responses = new JsonObject { [route.Success.ToString(System.Globalization.CultureInfo.InvariantCulture)] = Success(route, schemas) };
        foreach (var status in ProblemStatuses(route, pathParameters.Count > 0))
        {
            responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                new JsonObject { ["$ref"] = "#/components/responses/" + ProblemResponses[status].Name };
        }

        if (!responses.Any(r => r.Key.StartsWith('4')))
        {
            responses["4XX"] = new JsonObject { ["$ref"] = "#/components/responses/" + RefusedRequest };
        }

        operation["responses"] = responses;
        return operation;
    }

    private static JsonObject Success(AppRoute route, JsonObject schemas)
    {
        var response = new JsonObject { ["description"] = route.Success switch { 201 => "Created", 202 => "Accepted", 204 => "No content", _ => "OK" } };
        var content = new JsonObject();
        if (route.Returns is { } returns)
        {
            content["application/json"] = new JsonObject { ["schema"] = Schema(returns, schemas) };
        }

        foreach (var type in route.Produces ?? [])
        {
            content[type] = new JsonObject
            {
                ["schema"] = type == "application/json"
                    ? new JsonObject { ["type"] = "object" } // a JSON document of its own standard (this description)
                    : new JsonObject { ["type"] = "string", ["contentMediaType"] = type },
            };
        }

        if (content.Count == 0 && route.Success != 204)
        {
            throw new InvalidOperationException($"API route {route.Name} declares neither the type it returns nor the media types it produces.");
        }

        if (content.Count > 0)
        {
            response["content"] = content;
        }

        if (route.Success is 201 or 202)
        {
            response["headers"] = new JsonObject
            {
                ["Location"] = new JsonObject { ["description"] = "Where the record can be read.", ["schema"] = new JsonObject { ["type"] = "string" } },
            };
        }

        return response;
    }

    private static IEnumerable<int> ProblemStatuses(AppRoute route, bool hasPathParameters)
    {
        var statuses = new SortedSet<int>(route.ProblemStatuses ?? []);
        if (route.Body is not null || route.Form is not null)
        {
            statuses.UnionWith([400, 413, 415]);
        }

        if (route.Query is { Length: > 0 })
        {
            statuses.Add(400);
        }

        if (AccessPolicies.NeedsSignIn(route.Access))
        {
            statuses.UnionWith([401, 403]);
        }

        if (hasPathParameters)
        {
            statuses.Add(404);
        }

        return statuses;
    }

    private static JsonObject Schema(Type type, JsonObject schemas)
    {
        var name = SchemaName(type);
        if (!schemas.ContainsKey(name))
        {
            var schema = SchemaOptions.GetJsonSchemaAsNode(type, ExporterOptions);
            RebaseReferences(schema, "#/components/schemas/" + name);
            schemas[name] = schema;
        }

        return Ref(name);
    }

    /// <summary>A type's name for its component (generic types by their argument: <c>ListOfPerson</c>).</summary>
    private static string SchemaName(Type type) =>
        type.IsArray ? "ListOf" + SchemaName(type.GetElementType()!)
        : type.IsGenericType ? string.Concat(type.GetGenericArguments().Select(SchemaName).Prepend("ListOf"))
        : type.Name;

    /// <summary>The exporter refers to repeated parts of one schema from its root (<c>#/…</c>); inside components that root moves.</summary>
    private static void RebaseReferences(JsonNode? node, string root)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["$ref"] is JsonValue reference && reference.GetValue<string>() is { } target && target.StartsWith('#'))
                {
                    obj["$ref"] = root + target[1..];
                }

                foreach (var child in obj.Select(p => p.Value).ToList())
                {
                    RebaseReferences(child, root);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    RebaseReferences(child, root);
                }

                break;
        }
    }

    /// <summary>
    /// An object's members marked <see cref="RequiredAttribute"/> (the feature's validation refuses the body without them) are
    /// required and not null.
    /// </summary>
    private static JsonNode MarkRequired(JsonSchemaExporterContext context, JsonNode schema)
    {
        // A required member cannot be null either.
        if (context.PropertyInfo is { } member && IsRequired(member) && schema is JsonObject { } property
            && property["type"] is JsonArray types && types.FirstOrDefault(t => t?.GetValue<string>() == "null") is { } nullType)
        {
            types.Remove(nullType);
            if (types is [{ } single])
            {
                property["type"] = single.GetValue<string>();
            }
        }

        if (context.PropertyInfo is null && context.TypeInfo.Kind == JsonTypeInfoKind.Object && schema is JsonObject obj)
        {
            var required = context.TypeInfo.Properties.Where(IsRequired).Select(p => (JsonNode?)p.Name).ToArray();
            if (required.Length > 0)
            {
                obj["required"] = new JsonArray(required);
            }
        }

        return schema;
    }

    private static bool IsRequired(JsonPropertyInfo property) =>
        property.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true
        || property.AssociatedParameter?.AttributeProvider?.IsDefined(typeof(RequiredAttribute), inherit: true) == true;

    private static JsonObject FormSchema(string[] fields)
    {
        // The first field is the file; the others are text.
        var properties = new JsonObject
        {
            [fields[0]] = new JsonObject { ["type"] = "string", ["contentMediaType"] = "application/octet-stream" },
        };
        foreach (var field in fields.Skip(1))
        {
            properties[field] = new JsonObject { ["type"] = "string" };
        }

        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["required"] = new JsonArray(fields[0]) };
    }

    /// <summary>RFC 9457 problem documents as the API writes them (ASP.NET Core's ProblemDetails, camelCase members).</summary>
    private static void AddProblemSchemas(JsonObject schemas)
    {
        static JsonObject Text(string description) => new() { ["type"] = "string", ["description"] = description };
        static JsonObject Problem() => new()
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["type"] = Text("A URI naming the kind of problem."),
                ["title"] = Text("A short Swedish summary."),
                ["status"] = new JsonObject { ["type"] = "integer" },
                ["detail"] = Text("What went wrong, in Swedish."),
                ["instance"] = Text("The request it concerns."),
            },
        };

        schemas["Problem"] = Problem();
        var validation = Problem();
        validation["properties"]!.AsObject()["errors"] = new JsonObject
        {
            ["type"] = "object",
            ["description"] = "Field name (camelCase) → Swedish messages.",
            ["additionalProperties"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" } },
        };
        schemas["ValidationProblem"] = validation;
    }

    private static (string Path, IReadOnlyList<string> Parameters) Path(string template)
    {
        var parsed = TemplateParser.Parse(template);
        var segments = parsed.Segments.Select(s => string.Concat(s.Parts.Select(p => p.IsParameter ? "{" + p.Name + "}" : p.Text)));
        return ("/" + string.Join('/', segments), parsed.Parameters.Select(p => p.Name!).ToList());
    }

    /// <summary>The route's name as words: <c>StartConsultation</c> → "Start consultation".</summary>
    private static string Summary(string name) =>
        string.Concat(name.Select((ch, i) => i > 0 && char.IsUpper(ch) ? " " + char.ToLowerInvariant(ch) : ch.ToString()));

    private static string AccessText(Access access) => access switch
    {
        Access.Public => "Anonymous.",
        Access.Link => "Anonymous: the capability link's token is the credential.",
        Access.Staff => "Any signed-in staff member found in the people register; the handler may check more (per record).",
        Access.Administrator => "Staff with the Administrator role.",
        Access.AdministratorOrDataProtectionOfficer => "Staff with the Administrator or DataProtectionOfficer role.",
        Access.DataProtectionOfficer => "Staff with the DataProtectionOfficer role.",
        Access.CameraDecisionMaker => "Staff who decide camera requests: administrators and the decision-makers configured for some unit; the decision itself is for the request's unit only.",
        _ => throw new ArgumentOutOfRangeException(nameof(access)),
    };

    private static JsonObject Content(string mediaType, JsonObject schema) => new() { [mediaType] = new JsonObject { ["schema"] = schema } };

    private static JsonObject Ref(string schema) => new() { ["$ref"] = "#/components/schemas/" + schema };
}
