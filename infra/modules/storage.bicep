// One account: the pipeline's zones (a container each, the first segment of every IFileStore path), the
// Functions host's own state (blob receipts, Durable task hub queues and tables) and the deployment package.
param name string
param location string
param tags object
@description('The app identity: data-plane roles on this account only.')
param appPrincipalId string
@description('Zones of the pipeline, each a container.')
param zones array = [
  'court-exports'
  'curated'
  'ingest-reports'
  'aggregation'
  'reports'
  'reference'
]
param deploymentContainer string

resource account 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: name
  location: location
  tags: tags
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    publicNetworkAccess: 'Enabled'
  }
}

resource blobs 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: account
  name: 'default'
  properties: {
    // Court exports are evidence of what a court sent: a deleted or overwritten one can be recovered for a week.
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource containers 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = [for zone in concat(zones, [deploymentContainer]): {
  parent: blobs
  name: zone
  properties: { publicAccess: 'None' }
}]

// Blob Data Owner (the Functions host needs it for its receipts and leases), Queue and Table Data Contributor
// (Durable Functions' task hub): the roles the Flex Consumption templates grant, scoped to this account.
var roles = [
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88'
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'
]

resource assignments 'Microsoft.Authorization/roleAssignments@2022-04-01' = [for role in roles: {
  name: guid(account.id, appPrincipalId, role)
  scope: account
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', role)
    principalId: appPrincipalId
    principalType: 'ServicePrincipal'
  }
}]

// Event Grid system topic for the account: the blob trigger of court-exports subscribes to it after the code is
// deployed (infra/scripts/post-deploy.sh), because the subscription's webhook needs the app's blobs_extension key.
resource topic 'Microsoft.EventGrid/systemTopics@2024-06-01-preview' = {
  name: '${name}-events'
  location: location
  tags: tags
  properties: {
    source: account.id
    topicType: 'Microsoft.Storage.StorageAccounts'
  }
}

output name string = account.name
output blobEndpoint string = account.properties.primaryEndpoints.blob
output queueEndpoint string = account.properties.primaryEndpoints.queue
output tableEndpoint string = account.properties.primaryEndpoints.table
output topicName string = topic.name
