using System.Text.Json;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// The Functions project hooks the Worker SDK's private _WorkerExtensionsRestore/_WorkerExtensionsBuild targets (see the
/// comment in Bra.Functions.csproj). If an SDK update renames them or the property it sets, the hook silently does
/// nothing; this test sees that in what the hidden project's restore actually received.
/// </summary>
public sealed class FunctionsBuildTests
{
    private static string WorkerExtensionsAssets => Path.Combine(Repo.Root, "src", "Bra.Functions", "obj", Repo.Configuration, "net10.0",
        "WorkerExtensions", "obj", "project.assets.json");

    [Fact]
    public void WorkerExtensionsRestore_HiddenProject_GotNoWarnFromHook()
    {
        Assert.True(File.Exists(WorkerExtensionsAssets), $"The Worker SDK no longer restores its extensions project at {WorkerExtensionsAssets}");
        using var assets = JsonDocument.Parse(File.ReadAllText(WorkerExtensionsAssets));

        var noWarn = assets.RootElement.GetProperty("project").GetProperty("restore").GetProperty("warningProperties").GetProperty("noWarn")
            .EnumerateArray().Select(e => e.GetString()).ToList();

        Assert.Contains("NU1603", noWarn);
    }
}
