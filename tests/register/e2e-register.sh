#!/usr/bin/env bash
# e2e-register.sh: serah-cli import / export / stats as an administrator uses them, with the
# exit codes and --json output scripts rely on. Speaks TAP. Needs $SERAH_CLI and python3.
set -u

cli="${SERAH_CLI:?SERAH_CLI is not set}"
fixtures="${G_TEST_SRCDIR:-$(dirname "$0")/..}/fixtures"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
db="$work/office.db"

. "$(dirname "$0")/../e2e-lib.sh"

# json FILE EXPRESSION: evaluates a Python expression over the parsed JSON as j.
json () {
  python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); sys.exit(0 if eval(sys.argv[2]) else 1)' "$1" "$2"
}
# exits EXPECTED_STATUS ARGS...: serah-cli ARGS exits with that status (stdout to
# $work/out, stderr to $work/err); a condition for check (e2e-lib.sh's run counts a test).
exits () {
  local want="$1"; shift
  "$cli" "$@" >"$work/out" 2>"$work/err"
  local got=$?
  if [ "$got" -ne "$want" ]; then
    echo "# exit $got, wanted $want: serah-cli $*" >&2
    sed 's/^/# /' "$work/err" >&2
    return 1
  fi
}

# A list with every kind of problem: imported (exit 0), JSON with the counts and problems.
check "import of a messy list exits 0" exits 0 --db "$db" import "$fixtures/import-messy.csv" --json --report "$work/rejects.csv"
check "--json carries the counts" json "$work/out" \
  'j["ok"] and j["rows"] == 17 and j["imported"] == 6 and j["rejected"] == 11 and j["warnings"] == 7 and j["duplicates"] == 0 and j["conflicts"] == 0 and j["updated"] == 0 and j["unchanged"] == 0'
check "--json carries import_id, separator and every problem" json "$work/out" \
  'j["import_id"] > 0 and j["separator"] == "," and len(j["problems"]) == 18 and {"line": 2, "column": "NIK", "code": "nik-scientific"}.items() <= j["problems"][0].items()'
check "stdout holds only the JSON object" python3 -c 'import sys; t=open(sys.argv[1]).read(); assert t.count("\n") == 1' "$work/out"
check "the human summary goes to stderr with line, column and reason" \
  grep -q "line 3, NO_KARTU: error \[card-leading-zeros\]" "$work/err"
check "the reject report starts with a BOM and has one line per rejected row" \
  python3 -c 'import sys; b=open(sys.argv[1],"rb").read(); assert b.startswith(b"\xef\xbb\xbf\"ADMINISTRATOR"); assert b"\r\nline,code,reason,NIK,NO_KARTU," in b; assert b.count(b"\r\n") == 13; assert b"3.60425E+15" in b' "$work/rejects.csv"

# The same file again: nothing changes.
check "importing the same file twice changes nothing" exits 0 --db "$db" import "$fixtures/import-messy.csv" --json
check "... every valid row is unchanged" json "$work/out" 'j["unchanged"] == 6 and j["imported"] == 0 and j["updated"] == 0'

# Corrected lists update participants instead of duplicating them.
exits 0 --db "$db" import "$fixtures/import-update-v1.csv" --json
check "a corrected list updates by NIK" exits 0 --db "$db" --json import "$fixtures/import-update-v2.csv"
check "... with new, updated and unchanged counted" json "$work/out" 'j["imported"] == 1 and j["updated"] == 2 and j["unchanged"] == 1'

# Semicolons, BOM, CRLF, synonyms; --map for the rest.
check "a ';' list with BOM and CRLF imports" exits 0 --db "$db" import "$fixtures/import-bom-semicolon-crlf.csv" --json
check "... and says what it detected" json "$work/out" 'j["separator"] == ";" and j["bom"] and j["imported"] == 2'
check "a list with unusual headers is refused without --map (exit 2)" exits 2 --db "$db" import "$fixtures/import-map.csv"
check "... naming the missing columns and the headers found" grep -q "Nomor KTP Peserta" "$work/err"
check "--map names them" exits 0 --db "$db" import "$fixtures/import-map.csv" --map "nik=Nomor KTP Peserta" --map "card_no=ID BPJS" --map "name=Nama Anggota" --map "desa=Wilayah Desa" --map "kecamatan=" --json

# Files that are not lists: one clear message, exit 2, JSON says ok: false.
check "a missing file exits 2" exits 2 --db "$db" import "$work/nowhere.csv"
check "an .xlsx without sheets is refused with advice (exit 2)" exits 2 --db "$db" import "$fixtures/import-spreadsheet.xlsx" --json
check "... the advice is to add a header row" grep -q "header row" "$work/err"
check "... and --json prints ok: false" json "$work/out" 'j["ok"] is False and "sheet" in j["error"]'
check "a binary file exits 2" exits 2 --db "$db" import "$fixtures/import-binary.csv"

# Export: full NIKs, and re-importing the export changes nothing.
total=$(python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from participants").fetchone()[0])' "$db")
exits 0 --db "$db" export participants -o "$work/all.csv"
check "export writes every participant with full NIK and card number" \
  python3 -c 'import sys; t=open(sys.argv[1], encoding="utf-8-sig").read().splitlines(); assert t[0].startswith("NIK,NO_KARTU,NAMA"); assert len(t) == int(sys.argv[2]) + 1; assert any(l.startswith("3601010101800071,0001234500071,") for l in t)' "$work/all.csv" "$total"
exits 0 --db "$db" import "$work/all.csv" --json
check "re-importing the export changes nothing" json "$work/out" "j['rows'] == $total and j['unchanged'] == $total and j['rejected'] == 0 and all(p['severity'] != 'error' for p in j['problems'])"
check "export to standard output" sh -c "'$cli' --db '$db' export participants | head -1 | grep -q '^NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,FASKES,KELAS'"

# Stats.
exits 0 --db "$db" stats --json
check "stats --json counts per kecamatan and desa" json "$work/out" \
  "j['participants'] == $total and sum(k['participants'] for k in j['kecamatan']) == $total and any(k['name'] == 'Labuan' and any(d['name'] == 'Teluk' for d in k['desa']) for k in j['kecamatan'])"

finish 24
