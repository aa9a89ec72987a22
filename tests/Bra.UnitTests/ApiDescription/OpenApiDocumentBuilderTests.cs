using Bra.Core;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Nodes;
using Bra.Core.ApiDescription;
using Bra.Core.Http;
using Microsoft.AspNetCore.Http;

namespace Bra.UnitTests.ApiDescription;

public sealed class OpenApiDocumentBuilderTests
{
    public sealed record ThingInput([Required] string? Name, string? Note);

    public sealed record Thing(string Id, string Name, ThingState State);

    public enum ThingState { Draft, InUse }

    public sealed record TreeNode(string Name, List<TreeNode>? Children);

    private static readonly Func<RequestContext, Task<IResult>> Handler = _ => Task.FromResult<IResult>(TypedResults.Ok());

    [Fact]
    public void Build_RoutesOfEveryKind_DescribesOnlyApiRoutes()
    {
        var document = OpenApiDocumentBuilder.Build(
        [
            new("ListThings", "GET", "api/things", Access.Staff, Handler) { Returns = typeof(Thing) },
            new("ThingsPage", "GET", "staff/things", Access.Staff, Handler),
            new("RespondForm", "GET", "respond/{token}", Access.Link, Handler),
            new("NotFoundPage", AppRoute.AnyMethod, "{*path}", Access.Public, Handler),
        ]);

        Assert.Equal("3.1.1", document["openapi"]!.GetValue<string>());
        var path = Assert.Single(document["paths"]!.AsObject());
        Assert.Equal("/api/things", path.Key);
        Assert.Equal(["get"], path.Value!.AsObject().Select(o => o.Key));
    }

    [Fact]
    public void Build_AnonymousRoute_NoSecurityRequirementAndNo401Or403()
    {
        var operation = Operation(new("Health", "GET", "api/health", Access.Public, Handler) { Returns = typeof(Thing), ProblemStatuses = [503] }, "/api/health", "get");

        Assert.Empty(operation["security"]!.AsArray());
        Assert.Equal("Public", operation["x-bra-access"]!.GetValue<string>());
        // No 4xx of its own: the generic refusal, so that a client (and a linter) sees every operation can be refused.
        Assert.Equal(["200", "503", "4XX"], operation["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public void Build_JsonBodyAndPathParameter_BodySchemaRequiredMembersAndProblemStatuses()
    {
        var route = new AppRoute("UpdateThing", "PUT", "api/things/{id}", Access.Administrator, Handler)
        {
            Body = typeof(ThingInput), Returns = typeof(Thing), ProblemStatuses = [409],
        };
        var document = OpenApiDocumentBuilder.Build([route]);
        var operation = document["paths"]!["/api/things/{id}"]!["put"]!;

        Assert.Equal("bearer", Assert.Single(Assert.Single(operation["security"]!.AsArray())!.AsObject()).Key);
        Assert.Equal("Administrator", operation["x-bra-access"]!.GetValue<string>());
        Assert.Equal(("UpdateThing", "Update thing"), (operation["operationId"]!.GetValue<string>(), operation["summary"]!.GetValue<string>()));
        var parameter = Assert.Single(operation["parameters"]!.AsArray())!;
        Assert.Equal(("id", "path", true), (parameter["name"]!.GetValue<string>(), parameter["in"]!.GetValue<string>(), parameter["required"]!.GetValue<bool>()));
        Assert.Equal(["200", "400", "401", "403", "404", "409", "413", "415"], operation["responses"]!.AsObject().Select(r => r.Key));
        Assert.Equal("#/components/responses/BadRequest", operation["responses"]!["400"]!["$ref"]!.GetValue<string>());
        Assert.Equal("#/components/schemas/ValidationProblem",
            document["components"]!["responses"]!["BadRequest"]!["content"]!["application/problem+json"]!["schema"]!["$ref"]!.GetValue<string>());

        var input = document["components"]!["schemas"]!["ThingInput"]!;
        Assert.Equal("object", input["type"]!.GetValue<string>());
        Assert.Equal(["name"], input["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("string", input["properties"]!["name"]!["type"]!.ToJsonString().Trim('"'));
        Assert.Equal("""["string","null"]""", input["properties"]!["note"]!["type"]!.ToJsonString());

        var thing = document["components"]!["schemas"]!["Thing"]!;
        Assert.Equal(["draft", "inUse"], thing["properties"]!["state"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Build_Upload_MultipartWithRequiredFileAnd201Location()
    {
        var operation = Operation(new("UploadThing", "POST", "api/things", Access.Administrator, Handler) { Form = ["file"], Returns = typeof(Thing), Success = 201 },
            "/api/things", "post");

        var schema = operation["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        Assert.Equal(["file"], schema["required"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.NotNull(operation["responses"]!["201"]!["headers"]!["Location"]);
        Assert.Contains("415", operation["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public void Build_RecursiveType_ReferencesPointIntoItsComponent()
    {
        var document = OpenApiDocumentBuilder.Build([new("GetTree", "GET", "api/tree", Access.Staff, Handler) { Returns = typeof(TreeNode) }]);

        var references = Descendants(document["components"]!["schemas"]!["TreeNode"]!).OfType<JsonObject>()
            .Select(o => o["$ref"]?.GetValue<string>()).OfType<string>().ToList();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.StartsWith("#/components/schemas/TreeNode", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Build_FileDownloadWithQuery_MediaTypesAndQueryParameterWith400()
    {
        var operation = Operation(new("GetThingReport", "GET", "api/things/{id}/report", Access.Staff, Handler)
        {
            Query = ["format"], Produces = ["text/csv", "application/pdf"],
        }, "/api/things/{id}/report", "get");

        Assert.Equal(["text/csv", "application/pdf"], operation["responses"]!["200"]!["content"]!.AsObject().Select(c => c.Key));
        Assert.Contains(operation["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "format" && p["in"]!.GetValue<string>() == "query");
        Assert.Contains("400", operation["responses"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public void Build_AnyRoutes_RelativeServerAndLicence()
    {
        var document = OpenApiDocumentBuilder.Build([]);

        Assert.Equal("/", Assert.Single(document["servers"]!.AsArray())!["url"]!.GetValue<string>());
        Assert.Equal("Proprietary", document["info"]!["license"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Build_ApiRouteWithoutReturnsOrProduces_Throws() =>
        Assert.Throws<InvalidOperationException>(() => OpenApiDocumentBuilder.Build([new("Untyped", "GET", "api/untyped", Access.Staff, Handler)]));

    [Fact]
    public void Build_NoContentRoute_NoBodyNeeded() =>
        Assert.Null(Operation(new("DeleteThing", "DELETE", "api/things/{id}", Access.Staff, Handler) { Success = 204 }, "/api/things/{id}", "delete")["responses"]!["204"]!["content"]);

    private static JsonNode Operation(AppRoute route, string path, string method) =>
        OpenApiDocumentBuilder.Build([route])["paths"]![path]![method]!;

    private static IEnumerable<JsonNode> Descendants(JsonNode node) => node switch
    {
        JsonObject o => o.Select(p => p.Value).OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        JsonArray a => a.OfType<JsonNode>().SelectMany(Descendants).Prepend(node),
        _ => [node],
    };
}
