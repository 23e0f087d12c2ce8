#!/usr/bin/env bash
# Renders sample pages of the demo high court's report to PNG for the README (docs/images/report-page-N.png).
# Needs poppler-utils (pdftoppm); the demo data is generated into a temporary folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
dotnet run --project functions/Reporting.Host -c Release -- demo --data "$data" >/dev/null
pdf=$(ls "$data"/reports/浙-*.pdf)
mkdir -p docs/images
for page in "$@"; do
  pdftoppm -r 60 -png -f "$page" -l "$page" -singlefile "$pdf" "docs/images/report-page-$page"
done
ls -la docs/images
