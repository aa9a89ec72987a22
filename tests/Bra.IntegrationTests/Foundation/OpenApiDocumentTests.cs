using System.Net;
using System.Text.RegularExpressions;
using Bra.Core.Http;
using Bra.DevHost;
using Bra.IntegrationTests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// <c>GET /api/openapi.json</c> read from the running development host with Microsoft.OpenApi's reader: a valid OpenAPI 3.1
/// document that describes exactly the <c>api/</c> routes of the route table, with their access rules and contracts.
/// </summary>
public sealed class OpenApiDocumentTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task OpenApiDocument_DevelopmentHost_ValidAndDescribesEveryApiRouteWithItsAccess()
    {
        var apiRoutes = RouteTable().Where(r => r.Template.StartsWith("api/", StringComparison.Ordinal)).ToList();
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();

        var (document, diagnostic) = await ReadAsync(host);

        Assert.Empty(diagnostic.Errors.Select(e => $"{e.Pointer}: {e.Message}"));
        Assert.Empty(diagnostic.Warnings.Select(e => $"{e.Pointer}: {e.Message}")); // for example a $ref to no schema
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!.Select(e => $"{e.Pointer}: {e.Message}"));

        var operations = (from path in document.Paths
                          from operation in path.Value.Operations!
                          select (Key: $"{operation.Key.Method.ToUpperInvariant()} {path.Key}", Operation: operation.Value)).ToDictionary(o => o.Key, o => o.Operation);
        var expected = apiRoutes.ToDictionary(r => $"{r.Method} /{r.Template}");
        Assert.Empty(expected.Keys.Except(operations.Keys)); // a route the document misses
        Assert.Empty(operations.Keys.Except(expected.Keys)); // a page, or a route that does not exist
        foreach (var (key, route) in expected)
        {
            var operation = operations[key];
            Assert.Equal(route.Name, operation.OperationId);
            // The validator does not check that a path's {parameters} are declared; every one must be, as a path parameter.
            var declared = (operation.Parameters ?? []).Where(p => p.In == ParameterLocation.Path).Select(p => p.Name).Order();
            Assert.Equal(Regex.Matches(route.Template, "{([^}]+)}").Select(m => m.Groups[1].Value).Order(), declared);
            Assert.Equal(route.Access.ToString(), ((JsonNodeExtension)operation.Extensions!["x-bra-access"]).Node.GetValue<string>());
            Assert.True(!AccessPolicies.NeedsSignIn(route.Access) ? operation.Security!.Count == 0 : operation.Security!.Single().Keys.Single().Reference.Id == "bearer",
                $"{key}: security requirement does not match {route.Access}");
        }
    }

    [Fact]
    public async Task OpenApiDocument_StartConsultationAndUpload_SchemasFromTheInputRecords()
    {
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();

        var (document, _) = await ReadAsync(host);

        var start = document.Paths["/api/consultations"].Operations![HttpMethod.Post];
        var body = start.RequestBody!.Content!["application/json"].Schema!;
        Assert.True(start.RequestBody.Required);
        Assert.Superset(new HashSet<string> { "title", "documentId", "deadline", "consultees" }, body.Required!.ToHashSet());
        Assert.Subset(body.Properties!.Keys.ToHashSet(), new HashSet<string> { "title", "caseNumber", "documentId", "deadline", "message", "consultees", "reminders" });
        Assert.Equal(JsonSchemaType.String, body.Properties!["title"].Type); // required: not null either
        Assert.Equal(JsonSchemaType.String | JsonSchemaType.Null, body.Properties["caseNumber"].Type);
        var consultee = body.Properties["consultees"].Items!;
        Assert.Equal(["email", "name"], consultee.Required!.Order());
        Assert.Contains("organisation", consultee.Properties!.Keys);

        var accepted = start.Responses!["202"];
        Assert.Equal(["id", "statusUrl"], accepted.Content!["application/json"].Schema!.Properties!.Keys.Order());
        Assert.Contains("Location", accepted.Headers!.Keys);
        foreach (var code in new[] { "400", "401", "403", "413", "415", "503" })
        {
            Assert.True(start.Responses.TryGetValue(code, out var problem), $"StartConsultation does not describe {code}");
            Assert.Contains("application/problem+json", problem.Content!.Keys);
        }

        var errors = start.Responses["400"].Content!["application/problem+json"].Schema!.Properties!["errors"];
        Assert.Equal(JsonSchemaType.Object, errors.Type);

        var upload = document.Paths["/api/documents"].Operations![HttpMethod.Post];
        var form = upload.RequestBody!.Content!["multipart/form-data"].Schema!;
        Assert.Equal(["file"], form.Required!);
        Assert.Contains("sha256", upload.Responses!["201"].Content!["application/json"].Schema!.Properties!.Keys);

        var status = document.Paths["/api/consultations/{id}"].Operations![HttpMethod.Get];
        Assert.Equal("id", Assert.Single(status.Parameters!).Name);
        Assert.Equal(ParameterLocation.Path, status.Parameters![0].In);
        Assert.Contains("404", status.Responses!.Keys);

        // Enums are written as camelCase strings by the API, and described so.
        var state = status.Responses["200"].Content!["application/json"].Schema!.Properties!["state"];
        Assert.Contains("open", state.Enum!.Select(e => e!.GetValue<string>()));
    }

    /// <summary>
    /// Redocly's recommended rules (the <c>@redocly/cli</c> pinned in package.json) find no error and no warning in the served
    /// document, so an integrator's generator takes it as it is. Offline: the document is a local file in an empty folder (no
    /// redocly.yaml, no remote $ref), telemetry and the update check are off.
    /// </summary>
    [Fact]
    public async Task OpenApiDocument_RedoclyRecommendedRules_NoErrorOrWarning()
    {
        var cli = Path.Combine(Repo.Root, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(cli), $"Missing {cli}: run npm ci in the repository.");
        await using var host = new DevHostProcess(azurite);
        await host.StartAsync();
        var folder = Directory.CreateTempSubdirectory("bra-openapi-lint-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "openapi.json"), await host.Client.GetStringAsync("api/openapi.json"));
            var start = new System.Diagnostics.ProcessStartInfo("node", [cli, "lint", "--extends=recommended", "--format=json", "openapi.json"])
            {
                WorkingDirectory = folder.FullName,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                Environment = { ["REDOCLY_TELEMETRY"] = "off", ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true", ["NO_COLOR"] = "1" },
            };
            using var lint = System.Diagnostics.Process.Start(start)!;
            var output = lint.StandardOutput.ReadToEndAsync();
            var errors = lint.StandardError.ReadToEndAsync();
            await lint.WaitForExitAsync();
            var report = await output + await errors;

            // The JSON report's totals count the findings; anything else Node prints (a runtime notice on stderr) is not one.
            Assert.True(lint.ExitCode == 0, report);
            var json = await output;
            var totals = System.Text.Json.JsonDocument.Parse(json[json.IndexOf('{')..]).RootElement.GetProperty("totals");
            Assert.True(totals.GetProperty("errors").GetInt32() == 0 && totals.GetProperty("warnings").GetInt32() == 0, json);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(OpenApiDocument Document, Microsoft.OpenApi.Reader.OpenApiDiagnostic Diagnostic)> ReadAsync(DevHostProcess host)
    {
        using var response = await host.Client.GetAsync("api/openapi.json"); // anonymous: no token
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var (document, diagnostic) = await OpenApiDocument.LoadAsync(stream, "json");
        Assert.NotNull(document);
        return (document, diagnostic!);
    }

    /// <summary>The route table (<see cref="AppRoutes.All"/>) of the development host, built in process.</summary>
    private List<AppRoute> RouteTable()
    {
        using var factory = new WebApplicationFactory<DemoDataSeeder>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseContentRoot(Path.Combine(Repo.Root, "src", "Bra.DevHost"));
            builder.UseSetting("AzureWebJobsStorage", azurite.ConnectionString);
            builder.UseSetting("TaskHubName", "OpenApi" + Guid.NewGuid().ToString("N")[..8]);
            builder.UseSetting("Auth:DevelopmentKeyFolder", Path.Combine(Path.GetTempPath(), "bra-openapi-keys"));
        });
        return factory.Services.GetRequiredService<AppRoutes>().All.ToList();
    }
}
