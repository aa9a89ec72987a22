namespace Bra.IntegrationTests.Support;

/// <summary>Paths in the checkout the tests run from.</summary>
public static class Repo
{
    public static readonly string Root = FindRoot();

    /// <summary>Debug or Release: the configuration this test assembly was built in, used to find the other build outputs.</summary>
    public static readonly string Configuration =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string DevHostDll => Path.Combine(Root, "src", "Bra.DevHost", "bin", Configuration, "net10.0", "Bra.DevHost.dll");

    public static string FunctionsMetadata => Path.Combine(Root, "src", "Bra.Functions", "bin", Configuration, "net10.0", "functions.metadata");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BraFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BraFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
