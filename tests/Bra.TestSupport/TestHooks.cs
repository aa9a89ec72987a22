namespace Bra.IntegrationTests.Support;

/// <summary>
/// The test hooks assembly (tests/Bra.TestHooks), a hosting startup the development host loads only when a test names
/// it in <c>ASPNETCORE_HOSTINGSTARTUPASSEMBLIES</c>. The host resolves assemblies from its deps.json only, so
/// <see cref="DevHostProcess"/> copies the built dll next to the host and names it in an additional deps file
/// (<c>DOTNET_ADDITIONAL_DEPS</c>, tests/Bra.TestHooks/hostingstartup.deps.json), which resolves it from there.
/// </summary>
public static class TestHooks
{
    public const string AssemblyName = "Bra.TestHooks";

    /// <summary>The environment a host process needs to load the hooks: the hosting startup and where to find it.</summary>
    public static IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["ASPNETCORE_HOSTINGSTARTUPASSEMBLIES"] = AssemblyName,
        ["DOTNET_ADDITIONAL_DEPS"] = Path.Combine(Folder, "hostingstartup.deps.json"),
    };

    private static string Folder => Path.Combine(Repo.Root, "tests", AssemblyName);

    /// <summary>Copies the built hooks next to <paramref name="hostDll"/> unless the copy there is current.</summary>
    public static void PlaceNextTo(string hostDll)
    {
        var built = Path.Combine(Folder, "bin", Repo.Configuration, "net10.0", AssemblyName + ".dll");
        if (!File.Exists(built))
        {
            throw new InvalidOperationException($"The test hooks are not built: {built}");
        }

        var placed = Path.Combine(Path.GetDirectoryName(hostDll)!, AssemblyName + ".dll");
        if (!File.Exists(placed) || File.GetLastWriteTimeUtc(placed) < File.GetLastWriteTimeUtc(built))
        {
            File.Copy(built, placed, overwrite: true);
        }
    }
}
