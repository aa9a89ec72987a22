using System.Text.RegularExpressions;
using Bra.IntegrationTests.Support;

namespace Bra.IntegrationTests.Foundation;

/// <summary>
/// The azd hooks (infra/hooks) against stub az and azd commands: what preprovision checks and how it refuses (not
/// signed in, a region without Flex Consumption, a missing permission), and what postprovision changes in Entra and
/// how it waits for the role assignments.
/// </summary>
public sealed partial class AzdHookTests
{
    private const string ClientId = "11111111-1111-1111-1111-111111111111";
    private const string Me = "22222222-2222-2222-2222-222222222222";
    private const string Subscription = "33333333-3333-3333-3333-333333333333";
    private const string Tenant = "44444444-4444-4444-4444-444444444444";
    private const string Principal = "55555555-5555-5555-5555-555555555555";
    private const string ScopeId = "66666666-6666-6666-6666-666666666666";
    private const string AppUrl = "https://func-abc.azurewebsites.net";

    [Fact]
    public void Preprovision_EverythingInPlace_PassesWithReadsOnly()
    {
        using var run = Preprovision().Run("preprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Checks passed", run.Output);
        Assert.Contains("azd auth login --check-status", run.Calls);
        Assert.Contains(run.Calls, c => c.StartsWith("az functionapp list-flexconsumption-locations", StringComparison.Ordinal));
        Assert.Contains(run.Calls, c => c.StartsWith($"az ad app owner list --id {ClientId}", StringComparison.Ordinal));
        Assert.Contains(run.Calls, c => c.StartsWith($"az role assignment list --assignee {Me} --scope /subscriptions/{Subscription}", StringComparison.Ordinal));
        Assert.DoesNotContain(run.Calls, c => WritingCall().IsMatch(c));
    }

