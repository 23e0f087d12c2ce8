#!/usr/bin/env bash
# Provisions the report fonts into .fonts/ (once): Noto Sans SC Regular and Bold (SIL Open Font License 1.1), taken
# from the npm package @expo-google-fonts/noto-sans-sc, which ships them as plain TTF files. Builds copy .fonts/ next
# to the binaries (fonts/), where the PDF renderer looks first. Needs npm; no root, no system packages.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
dir=.fonts
if [ -f "$dir/NotoSansSC-Regular.ttf" ] && [ -f "$dir/NotoSansSC-Bold.ttf" ]; then
  exit 0
fi
command -v npm >/dev/null || { echo "npm is needed to fetch the report fonts (Node.js 20 with npm)" >&2; exit 1; }
echo "== fetching report fonts (Noto Sans SC, SIL OFL) into $dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent --loglevel=error @expo-google-fonts/noto-sans-sc@0.4.3 >/dev/null)
tar xzf "$tmp"/expo-google-fonts-noto-sans-sc-0.4.3.tgz -C "$tmp" \
  package/400Regular/NotoSansSC_400Regular.ttf package/700Bold/NotoSansSC_700Bold.ttf package/LICENSE_FONT
mkdir -p "$dir"
mv "$tmp/package/400Regular/NotoSansSC_400Regular.ttf" "$dir/NotoSansSC-Regular.ttf"
mv "$tmp/package/700Bold/NotoSansSC_700Bold.ttf" "$dir/NotoSansSC-Bold.ttf"
mv "$tmp/package/LICENSE_FONT" "$dir/OFL.txt"
