#!/usr/bin/env bash
# Benchmark (not a test): ingest an XLSX workbook whose text lives in the shared-string table, as Excel writes it, with
# N rows of unique 案号 and a unique 案由 of ~60 characters each; print wall time and peak memory (max RSS).
#   bash scripts/bench-xlsx-shared-strings.sh [ROWS]      default 1000000 rows
# Shared strings past Ingestion:XlsxSharedStringsInMemoryBytes (64 MB) are read from a temporary file, so peak memory
# should not grow with the table. Needs python3 (the workbook is written with its zipfile module) and /usr/bin/time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
rows=${1:-1000000}
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }
command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 1; }

dotnet build functions/Reporting.Host -c Release -nologo -v quiet >/dev/null
cli=functions/Reporting.Host/bin/Release/net10.0/reporting
mkdir -p .bench
book=.bench/shared-strings-$rows.xlsx
if [ ! -f "$book" ]; then
  echo "writing $rows rows into $book"
  python3 - "$rows" "$book" <<'PY'
import sys, zipfile
n, out = int(sys.argv[1]), sys.argv[2]
main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
with zipfile.ZipFile(out, 'w', zipfile.ZIP_DEFLATED, compresslevel=1) as z:
    z.writestr('xl/workbook.xml', f'<workbook xmlns="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="导出" sheetId="1" r:id="rId1"/></sheets></workbook>')
    z.writestr('xl/_rels/workbook.xml.rels', '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
    with z.open('xl/sharedStrings.xml', 'w', force_zip64=True) as f:
        f.write(f'<sst xmlns="{main}"><si><t>案号</t></si><si><t>立案日期</t></si><si><t>案由</t></si>'.encode())
        for i in range(n):
            f.write(f'<si><t>（2025）浙0102民初{i + 1}号</t></si><si><t>买卖合同纠纷第{i}号，涉及货款、利息及违约金的争议，当事人双方就合同履行发生纠纷诉至本院</t></si>'.encode())
        f.write(b'</sst>')
    with z.open('xl/worksheets/sheet1.xml', 'w', force_zip64=True) as f:
        f.write(f'<worksheet xmlns="{main}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>'.encode())
        for i in range(n):
            r = i + 2
            f.write(f'<row r="{r}"><c r="A{r}" t="s"><v>{3 + 2 * i}</v></c><c r="B{r}"><v>{45700 + i % 200}</v></c><c r="C{r}" t="s"><v>{4 + 2 * i}</v></c></row>'.encode())
        f.write(b'</sheetData></worksheet>')
PY
fi
python3 -c "import sys, zipfile; [print(f'  {i.filename}: {i.file_size:,} bytes unpacked') for i in zipfile.ZipFile(sys.argv[1]).infolist()]" "$book"
printf 'workbook: %s (%s bytes)\n' "$book" "$(stat -c %s "$book")"
rm -rf .bench/xlsx-data
/usr/bin/time -f 'wall %e s, peak RSS %M KB' "$cli" ingest "$book" --court 浙0102 --window 2025-12 --data .bench/xlsx-data 2>&1 >/dev/null | tail -1
