#!/usr/bin/env bash
# e2e-office.sh: serah-cli import with the lists offices really receive (issue 11): the BPJS
# layout, a list whose every row is refused (exit 1 with a summary), --dry-run (nothing
# saved, no backup), spreadsheets read directly. Speaks TAP. Needs $SERAH_CLI and python3.
set -u

cli="${SERAH_CLI:?SERAH_CLI is not set}"
fixtures="${G_TEST_SRCDIR:-$(dirname "$0")/..}/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/office.db"
. "${G_TEST_SRCDIR:-$(dirname "$0")/..}/e2e-lib.sh"

# json FILE EXPRESSION: evaluates a Python expression over the parsed JSON as j.
json () {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
py="${SERAH_PYTHON:-python3}"
participants () {
  python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from participants").fetchone()[0])' "$db"
}

run 0 "a BPJS export (';', Windows-1252, title lines) imports" \
  "$cli" --db "$db" import "$fixtures/office-bpjs.csv" --dry-run --json
check "--dry-run says what would happen" json "$work/out" \
  'j["dry_run"] and j["import_id"] == 0 and j["imported"] == 3 and any(c["header"] == "NM_DESA" and c["field"] == "desa" and c["letter"] == "L" for c in j["columns"])'
check "--dry-run saves nothing" test "$(participants)" -eq 0
check "--dry-run takes no backup" test ! -d "$work/backups"

run 0 "the same list, for real" "$cli" --db "$db" import "$fixtures/office-bpjs.csv" --json
check "... stores desa, kecamatan and faskes" python3 -c 'import sqlite3,sys; r=sqlite3.connect(sys.argv[1]).execute("select count(*) from participants where desa is not null and kecamatan is not null and faskes = ?", ("PUSKESMAS LABUAN",)).fetchone()[0]; sys.exit(0 if r == 2 else 1)' "$db"

run 1 "a list whose every row is rejected exits 1" \
  "$cli" --db "$db" import "$fixtures/office-all-rejected.csv" --json
check "... with a summary that says nothing was stored" grep -q "No participant was stored" "$work/err"
check "... and --json says ok: false, stored_nothing" json "$work/out" \
  'j["ok"] is False and j["stored_nothing"] and j["rejected"] == 2 and j["problems"][0]["code"] == "nik-scientific"'

printf 'NOKA,NIK,NAMA,JK,LOKASI\n0001311000021,3601120303800021,BUDI,L,Caringin\n' > "$work/no-areas.csv"
run 2 "a list without desa and kecamatan columns is refused (exit 2)" \
  "$cli" --db "$db" import "$work/no-areas.csv"
check "... naming the columns it saw" grep -q "LOKASI" "$work/err"
run 0 "... and imports once they are mapped" \
  "$cli" --db "$db" import "$work/no-areas.csv" --map desa=LOKASI --map kecamatan=

# Exports that survive a spreadsheet: formula cells neutralised, identifiers intact.
printf 'NIK,NO_KARTU,NAMA,JK,ALAMAT,DESA,KECAMATAN\n3601120101800061,0001311000061,"=HYPERLINK(""http://x"",""klik"")",L,-2+3,@SUM(A1),=cmd|calc\n' > "$work/publik.csv"
run 0 "a list with formula-like cells imports" "$cli" --db "$db" import "$work/publik.csv"
run 0 "the participants export" "$cli" --db "$db" export participants -o "$work/ekspor.csv"
check "... read with Python's csv module: no cell starts a formula, NIKs and cards intact" \
  "$py" -c '
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0][:2] == ["NIK", "NO_KARTU"], rows[0]
for r in rows[1:]:
    assert len(r[0]) == 16 and r[0].isdigit() and len(r[1]) == 13 and r[1].isdigit(), r
    for cell in r:
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r") or cell.lstrip("+-").replace(".", "").isdigit(), cell
row = [r for r in rows if r[0] == "3601120101800061"][0]
assert row[2] == "\x27=HYPERLINK(\"http://x\",\"klik\")" and row[5] == "\x27-2+3", row
' "$work/ekspor.csv"
run 0 "... imports back unchanged" "$cli" --db "$db" import "$work/ekspor.csv" --json
check "... every row unchanged" json "$work/out" 'j["rows"] == j["unchanged"] and j["rejected"] == 0'
run 0 "the participants export as XLSX" "$cli" --db "$db" export participants -o "$work/ekspor.xlsx"
check "... read with openpyxl: NIKs and card numbers are text cells, formulas are text" \
  "$py" -c '
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = list(ws.iter_rows(values_only=True))
assert rows[0][:3] == ("NIK", "NO_KARTU", "NAMA"), rows[0]
for r in rows[1:]:
    assert isinstance(r[0], str) and len(r[0]) == 16 and isinstance(r[1], str) and len(r[1]) == 13, r
i = [n for n, r in enumerate(rows) if r[0] == "3601120101800061"][0]
assert rows[i][2] == "=HYPERLINK(\"http://x\",\"klik\")" and ws.cell(row=i + 1, column=3).data_type == "s", rows[i]
assert rows[i][1] == "0001311000061"
' "$work/ekspor.xlsx"
run 0 "... imports back unchanged" "$cli" --db "$db" import "$work/ekspor.xlsx" --json
check "... every row unchanged" json "$work/out" 'j["format"] == "xlsx" and j["rows"] == j["unchanged"] and j["rejected"] == 0'
run 1 "the rejected rows of a list, written with --report (exit 1: all rejected)" \
  "$cli" --db "$work/rej.db" import "$fixtures/office-all-rejected.csv" --dry-run --report "$work/ditolak.csv" --json
check "... hold each whole row, readable by the owner only" \
  "$py" -c '
import csv, os, stat, sys
assert stat.S_IMODE(os.stat(sys.argv[1]).st_mode) == 0o600
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
assert rows[0][0].startswith("ADMINISTRATOR"), rows[0]
assert rows[1][:4] == ["line", "code", "reason", "NIK"], rows[1]
assert rows[2][0] == "2" and rows[2][1].startswith("nik-scientific") and rows[2][5] == "ANDRE SETIAWAN", rows[2]
' "$work/ditolak.csv"

# Spreadsheets, read directly: rows and column letters in the problems.
run 0 "an .xlsx list imports directly" \
  "$cli" --db "$work/sheets.db" import "$fixtures/office-shared.xlsx" --json
check "... from its sheet, with rows and column letters" json "$work/out" \
  'j["format"] == "xlsx" and j["sheet"] == "Daftar" and j["imported"] == 3 and {"line": 7, "column": "A", "code": "card-leading-zeros"}.items() <= [p for p in j["problems"] if p["severity"] == "error"][0].items()'
run 0 "an .ods list imports directly" \
  "$cli" --db "$work/sheets.db" import "$fixtures/office-bpjs.ods" --json
check "... its NIK stored as a number is nik-scientific" json "$work/out" \
  'j["format"] == "ods" and any(p["line"] == 6 and p["column"] == "B" and p["code"] == "nik-scientific" for p in j["problems"])'
run 2 "--sheet with a name the workbook lacks exits 2" \
  "$cli" --db "$work/sheets.db" import "$fixtures/office-bpjs.xlsx" --sheet Lembar9
check "... listing its sheets" grep -q "Peserta" "$work/err"

finish
