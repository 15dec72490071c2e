#!/usr/bin/env bash
# e2e-testimonial.sh: serah-cli's testimonial and report verbs end to end (TAP): recording
# testimonials at a ceremony with consent, withdrawal, exports in every format checked byte
# for byte for what must never appear, and the reports as CSV, XLSX and PDF.
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
fixture=${SERAH_CEREMONY_FIXTURE:?SERAH_CEREMONY_FIXTURE must point at ceremony-fixture}
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-testimonial-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/kantor.db"

. "$(dirname "$0")/../e2e-lib.sh"

serah() { "$cli" --db "$db" --operator petugas "$@"; }
# absent FILE TEXT...: none of the texts occurs in FILE.
absent() {
  local file=$1
  shift
  for t in "$@"; do
    if grep -qF -- "$t" "$file"; then
      echo "# found “$t” in $file" >&2
      return 1
    fi
  done
}

# ---- a ceremony with handovers: 40 demo participants, every one with a printed card ----
"$fixture" populate "$db" 40 >"$work/cards" 2>"$work/err" || { echo "Bail out! the fixture failed: $(cat "$work/err")"; exit 1; }
mapfile -t cards < <(cut -d' ' -f1 "$work/cards")
serah ceremony create --name "Penyerahan Uji" --date 2026-11-24 --place "Aula" \
  --card "${cards[0]}" --card "${cards[1]}" --card "${cards[2]}" --card "${cards[3]}" \
  --card "${cards[4]}" >/dev/null 2>&1
for i in 0 1 2 3; do serah handover --ceremony 1 --card "${cards[$i]}" >/dev/null 2>&1; done

# Names and NIKs of the people, to look for in the exports.
row() { sqlite3 "$db" "SELECT $1 FROM participants WHERE card_no = '$2'"; }

# ---- recording, with the rules ----
run 0 "a named testimonial is recorded" \
  serah testimonial add --ceremony 1 --card "${cards[0]}" --text "TERBUKA: pelayanannya cepat" \
  --consent named --rating 5 --tag pelayanan --tag Manfaat
run 0 "an anonymous one" \
  serah testimonial add --ceremony 1 --card "${cards[1]}" --text "ANONIM: kartunya membantu" \
  --consent anonymous --rating 4 --tag manfaat
run 0 "one not to be published" \
  serah testimonial add --ceremony 1 --card "${cards[2]}" --text "RAHASIA: jangan disebar" \
  --consent none --rating 3
run 0 "one that will be withdrawn" \
  serah testimonial add --ceremony 1 --card "${cards[3]}" --text "DITARIK: nanti ditarik" \
  --consent named --rating 5 --json
check "--json prints the new testimonial" grep -q '"consent":"named"' "$work/out"
run 2 "a consent must be named" \
  serah testimonial add --ceremony 1 --card "${cards[0]}" --text "x" --consent yes
run 2 "a rating outside 1..5 is refused" \
  serah testimonial add --ceremony 1 --card "${cards[0]}" --text "x" --consent none --rating 9
run 2 "an unknown card is refused" \
  serah testimonial add --ceremony 1 --card 0009999999999 --text "x" --consent none
run 2 "an unknown ceremony is refused" \
  serah testimonial add --ceremony 77 --card "${cards[0]}" --text "x" --consent none
printf 'not an image' >"$work/fake.jpg"
run 2 "a photo that is not an image is refused" \
  serah testimonial add --ceremony 1 --card "${cards[0]}" --text "x" --consent none --photo "$work/fake.jpg"
check "and the refusal says what to choose" grep -q "JPEG, PNG or WebP" "$work/err"
printf 'RIFF....WAVE' >"$work/fake.ogg"
run 2 "audio that is not Ogg is refused" \
  serah testimonial add --ceremony 1 --card "${cards[0]}" --text "x" --consent none --audio "$work/fake.ogg"

run 2 "a withdrawal needs a reason" serah testimonial withdraw --id 4
run 0 "consent is withdrawn" serah testimonial withdraw --id 4 --reason "ditelepon peserta"
run 1 "after a withdrawal, consent cannot be given again" \
  serah testimonial consent --id 4 --consent named
run 0 "the list shows all four" serah testimonial list --json
check "with the withdrawal in it" grep -q '"consent":"withdrawn"' "$work/out"

