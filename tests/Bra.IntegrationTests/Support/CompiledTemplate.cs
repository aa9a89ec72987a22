using System.Diagnostics;
using System.Text.Json;

namespace Bra.IntegrationTests.Support;

/// <summary>
/// infra/main.bicep compiled to ARM JSON by the pinned Bicep CLI (the one infra/bicep.sh fetches from NuGet into
/// infra/.tools; fetched here the same way when missing), so tests read what Azure would be given.
/// </summary>
public static class CompiledTemplate
{
    private const string BicepVersion = "0.49.2";
    private static readonly Lazy<JsonElement> Main = new(Build);

    public static JsonElement Root => Main.Value;

    /// <summary>
    /// The deployment (its parameters and template) of the module main.bicep deploys under <paramref name="name"/>, or
    /// under <paramref name="name"/> followed by the loop item (a module deployed in a loop, such as "diagnostics-").
    /// </summary>
    public static JsonElement Deployment(string name) =>
        Root.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && (r.GetProperty("name").GetString() == name || r.GetProperty("name").GetString()!.StartsWith($"[format('{name}{{0}}'", StringComparison.Ordinal)))
            .GetProperty("properties");

    /// <summary>The whole resource entry of a module deployment (with <c>copy</c> when deployed in a loop).</summary>
    public static JsonElement DeploymentResource(string name) =>
        Root.GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments"
                && (r.GetProperty("name").GetString() == name || r.GetProperty("name").GetString()!.StartsWith($"[format('{name}{{0}}'", StringComparison.Ordinal)));

    public static JsonElement Module(string name) => Deployment(name).GetProperty("template");

    /// <summary>The resources of <paramref name="template"/> of the given type.</summary>
    public static List<JsonElement> Resources(JsonElement template, string type) =>
        template.GetProperty("resources").EnumerateArray().Where(r => r.GetProperty("type").GetString() == type).ToList();

    public static JsonElement Parameter(JsonElement template, string name) => template.GetProperty("parameters").GetProperty(name);

    private static JsonElement Build()
    {
        var bicep = BicepBinary();
        var (status, output, error) = Run(bicep, "build", Path.Combine(Repo.Root, "infra", "main.bicep"), "--stdout");
        Assert.True(status == 0, "bicep build failed: " + error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static string BicepBinary()
    {
        if (Environment.GetEnvironmentVariable("BICEP_BIN") is { Length: > 0 } given)
        {
            return given;
        }

        var binary = Path.Combine(Repo.Root, "infra", ".tools", "packages", "azure.bicep.commandline.linux-x64", BicepVersion, "tools", "bicep");
        if (!File.Exists(binary))
        {
            var (status, _, error) = Run("bash", Path.Combine(Repo.Root, "infra", "bicep.sh"));
            Assert.True(status == 0 && File.Exists(binary), "infra/bicep.sh did not fetch the Bicep CLI: " + error);
        }

        return binary;
    }

    private static (int Status, string Output, string Error) Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        return (process.ExitCode, output.Result, error.Result);
    }
}
