// -----------------------------------------------------------------------------
// BraFunctions – Azure infrastructure (Azure Developer CLI conventions).
//
// `azd up` deploys this file at subscription scope. It creates one resource
// group per azd environment and, inside it:
//   * a user-assigned managed identity (the only identity the app uses),
//   * two storage accounts without shared keys: the host account (Functions
//     host, Durable task hub, Flex deployment package) and the data account
//     (the council's tables, documents, audit anchors under WORM, Data
//     Protection keys; versioning, soft delete, a CanNotDelete lock),
//   * a Key Vault (RBAC) for the SendGrid API key,
//   * Log Analytics + workspace-based Application Insights (Entra auth only),
//     diagnostic settings, an availability test of /api/health and alerts to
//     an action group,
//   * a Flex Consumption (FC1) plan and the function app (.NET 10 isolated),
//     with App Service Authentication for Microsoft Entra ID.
//
// Plain resource declarations are used instead of Azure Verified Modules
// (br/public:avm/...) because the build and lint checks here cannot reach the
// public module registry; see docs/deploy.md.
// -----------------------------------------------------------------------------
targetScope = 'subscription'

// ---------------------------------------------------------------------------
// Parameters
// ---------------------------------------------------------------------------

@minLength(1)
@maxLength(40)
@description('Name of the azd environment (for example "prod" or "test"). Used in the resource group name, in tags and in the resource token.')
param environmentName string

// EU regions only: the council's data stays in the EU. The preprovision hook (infra/hooks/preprovision.sh) checks that
// the chosen one offers Flex Consumption before anything is created.
@allowed([
  'swedencentral'
  'northeurope'
  'westeurope'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'polandcentral'
  'spaincentral'
])
@description('Azure region for every resource: an EU region that offers Flex Consumption.')
param location string = 'swedencentral'

@description('Optional name of the resource group. Default: rg-<environmentName>.')
param resourceGroupName string = ''

@description('Microsoft Entra tenant that issues staff tokens. Empty = the tenant of the deployment subscription.')
param entraTenantId string = ''

@minLength(1)
@description('Application (client) id of the Entra app registration that exposes the staff API.')
param entraClientId string

@description('Accepted token audience(s), separated by ";". Empty = "api://<entraClientId>;<entraClientId>" (v1 access tokens carry the api:// URI, v2 tokens the client id).')
param entraAudience string = ''

@minLength(3)
@description('Sender address of outgoing e-mail. Must be a verified sender (or domain) in SendGrid.')
param senderAddress string

@description('Display name of the sender of outgoing e-mail.')
param senderName string = 'Brottsförebyggande rådet'

@description('The organisation the council belongs to ("Avesta kommun"): page titles, page headers and every e-mail name it.')
@minLength(2)
@maxLength(100)
param organisationName string

@description('Public base URL used in links sent to residents and partners, without a trailing slash. Empty = https://<default host name of the function app>.')
param publicBaseUrl string = ''

@minValue(1)
@maxValue(146000)
@description('Days every blob in the audit-anchors container is retained (time-based immutability policy).')
param auditAnchorRetentionDays int = 3650

@description('Set to true once the audit-anchors immutability policy has been locked. A locked policy can only be extended with the extend action, so the template then leaves it alone.')
param auditAnchorPolicyLocked bool = false

@allowed([
  ''
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GZRS'
])
@description('Redundancy of both storage accounts. Empty = zone-redundant (Standard_ZRS) in a region with availability zones, else Standard_LRS.')
param storageSku string = ''

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs and diagnostics (storage reads, writes and deletes, Key Vault audit events, the app\'s logs).')
param logRetentionDays int = 365

@minLength(3)
@description('E-mail address of the action group that the alerts (failed executions, failed orchestrations, health, mail misconfigured) go to.')
param alertEmail string

// Flex Consumption takes a maximum instance count from 1 to 1000 (https://learn.microsoft.com/azure/azure-functions/flex-consumption-how-to,
// "Set instance limits"); a small council's app rarely needs more than a few.
@minValue(1)
@maxValue(1000)
@description('Upper limit of Flex Consumption instances (1 to 1000).')
param maximumInstanceCount int = 40

// SendGrid's API host decides where SendGrid processes the mail: https://api.eu.sendgrid.com for an EU regional
// subuser (data processed and stored in the EU), https://api.sendgrid.com for the global service. The key must belong
// to an account of that region.
@allowed([
  'https://api.eu.sendgrid.com'
  'https://api.sendgrid.com'
])
@description('SendGrid API host (Email__SendGridHost): the EU host for an EU regional subuser, else the global host.')
param sendGridHost string = 'https://api.eu.sendgrid.com'

// Microsoft's recommendation for Durable Functions on Flex Consumption: one always-ready instance for the `durable`
// group, so orchestrations and activities do not wait for a cold start (and a queue polling interval of 10 s or less,
// set in src/Bra.Functions/host.json):
// https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-azure-storage-provider#flex-consumption-plan
// 0 turns it off (lower cost, slower first step after idle).
@minValue(0)
@maxValue(10)
@description('Always-ready instances for the durable trigger group (orchestrations, activities, entities).')
param durableAlwaysReadyInstanceCount int = 1

@allowed([
  512
  2048
  4096
])
@description('Memory of one Flex Consumption instance, in MB.')
param instanceMemoryMB int = 2048

// ---------------------------------------------------------------------------
// Names
// ---------------------------------------------------------------------------

// Same inputs => same names on every deployment of the same azd environment.
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = {
  'azd-env-name': environmentName
  application: 'bra-functions'
}

var names = {
  resourceGroup: empty(resourceGroupName) ? 'rg-${environmentName}' : resourceGroupName
  identity: 'id-${resourceToken}'
  hostStorage: 'sth${resourceToken}'
  dataStorage: 'std${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  appInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
  actionGroup: 'ag-${resourceToken}'
}

