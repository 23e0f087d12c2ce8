#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what the tests need (Azurite and the Cosmos test server from npm
# and maildev from npm into tests/tools, the report fonts into .fonts/, poppler-utils and chromium from Debian),
# builds in Release, runs every test project, stops what it started, and ends with one line:
#   N passed, N failed, N skipped
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

log() { printf '== %s\n' "$*"; }

stop_services() {
  # Test fixtures stop their own Azurite; this catches one left behind by a crashed test host.
  pkill -f "reporting-test-service-|cosmosdb-server -p|--host 127.0.0.1 -p" >/dev/null 2>&1 || true
  pkill -f "chromium.*reporting-test-browser-" >/dev/null 2>&1 || true
}
trap stop_services EXIT

for tool in dotnet node npm; do
  command -v "$tool" >/dev/null || { echo "missing $tool: this machine needs the .NET 10 SDK and Node.js 20 with npm" >&2; exit 1; }
done

if [ ! -x tests/tools/node_modules/.bin/azurite-blob ] || [ ! -x tests/tools/node_modules/.bin/cosmosdb-server ] || [ ! -x tests/tools/node_modules/.bin/maildev ]; then
  log "installing test services (npm: Azurite, cosmosdb-server, maildev) into tests/tools"
  (cd tests/tools && npm install --no-audit --no-fund --no-package-lock --loglevel=error) || { echo "npm install failed" >&2; exit 1; }
fi

bash scripts/fonts.sh || { echo "could not provision the report fonts" >&2; exit 1; }

# Debian packages: poppler-utils (pdffonts checks that report fonts are embedded and subset) and chromium (the
# dashboard's end-to-end tests drive Debian's browser through Playwright; no browser is ever downloaded).
missing=()
command -v pdffonts >/dev/null || missing+=(poppler-utils)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt)"
  as_root=""
  [ "$(id -u)" -ne 0 ] && as_root="sudo"
  { $as_root apt-get update -qq && $as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; } ||
    { echo "could not install ${missing[*]} (apt-get install ${missing[*]})" >&2; exit 1; }
fi

log "building"
dotnet build Reporting.sln -c Release -nologo -v quiet || { echo "0 passed, 1 failed"; exit 1; }

log "testing"
out=$(mktemp)
dotnet test Reporting.sln -c Release --no-build -nologo 2>&1 | tee "$out"
status=${PIPESTATUS[0]}

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 63, Skipped: 0, Total: 63, ...").
read -r passed failed skipped projects < <(
  grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$out" |
  sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+), Skipped: +([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3; n++} END {print p+0, f+0, s+0, n+0}')
rm -f "$out"
expected=$(ls -d tests/*.Tests | wc -l)
if [ "$projects" -ne "$expected" ]; then
  echo "only $projects of $expected test projects reported results" >&2
  failed=$((failed + expected - projects))
  status=1
fi
stop_services
echo "$passed passed, $failed failed, $skipped skipped"
[ "$status" -eq 0 ] && [ "$failed" -eq 0 ]
