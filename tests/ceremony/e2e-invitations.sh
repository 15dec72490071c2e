#!/usr/bin/env bash
# e2e-invitations.sh: invitation slips are not cards (issue 11, item 7), with the issue's own
# numbers: a register of 500, a ceremony for Kecamatan Labuan inviting 61, then
# `print --template undangan --ceremony 1`. Before the fix the run printed 500 slips,
# coverage said 500 cards printed for 61 invited and the uncollected list named people who
# never had a card. The slips must be recorded (print history), go to the 61 invited only,
# carry the ceremony's name, date and place without --set, and count as no card anywhere:
# coverage, uncollected, the Cetak page's "already printed" (the dry run's skipped count).
set -u

CLI=${SERAH_CLI:?SERAH_CLI must point to serah-cli}
FIXTURE=${SERAH_CEREMONY_FIXTURE:?SERAH_CEREMONY_FIXTURE must point to ceremony-fixture}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/office.db"
work=$tmp
. "$(dirname "$0")/../e2e-lib.sh"

cli () { out=$("$CLI" --db "$db" "$@" 2>"$tmp/err"); rc=$?; err=$(cat "$tmp/err"); }
# total_row CSV: the report's "Total" line.
total_row () { grep '^Total,' "$1" | tr -d '\r'; }

"$FIXTURE" demo "$db" 500 >/dev/null
check "demo database of 500 participants" test -s "$db"

cli --json ceremony create --name "Penyerahan Kartu JKN-KIS Kecamatan Labuan" \
  --date 2026-12-14 --place "Aula Kantor Kecamatan Labuan" --where kecamatan=Labuan
if [ $rc -eq 0 ] && echo "$out" | grep -q '"invited":61'; then ok "ceremony 1 invites the 61 of Labuan"; else not_ok "ceremony" "rc=$rc" "$out" "$err"; fi

cli --json print --template undangan --ceremony 1 -o "$tmp/undangan.pdf"
if [ $rc -eq 0 ] && echo "$out" | grep -q '"cards":61,'; then
  ok "slips are printed for the 61 invited, not for the 500 of the register"
else
  not_ok "slips for the invited" "rc=$rc" "$out" "$err"
fi

pdf_text "$tmp/undangan.pdf" > "$tmp/undangan.txt"
if has "$tmp/undangan.txt" "Penyerahan Kartu JKN-KIS Kecamatan Labuan" &&
   has "$tmp/undangan.txt" "Hari/tanggal: Senin, 14 Desember 2026" &&
   has "$tmp/undangan.txt" "Tempat: Aula Kantor Kecamatan Labuan"; then
  ok "the slips carry the ceremony's name, date and place without --set"
else
  not_ok "ceremony fields on the slips" "$(head -c 600 "$tmp/undangan.txt")"
fi

cli --json runs
if echo "$out" | grep -q '"kind":"invitation"' && echo "$out" | grep -q '"selection":"ceremony=1"'; then
  ok "the print history records the slips as an invitation run for ceremony 1"
else
  not_ok "print history" "$out" "$err"
fi

cli report coverage --format csv -o "$tmp/coverage.csv"
row=$(total_row "$tmp/coverage.csv")
# Kecamatan,Desa,Peserta,Kartu dicetak,Diundang,...: 500 people, 0 cards, 61 invited.
if [ $rc -eq 0 ] && [ "$(echo "$row" | cut -d, -f3-5)" = "500,0,61" ]; then
  ok "coverage: 500 participants, 0 cards printed, 61 invited"
else
  not_ok "coverage after slips" "rc=$rc" "$row" "$err"
fi

cli report uncollected --format csv -o "$tmp/uncollected.csv"
lines=$(tr -d '\r' < "$tmp/uncollected.csv" | grep -c .)
if [ $rc -eq 0 ] && [ "$lines" -eq 1 ]; then
  ok "uncollected (all ceremonies) names nobody: no card was printed"
else
  not_ok "uncollected after slips" "rc=$rc" "lines=$lines" "$(head -3 "$tmp/uncollected.csv")"
fi

cli --json print --template kis --dry-run
if [ $rc -eq 0 ] && echo "$out" | grep -q '"cards":500,"skipped_printed":0'; then
  ok "the Cetak plan still has 500 cards to print, none skipped as already printed"
else
  not_ok "card plan after slips" "$out" "$err"
fi

cli --json print --template kis --where kecamatan=Labuan -o "$tmp/kartu.pdf"
cli report coverage --ceremony 1 --format csv -o "$tmp/coverage-1.csv"
row=$(total_row "$tmp/coverage-1.csv")
if [ "$(echo "$row" | cut -d, -f3-5)" = "61,61,61" ] && [ "$(echo "$row" | cut -d, -f9)" = "61" ]; then
  ok "after the 61 cards are printed: 61 printed, 61 invited, 61 not yet collected"
else
  not_ok "coverage after cards" "$row"
fi

cli print --template undangan --ceremony 1 --set "ceremony_place=Balai Desa Caringin" \
  --where desa=Caringin -o "$tmp/undangan-2.pdf"
pdf_text "$tmp/undangan-2.pdf" > "$tmp/undangan-2.txt"
if [ $rc -eq 0 ] && has "$tmp/undangan-2.txt" "Tempat: Balai Desa Caringin" &&
   ! has "$tmp/undangan-2.txt" "Aula Kantor"; then
  ok "--set overrides the ceremony's place; --where narrows the invited"
else
  not_ok "--set over the ceremony" "rc=$rc" "$err"
fi
cli report coverage --format csv -o "$tmp/coverage-2.csv"
row=$(total_row "$tmp/coverage-2.csv")
if [ "$(echo "$row" | cut -d, -f4)" = "61" ]; then
  ok "a second slip run after the cards leaves 61 cards printed (the slips void nothing)"
else
  not_ok "coverage after a second slip run" "$row"
fi

cli print --template undangan --ceremony 99 -o "$tmp/x.pdf"
if [ $rc -ne 0 ] && [ -n "$err" ]; then ok "slips for an unknown ceremony are refused (exit $rc)"; else not_ok "unknown ceremony" "rc=$rc" "$err"; fi

finish 12