# ---- exports: only consented, never a NIK or card number, no anonymous name ----
run 0 "CSV export" serah testimonial export --format csv -o "$work/t.csv" --json
check "two testimonials are exported" grep -q '"written":2' "$work/out"
run 0 "JSON export" serah testimonial export --format json -o "$work/t.json"
run 0 "PDF export" serah testimonial export --format pdf -o "$work/t.pdf"
run 0 "PNG export" serah testimonial export --format png -o "$work/cards-png"
check "one PNG per consented testimonial" test "$(ls "$work/cards-png" | wc -l)" -eq 2
check "PNG names carry only the number" test -z "$(ls "$work/cards-png" | grep -v '^testimoni-[0-9]*\.png$')"
pdf_text "$work/t.pdf" >"$work/t.pdf.txt"
for f in t.csv t.json t.pdf.txt; do
  check "$f: the consented texts are in" grep -q "TERBUKA" "$work/$f"
  check "$f: nothing unconsented or withdrawn" absent "$work/$f" RAHASIA DITARIK
  check "$f: no card number" absent "$work/$f" "${cards[@]}"
  check "$f: no NIK, no name of the anonymous, withdrawn or unpublished" \
    absent "$work/$f" "$(row nik "${cards[0]}")" "$(row nik "${cards[1]}")" \
    "$(row name "${cards[1]}")" "$(row name "${cards[2]}")" "$(row name "${cards[3]}")"
  check "$f: the named participant is named" has "$work/$f" "$(row name "${cards[0]}")"
done
check "the anonymous card reads Peserta JKN-KIS" grep -q "Peserta JKN-KIS" "$work/t.pdf.txt"

# ---- reports ----
for kind in coverage uncollected indicators; do
  for fmt in csv xlsx pdf; do
    run 0 "report $kind as $fmt" serah report $kind --ceremony 1 --format $fmt -o "$work/$kind.$fmt"
  done
done
run 2 "a report of an unknown ceremony is refused" serah report coverage --ceremony 9 --format csv -o "$work/x.csv"
run 2 "an unknown report is refused" serah report nonsense --format csv -o "$work/x.csv"
check "coverage CSV: 5 invited, 4 handed over, 1 not collected, 80%" \
  grep -q '^Total,,[0-9]*,[0-9]*,5,4,0,4,1,80.0' "$work/coverage.csv"
unzip -p "$work/uncollected.xlsx" xl/worksheets/sheet1.xml >"$work/sheet.xml"
check "XLSX: the card number cell is a string" grep -q '<c r="F2" s="[0-9]*" t="inlineStr">' "$work/sheet.xml"
check "XLSX: the card number keeps its leading zeros" grep -qF "${cards[4]}" "$work/sheet.xml"
check "XLSX: the NIK is masked" absent "$work/sheet.xml" "$(row nik "${cards[4]}")"
pdf_text "$work/uncollected.pdf" >"$work/unc.txt"
check "uncollected PDF lists the one person left" has "$work/unc.txt" "$(row name "${cards[4]}")"
check "... with the NIK masked" absent "$work/unc.txt" "$(row nik "${cards[4]}")"

check "every export is in the audit log" \
  test "$(sqlite3 "$db" "SELECT count (*) FROM audit_events WHERE action LIKE 'export.%'")" -ge 13

# ---- with operators: officers record, administrators export ----
env SERAH_PIN_NEW=204718 "$cli" --db "$db" operator add ani --role admin >/dev/null 2>&1
SERAH_PIN=204718 SERAH_PIN_NEW=550123 "$cli" --db "$db" --operator ani operator add budi --role officer >/dev/null 2>&1
run 2 "once operators exist, recording a testimonial needs --operator" \
  "$cli" --db "$db" testimonial add --ceremony 1 --card "${cards[4]}" --text "x" --consent none
run 0 "an officer records a testimonial" \
  env SERAH_PIN=550123 "$cli" --db "$db" --operator budi testimonial add --ceremony 1 \
  --card "${cards[4]}" --text "Senang sekali" --consent anonymous
run 1 "an officer may not export" \
  env SERAH_PIN=550123 "$cli" --db "$db" --operator budi testimonial export --format csv -o "$work/o.csv"
run 1 "nor write a report" \
  env SERAH_PIN=550123 "$cli" --db "$db" --operator budi report uncollected --format csv -o "$work/o.csv"
run 0 "an administrator exports" \
  env SERAH_PIN=204718 "$cli" --db "$db" --operator ani testimonial export --format csv -o "$work/o.csv"
check "and the export is recorded under her name" \
  test "$(sqlite3 "$db" "SELECT operator FROM audit_events WHERE action = 'export.testimonials' ORDER BY id DESC LIMIT 1")" = ani

finish
