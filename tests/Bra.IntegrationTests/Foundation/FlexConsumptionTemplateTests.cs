using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// Limits and recommendations of Flex Consumption that the Bicep linter cannot know (infra/bicep.sh builds and lints):
/// the maximum instance count is at least 40, and the durable group has an always-ready instance by default.
/// </summary>
public sealed partial class FlexConsumptionTemplateTests
{
    private static readonly string Main = File.ReadAllText(Path.Combine(Repo.Root, "infra", "main.bicep"));
    private static readonly string Api = File.ReadAllText(Path.Combine(Repo.Root, "infra", "app", "api.bicep"));

    [Fact]
    public void MainBicep_MaximumInstanceCount_NotBelowFortyTheFlexConsumptionMinimum()
    {
        var match = ParameterWithMinValue().Match(Main);
        Assert.True(match.Success, "main.bicep declares maximumInstanceCount without @minValue");
        Assert.True(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 40, match.Value);
    }

    [Fact]
    public void Bicep_DurableGroup_OneAlwaysReadyInstanceByDefault()
    {
        Assert.Matches(@"param durableAlwaysReadyInstanceCount int = 1\b", Main);
        Assert.Matches(@"alwaysReady:[^\]]*name: 'durable'\s*instanceCount: durableAlwaysReadyInstanceCount", Api);
    }

    [GeneratedRegex(@"@minValue\((\d+)\)\s*(?:@maxValue\(\d+\)\s*)?(?:@description\('[^']*'\)\s*)?param maximumInstanceCount int")]
    private static partial Regex ParameterWithMinValue();
}
