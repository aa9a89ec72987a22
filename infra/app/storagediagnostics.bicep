// Diagnostic settings of one storage account: every read, write and delete on its blob, table and queue services
// (categories StorageRead, StorageWrite, StorageDelete) to Log Analytics, which keeps them logRetentionDays
// (main.bicep). They land in the tables StorageBlobLogs, StorageTableLogs and StorageQueueLogs.
// https://learn.microsoft.com/azure/storage/blobs/monitor-blob-storage

@description('Name of the storage account.')
param storageAccountName string

@description('Resource id of the Log Analytics workspace.')
param workspaceId string

var logs = [
  for category in [
    'StorageRead'
    'StorageWrite'
    'StorageDelete'
  ]: {
    category: category
    enabled: true
  }
]

resource account 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: storageAccountName
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2025-06-01' existing = {
  parent: account
  name: 'default'
}

resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2025-06-01' existing = {
  parent: account
  name: 'default'
}

resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2025-06-01' existing = {
  parent: account
  name: 'default'
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: logs
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: logs
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: logs
  }
}