    [Fact]
    public void Preprovision_AzdNotSignedIn_RefusesBeforeAskingAzure()
    {
        var hook = Preprovision();
        hook.Azd.Clear();
        hook.AnswerAzd("auth login --check-status*", "Not logged in", exit: 1);
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not signed in", run.Output);
        Assert.Contains("azd auth login", run.Output);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("az ", StringComparison.Ordinal));
    }

    [Fact]
    public void Preprovision_AzureCliNotSignedIn_RefusesWithTheLoginCommand()
    {
        var hook = Preprovision();
        hook.Az.Insert(0, ("account show --only-show-errors*", 1, "Please run 'az login' to setup account."));
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Azure CLI is not signed in", run.Output);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("az functionapp", StringComparison.Ordinal));
    }

    [Fact]
    public void Preprovision_RegionWithoutFlexConsumption_RefusesAndNamesTheRegionsThatOfferIt()
    {
        var hook = Preprovision();
        hook.Environment["AZURE_LOCATION"] = "italynorth";
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("'italynorth' does not offer the Flex Consumption plan", run.Output);
        Assert.Contains("swedencentral northeurope", run.Output);
        Assert.DoesNotContain(run.Calls, c => c.StartsWith("az ad ", StringComparison.Ordinal));
    }

    [Fact]
    public void Preprovision_RegionOutsideTheEu_RefusedWithoutAnyCall()
    {
        var hook = Preprovision();
        hook.Environment["AZURE_LOCATION"] = "eastus";
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not one of the EU regions", run.Output);
        Assert.Empty(run.Calls);
    }

    [Fact]
    public void Preprovision_RequiredValueMissing_RefusesNamingIt()
    {
        var hook = Preprovision();
        hook.Environment.Remove("ALERT_EMAIL");
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("not set: ALERT_EMAIL", run.Output);
    }

    [Fact]
    public void Preprovision_NeitherOwnerNorAppAdministrator_RefusesWithTheOwnerCommand()
    {
        var hook = Preprovision();
        hook.Az.Insert(0, ($"ad app owner list --id {ClientId}*", 0, "99999999-9999-9999-9999-999999999999\n"));
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"may not change the app registration {ClientId}", run.Output);
        Assert.Contains($"az ad app owner add --id {ClientId} --owner-object-id {Me}", run.Output);
        Assert.Contains(run.Calls, c => c.Contains("/users/" + Me + "/transitiveMemberOf/microsoft.graph.directoryRole", StringComparison.Ordinal));
    }

    [Fact]
    public void Preprovision_CloudApplicationAdministratorNotOwner_Passes()
    {
        var hook = Preprovision();
        hook.Az.Insert(0, ($"ad app owner list --id {ClientId}*", 0, ""));
        hook.Az.Insert(0, ("rest --method get --url https://graph.microsoft.com/v1.0/users/*", 0, "158c047a-c907-4556-b7ef-446551a6b5f7\n"));
        using var run = hook.Run("preprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
    }

    [Fact]
    public void Preprovision_ContributorWithoutRoleAssignmentRights_RefusesNamingTheRolesNeeded()
    {
        var hook = Preprovision();
        hook.Az.Insert(0, ($"role assignment list --assignee {Me}*", 0, "Contributor\nReader\n"));
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("may not create resources and role assignments", run.Output);
        Assert.Contains("Role Based Access Control Administrator", run.Output);
        Assert.Contains("Has: Contributor, Reader", run.Output);
    }

    [Fact]
    public void Preprovision_AppRegistrationWithoutTheScope_Refuses()
    {
        var hook = Preprovision();
        hook.Az.Insert(0, ($"ad app show --id {ClientId} --query api.oauth2PermissionScopes*", 0, ""));
        using var run = hook.Run("preprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("does not expose the scope 'access_as_user'", run.Output);
    }

    [Fact]
    public void Hooks_EuRegions_SameAsTheTemplateAllows()
    {
        var common = File.ReadAllText(Path.Combine(Repo.Root, "infra", "hooks", "common.sh"));
        var regions = EuRegionsLine().Match(common).Groups[1].Value.Split(' ');
        var allowed = CompiledTemplate.Parameter(CompiledTemplate.Root, "location").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString());

        Assert.Equal(allowed, regions);
    }

    [Fact]
    public void Postprovision_FreshRegistration_RedirectUriFederatedCredentialPermissionsAndConsentUrl()
    {
        using var run = Postprovision().Run("postprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains($"az ad app update --id {ClientId} --web-redirect-uris https://other.example/cb {AppUrl}/.auth/login/aad/callback --enable-id-token-issuance true", run.Calls);
        var create = Assert.Single(run.Calls, c => c.StartsWith($"az ad app federated-credential create --id {ClientId}", StringComparison.Ordinal));
        Assert.Contains($"\"subject\":\"{Principal}\"", create);
        Assert.Contains($"\"issuer\":\"https://login.microsoftonline.com/{Tenant}/v2.0\"", create);
        Assert.Contains("api://AzureADTokenExchange", create);
        Assert.Contains($"az ad app permission add --id {ClientId} --api {ClientId} --api-permissions {ScopeId}=Scope --only-show-errors", run.Calls);
        Assert.Contains(run.Calls, c => c.StartsWith($"az ad app permission add --id {ClientId} --api 00000003-0000-0000-c000-000000000000", StringComparison.Ordinal));
        Assert.Contains($"https://login.microsoftonline.com/{Tenant}/adminconsent?client_id={ClientId}", run.Output);
        Assert.Contains("6 role assignments exist", run.Output);
        Assert.Contains("==> Done\n", run.Output);
    }

    [Fact]
    public void Postprovision_AlreadySetUp_ChangesNothing()
    {
        var hook = Postprovision();
        hook.Az.Insert(0, ($"ad app show --id {ClientId} --query web.redirectUris*", 0, $"{AppUrl}/.auth/login/aad/callback\n"));
        hook.Az.Insert(0, ("ad app federated-credential list*", 0, Principal + "\n"));
        hook.Az.Insert(0, ($"ad app show --id {ClientId} --query requiredResourceAccess*", 0,
            $"{ScopeId}\n37f7f235-527c-4136-accd-4a02d197296e\n14dad69e-099b-42c9-810b-d002981feec1\n64a6cdd6-aab1-4aaf-94b8-3cc8405e90d0\n7427e0e9-2fba-42fe-b0c0-848c9e6a8182\n"));
        using var run = hook.Run("postprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.DoesNotContain(run.Calls, c => WritingCall().IsMatch(c));
        Assert.Contains("federated credential app-service-auth trusts the managed identity", run.Output);
    }

    [Fact]
    public void Postprovision_StaffInAnotherTenant_NoFederatedCredentialAndSaysWhyAndTheFallback()
    {
        var hook = Postprovision();
        hook.Environment["ENTRA_TENANT_ID"] = "77777777-7777-7777-7777-777777777777";
        using var run = hook.Run("postprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.DoesNotContain(run.Calls, c => c.Contains("federated-credential", StringComparison.Ordinal));
        Assert.Contains("AADSTS700236", run.Output);
        Assert.Contains("Fallback: a client secret in Key Vault", run.Output);
        Assert.Contains("manual steps left: federated credential (tenants differ)", run.Output);
        Assert.Contains("https://login.microsoftonline.com/77777777-7777-7777-7777-777777777777/adminconsent", run.Output);
    }

    [Fact]
    public void Postprovision_FederatedCredentialRefused_SaysWhatEntraAnswered()
    {
        var hook = Postprovision();
        hook.Az.Insert(0, ("ad app federated-credential create*", 1, "ERROR: Insufficient privileges to complete the operation."));
        using var run = hook.Run("postprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Entra refused it", run.Output);
        Assert.Contains("Insufficient privileges", run.Output);
        Assert.Contains("manual steps left: federated credential (refused)", run.Output);
    }

    [Fact]
    public void Postprovision_RoleAssignmentMissingPastTheTimeout_StopsNamingIt()
    {
        var hook = Postprovision();
        hook.Environment["ROLE_ASSIGNMENT_TIMEOUT_SECONDS"] = "0";
        hook.Az.Insert(0, ($"role assignment list --assignee {Principal} --all*", 0, Assignments().Replace("Key Vault Secrets User", "Reader", StringComparison.Ordinal)));
        using var run = hook.Run("postprovision.sh");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("still lacks: Key Vault Secrets User on vaults/kv-abc", run.Output);
    }

    [Fact]
    public void Postprovision_RoleAssignmentsJustMade_WaitsForThemToApplyBeforeDeploy()
    {
        var hook = Postprovision();
        hook.Environment["ROLE_ASSIGNMENT_TIMEOUT_SECONDS"] = "8";
        var justMade = DateTimeOffset.UtcNow.AddMinutes(1).ToString("yyyy-MM-ddTHH:mm:ss.ffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        hook.Az.Insert(0, ($"role assignment list --assignee {Principal} --all*", 0, Assignments(justMade)));
        using var run = hook.Run("postprovision.sh");

        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("giving Azure", run.Output);
        Assert.Contains("timeout reached", run.Output);
        Assert.True(run.Calls.Count(c => c.StartsWith("az role assignment list", StringComparison.Ordinal)) >= 2, string.Join('\n', run.Calls));
    }

    private static HookRun Preprovision()
    {
        var hook = new HookRun();
        hook.Environment["AZURE_LOCATION"] = "swedencentral";
        hook.Environment["AZURE_SUBSCRIPTION_ID"] = Subscription;
        hook.Environment["ENTRA_CLIENT_ID"] = ClientId;
        hook.Environment["EMAIL_SENDER_ADDRESS"] = "brottsforebyggande@kommun.example";
        hook.Environment["ALERT_EMAIL"] = "it@kommun.example";
        hook.Environment["ORGANISATION_NAME"] = "Avesta kommun";
        hook.AnswerAzd("auth login --check-status*");
        return hook
            .Answer("account show --query user.type*", "user\n")
            .Answer("account show --query user.name*", "admin@kommun.example\n")
            .Answer("account show*", "{}")
            .Answer("functionapp list-flexconsumption-locations*", "swedencentral\nnortheurope\nwesteurope\n")
            .Answer($"ad app show --id {ClientId} --query api.oauth2PermissionScopes*", ScopeId + "\n")
            .Answer("ad signed-in-user show*", Me + "\n")
            .Answer($"ad app owner list --id {ClientId}*", Me + "\n")
            .Answer("rest --method get --url https://graph.microsoft.com/v1.0/users/*", "")
            .Answer($"role assignment list --assignee {Me} --scope /subscriptions/{Subscription}*", "Reader\nOwner\n");
    }

    private static HookRun Postprovision()
    {
        var hook = new HookRun();
        hook.Environment["ENTRA_CLIENT_ID"] = ClientId;
        hook.Environment["AZURE_TENANT_ID"] = Tenant;
        hook.Environment["SERVICE_API_ENDPOINT_URL"] = AppUrl;
        hook.Environment["AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID"] = Principal;
        hook.Environment["AZURE_HOST_STORAGE_ACCOUNT_NAME"] = "sthabc";
        hook.Environment["AZURE_DATA_STORAGE_ACCOUNT_NAME"] = "stdabc";
        hook.Environment["AZURE_KEY_VAULT_NAME"] = "kv-abc";
        hook.Environment["ROLE_ASSIGNMENT_POLL_SECONDS"] = "0";
        return hook
            .Answer($"ad app show --id {ClientId} --query web.redirectUris*", "https://other.example/cb\n")
            .Answer($"ad app update --id {ClientId}*")
            .Answer("ad app federated-credential list*", "")
            .Answer("ad app federated-credential create*", "{}")
            .Answer($"ad app show --id {ClientId} --query api.oauth2PermissionScopes*", ScopeId + "\n")
            .Answer($"ad app show --id {ClientId} --query requiredResourceAccess*", "")
            .Answer("ad app permission add*")
            .Answer($"role assignment list --assignee {Principal} --all*", Assignments());
    }

    private static string Assignments(string createdOn = "2020-01-01T00:00:00.000000+00:00")
    {
        var rg = $"/subscriptions/{Subscription}/resourceGroups/rg-test/providers";
        return string.Join('\n',
            $"Storage Blob Data Owner\t{rg}/Microsoft.Storage/storageAccounts/sthabc\t{createdOn}",
            $"Storage Queue Data Contributor\t{rg}/Microsoft.Storage/storageAccounts/sthabc\t{createdOn}",
            $"Storage Table Data Contributor\t{rg}/Microsoft.Storage/storageAccounts/sthabc\t{createdOn}",
            $"Storage Blob Data Contributor\t{rg}/Microsoft.Storage/storageAccounts/stdabc\t{createdOn}",
            $"Storage Table Data Contributor\t{rg}/Microsoft.Storage/storageAccounts/stdabc\t{createdOn}",
            $"Key Vault Secrets User\t{rg}/Microsoft.KeyVault/vaults/kv-abc\t{createdOn}",
            $"Monitoring Metrics Publisher\t{rg}/Microsoft.Insights/components/appi-abc\t{createdOn}") + "\n";
    }

    [GeneratedRegex(@"^az (ad app (update|federated-credential (create|update)|permission (add|grant|admin-consent)|owner add)|role assignment create)")]
    private static partial Regex WritingCall();

    [GeneratedRegex(@"EU_REGIONS=""([a-z ]+)""")]
    private static partial Regex EuRegionsLine();
}
