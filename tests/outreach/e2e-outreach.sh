#!/usr/bin/env bash
# e2e-outreach.sh: the outreach verbs of serah-cli (issue 15) end to end: officers record
# activities, survey answers, registrations and feedback; only administrators export, and
# each export is in the audit log; NIKs are masked on screen; a later import closes the
# registration of the person it brings in (TAP).
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-outreach-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/kantor.db"
. "$(dirname "$0")/../e2e-lib.sh"

admin() { SERAH_PIN=204718 "$cli" --db "$db" --operator ani "$@"; }
officer() { SERAH_PIN=550123 "$cli" --db "$db" --operator budi "$@"; }
# lacks FILE STRING: STRING is nowhere in FILE.
lacks() { ! grep -qF -- "$2" "$1"; }
# pdf_sound PDF: qpdf finds no damage (its report stays out of the TAP stream).
pdf_sound() { "$SERAH_QPDF" --check "$1" >/dev/null; }

run 0 "the first administrator is added" \
  env SERAH_PIN_NEW=204718 "$cli" --db "$db" operator add ani --role admin
run 0 "and an officer" \
  env SERAH_PIN_NEW=550123 SERAH_PIN=204718 "$cli" --db "$db" --operator ani operator add budi --role officer

# ---- activities ----
run 0 "an officer records a campaign" officer --json activity add --kind kampanye \
  --date 2026-11-05 --place "Pasar Labuan" --desa Teluk --kecamatan Labuan --attendance 85 \
  --partner pemerintah-desa:"Pemdes Teluk" --partner lsm --material brosur=120 --material pamflet=40
check "with its partners and materials" \
  test "$(jq -r '.activity | "\(.id) \(.attendance) \(.partners | length) \(.materials.brosur)"' "$work/out")" = "1 85 2 120"
# polish: the campaign linked afterwards to the ceremony it went with, and unlinked again
run 0 "the administrator sets up a handover ceremony" admin --json ceremony create \
  --name "Penyerahan KIS Teluk" --date 2026-11-20 --place "Balai Desa Teluk"
cid=$(jq -r '.id' "$work/out")
run 0 "an officer links the campaign to it afterwards" officer --json activity link 1 --ceremony "$cid"
check "the activity names the ceremony" test "$(jq -r '.activity.ceremony' "$work/out")" = "$cid"
run 2 "no such ceremony is refused, naming it" officer activity link 1 --ceremony 999
run 0 "and unlinked again" officer --json activity link 1
check "the activity names no ceremony" test "$(jq -r '.activity.ceremony' "$work/out")" = null
run 0 "both links are in the audit log" admin --json audit --action activity.ceremony
check "two activity.ceremony events" test "$(jq -r '.events | length' "$work/out")" = 2
run 2 "an unknown kind of activity is bad input" officer activity add --kind konser \
  --date 2026-11-05 --place Alun-alun
run 2 "activity add without --operator is bad usage once operators exist" \
  "$cli" --db "$db" activity add --kind kampanye --date 2026-11-05 --place X

# ---- SKM: the ten sheets of test-skm.c's hand-computed fixture give IKM 80,56, B ----
for sheet in 4,4,3,4,3,4,4,3,4 4,4,3,4,3,4,4,3,3 4,3,3,4,3,4,4,3,3 4,3,3,4,3,3,4,3,3 \
             4,3,3,4,3,3,4,3,3 3,3,3,4,3,3,4,2,3 3,3,3,4,3,3,3,2,3 3,3,3,4,3,3,3,2,3 \
             3,3,2,4,3,3,3,2,3 3,3,2,4,3,3,3,2,3; do
  officer survey skm add --unit "Dinas Kesehatan" --date 2026-11-05 --answers "$sheet" \
    --sex L --age 40 --education sma --occupation wirausaha --activity 1 </dev/null >/dev/null 2>&1
