// The function app: Flex Consumption (FC1) plan, .NET 10 isolated worker,
// user-assigned identity, ALL application settings (one object, below), and
// App Service Authentication for Microsoft Entra ID.

@description('Name of the function app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Azure region.')
param location string

@description('Tags for the resources.')
param tags object

@description('azd service name; azd finds the app to deploy to by the tag azd-service-name.')
param serviceName string

@description('Resource id of the user-assigned identity.')
param identityId string

@description('Client id of the user-assigned identity.')
param identityClientId string

@description('Name of the host storage account (Functions host, Durable task hub, deployment package).')
param hostStorageAccountName string

@description('Name of the data storage account (the council\'s tables, documents, audit anchors, keys).')
param dataStorageAccountName string

@description('Blob container that holds the deployment package.')
param deploymentContainerName string

@description('Name of the Application Insights component.')
param appInsightsName string

@description('Vault URI of the Key Vault, with trailing slash.')
param keyVaultUri string

@description('Name of the Key Vault secret holding the SendGrid API key.')
param sendGridSecretName string

@description('SendGrid API host (https://api.eu.sendgrid.com or https://api.sendgrid.com).')
param sendGridHost string

@description('Durable Functions task hub name (letters and digits).')
param taskHubName string

@description('Public base URL; empty = https://<default host name>.')
param publicBaseUrl string

@description('The organisation the council belongs to, shown in page titles and e-mails.')
param organisationName string

@description('Sender address of outgoing e-mail.')
param senderAddress string

@description('Sender display name of outgoing e-mail.')
param senderName string

@description('Entra tenant id that issues staff tokens.')
param entraTenantId string

@description('Client id of the Entra app registration.')
param entraClientId string

@description('Accepted audiences, separated by ";".')
param entraAudience string

@description('Upper limit of instances.')
param maximumInstanceCount int

@description('Memory of one instance, in MB.')
param instanceMemoryMB int

@description('Always-ready instances for the durable trigger group; 0 = none.')
param durableAlwaysReadyInstanceCount int

@description('Functions worker runtime.')
param runtimeName string = 'dotnet-isolated'

@description('Version of the worker runtime.')
param runtimeVersion string = '10.0'

resource hostStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: hostStorageAccountName
}

resource dataStorage 'Microsoft.Storage/storageAccounts@2025-06-01' existing = {
  name: dataStorageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

// Flex Consumption plan (Linux, serverless, per-function scaling).
resource plan 'Microsoft.Web/serverfarms@2025-03-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

resource functionApp 'Microsoft.Web/sites@2025-03-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    // Key Vault references (Email__SendGridApiKey) are resolved with the
    // user-assigned identity rather than a system-assigned one.
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      http20Enabled: true
    }
    functionAppConfig: {
      deployment: {
        // `azd deploy` uploads the package here; the platform reads it with
        // the user-assigned identity (no storage keys, no SAS).
        storage: {
          type: 'blobContainer'
          value: '${hostStorage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        // Durable Functions on Flex Consumption: keep an instance of the `durable` group ready (Microsoft's
        // recommendation, https://learn.microsoft.com/azure/azure-functions/durable/durable-functions-azure-storage-provider#flex-consumption-plan).
        alwaysReady: durableAlwaysReadyInstanceCount > 0
          ? [
              {
                name: 'durable'
                instanceCount: durableAlwaysReadyInstanceCount
              }
            ]
          : []
      }
      runtime: {
        name: runtimeName
        version: runtimeVersion
      }
    }
  }
}

// -----------------------------------------------------------------------------
// Application settings – the ONE place where every app setting is defined.
// A double underscore is a nested configuration section for the app
// (Email__FromAddress = Email:FromAddress). The names are a contract with the
// application code and are checked by a test, so they are written as quoted
// string keys, one setting per line; the linter rule that asks for unquoted
// property names is switched off for this block only.
// Flex Consumption sets FUNCTIONS_WORKER_RUNTIME/FUNCTIONS_EXTENSION_VERSION
// itself (functionAppConfig.runtime) and rejects them as app settings.
// -----------------------------------------------------------------------------
var defaultBaseUrl = 'https://${functionApp.properties.defaultHostName}'

// The delegated scope the app registration exposes (api://<client id>/access_as_user): App Service Authentication
// asks for it at sign-in and the app requires it in a user's token (Auth__Scope), so both read this one value.
var apiScope = 'access_as_user'

