// -----------------------------------------------------------------------------
// BraFunctions – Azure infrastructure (Azure Developer CLI conventions).
//
// `azd up` deploys this file at subscription scope. It creates one resource
// group per azd environment and, inside it:
//   * a user-assigned managed identity (the only identity the app uses),
//   * a storage account without shared keys (Functions host, Durable task hub,
//     the app's own blobs, tables and queues, and the Flex deployment package),
//   * a Key Vault (RBAC) for the SendGrid API key,
//   * Log Analytics + workspace-based Application Insights (Entra auth only),
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

@minLength(1)
@description('Azure region for every resource. Must support the Flex Consumption plan.')
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

@allowed([
  'ObjectId'
  'Email'
])
@description('How a staff token is matched to a person in the people register.')
param authPersonMatch string = 'ObjectId'

@minLength(3)
@description('Sender address of outgoing e-mail. Must be a verified sender (or domain) in SendGrid.')
param senderAddress string

@description('Display name of the sender of outgoing e-mail.')
param senderName string = 'Brottsförebyggande rådet'

@description('Public base URL used in links sent to residents and partners, without a trailing slash. Empty = https://<default host name of the function app>.')
param publicBaseUrl string = ''

@minValue(1)
@maxValue(146000)
@description('Days every blob in the audit-anchors container is retained (time-based immutability policy).')
param auditAnchorRetentionDays int = 3650

@description('Set to true once the audit-anchors immutability policy has been locked. A locked policy can only be extended with the extend action, so the template then leaves it alone.')
param auditAnchorPolicyLocked bool = false

@allowed([
  'Standard_LRS'
  'Standard_ZRS'
  'Standard_GRS'
  'Standard_GZRS'
])
@description('Redundancy of the storage account.')
param storageSku string = 'Standard_LRS'

@minValue(30)
@maxValue(730)
@description('Days Log Analytics keeps logs.')
param logRetentionDays int = 30

// Flex Consumption accepts 40 to 1000 as the maximum instance count ("The lowest maximum instance count value is 40":
// https://learn.microsoft.com/azure/azure-functions/event-driven-scaling#flex-consumption-plan).
@minValue(40)
@maxValue(1000)
@description('Upper limit of Flex Consumption instances (40 to 1000).')
param maximumInstanceCount int = 40

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
  storage: 'st${resourceToken}'
  keyVault: 'kv-${resourceToken}'
  logAnalytics: 'log-${resourceToken}'
  appInsights: 'appi-${resourceToken}'
  plan: 'plan-${resourceToken}'
  functionApp: 'func-${resourceToken}'
}

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

module storage 'app/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    skuName: storageSku
    deploymentContainerName: deploymentContainerName
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
    storageAccountName: storage.outputs.name
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
    storageAccountName: storage.outputs.name
    deploymentContainerName: deploymentContainerName
    appInsightsName: monitoring.outputs.appInsightsName
    keyVaultUri: keyVault.outputs.uri
    sendGridSecretName: keyVault.outputs.sendGridSecretName
    taskHubName: taskHubName
    publicBaseUrl: publicBaseUrl
    senderAddress: senderAddress
    senderName: senderName
    entraTenantId: tenantId
    entraClientId: entraClientId
    entraAudience: audience
    authPersonMatch: authPersonMatch
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
output AZURE_STORAGE_ACCOUNT_NAME string = storage.outputs.name
output AZURE_STORAGE_BLOB_ENDPOINT string = storage.outputs.blobEndpoint
output AZURE_USER_ASSIGNED_IDENTITY_NAME string = identity.outputs.name
output AZURE_USER_ASSIGNED_IDENTITY_CLIENT_ID string = identity.outputs.clientId
output AZURE_APPLICATION_INSIGHTS_NAME string = monitoring.outputs.appInsightsName
output AZURE_LOG_ANALYTICS_WORKSPACE_NAME string = monitoring.outputs.logAnalyticsName
output DURABLE_TASK_HUB_NAME string = taskHubName