// Regions of the @allowed list that have availability zones, so zone-redundant storage (ZRS):
// https://learn.microsoft.com/azure/reliability/availability-zones-region-support
var zoneRedundantRegions = [
  'swedencentral'
  'northeurope'
  'westeurope'
  'francecentral'
  'germanywestcentral'
  'italynorth'
  'polandcentral'
  'spaincentral'
]
var effectiveStorageSku = !empty(storageSku)
  ? storageSku
  : (contains(zoneRedundantRegions, location) ? 'Standard_ZRS' : 'Standard_LRS')

// Blob container holding the zipped app that `azd deploy` uploads (Flex Consumption).
var deploymentContainerName = 'app-package-${take(names.functionApp, 32)}-${take(resourceToken, 7)}'

// Durable Functions task hub: letters and digits only, 3-45 characters, starting with a letter.
var taskHubName = take('bra${replace(replace(replace(environmentName, '-', ''), '_', ''), '.', '')}', 45)

var tenantId = empty(entraTenantId) ? tenant().tenantId : entraTenantId
var audience = empty(entraAudience) ? 'api://${entraClientId};${entraClientId}' : entraAudience

// ---------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------

resource rg 'Microsoft.Resources/resourceGroups@2025-04-01' = {
  name: names.resourceGroup
  location: location
  tags: tags
}

module identity 'app/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'app/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    logAnalyticsName: names.logAnalytics
    appInsightsName: names.appInsights
    location: location
    tags: tags
    retentionInDays: logRetentionDays
  }
}

module hostStorage 'app/hoststorage.bicep' = {
  name: 'hoststorage'
  scope: rg
  params: {
    name: names.hostStorage
    location: location
    tags: tags
    skuName: effectiveStorageSku
    deploymentContainerName: deploymentContainerName
  }
}

module dataStorage 'app/datastorage.bicep' = {
  name: 'datastorage'
  scope: rg
  params: {
    name: names.dataStorage
    location: location
    tags: tags
    skuName: effectiveStorageSku
    auditAnchorRetentionDays: auditAnchorRetentionDays
    auditAnchorPolicyLocked: auditAnchorPolicyLocked
  }
}

module keyVault 'app/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.keyVault
    location: location
    tags: tags
  }
}

module roles 'app/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    principalId: identity.outputs.principalId
    hostStorageAccountName: hostStorage.outputs.name
    dataStorageAccountName: dataStorage.outputs.name
    keyVaultName: keyVault.outputs.name
    appInsightsName: monitoring.outputs.appInsightsName
  }
}

module api 'app/api.bicep' = {
  name: 'api'
  scope: rg
  params: {
    name: names.functionApp
    planName: names.plan
    location: location
    tags: tags
    serviceName: 'api'
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    hostStorageAccountName: hostStorage.outputs.name
    dataStorageAccountName: dataStorage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultUri: keyVault.outputs.uri
    sendGridSecretName: keyVault.outputs.sendGridSecretName
    sendGridHost: sendGridHost
    taskHubName: taskHubName
    publicBaseUrl: publicBaseUrl
    organisationName: organisationName
    senderAddress: senderAddress
    senderName: senderName
    entraTenantId: tenantId
    entraClientId: entraClientId
    entraAudience: audience
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    durableAlwaysReadyInstanceCount: durableAlwaysReadyInstanceCount
  }
  // The app should not start (nor resolve its Key Vault reference) before its
  // identity holds the data roles on storage, Key Vault and Application Insights.
  dependsOn: [
    roles
  ]
}

module diagnostics 'app/diagnostics.bicep' = {
  name: 'diagnostics'
  scope: rg
  params: {
    logAnalyticsName: monitoring.outputs.logAnalyticsName
    keyVaultName: keyVault.outputs.name
    functionAppName: api.outputs.name
  }
}

// Both accounts exist by then: diagnostics follows the app, which follows the role assignments on both accounts.
module storageDiagnostics 'app/storagediagnostics.bicep' = [
  for account in [
    names.hostStorage
    names.dataStorage
  ]: {
    name: 'diagnostics-${account}'
    scope: rg
    params: {
      storageAccountName: account
      workspaceId: diagnostics.outputs.workspaceId
    }
  }
]

module alerts 'app/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    actionGroupName: names.actionGroup
    location: location
    tags: tags
    alertEmail: alertEmail
    appInsightsName: monitoring.outputs.appInsightsName
    healthUrl: '${api.outputs.uri}/api/health'
  }
}

// ---------------------------------------------------------------------------
// Outputs (azd stores them in .azure/<env>/.env)
// ---------------------------------------------------------------------------

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = api.outputs.name
output SERVICE_API_NAME string = api.outputs.name
output SERVICE_API_ENDPOINT_URL string = api.outputs.uri
output AZURE_KEY_VAULT_NAME string = keyVault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = keyVault.outputs.uri
output AZURE_KEY_VAULT_SENDGRID_SECRET_NAME string = keyVault.outputs.sendGridSecretName
output AZURE_HOST_STORAGE_ACCOUNT_NAME string = hostStorage.outputs.name
output AZURE_DATA_STORAGE_ACCOUNT_NAME string = dataStorage.outputs.name
output AZURE_DATA_STORAGE_BLOB_ENDPOINT string = dataStorage.outputs.blobEndpoint
output AZURE_USER_ASSIGNED_IDENTITY_PRINCIPAL_ID string = identity.outputs.principalId
output AZURE_KEY_VAULT_ID string = keyVault.outputs.id
output AZURE_USER_ASSIGNED_IDENTITY_NAME string = identity.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
output DURABLE_TASK_HUB_NAME string = taskHubName
