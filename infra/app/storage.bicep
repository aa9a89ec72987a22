// Storage account shared by the Functions host (AzureWebJobsStorage), the
// Durable Functions task hub (queues, tables, blobs), the application's own
// data and the Flex Consumption deployment package.
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

@description('Days every blob in audit-anchors is retained.')
param auditAnchorRetentionDays int

@description('True once the audit-anchors policy is locked; the template then no longer declares it.')
param auditAnchorPolicyLocked bool

@description('Days deleted blobs and containers can be restored (soft delete).')
param softDeleteRetentionDays int = 7

// Containers the application uses for its own data.
var appContainers = [
  'documents'
  'compilations'
  'certificates'
  'outbox'
]

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

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = [
  for containerName in appContainers: {
    parent: blobService
    name: containerName
    properties: {
      publicAccess: 'None'
    }
  }
]

// Anchors of the audit log (hash-chain checkpoints). Write once, read many.
resource auditAnchors 'Microsoft.Storage/storageAccounts/blobServices/containers@2025-06-01' = {
  parent: blobService
  name: 'audit-anchors'
  properties: {
    publicAccess: 'None'
  }
}

// Time-based retention (WORM) on audit-anchors. Every blob can be read but not
// modified or deleted until it is auditAnchorRetentionDays old. Appending new
// blocks to append blobs stays allowed (allowProtectedAppendWrites), so an
// anchor log can grow without rewriting what is already there.
//
// ARM creates the policy UNLOCKED. Locking it (docs/deploy.md) is a deliberate,
// irreversible operator step; after that the retention can only be extended,
// and auditAnchorPolicyLocked = true keeps redeployments from touching it.
resource auditAnchorsPolicy 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2025-06-01' = if (!auditAnchorPolicyLocked) {
  parent: auditAnchors
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: auditAnchorRetentionDays
    allowProtectedAppendWrites: true
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output containerNames array = concat(appContainers, [auditAnchors.name, deploymentContainer.name])
