#!/bin/sh
# azd postdeploy hook: subscribes the blob trigger to new exports. Event Grid delivers BlobCreated events for the
# court-exports container to the Functions blobs extension webhook of IngestCourtExport, authenticated by the
# extension's system key (which exists only after the code is deployed). Idempotent: re-running updates the subscription.
# Needs the Azure CLI (az) logged in to the same subscription; azd sets the AZURE_* values from infra/main.bicep's outputs.
set -eu
: "${AZURE_RESOURCE_GROUP:?run through azd (azd deploy / azd up)}"
: "${AZURE_FUNCTION_NAME:?}"
: "${AZURE_FUNCTION_HOST:?}"
: "${AZURE_STORAGE_EVENTS_TOPIC:?}"

key=""
for attempt in 1 2 3 4 5 6 7 8 9 10; do
  key=$(az functionapp keys list -g "$AZURE_RESOURCE_GROUP" -n "$AZURE_FUNCTION_NAME" --query "systemKeys.blobs_extension" -o tsv 2>/dev/null || true)
  [ -n "$key" ] && break
  echo "waiting for the blobs_extension key of $AZURE_FUNCTION_NAME (attempt $attempt)"
  sleep 15
done
[ -n "$key" ] || { echo "the function app has no blobs_extension key yet: open https://$AZURE_FUNCTION_HOST once and re-run scripts/post-deploy.sh" >&2; exit 1; }

endpoint="https://$AZURE_FUNCTION_HOST/runtime/webhooks/blobs?functionName=Host.Functions.IngestCourtExport&code=$key"
az eventgrid system-topic event-subscription create \
  --resource-group "$AZURE_RESOURCE_GROUP" \
  --system-topic-name "$AZURE_STORAGE_EVENTS_TOPIC" \
  --name court-exports \
  --endpoint-type webhook \
  --endpoint "$endpoint" \
  --included-event-types Microsoft.Storage.BlobCreated \
  --subject-begins-with /blobServices/default/containers/court-exports/ \
  --max-delivery-attempts 30 \
  --event-ttl 1440 \
  --output none
echo "Event Grid subscription court-exports → IngestCourtExport on $AZURE_FUNCTION_NAME"
