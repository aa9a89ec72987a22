// Diagnostic settings to Log Analytics (kept logRetentionDays, main.bicep): Key Vault's audit events (every secret
// read, by whom; table AzureDiagnostics, category AuditEvent) and the function app's logs (table FunctionAppLogs).
// The storage accounts' settings are in storagediagnostics.bicep.
// https://learn.microsoft.com/azure/azure-monitor/essentials/diagnostic-settings

@description('Name of the Log Analytics workspace.')
param logAnalyticsName string

@description('Name of the Key Vault.')
param keyVaultName string

@description('Name of the function app.')
param functionAppName string

resource workspace 'Microsoft.OperationalInsights/workspaces@2025-02-01' existing = {
  name: logAnalyticsName
}

resource vault 'Microsoft.KeyVault/vaults@2025-05-01' existing = {
  name: keyVaultName
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' existing = {
  name: functionAppName
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'AuditEvent'
        enabled: true
      }
    ]
  }
}

resource functionAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: functionApp
  properties: {
    workspaceId: workspace.id
    logs: [
      {
        category: 'FunctionAppLogs'
        enabled: true
      }
    ]
  }
}

output workspaceId string = workspace.id