#disable-diagnostics prefer-unquoted-property-names
var appSettings = {
  // The host account: Functions host state and the Durable task hub. Entra
  // tokens of the identity only (the account has no shared keys).
  'AzureWebJobsStorage__credential': 'managedidentity'
  'AzureWebJobsStorage__clientId': identityClientId
  'AzureWebJobsStorage__blobServiceUri': hostStorage.properties.primaryEndpoints.blob
  'AzureWebJobsStorage__queueServiceUri': hostStorage.properties.primaryEndpoints.queue
  'AzureWebJobsStorage__tableServiceUri': hostStorage.properties.primaryEndpoints.table

  // The data account: the council's tables and blobs (Bra.Core.Storage.StorageConnection.ForData), same identity.
  'DataStorage__credential': 'managedidentity'
  'DataStorage__clientId': identityClientId
  'DataStorage__blobServiceUri': dataStorage.properties.primaryEndpoints.blob
  'DataStorage__tableServiceUri': dataStorage.properties.primaryEndpoints.table

  // Durable Functions task hub (host.json refers to %TaskHubName%).
  'TaskHubName': taskHubName

  // Links in e-mails and on pages.
  'App__PublicBaseUrl': empty(publicBaseUrl) ? defaultBaseUrl : publicBaseUrl
  'App__OrganisationName': organisationName

  // E-mail through SendGrid; the key is a Key Vault reference resolved with
  // the user-assigned identity (versionless URI: the newest version is used).
  'Email__Provider': 'SendGrid'
  'Email__SendGridApiKey': '@Microsoft.KeyVault(SecretUri=${keyVaultUri}secrets/${sendGridSecretName})'
  'Email__FromAddress': senderAddress
  'Email__FromName': senderName
  // Where SendGrid processes the mail (EU host for an EU regional subuser); a parameter, so a redeploy keeps it.
  'Email__SendGridHost': sendGridHost

  // Staff sign-in: the app validates Entra bearer tokens on every staff route.
  'Auth__Mode': 'Entra'
  'Auth__TenantId': entraTenantId
  'Auth__Audience': entraAudience
  'Auth__Instance': environment().authentication.loginEndpoint
  'Auth__Scope': apiScope

  // App Service Authentication's client credential without a stored secret: the platform reads this setting
  // (named by registration.clientSecretSettingName below) and signs in to Entra with a token of the user-assigned
  // identity, which the app registration trusts as a federated identity credential (see docs/deploy.md).
  // https://learn.microsoft.com/azure/app-service/configure-authentication-provider-aad (managed identity instead of a client secret)
  'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID': identityClientId

  // Telemetry with Entra authentication (local auth is disabled on the component).
  'APPLICATIONINSIGHTS_CONNECTION_STRING': appInsights.properties.ConnectionString
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING': 'ClientId=${identityClientId};Authorization=AAD'
}
#restore-diagnostics prefer-unquoted-property-names

resource settings 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'appsettings'
  properties: appSettings
}

// App Service Authentication (Easy Auth) with Microsoft Entra ID.
// Requests without a token are passed on (AllowAnonymous) because the
// application authorizes every route itself: each route declares its access
// level (anonymous, staff, administrator, ...) and staff routes reject
// requests without a valid Entra bearer token. Public capability-link pages
// (/respond/..., /sign/..., their documents) and the health probe must stay
// reachable without sign-in. See docs/deploy.md for the trade-off.
//
// Staff pages in a browser: /.auth/login/aad signs the person in (authorization
// code flow, redirect URI https://<host>/.auth/login/aad/callback on the app
// registration) and sets X-MS-CLIENT-PRINCIPAL on every request of the session,
// which the app honours on /staff pages only (no token store: see below).
// https://learn.microsoft.com/azure/app-service/configure-authentication-provider-aad
// https://learn.microsoft.com/azure/app-service/configure-authentication-oauth-tokens
// https://learn.microsoft.com/azure/app-service/configure-authentication-file-based (authsettingsV2 reference)
resource auth 'Microsoft.Web/sites/config@2025-03-01' = {
  parent: functionApp
  name: 'authsettingsV2'
  // The credential setting must exist before the platform uses it.
  dependsOn: [
    settings
  ]
  properties: {
    platform: {
      enabled: true
    }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: entraClientId
          // Not a secret: the name of the app setting that holds the user-assigned
          // identity's client id; App Service redeems the authorization code with a
          // client assertion from that identity (federated identity credential on the
          // app registration) instead of a client secret.
          // https://learn.microsoft.com/azure/app-service/configure-authentication-provider-aad (managed identity instead of a client secret)
          clientSecretSettingName: 'OVERRIDE_USE_MI_FIC_ASSERTION_CLIENTID'
          openIdIssuer: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0'
        }
        login: {
          // v2 endpoint: ask for an access token for the app's own API scope
          // (access_as_user, the app's Auth__Scope default) rather than for Microsoft
          // Graph, and a refresh token (offline_access) for /.auth/refresh.
          // https://learn.microsoft.com/azure/app-service/tutorial-auth-aad
          // https://learn.microsoft.com/azure/app-service/configure-authentication-oauth-tokens#refresh-auth-tokens
          loginParameters: [
            'scope=openid profile email offline_access api://${entraClientId}/${apiScope}'
          ]
        }
        validation: {
          allowedAudiences: filter(map(split(entraAudience, ';'), a => trim(a)), a => !empty(a))
        }
      }
    }
    login: {
      // No token store: it is file-based by default and Flex Consumption has no shared disk. The staff pages read
      // the signed-in person from X-MS-CLIENT-PRINCIPAL, which the platform sets on every request (docs/deploy.md).
      // https://learn.microsoft.com/azure/app-service/overview-authentication-authorization (token store)
      tokenStore: {
        enabled: false
      }
      // Sign-out (POST /staff/logout) goes to /.auth/logout?post_logout_redirect_uri=/.
      // https://learn.microsoft.com/azure/app-service/configure-authentication-customize-sign-in-out
      routes: {
        logoutEndpoint: '/.auth/logout'
      }
    }
    httpSettings: {
      requireHttps: true
    }
  }
}

// No FTP and no basic-auth (publishing profile) deployments: `azd deploy`
// publishes with an Entra token.
resource ftpPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'ftp'
  properties: {
    allow: false
  }
}

resource scmPublishing 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2025-03-01' = {
  parent: functionApp
  name: 'scm'
  properties: {
    allow: false
  }
}

output name string = functionApp.name
output uri string = defaultBaseUrl
