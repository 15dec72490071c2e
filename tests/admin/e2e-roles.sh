#!/usr/bin/env bash
# e2e-roles.sh: who may import and export the participant register (administrators only,
# once operators exist), what the audit log records of it, and the automatic backup taken
# before every import (TAP).
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-roles-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/kantor.db"
. "$(dirname "$0")/../e2e-lib.sh"

admin() { SERAH_PIN=204718 "$cli" --db "$db" --operator ani "$@"; }
officer() { SERAH_PIN=550123 "$cli" --db "$db" --operator budi "$@"; }
participants() { sqlite3 "$db" "SELECT count(*) FROM participants"; }
backups() { find "$work/backups" -name 'kantor-*-import*.db' 2>/dev/null | wc -l; }

cat >"$work/first.csv" <<'CSV'
NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,DESA,KECAMATAN
3601051912820005,0001230000005,Budi Nur Jaenudin,L,1982-12-19,Dalembalar,Cimanuk
3601054211000037,0001230000037,Fitri Rohmah,P,2000-11-02,Batubantar,Cimanuk
CSV
printf '\xef\xbb\xbfNIK;No. Kartu;Nama;JK;Tgl Lahir;Desa;Kecamatan\r\n3601085304760002;0001230099202;Neng Rosita;P;13/04/1976;Pagadungan;Karangtanjung\r\n' >"$work/second.csv"

# ---- bootstrap: no operator yet ----
run 0 "before any operator exists, anyone imports" "$cli" --db "$db" import "$work/first.csv"
check "and nothing needed a backup: the database was empty" test "$(backups)" -eq 0
run 0 "the import is in the audit log" "$cli" --db "$db" --json audit --action import.participants
check "with its counts, under the system user" \
  grep -q "\"operator\":\"$(id -un)\".*\"action\":\"import.participants\".*imported.*2" "$work/out"

run 0 "the first administrator is added" \
  env SERAH_PIN_NEW=204718 "$cli" --db "$db" operator add ani --role admin
run 0 "and an officer" \
  env SERAH_PIN_NEW=550123 SERAH_PIN=204718 "$cli" --db "$db" --operator ani operator add budi --role officer

# ---- officers may not ----
run 2 "import without --operator is bad usage once operators exist" \
  "$cli" --db "$db" import "$work/second.csv"
run 1 "an officer cannot import" officer import "$work/second.csv"
check "the refusal names the role needed" grep -q "administrator" "$work/err"
check "and nothing was imported" test "$(participants)" -eq 2
check "and no backup was made for a refused import" test "$(backups)" -eq 0
run 1 "a wrong administrator PIN cannot import" \
  env SERAH_PIN=204710 "$cli" --db "$db" --operator ani import "$work/second.csv"
run 1 "an officer cannot export to a file" officer export participants -o "$work/leak.csv"
check "and no file was written" test ! -e "$work/leak.csv"
run 1 "an officer cannot export to standard output" officer export participants
check "and nothing was printed" test ! -s "$work/out"
run 0 "the refusals are in the audit log" admin --json audit --action operator.forbidden
check "three of them, all budi's" \
  test "$(grep -o '"action":"operator.forbidden","subject":"budi"' "$work/out" | wc -l)" -eq 3
run 0 "anyone may still count participants" "$cli" --db "$db" stats

# ---- administrators may ----
run 0 "the administrator imports" admin --json import "$work/second.csv"
check "one new participant" test "$(participants)" -eq 3
check "an automatic backup was made first" test "$(backups)" -eq 1
check "and it holds the database as it was before the import" \
  test "$(sqlite3 "$(find "$work/backups" -name 'kantor-*-import*.db')" 'SELECT count(*) FROM participants')" -eq 2
run 0 "the administrator exports" admin export participants -o "$work/peserta.csv" --desa Pagadungan
check "the file holds the one participant of that desa" test "$(wc -l <"$work/peserta.csv")" -eq 2
run 0 "the administrator exports to standard output" admin export participants
check "with every participant" test "$(wc -l <"$work/out")" -eq 4
run 0 "the audit log has both exports and the import" admin --json audit --action export.participants
check "the file export: ani, the file, the count and the filter" \
  grep -q "\"operator\":\"ani\",\"action\":\"export.participants\".*peserta.csv.*participants.*1.*Pagadungan" "$work/out"
check "the standard output export" grep -q '(stdout)' "$work/out"
check "no full NIK in the audit log" bash -c "! grep -q 3601085304760002 '$work/out'"
run 0 "the import under ani's name" admin --json audit --action import.participants
check "ani imported second.csv" grep -q '"operator":"ani","action":"import.participants".*second.csv' "$work/out"

finish
