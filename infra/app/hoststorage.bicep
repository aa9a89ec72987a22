// The host account (AzureWebJobsStorage): the Functions host's own state (keys, leases, timer locks), the Durable
// Functions task hub (queues, tables, blobs) and the Flex Consumption deployment package. The council's data is in
// the data account (datastorage.bicep), so this account holds nothing that must outlive the app and carries no lock.
//
// Secure by default:
//   * shared-key access is disabled, so the account can only be reached with
//     Microsoft Entra tokens (the app's user-assigned identity, see roles.bicep);
//   * TLS 1.2 minimum, HTTPS only, no anonymous (public) blob access;
//   * no cross-tenant object replication.

@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Redundancy SKU.')
param skuName string

@description('Blob container for the Flex Consumption deployment package.')
param deploymentContainerName string

@description('Days deleted blobs and containers can be restored (soft delete).')
param softDeleteRetentionDays int = 7

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: {
    name: skuName
  }
  properties: {
    accessTier: 'Hot'
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
    allowBlobPublicAccess: false
    allowCrossTenantReplication: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    // The Flex Consumption app is not VNet-integrated in this template, so the
    // account stays reachable over the public endpoint; every request still
    // needs an Entra token with a data role.
    publicNetworkAccess: 'Enabled'
    networkAcls: {
      defaultAction: 'Allow'
      bypass: 'AzureServices'
    }
    encryption: {
      keySource: 'Microsoft.Storage'
      requireInfrastructureEncryption: true
      services: {
        blob: {
          enabled: true
          keyType: 'Account'
        }
        file: {
          enabled: true
          keyType: 'Account'
        }
        queue: {
          enabled: true
          keyType: 'Account'
        }
        table: {
          enabled: true
          keyType: 'Account'
        }
      }
    }
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' = {
  parent: account
  name: 'default'
  properties: {
    deleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
    containerDeleteRetentionPolicy: {
      enabled: true
      days: softDeleteRetentionDays
    }
  }
}

resource deploymentContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: deploymentContainerName
  properties: {
    publicAccess: 'None'
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
