using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bra.Core;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// The deployed app cannot start with a missing setting: every setting the options classes bind is documented in
/// docs/configuration.md and local.settings.sample.json, and every required one is set by the Bicep app settings.
/// </summary>
public sealed partial class AppSettingsCoverageTests
{
    /// <summary>Read by the hosts directly, not through an options class.</summary>
    private static readonly string[] HostSettings = ["AzureWebJobsStorage", "TaskHubName"];

    /// <summary>Read by the platform, not the app: App Service Authentication's client credential (see infra/app/api.bicep).</summary>
    private static readonly string[] PlatformSettings = ["OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID"];

    [Fact]
    public void OptionsSettings_EachDocumentedInReadmeAndSample()
    {
        var readme = ReadmeSettings();
        var sample = SampleSettings();
        var missingInReadme = BoundSettings().Select(s => s.Name).Concat(HostSettings).Where(s => !readme.ContainsKey(s)).ToList();
        var missingInSample = BoundSettings().Select(s => s.Name).Concat(HostSettings)
            .Where(s => !sample.Any(name => name == s || name.StartsWith(s + "__", StringComparison.Ordinal))).ToList();

        Assert.True(missingInReadme.Count == 0, "Not in docs/configuration.md's settings table: " + string.Join(", ", missingInReadme));
        Assert.True(missingInSample.Count == 0, "Not in local.settings.sample.json: " + string.Join(", ", missingInSample));
    }

    [Fact]
    public void RequiredSettings_EachSetByBicepOrDocumentedOptional()
    {
        var bicep = BicepAppSettings();
        var readme = ReadmeSettings();
        var required = BoundSettings().Where(s => s.Required).Select(s => s.Name)
            .Concat(readme.Where(r => r.Value == "required").Select(r => r.Key))
            .Distinct();
        var missing = required
            .Where(name => !bicep.Any(b => b == name || b.StartsWith(name + "__", StringComparison.Ordinal)))
            .Where(name => readme.GetValueOrDefault(name) != "optional")
            .ToList();

        Assert.True(missing.Count == 0, "Required but not set in infra/app/api.bicep: " + string.Join(", ", missing));
    }

    [Fact]
    public void BicepAppSettings_EachKnownToTheApp()
    {
        var known = BoundSettings().Select(s => s.Name).Concat(HostSettings).Concat(PlatformSettings).Concat(["APPLICATIONINSIGHTS_CONNECTION_STRING", "APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]).ToHashSet();
        var unknown = BicepAppSettings()
            .Where(b => !known.Contains(b) && !b.StartsWith(StorageConnection.Setting + "__", StringComparison.Ordinal)
                && !b.StartsWith(StorageConnection.DataSetting + "__", StringComparison.Ordinal))
            .ToList();

        Assert.True(unknown.Count == 0, "Set in Bicep but read by nothing: " + string.Join(", ", unknown));
    }

    private static IEnumerable<(string Name, bool Required)> BoundSettings() =>
        from type in typeof(AppOptions).Assembly.GetTypes()
        let section = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
        where section is { IsLiteral: true } && section.FieldType == typeof(string)
        from property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.CanWrite
        select ($"{section.GetRawConstantValue()}__{property.Name}", property.GetCustomAttribute<RequiredAttribute>() is not null);

    private static Dictionary<string, string> ReadmeSettings() =>
        ReadmeRow().Matches(File.ReadAllText(Path.Combine(Repo.Root, "docs", "configuration.md")))
            .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    private static HashSet<string> SampleSettings()
    {
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    private static List<string> BicepAppSettings()
    {
        var text = File.ReadAllText(Path.Combine(Repo.Root, "infra", "app", "api.bicep"));
        var start = text.IndexOf("var appSettings = {", StringComparison.Ordinal);
        Assert.True(start >= 0, "infra/app/api.bicep has no 'var appSettings' block");
        var block = text[start..text.IndexOf("\n}", start, StringComparison.Ordinal)];
        return BicepKey().Matches(block).Select(m => m.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"^\|\s*`([A-Za-z0-9_]+)`\s*\|\s*(required|optional)\s*\|", RegexOptions.Multiline)]
    private static partial Regex ReadmeRow();

    [GeneratedRegex(@"'([A-Za-z0-9_]+)'\s*:")]
    private static partial Regex BicepKey();
}
