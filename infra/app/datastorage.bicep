// The data account (the app setting DataStorage): the council's tables, documents, compilations, certificates, the
// development outbox container, the Data Protection key ring and the audit anchors under a time-based WORM policy.
// Nothing of the Functions host or the Durable task hub is here (hoststorage.bicep), so the locked anchor policy and
// the delete lock bind only the council's data.
//
//   * shared-key access disabled (Entra tokens only), TLS 1.2, HTTPS only, no public blob access;
//   * blob versioning, blob soft delete and container soft delete, so an overwritten or deleted document can be
//     restored within softDeleteRetentionDays;
//   * zone-redundant where the region offers it (main.bicep chooses the SKU);
//   * a CanNotDelete management lock: the account cannot be deleted (nor its resource group) until an Owner removes
//     the lock; reading and writing data is unaffected.

@description('Name of the storage account (3-24 lower-case letters and digits).')
param name string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('Redundancy SKU.')
param skuName string

@description('Days every blob in audit-anchors is retained.')
param auditAnchorRetentionDays int

@description('True once the audit-anchors policy is locked; the template then no longer declares it.')
param auditAnchorPolicyLocked bool

@minValue(1)
@maxValue(365)
@description('Days deleted or overwritten blobs (versions) and deleted containers can be restored.')
param softDeleteRetentionDays int = 30

// Containers the application uses for its own data (the app also creates what it needs on first use).
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
    isVersioningEnabled: true
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

// Nobody deletes the council's data by deleting the account or its resource group (azd down included) without first
// removing this lock, which needs Owner or User Access Administrator (Microsoft.Authorization/locks/delete).
resource deleteLock 'Microsoft.Authorization/locks@2020-05-01' = {
  name: 'council-data-cannot-delete'
  scope: account
  properties: {
    level: 'CanNotDelete'
    notes: 'The council\'s data (documents, records, audit anchors). Remove this lock only to retire the environment; see docs/deploy.md.'
  }
}

output name string = account.name
output id string = account.id
output blobEndpoint string = account.properties.primaryEndpoints.blob
output containerNames array = concat(appContainers, [auditAnchors.name])
