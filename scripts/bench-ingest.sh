#!/usr/bin/env bash
# Benchmark (not a test): ingest N generated rows of UTF-8 CSV into the curated zone with the Release CLI, several
# times, and print wall time and peak memory (max RSS) of each run and their medians.
#   bash scripts/bench-ingest.sh [ROWS] [RUNS]      default 1000000 rows, 5 runs
# Generated files are cached in .bench/ (same seed, same bytes).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows=${1:-1000000}
runs=${2:-5}
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

dotnet build functions/Reporting.Host -c Release -nologo -v quiet >/dev/null
cli=functions/Reporting.Host/bin/Release/net10.0/reporting
data_dir=.bench/exports-$rows
file=$data_dir/浙0102/2025-12/浙0102-2025-12.csv
if [ ! -f "$file" ]; then
  echo "generating $rows rows into $data_dir"
  "$cli" generate --out "$data_dir" --court 浙0102 --snapshot --rows "$rows" --months 24 >/dev/null
fi
printf 'file: %s (%s bytes, %s rows)\n' "$file" "$(stat -c %s "$file")" "$rows"
printf 'machine: %s cores, %s\n' "$(nproc)" "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"

# Our generated rows are ~137 bytes (the issue expected ~70): 5M rows pass the default 512 MB file limit, so the
# benchmark raises it through the setting any deployment would use.
export Ingestion__MaxFileBytes=4294967296
walls=(); rss=()
for i in $(seq "$runs"); do
  rm -rf .bench/data
  out=$( { /usr/bin/time -f '%e %M' "$cli" ingest "$file" --data .bench/data >/dev/null; } 2>&1 | tail -1)
  walls+=("${out% *}"); rss+=("${out#* }")
  printf 'run %d: %s s wall, %s MB peak\n' "$i" "${out% *}" "$(( ${out#* } / 1024 ))"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
printf 'median: %s s wall, %s MB peak\n' "$(median "${walls[@]}")" "$(( $(median "${rss[@]}" | cut -d. -f1) / 1024 ))"
rm -rf .bench/data