done
run 0 "the SKM of the period" officer --json survey skm report --unit "Dinas Kesehatan" \
  --from 2026-11-01 --to 2026-11-30 --population 100
check "is IKM 80.56, grade B, from 10 respondents, 80 needed" \
  test "$(jq -r '"\(.respondents) \(.converted) \(.grade) \(.sample_needed)"' "$work/out")" = "10 80.56 B 80"
check "and the respondent profile" \
  test "$(jq -r '.profile | "\(.sex.L) \(.age["40-49"]) \(.education.sma) \(.occupation.wirausaha)"' "$work/out")" = "10 10 10 10"
run 2 "an answer of 5 is refused" officer survey skm add --unit Dinkes --date 2026-11-05 \
  --answers 4,4,4,4,4,4,4,4,5
run 1 "an officer cannot export the SKM" officer survey skm export -o "$work/skm.csv"
check "and no file was written" test ! -e "$work/skm.csv"
run 0 "the administrator exports it" admin survey skm export -o "$work/skm.csv" \
  --unit "Dinas Kesehatan" --population 100
check "with the IKM and its grade" grep -q '^IKM,,,3.222,80.56,B (Baik)' "$work/skm.csv"

# ---- understanding ----
run 0 "the shipped quiz is listed" officer --json survey list
check "pemahaman-jkn, five questions" \
  test "$(jq -r '.surveys[] | select(.id == "pemahaman-jkn") | .questions' "$work/out")" = 5
run 0 "a sheet before the activity" officer survey answer pemahaman-jkn --phase before \
  --date 2026-11-05 --activity 1 --answers 1,1,1,1,1
run 0 "and one after" officer --json survey answer pemahaman-jkn --phase sesudah \
  --date 2026-11-05 --activity 1 --answers 2,1,3,1,2
check "scores 5 of 5" test "$(jq -r .score "$work/out")" = 5
run 0 "scores per desa (the activity's)" officer --json survey scores pemahaman-jkn --by desa
check "Teluk: 40 % before, 100 % after" \
  test "$(jq -r '.scores[] | select(.key == "Teluk") | "\(.before_percent) \(.after_percent)"' "$work/out")" = "40 100"

# ---- registrations ----
run 0 "an officer registers a person not yet covered" officer --json registration add \
  --nik 3604255203850009 --kk 3601150101100002 --name "Nur Aini" --sex P --birth-date 1985-03-13 \
  --desa Teluk --kecamatan Labuan --rt 001 --rw 002 --reason "belum pernah didaftarkan" --activity 1
# The NIK was issued in Kecamatan Kopo (36.04.25, data/areas), the form says Labuan: a move.
check "with the check's warnings" \
  test "$(jq -r '.registration.warnings' "$work/out")" = "kk-region-differs,nik-region-elsewhere,nik-birthdate-mismatch"
check "and the NIK masked in the answer" lacks "$work/out" 3604255203850009
run 2 "a NIK from no province is refused" officer registration add --nik 9904251203850001 \
  --kk 3604250101100002 --name Ahmad --sex L --birth-date 1985-03-12 --desa Teluk
run 2 "a NIK of 17 digits is refused, not cut" officer registration add --nik 36042512038500011 \
  --kk 3604250101100002 --name Ahmad --sex L --birth-date 1985-03-12 --desa Teluk
run 1 "the same person twice is refused by a rule" officer registration add \
  --nik 3604255203850009 --kk 3601150101100002 --name "Nur Aini" --sex P --birth-date 1985-03-12 \
  --desa Teluk
run 0 "the list shows masked NIKs" officer registration list
check "never the full NIK" lacks "$work/out" 3604255203850009
check "the masked one" grep -q '360425\*\*\*\*\*\*\*\*09' "$work/out"
run 1 "an officer cannot export the submission list" officer registration export --format csv \
  -o "$work/daftar.csv"
