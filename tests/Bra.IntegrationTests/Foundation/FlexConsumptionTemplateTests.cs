using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// Recommendations of Flex Consumption that the Bicep linter cannot know (infra/bicep.sh builds and lints): the durable
/// group has an always-ready instance by default. The instance-count bounds are read from the compiled template in
/// <see cref="AzureTemplateTests"/>.
/// </summary>
public sealed class FlexConsumptionTemplateTests
{
    private static readonly string Main = File.ReadAllText(Path.Combine(Repo.Root, "infra", "main.bicep"));
    private static readonly string Api = File.ReadAllText(Path.Combine(Repo.Root, "infra", "app", "api.bicep"));

    [Fact]
    public void Bicep_DurableGroup_OneAlwaysReadyInstanceByDefault()
    {
        Assert.Matches(@"param durableAlwaysReadyInstanceCount int = 1\b", Main);
        Assert.Matches(new Regex(@"alwaysReady:[^\]]*name: 'durable'\s*instanceCount: durableAlwaysReadyInstanceCount"), Api);
    }
}
