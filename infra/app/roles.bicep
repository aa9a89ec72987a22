// Role assignments of the app's user-assigned identity. Only data-plane roles,
// each scoped to the one resource it is for; no management roles.
//
// Host account (scope: that account; AzureWebJobsStorage)
//   * Storage Blob Data Owner – the Functions host keeps its keys, leases and
//     timer/singleton locks in blobs and creates its own containers
//     (azure-webjobs-hosts, azure-webjobs-secrets); Durable Functions keeps
//     large messages and partition leases in blobs; Flex Consumption reads the
//     deployment package from a blob container with this identity. The
//     Functions documentation names Blob Data Owner as the role that covers
//     host storage with an identity-based AzureWebJobsStorage connection.
//   * Storage Queue Data Contributor – Durable Functions control and work-item queues.
//   * Storage Table Data Contributor – Durable Functions history and instance tables.
// Data account (scope: that account; DataStorage)
//   * Storage Blob Data Contributor – documents, compilations, certificates,
//     the outbox, the Data Protection key ring, audit anchors (the app creates
//     and writes blobs and containers; it manages no ACLs, so not Owner).
//   * Storage Table Data Contributor – the council's records.
//   (No queue role: the app keeps no queues of its own.)
// Key Vault (scope: the vault)
//   * Key Vault Secrets User – read secret values for Key Vault references.
// Application Insights (scope: the component)
//   * Monitoring Metrics Publisher – send telemetry with an Entra token, since
//     local (key) authentication is disabled on the component.

@description('Principal (object) id of the user-assigned identity.')
param principalId string

@description('Name of the host storage account (AzureWebJobsStorage).')
param hostStorageAccountName string

@description('Name of the data storage account (DataStorage).')
param dataStorageAccountName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the Application Insights component.')
param appInsightsName string

// Built-in role definition ids (the same in every Azure tenant).
var roleIds = {
  storageBlobDataOwner: 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  storageBlobDataContributor: 'ba92f5b4-2d11-453d-a403-e96b0029c9fe'
  storageQueueDataContributor: '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  storageTableDataContributor: '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
  keyVaultSecretsUser: '4633458b-17de-408a-b874-0445c86b69e6'
  monitoringMetricsPublisher: '3913510d-42f4-4e42-8a64-420c390055eb'
}

var hostStorageRoles = [
  roleIds.storageBlobDataOwner
  roleIds.storageQueueDataContributor
  roleIds.storageTableDataContributor
]

var dataStorageRoles = [
  roleIds.storageBlobDataContributor
  roleIds.storageTableDataContributor
]

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostStorageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: dataStorageAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource hostStorageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in hostStorageRoles: {
    name: guid(hostStorage.id, principalId, roleId)
    scope: hostStorage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource dataStorageAssignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [
  for roleId in dataStorageRoles: {
    name: guid(dataStorage.id, principalId, roleId)
    scope: dataStorage
    properties: {
      principalId: principalId
      principalType: 'ServicePrincipal'
      roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleId)
    }
  }
]

resource keyVaultSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, roleIds.keyVaultSecretsUser)
  scope: vault
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.keyVaultSecretsUser)
  }
}

resource monitoringMetricsPublisher 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(appInsights.id, principalId, roleIds.monitoringMetricsPublisher)
  scope: appInsights
  properties: {
    principalId: principalId
    principalType: 'ServicePrincipal'
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', roleIds.monitoringMetricsPublisher)
  }
}
