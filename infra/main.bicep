// The court indicator reporting pipeline in Azure: azd provisions this, then deploys functions/Reporting.Functions.
targetScope = 'subscription'

@minLength(1)
@maxLength(64)
@description('Name of the azd environment; names and tags derive from it.')
param environmentName string

@minLength(1)
@description('Region for every resource.')
@metadata({ azd: { type: 'location' } })
param location string

@description('Settings of the pipeline (report schedule, SMTP host and sender, ...): see docs/deploy.md.')
param pipelineSettings object = {}

@description('Client id of the Microsoft Entra app registration whose tokens sign analysts in to the API (docs/deploy.md); empty: API keys only.')
param signInClientId string = ''

@secure()
@description('SMTP password for report delivery; empty leaves the secret to be set in Key Vault by an operator.')
param smtpPassword string = ''

var abbrs = loadJsonContent('abbreviations.json')
var token = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainer = 'app-package-${take(token, 7)}'

resource group 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: '${abbrs.resourceGroup}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  scope: group
  params: { name: '${abbrs.identity}${token}', location: location, tags: tags }
}

module monitoring 'modules/monitoring.bicep' = {
  scope: group
  params: {
    workspaceName: '${abbrs.workspace}${token}'
    insightsName: '${abbrs.insights}${token}'
    location: location
    tags: tags
    publisherPrincipalId: identity.outputs.principalId
  }
}

module storage 'modules/storage.bicep' = {
  scope: group
  params: {
    name: '${abbrs.storage}${token}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    deploymentContainer: deploymentContainer
  }
}

module cosmos 'modules/cosmos.bicep' = {
  scope: group
  params: {
    name: '${abbrs.cosmos}${token}'
    location: location
    tags: tags
    databaseName: 'reporting'
    appPrincipalId: identity.outputs.principalId
  }
}

module vault 'modules/keyvault.bicep' = {
  scope: group
  params: {
    name: '${abbrs.keyVault}${take(token, 18)}'
    location: location
    tags: tags
    appPrincipalId: identity.outputs.principalId
    smtpPassword: smtpPassword
  }
}

module app 'modules/functionapp.bicep' = {
  scope: group
  params: {
    name: '${abbrs.functionApp}${token}'
    planName: '${abbrs.plan}${token}'
    location: location
    tags: tags
    identityId: identity.outputs.id
    identityClientId: identity.outputs.clientId
    blobEndpoint: storage.outputs.blobEndpoint
    queueEndpoint: storage.outputs.queueEndpoint
    tableEndpoint: storage.outputs.tableEndpoint
    deploymentContainer: deploymentContainer
    insightsName: monitoring.outputs.insightsName
    cosmosEndpoint: cosmos.outputs.endpoint
    cosmosDatabase: cosmos.outputs.databaseName
    smtpSecretUri: vault.outputs.smtpSecretUri
    pipelineSettings: pipelineSettings
    signInClientId: signInClientId
  }
}

// Names and endpoints only: azd keeps these as environment values; none is a secret.
output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = group.name
output AZURE_FUNCTION_NAME string = app.outputs.name
output AZURE_FUNCTION_HOST string = app.outputs.hostName
output AZURE_STORAGE_ACCOUNT string = storage.outputs.name
output AZURE_STORAGE_EVENTS_TOPIC string = storage.outputs.topicName
output AZURE_COSMOS_ENDPOINT string = cosmos.outputs.endpoint
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