check "and no file was written" test ! -e "$work/daftar.csv"
run 0 "the administrator exports it as CSV" admin registration export --format csv -o "$work/daftar.csv"
check "with the full NIK and KK" grep -q ',3604255203850009,3601150101100002,Nur Aini,P,' "$work/daftar.csv"
run 0 "and as XLSX" admin registration export --format xlsx -o "$work/daftar.xlsx"
check "the NIK is a text cell in the workbook" \
  sh -c "unzip -p '$work/daftar.xlsx' xl/sharedStrings.xml | grep -q 3604255203850009"
run 2 "a rejection without a reason is refused" officer registration status 1 ditolak

# ---- feedback ----
run 0 "a complaint at the forum" officer --json feedback add --channel forum \
  --category kartu-belum-diterima --desa Teluk --text "Kartu belum diterima" --activity 1
run 0 "forwarded to BPJS" officer feedback forward 1 --to bpjs
run 0 "the open items" officer --json feedback list --open
check "hold it, forwarded" test "$(jq -r '.feedback[0].state' "$work/out")" = forwarded
run 0 "resolved with the response" officer feedback resolve 1 --response "Kartu dikirim ke desa"
run 1 "resolved is final" officer feedback forward 1 --to desa
run 0 "no open item is left" officer --json feedback list --open
check "the list is empty" test "$(jq '.feedback | length' "$work/out")" -eq 0

# ---- a later import closes the registration ----
cat >"$work/verified.csv" <<'CSV'
NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,DESA,KECAMATAN
3604255203850009,0001230000009,Nur Aini,P,1985-03-12,Teluk,Labuan
CSV
run 0 "the verified list is imported" admin import "$work/verified.csv"
run 0 "the registration is closed by it" officer --json registration list
check "status covered" test "$(jq -r '.registrations[0].status' "$work/out")" = covered
run 0 "she is now listed at the activity by her NIK" officer --json activity attend 1 3604255203850009
check "newly, with the NIK masked" \
  test "$(jq -r '"\(.newly_listed) \(.nik)"' "$work/out")" = "true 360425********09"
run 0 "by her card number she is not listed twice" officer --json activity attend 1 0001230000009
check "already listed" test "$(jq -r .newly_listed "$work/out")" = false
run 2 "someone outside the register is not listed" officer activity attend 1 3604251203850001

# ---- the indicators (issue 15: folded into `report indicators`; `indicators` is its alias) ----
run 1 "an officer cannot export the indicators" officer indicators --format csv -o "$work/ind.csv"
run 0 "the administrator exports them through the alias" admin indicators --format csv -o "$work/ind.csv"
check "with the SKM grade" grep -q '^IKM,3.222,80.56,B (Baik),10' "$work/ind.csv"
check "beside the card's indicators" grep -q 'Peserta dimuat per impor' "$work/ind.csv"
run 0 "and as a workbook" admin report indicators --format xlsx -o "$work/ind.xlsx"
check "one worksheet per section, the card's four and the outreach's six" \
  test "$(unzip -l "$work/ind.xlsx" | grep -c 'xl/worksheets/sheet[0-9]*.xml')" -eq 10
run 2 "a period is for the indicators only" admin report coverage --from 2026-11-01 \
  --format csv -o "$work/cov.csv"
run 0 "and as a PDF with charts, for the period" admin report indicators --from 2026-11-01 \
  --to 2026-12-31 --format pdf -o "$work/ind.pdf"
check "the PDF is sound (qpdf --check)" pdf_sound "$work/ind.pdf"
pdf_text "$work/ind.pdf" >"$work/ind.txt"
check "its period" has "$work/ind.txt" "Periode: 2026-11-01 sampai 2026-12-31"
# The SKM fixture computed by hand from PermenPAN-RB 14/2017: IKM 3,222 x 25 = 80,56, B.
check "the IKM with its category" has "$work/ind.txt" \
  "IKM 80,56, mutu pelayanan B (Baik), dari 10 responden"
