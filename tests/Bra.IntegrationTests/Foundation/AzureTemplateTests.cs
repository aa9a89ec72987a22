using System.Text.Json;
using Bra.Core.Health;
using Bra.Core.Storage;
using Bra.IntegrationTests.Support;
using static Bra.IntegrationTests.Support.CompiledTemplate;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// What a municipality's IT asks of the Azure resources, read from the compiled template (infra/main.bicep built by
/// the pinned Bicep CLI): EU regions, two storage accounts and which holds what, the data account's protection, data
/// roles only, diagnostics, alerts on telemetry the app sends, the instance bounds and the SendGrid host.
/// </summary>
public sealed class AzureTemplateTests
{
    private static readonly string[] EuRegions =
        ["swedencentral", "swedensouth", "northeurope", "westeurope", "francecentral", "francesouth", "germanywestcentral", "germanynorth",
         "italynorth", "polandcentral", "spaincentral", "austriaeast", "belgiumcentral", "denmarkeast", "finlandcentral", "greececentral"];

    private const string StorageAccount = "Microsoft.Storage/storageAccounts";

    [Fact]
    public void Location_EuRegionsOnly_DefaultSwedenCentral()
    {
        var location = Parameter(Root, "location");
        var allowed = location.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).ToList();

        Assert.Equal("swedencentral", location.GetProperty("defaultValue").GetString());
        Assert.NotEmpty(allowed);
        Assert.All(allowed, region => Assert.Contains(region, EuRegions));
    }

    [Fact]
    public void StorageSku_Default_ZoneRedundantInEveryAllowedRegion()
    {
        var zoneRegions = Root.GetProperty("variables").GetProperty("zoneRedundantRegions").EnumerateArray().Select(v => v.GetString()).ToList();
        var allowed = Parameter(Root, "location").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString());

        Assert.Equal("", Parameter(Root, "storageSku").GetProperty("defaultValue").GetString());
        Assert.All(allowed, region => Assert.Contains(region, zoneRegions));
        var sku = Root.GetProperty("variables").GetProperty("effectiveStorageSku").GetString()!;
        Assert.Contains("Standard_ZRS", sku);
        Assert.Contains("zoneRedundantRegions", sku);
        Assert.Equal("[variables('effectiveStorageSku')]", Deployment("hoststorage").GetProperty("parameters").GetProperty("skuName").GetProperty("value").GetString());
        Assert.Equal("[variables('effectiveStorageSku')]", Deployment("datastorage").GetProperty("parameters").GetProperty("skuName").GetProperty("value").GetString());
    }

    [Fact]
    public void StorageAccounts_Two_HostKeepsThePackageDataKeepsTheCouncilsContainersAndAnchors()
    {
        var host = Module("hoststorage");
        var data = Module("datastorage");
        var accounts = Root.GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            .Sum(r => Resources(r.GetProperty("properties").GetProperty("template"), StorageAccount).Count);

        Assert.Equal(2, accounts);
        Assert.Single(Resources(host, StorageAccount));
        Assert.Single(Resources(data, StorageAccount));
        var hostContainers = ContainerNames(host);
        var dataContainers = ContainerNames(data);
        Assert.Single(hostContainers, c => c.Contains("deploymentContainerName", StringComparison.Ordinal));
        Assert.DoesNotContain("audit-anchors", hostContainers);
        Assert.Contains("audit-anchors", dataContainers);
        Assert.Equal(["certificates", "compilations", "documents", "outbox"], data.GetProperty("variables").GetProperty("appContainers").EnumerateArray().Select(c => c.GetString()).Order());
    }

    [Fact]
    public void DataAccount_VersioningSoftDeleteWormAnchorsAndDeleteLock()
    {
        var data = Module("datastorage");
        var blob = Resources(data, "Microsoft.Storage/storageAccounts/blobServices").Single().GetProperty("properties");
        var policy = Resources(data, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies").Single();
        var dataLock = Resources(data, "Microsoft.Authorization/locks").Single();

        Assert.True(blob.GetProperty("isVersioningEnabled").GetBoolean());
        Assert.True(blob.GetProperty("deleteRetentionPolicy").GetProperty("enabled").GetBoolean());
        Assert.True(blob.GetProperty("containerDeleteRetentionPolicy").GetProperty("enabled").GetBoolean());
        Assert.Contains("audit-anchors", policy.GetProperty("name").GetString());
        Assert.Equal("CanNotDelete", dataLock.GetProperty("properties").GetProperty("level").GetString());
        Assert.Contains("Microsoft.Storage/storageAccounts", dataLock.GetProperty("scope").GetString());
        Assert.False(Resources(data, StorageAccount).Single().GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
    }

    [Fact]
    public void HostAccount_NoWormNoLock_SoTheHostNeverOutlivesTheApp()
    {
        var host = Module("hoststorage");

        Assert.Empty(Resources(host, "Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies"));
        Assert.Empty(Resources(host, "Microsoft.Authorization/locks"));
        Assert.False(Resources(host, StorageAccount).Single().GetProperty("properties").GetProperty("allowSharedKeyAccess").GetBoolean());
    }

    [Fact]
    public void AppSettings_HostAndTaskHubOnAzureWebJobsStorage_CouncilDataOnDataStorage()
    {
        var api = Deployment("api");
        var settings = AppSettings();

        Assert.Contains("'hoststorage'", api.GetProperty("parameters").GetProperty("hostStorageAccountName").GetProperty("value").GetString());
        Assert.Contains("'datastorage'", api.GetProperty("parameters").GetProperty("dataStorageAccountName").GetProperty("value").GetString());
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Contains("parameters('hostStorageAccountName')", settings[$"AzureWebJobsStorage__{service}ServiceUri"]);
        }

        foreach (var service in new[] { "blob", "table" })
        {
            Assert.Contains("parameters('dataStorageAccountName')", settings[$"{StorageConnection.DataSetting}__{service}ServiceUri"]);
        }

        Assert.Equal("managedidentity", settings[$"{StorageConnection.DataSetting}__credential"]);
        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        Assert.Contains("hostStorageAccountName", Resources(Module("api"), "Microsoft.Web/sites").Single().GetProperty("properties")
            .GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage").GetProperty("value").GetString());
    }

    [Fact]
    public void Roles_DataRolesOnly_OnBothAccounts()
    {
        var roles = Module("roles");
        var ids = roles.GetProperty("variables").GetProperty("roleIds").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        var assignments = Resources(roles, "Microsoft.Authorization/roleAssignments");

        Assert.All(ids.Keys, name => Assert.True(name.Contains("Data", StringComparison.Ordinal) || name is "keyVaultSecretsUser" or "monitoringMetricsPublisher", name));
        Assert.Contains(assignments, a => a.GetProperty("scope").GetString()!.Contains("hostStorageAccountName", StringComparison.Ordinal));
        Assert.Contains(assignments, a => a.GetProperty("scope").GetString()!.Contains("dataStorageAccountName", StringComparison.Ordinal));
        Assert.Equal(["storageBlobDataContributor", "storageTableDataContributor"],
            roles.GetProperty("variables").GetProperty("dataStorageRoles").EnumerateArray().Select(r => r.GetString()!.Split('.')[1].TrimEnd(']')).Order());
    }

    [Fact]
    public void Diagnostics_StorageReadsWritesDeletesOfBothAccounts_KeyVaultAudit_AppLogs_KeptAYearByDefault()
    {
        var storageDiagnostics = Module("diagnostics-").GetProperty("resources").EnumerateArray().ToList();
        var loop = DeploymentResource("diagnostics-").GetProperty("copy").GetProperty("count").GetString();
        var diagnostics = Module("diagnostics");

        Assert.Contains("names').hostStorage", loop);
        Assert.Contains("names').dataStorage", loop);
        var settings = storageDiagnostics.Where(r => r.GetProperty("type").GetString() == "Microsoft.Insights/diagnosticSettings").ToList();
        Assert.Equal(["blobServices", "queueServices", "tableServices"],
            settings.Select(s => s.GetProperty("scope").GetString()!.Split('\'')[1].Split('/')[2]).Order());
        var categories = Module("diagnostics-").GetProperty("variables").GetProperty("copy")[0].GetProperty("input").GetProperty("category").GetString();
        Assert.Equal("[createArray('StorageRead', 'StorageWrite', 'StorageDelete')[copyIndex('logs')]]", categories);
        Assert.Equal(["AuditEvent", "FunctionAppLogs"], Resources(diagnostics, "Microsoft.Insights/diagnosticSettings")
            .Select(s => s.GetProperty("properties").GetProperty("logs")[0].GetProperty("category").GetString()).Order());
        Assert.Equal(365, Parameter(Root, "logRetentionDays").GetProperty("defaultValue").GetInt32());
        Assert.Equal("[parameters('retentionInDays')]", Resources(Module("monitoring"), "Microsoft.OperationalInsights/workspaces").Single()
            .GetProperty("properties").GetProperty("retentionInDays").GetString());
    }

    [Fact]
    public void Alerts_FourRulesToTheEmailActionGroup_OnLogsTheAppAndHostWrite()
    {
        var alerts = Module("alerts");
        var rules = alerts.GetProperty("variables").GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("name").GetString()!, r => r.GetProperty("query").GetString()!);
        var group = Resources(alerts, "Microsoft.Insights/actionGroups").Single().GetProperty("properties");
        var rule = Resources(alerts, "Microsoft.Insights/scheduledQueryRules").Single();
        var test = Resources(alerts, "Microsoft.Insights/webtests").Single().GetProperty("properties");

        Assert.Equal(["failed-function-executions", "failed-orchestrations", "health-unavailable", "mail-misconfigured"], rules.Keys.Order());
        Assert.Contains("(Failed,", rules["failed-function-executions"]);
        Assert.Contains("(Orchestrator)' failed with an error", rules["failed-orchestrations"]);
        Assert.Contains("availabilityResults", rules["health-unavailable"]);
        Assert.Contains($"\"{AlertedLogs.StorageUnreachableText}\"", rules["health-unavailable"]);
        Assert.Contains($"\"{AlertedLogs.MailMisconfiguredText}\"", rules["mail-misconfigured"]);
        Assert.Equal("[length(variables('rules'))]", rule.GetProperty("copy").GetProperty("count").GetString());
        Assert.Contains("actionGroups", rule.GetProperty("properties").GetProperty("actions").GetProperty("actionGroups")[0].GetString());
        Assert.Equal("[parameters('alertEmail')]", group.GetProperty("emailReceivers")[0].GetProperty("emailAddress").GetString());
        Assert.Equal(200, test.GetProperty("ValidationRules").GetProperty("ExpectedHttpStatusCode").GetInt32());
        Assert.Equal("[parameters('healthUrl')]", test.GetProperty("Request").GetProperty("RequestUrl").GetString());
        Assert.Contains("/api/health'", Deployment("alerts").GetProperty("parameters").GetProperty("healthUrl").GetProperty("value").GetString());
        Assert.False(Parameter(Root, "alertEmail").TryGetProperty("defaultValue", out _));
    }

    [Fact]
    public void MaximumInstanceCount_OneToOneThousand()
    {
        var count = Parameter(Root, "maximumInstanceCount");

        Assert.Equal(1, count.GetProperty("minValue").GetInt32());
        Assert.Equal(1000, count.GetProperty("maxValue").GetInt32());
        Assert.Equal("[parameters('maximumInstanceCount')]", Deployment("api").GetProperty("parameters").GetProperty("maximumInstanceCount").GetProperty("value").GetString());
    }

    [Fact]
    public void SendGridHost_ParameterWithTheEuHost_SetAsEmailSendGridHost()
    {
        var host = Parameter(Root, "sendGridHost");

        Assert.Contains("https://api.eu.sendgrid.com", host.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("[parameters('sendGridHost')]", Deployment("api").GetProperty("parameters").GetProperty("sendGridHost").GetProperty("value").GetString());
        Assert.Equal("[parameters('sendGridHost')]", AppSettings()["Email__SendGridHost"]);
    }

    private static Dictionary<string, string> AppSettings() =>
        Resources(Module("api"), "Microsoft.Web/sites/config")
            .Single(r => r.GetProperty("name").GetString()!.Contains("'appsettings'", StringComparison.Ordinal))
            .GetProperty("properties").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);

    private static List<string> ContainerNames(JsonElement template) =>
        Resources(template, "Microsoft.Storage/storageAccounts/blobServices/containers")
            .Select(c => c.GetProperty("name").GetString()!)
            .Select(n => n.Contains("'audit-anchors'", StringComparison.Ordinal) ? "audit-anchors" : n)
            .ToList();
}
