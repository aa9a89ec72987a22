// User-assigned managed identity: the single identity the function app uses for
// storage (host, Durable task hub, app data, deployment package), Key Vault
// references and Application Insights ingestion. A user-assigned identity exists
// before the app does, so its role assignments can be made first.

@description('Name of the identity.')
param name string

@description('Azure region.')
param location string

@description('Tags for the resource.')
param tags object

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2024-11-30' = {
  name: name
  location: location
  tags: tags
}

output id string = identity.id
output name string = identity.name
output clientId string = identity.properties.clientId
output principalId string = identity.properties.principalId