check "the IKM row of the element table" has "$work/ind.txt" "IKM 3,222 80,56 B (Baik)"
check "the understanding before and after" has "$work/ind.txt" "Sebelum 40,0 % (1 lembar)"
check "... after" has "$work/ind.txt" "Sesudah 100,0 % (1 lembar)"
check "the complaint, received and resolved" has "$work/ind.txt" \
  "Pengaduan: 1 diterima, 1 selesai; 0 masih terbuka, yang terlama - hari."
check "the one registration, at the one activity" has "$work/ind.txt" \
  "Pendaftaran baru: 1, pada 1 kegiatan sosialisasi."
check "no full NIK in it" lacks "$work/ind.txt" 3604255203850009

# ---- the audit log ----
run 0 "the exports are in the audit log" admin --json audit --action export.
check "SKM once, the indicators three times, registrations twice, all ani's" \
  test "$(jq -r '[.events[] | select(.operator == "ani") | .action] | sort | join(" ")' "$work/out")" = \
       "export.registrations export.registrations export.report export.report export.report export.skm"
check "with no full NIK in it" lacks "$work/out" 3604255203850009

# ---- a data correction leads to a reprint (issue 15 item 4) ----
run 0 "her card is printed" admin print --template kis -o "$work/cards.pdf"
run 0 "at a ceremony desk she says her name is misspelt" officer --json feedback add \
  --channel acara --category data-salah --text "Nama di kartu kurang lengkap" --card 0001230000009
fid=$(jq -r .feedback.id "$work/out")
run 1 "a complaint of another kind cannot ask for a correction" officer feedback correct 1 \
  --name "Nur Aini Rahmawati"
run 2 "a correction needs the new name" officer feedback correct "$fid"
run 0 "the officer asks for the correction" officer --json feedback correct "$fid" \
  --name "Nur Aini Rahmawati"
check "the old and the new name, linked to the feedback" \
  test "$(jq -r '.correction | "\(.feedback) \(.old) -> \(.new) \(.reprint_run)"' "$work/out")" = \
       "$fid Nur Aini -> Nur Aini Rahmawati 0"
run 1 "asked for once" officer feedback correct "$fid" --name "Nur Aini R."
run 1 "an officer cannot reprint" officer feedback reprint "$fid" -o "$work/koreksi.pdf"
run 0 "the administrator reprints the card" admin --json feedback reprint "$fid" -o "$work/koreksi.pdf"
serial=$(jq -r .serial "$work/out")
check "the correction now names its reprint" \
  test "$(jq -r '.correction.reprint_serial' "$work/out")" = "$serial"
check "the reprint is a sound PDF" pdf_sound "$work/koreksi.pdf"
pdf_text "$work/koreksi.pdf" >"$work/koreksi.txt"
check "with the corrected name (the template writes names in capitals)" has "$work/koreksi.txt" "NUR AINI RAHMAWATI"
check "the old card is void, its reason naming the feedback" \
  test "$(sqlite3 "$db" "SELECT count (*) FROM card_voids WHERE replaced_by = $serial AND reason LIKE '%umpan balik #$fid%'")" -eq 1
run 0 "the feedback is resolved" officer --json feedback list
check "with the new serial in its response" \
  test "$(jq -r --argjson id "$fid" '.feedback[] | select(.id == $id) | "\(.state) \(.response | contains("serial '"$serial"'"))"' "$work/out")" = "resolved true"
run 1 "reprinted once" admin feedback reprint "$fid" -o "$work/koreksi2.pdf"
run 0 "every step is in the audit log" admin --json audit
check "request, register correction and reprint" \
  test "$(jq -r '[.events[].action | select(. == "correction.request" or . == "participant.correct" or . == "correction.reprint")] | sort | join(" ")' "$work/out")" = \
       "correction.reprint correction.request participant.correct"

finish
