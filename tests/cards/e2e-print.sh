#!/usr/bin/env bash
# e2e-print.sh: serah-cli printing end to end (TAP). A database of 60 demo participants is
# printed to PDF; the PDF is rasterised at 150 dpi, every QR code is decoded with zbarimg and
# verified with serah-cli verify; then tampering, reprints, invitations, calibration and
# template errors, each checked by exit status and output.
set -u

CLI=${SERAH_CLI:?SERAH_CLI must point to serah-cli}
FIXTURE=${SERAH_CEREMONY_FIXTURE:?SERAH_CEREMONY_FIXTURE must point to ceremony-fixture}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/office.db"
work=$tmp
. "$(dirname "$0")/../e2e-lib.sh"

# Runs serah-cli, keeping its exit status in $rc, stdout in $out and stderr in $err.
cli () { out=$("$CLI" --db "$db" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }
decode () { zbarimg -q --raw "$@" 2>/dev/null; }

"$FIXTURE" demo "$db" 60
check "demo database of 60 participants" test -s "$db"

cli --json print --template kis --sheet a4-2x5 -o "$tmp/cards.pdf"
if [ $rc -eq 0 ] && echo "$out" | grep -q '"cards":60' && [ -s "$tmp/cards.pdf" ]; then
  ok "print 60 cards to PDF"
else
  not_ok "print 60 cards to PDF" "rc=$rc" "$out" "$err"
fi

# Every font is embedded (pdffonts column "emb" says yes).
fonts=$(pdffonts "$tmp/cards.pdf" | tail -n +3)
if [ -n "$fonts" ] && echo "$fonts" | awk '$(NF-4) != "yes" { bad = 1 } END { exit bad }'; then
  ok "fonts embedded"
else
  not_ok "fonts embedded" "$fonts"
fi

pdftoppm -r 150 -png "$tmp/cards.pdf" "$tmp/page"
decode "$tmp"/page-*.png | sort -u > "$tmp/codes"
count=$(wc -l < "$tmp/codes")
if [ "$count" -eq 60 ] && ! grep -qv '^SRH1:' "$tmp/codes"; then
  ok "all 60 QR codes decode from a 150 dpi raster"
else
  not_ok "all 60 QR codes decode from a 150 dpi raster" "decoded $count" "$(head -3 "$tmp/codes")"
fi

verified=0
while read -r code; do
  "$CLI" --db "$db" verify "$code" >/dev/null 2>&1 && verified=$((verified + 1))
done < "$tmp/codes"
if [ "$verified" -eq 60 ]; then ok "every decoded code verifies"; else not_ok "every decoded code verifies" "$verified of 60"; fi

first=$(head -1 "$tmp/codes")
cli --json verify "$first"
if [ $rc -eq 0 ] && echo "$out" | grep -q '"nik_masked":"[0-9]\{6\}\*\{8\}[0-9]\{2\}"' && echo "$out" | grep -q '"sheet":'; then
  ok "verify shows the participant with a masked NIK, sheet and position"
else
  not_ok "verify shows the participant" "rc=$rc" "$out"
fi

# One character of the signature changed: forged.
tampered=$(echo "$first" | sed 's/.$/A/;t' ); [ "$tampered" = "$first" ] && tampered=$(echo "$first" | sed 's/.$/B/')
cli verify "$tampered"
if [ $rc -eq 1 ] && echo "$err" | grep -qi "forged\|altered"; then ok "a tampered code is refused (exit 1)"; else not_ok "tampered code refused" "rc=$rc" "$err"; fi

cli verify "NOT-A-SERAH-CODE"
check "a malformed code is bad input (exit 2)" test $rc -eq 2

other="$tmp/other.db"
"$FIXTURE" demo "$other" 5
"$CLI" --db "$other" print -o "$tmp/other.pdf" 2>/dev/null
pdftoppm -r 150 -png "$tmp/other.pdf" "$tmp/other"
foreign=$(decode "$tmp"/other-*.png | head -1)
cli verify "$foreign"
if [ $rc -eq 1 ] && echo "$err" | grep -qi "another office database"; then ok "a code from another database is refused (exit 1)"; else not_ok "foreign code refused" "rc=$rc" "$err"; fi

cli --json runs
if [ $rc -eq 0 ] && echo "$out" | grep -q '"cards":60'; then ok "the run is listed with its 60 cards"; else not_ok "runs" "$out"; fi

# Printing the same selection again: nobody is left without a card.
cli print -o "$tmp/again.pdf"
if [ $rc -eq 1 ] && [ ! -e "$tmp/again.pdf" ]; then ok "printing again refuses (exit 1), writes nothing"; else not_ok "print again" "rc=$rc" "$err"; fi

cli --json print --include-printed --dry-run
if [ $rc -eq 0 ] && echo "$out" | grep -q '"cards":60'; then ok "dry run with --include-printed counts 60"; else not_ok "dry run" "$out" "$err"; fi

# Reprint of one card: the old code is void, the new one verifies.
card_no=$(echo "$first" | cut -d: -f3)
cli --json reprint --card "$card_no" --reason "hilang" --sheet cr80 -o "$tmp/reprint.pdf"
if [ $rc -eq 0 ] && [ -s "$tmp/reprint.pdf" ]; then ok "reprint one card"; else not_ok "reprint" "rc=$rc" "$err"; fi
cli verify "$first"
if [ $rc -eq 1 ] && echo "$err" | grep -qi "voided" && echo "$err" | grep -q "hilang"; then ok "the reprinted card's old code is void"; else not_ok "old code void" "rc=$rc" "$err"; fi
pdftoppm -r 150 -png "$tmp/reprint.pdf" "$tmp/reprint"
fresh=$(decode "$tmp"/reprint-*.png | head -1)
cli verify "$fresh"
if [ $rc -eq 0 ] && [ "$(echo "$fresh" | cut -d: -f3)" = "$card_no" ]; then ok "the new card verifies"; else not_ok "new card" "rc=$rc" "$fresh" "$err"; fi

cli reprint --card 0009999999999 --reason hilang -o "$tmp/none.pdf"
check "reprint of an unknown card number is bad input (exit 2)" test $rc -eq 2

# Invitations for a ceremony carry SRU1 codes that verify. Slips go to the people the
# ceremony invited (issue 11), so the ceremony exists first.
cli ceremony create --name "Penyerahan Labuan" --date 2026-11-24 --place "Aula Labuan" \
  --where kecamatan=Labuan
cli print --template undangan --ceremony 1 --where kecamatan=Labuan \
  --set "ceremony_name=Penyerahan Kartu JKN-KIS" --set "ceremony_date=Senin, 24 November 2026" \
  -o "$tmp/undangan.pdf"
pdftoppm -r 150 -png "$tmp/undangan.pdf" "$tmp/und"
inv=$(decode "$tmp"/und-*.png | head -1)
cli --json verify "$inv"
if [ $rc -eq 0 ] && echo "$inv" | grep -q '^SRU1:' && echo "$out" | grep -q '"ceremony_id":1'; then
  ok "invitation slips carry verifiable SRU1 codes"
else
  not_ok "invitations" "rc=$rc" "$inv" "$out" "$err"
fi

cli print --template undangan --set nonsense=1 -o "$tmp/x.pdf"
check "an unknown --set field is bad usage (exit 2)" test $rc -eq 2

# A template with an element outside the safe area is refused with its line.
sed 's/^X=60.6$/X=70/' "$(dirname "$0")/../../print-templates/kis.card" > "$tmp/broken.card"
cp "$(dirname "$0")/../../print-templates/logo.svg" "$tmp/"
line=$(grep -n '^X=70$' "$tmp/broken.card" | cut -d: -f1)
# Template names are names, never paths (issue 17): the broken one is found on the search path.
SERAH_TEMPLATES_DIR="$tmp" cli print --template broken --include-printed -o "$tmp/x.pdf"
if [ $rc -eq 2 ] && echo "$err" | grep -q "broken.card:$((line + 2)):"; then ok "a template with an element outside the safe area is refused with its line"; else not_ok "broken template" "rc=$rc" "$err"; fi

cli calibrate set laser --offset-x 1.5 --offset-y -0.75 --scale-x 1.002
cli --json calibrate list
if echo "$out" | grep -q '"name":"laser"' && echo "$out" | grep -q '"offset_x_mm":1.5'; then ok "calibrate set and list"; else not_ok "calibrate" "$out" "$err"; fi

cli calibrate test-page --sheet a4-2x5 --calibration laser -o "$tmp/align.pdf"
if [ $rc -eq 0 ] && pdftotext "$tmp/align.pdf" - | grep -q "crosshair A"; then ok "calibration test page"; else not_ok "test page" "rc=$rc" "$err"; fi

cli --json print --include-printed --where desa=Caringin --calibration laser --duplex --crop-marks -o "$tmp/duplex.pdf"
if [ $rc -eq 0 ] && echo "$out" | grep -q '"pages":2'; then ok "duplex with calibration and crop marks"; else not_ok "duplex" "$out" "$err"; fi

# Documents (issue 13): a list without faskes and kelas for one person, and names too long for
# the card. The dry run says both before anything is printed, naming the records.
hostile="$(dirname "$0")/../fixtures/layout-hostile.csv"
db="$tmp/hostile.db"
cli import "$hostile"
cli print --template kis --sheet a4-2x5 --dry-run
if [ $rc -eq 0 ] && echo "$err" | grep -q "0001230000006 Budi: faskes, kelas" &&
   echo "$err" | grep -q "front:faskes"; then
  ok "dry run names the participant with empty fields and the texts that do not fit"
else
  not_ok "dry run warnings" "rc=$rc" "$err"
fi
cli --json print --template kis --sheet a4-2x5 --dry-run
if [ $rc -eq 0 ] && [ "$(echo "$out" | jq '.incomplete | length')" = 1 ] &&
   [ "$(echo "$out" | jq '[.fit_problems[] | select(.outcome == "overflow")] | length')" = 0 ] &&
   [ "$(echo "$out" | jq '.fit_problems | length')" -gt 0 ]; then
  ok "dry run --json lists incomplete participants and fit problems"
else
  not_ok "dry run --json warnings" "rc=$rc" "$out" "$err"
fi

finish 24
