using System.Text.Json;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>What the Functions host must be told in host.json (it cannot be started here, so its file is checked).</summary>
public sealed class HostJsonTests
{
    private static readonly JsonElement Host = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.Root, "src", "Bra.Functions", "host.json"))).RootElement;

    [Fact]
    public void HostJson_RoutePrefix_EmptySoPagesAndApiShareTheRoot() =>
        Assert.Equal("", Host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

    [Fact]
    public void HostJson_TaskHub_NamedByTheTaskHubNameSetting() =>
        Assert.Equal("%TaskHubName%", Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("hubName").GetString());

    [Fact]
    public void HostJson_DurableQueuePolling_TenSecondsOrLessAsFlexConsumptionNeeds()
    {
        var text = Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider").GetProperty("maxQueuePollingInterval").GetString();
        var interval = TimeSpan.Parse(text!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    /// <summary>
    /// The task hub's partition count cannot change once the hub exists (docs/deploy.md), so it is never left to a default,
    /// and the development host's engine creates its task hubs with the same count.
    /// </summary>
    [Fact]
    public void HostJson_PartitionCount_SetExplicitlyAndSameInTheDevelopmentHost()
    {
        Assert.Equal(4, Host.GetProperty("extensions").GetProperty("durableTask").GetProperty("storageProvider").GetProperty("partitionCount").GetInt32());
        Assert.Equal(4, Bra.DevHost.Durable.DurableSidecar.PartitionCount);
    }

    [Fact]
    public void HostJson_Telemetry_NoDependencyTrackingAndAlertedTracesNeverSampled()
    {
        var insights = Host.GetProperty("logging").GetProperty("applicationInsights");
        Assert.False(insights.GetProperty("enableDependencyTracking").GetBoolean());
        Assert.Contains("Trace", insights.GetProperty("samplingSettings").GetProperty("excludedTypes").GetString()!.Split(';'));
    }

    [Fact]
    public void HostJson_Logging_NoRequestTelemetryOrRequestLogsThatWouldCarryLinkTokens()
    {
        var levels = Host.GetProperty("logging").GetProperty("logLevel");
        Assert.Equal("None", levels.GetProperty("Host.Results").GetString());
        Assert.Equal("Warning", levels.GetProperty("Microsoft.AspNetCore").GetString());
    }

    [Fact]
    public void HostJson_BuildOutput_CopiedNextToFunctionsMetadata() =>
        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(Repo.FunctionsMetadata)!, "host.json")));
}
