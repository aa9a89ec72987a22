// Key Vault for the application's only secret, the SendGrid API key.
//
// * Authorization is Azure RBAC (no access policies): the app's identity gets
//   "Key Vault Secrets User" (roles.bicep); an operator who sets the secret
//   needs "Key Vault Secrets Officer" (docs/deploy.md).
// * Soft delete and purge protection are on: a deleted vault or secret can be
//   recovered during the retention period and cannot be purged before it ends.
//
// The secret itself is NOT declared here. A secret resource in the template
// would need a value (a placeholder would land in the vault) and every
// `azd provision` would write a new version over the key the operator set.
// Instead the operator creates it once after deployment
// (`az keyvault secret set --name SendGridApiKey ...`), and the app setting
// Email__SendGridApiKey refers to it by its versionless URI (api.bicep).

@description('Name of the vault (3-24 characters).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

@description('Name of the secret that holds the SendGrid API key.')
param sendGridSecretName string = 'SendGridApiKey'

@minValue(7)
@maxValue(90)
@description('Days a deleted vault or secret is kept (soft delete).')
param softDeleteRetentionInDays int = 90

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: softDeleteRetentionInDays
    enablePurgeProtection: true
    enabledForDeployment: false
    enabledForDiskEncryption: false
    enabledForTemplateDeployment: false
    // Key Vault references are resolved by the App Service platform, which is
    // not a "trusted service" for the firewall; without VNet integration the
    // vault must accept public traffic. Every request still needs an Entra
    // token with an RBAC role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
  }
}

output name string = vault.name
output id string = vault.id
output uri string = vault.properties.vaultUri
output sendGridSecretName string = sendGridSecretName
