// The Function App on Flex Consumption (Linux, .NET 10 isolated worker), running as the user-assigned identity.
// Every connection is identity-based: the settings hold endpoints and the identity's client id, never a key.
param name string
param planName string
param location string
param tags object
param identityId string
param identityClientId string
param blobEndpoint string
param queueEndpoint string
param tableEndpoint string
param deploymentContainer string
param insightsName string
param cosmosEndpoint string
param cosmosDatabase string
param smtpSecretUri string
@description('Settings of the pipeline itself (report schedule, SMTP host and sender, ...), merged over the defaults.')
param pipelineSettings object = {}

@description('Client id of a Microsoft Entra app registration for the analyst API; set, App Service authentication validates its tokens in front of the app, and the app maps the signed-in principal to a court (Reporting__Principals__*). Empty: API keys only.')
param signInClientId string = ''

param maximumInstanceCount int = 40
param instanceMemoryMB int = 2048

resource insights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: insightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

var identitySettings = {
  // The Functions host's own storage (blob receipts, Durable task hub): blobs, queues and tables.
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  // The pipeline's zones and the court-exports trigger: one connection name for both (see docs/deploy.md).
  ReportingStorage__credential: 'managedidentity'
  ReportingStorage__clientId: identityClientId
  ReportingStorage__blobServiceUri: blobEndpoint
  ReportingStorage__queueServiceUri: queueEndpoint
  AZURE_CLIENT_ID: identityClientId
  APPLICATIONINSIGHTS_CONNECTION_STRING: insights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  Reporting__Cosmos__Endpoint: cosmosEndpoint
  Reporting__Cosmos__Database: cosmosDatabase
  Reporting__Smtp__Password: '@Microsoft.KeyVault(SecretUri=${smtpSecretUri})'
  ReportingTaskHub: 'reporting'
}

var defaultPipelineSettings = {
  Reporting__Reports__MonthlySchedule: '0 0 8 1 * *'
  Reporting__Reports__QuarterlySchedule: '0 0 8 1 1,4,7,10 *'
  Reporting__Reports__Compare: 'yoy'
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainer}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: maximumInstanceCount, instanceMemoryMB: instanceMemoryMB }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
  }
}

resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(defaultPipelineSettings, pipelineSettings, identitySettings)
}

// Tokens are checked here, before the app; a request without one still reaches the app, which answers 401 unless
// it carries an API key. With this on, the platform sets WEBSITE_AUTH_ENABLED, and only then does the app believe
// the principal header (the platform removes that header from outside requests).
resource signIn 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(signInClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: signInClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: { allowedAudiences: [ 'api://${signInClientId}', signInClientId ] }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

output name string = app.name
output hostName string = app.properties.defaultHostName
