#!/usr/bin/env bash
# e2e-ceremony.sh: a ceremony through serah-cli end to end (TAP): create and invite, hand over
# by scanned code and by card number, the refusals and their exit codes, representatives,
# undo, progress, the paper PDFs, two stations merged by bundle, conflicts, close.
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
fixture=${SERAH_CEREMONY_FIXTURE:?SERAH_CEREMONY_FIXTURE must point at ceremony-fixture}
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-ceremony-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/kantor.db"


. "$(dirname "$0")/../e2e-lib.sh"

json() { jq -r "$1" "$work/out"; }
s() { "$cli" --db "$db" --operator rina "$@"; }

# ---- a printed office database: 300 people, 90% with a card ----
"$fixture" populate "$db" 300 900 >"$work/payloads.txt" || { echo "Bail out! fixture failed"; exit 1; }
payload_of() { grep "^$1 " "$work/payloads.txt" | cut -d' ' -f2; }

run 0 "create a ceremony inviting a desa and a kecamatan" \
  s ceremony create --name "Penyerahan KIS Labuan" --date 2026-11-24 \
    --place "Aula Kecamatan Labuan" --where desa=Caringin --where kecamatan=Menes --json
check "the JSON gives the id and the number invited" \
  test "$(json .id)" = 1 -a "$(json .invited)" -gt 10
invited=$(json .invited)
# Station 2 starts from a copy of the office database taken now, before any handover.
cp "$db" "$work/meja2.db"
run 2 "a bad date is bad usage" s ceremony create --name X --date 2026-13-01 --place Y
run 2 "a missing --name is bad usage" s ceremony create --date 2026-11-24 --place Y
run 0 "ceremony list --json" s ceremony list --json
check "the list shows the invited count" test "$(json '.ceremonies[0].invited')" = "$invited"

# People: the first two pending of Caringin (in stack order), one outsider from Labuan.
run 0 "the not-yet-served list" s ceremony pending --ceremony 1 --desa Caringin --json
first=$(json '.pending[0].card_no')
second=$(json '.pending[1].card_no')
third=$(json '.pending[2].card_no')
check "pending is in stack order" test "$(json '[.pending[] | select(.stack_index) | .stack_index] | . == sort')" = true
s ceremony pending --ceremony 1 --json 2>/dev/null | jq -r '.pending[].card_no' >"$work/invited.txt"
outsider=$(cut -d' ' -f1 "$work/payloads.txt" | grep -v -x -F -f "$work/invited.txt" | head -1)

# ---- handovers and refusals ----
run 0 "hand over by scanned code" s handover --ceremony 1 "$(payload_of "$first")" --station meja-1 --json
check "the handover has a UUID and the station" \
  test "$(json .handover.station)" = meja-1 -a "$(json .handover.uuid | wc -c)" -eq 37
run 1 "the same card again is refused" s handover --ceremony 1 --card "$first" --json
check "the refusal says already-handed-over, with the first handover" \
  test "$(json .refused.code)" = already-handed-over -a "$(json .refused.existing.operator)" = rina
check "the message says who and where" grep -q "rina at station meja-1" "$work/err"
forged=$(payload_of "$second" | sed 's/.$/Q/')
[ "$forged" = "$(payload_of "$second")" ] && forged=$(payload_of "$second" | sed 's/.$/R/')
run 1 "a forged code is refused" s handover --ceremony 1 "$forged" --json
check "... as forged" test "$(json .refused.code)" = forged
run 2 "an empty code is bad usage" s handover --ceremony 1 "  "
run 1 "a malformed code is refused" s handover --ceremony 1 "SRH1:XX" --json
check "... as malformed" test "$(json .refused.code)" = malformed
run 1 "an uninvited participant is refused" s handover --ceremony 1 --card "$outsider" --json
check "... as not-invited" test "$(json .refused.code)" = not-invited
run 0 "... unless allowed, which is recorded" \
  s handover --ceremony 1 --card "$outsider" --allow-uninvited --json
check "the handover says uninvited" test "$(json .handover.uninvited)" = true
run 2 "a representative without relationship is bad usage" \
  s handover --ceremony 1 --card "$second" --proxy-name "Siti Aminah"
run 0 "hand over to a representative" \
  s handover --ceremony 1 --card "$second" --proxy-name "Siti Aminah" --proxy-relation istri \
    --proxy-id 3601014505850002 --json
check "the representative is recorded, the ID number not printed" \
  test "$(json .handover.proxy_name)" = "Siti Aminah" -a "$(json .handover.proxy_id_recorded)" = true
check "no NIK-like number in the JSON" bash -c "! grep -q 3601014505850002 '$work/out'"

# ---- undo ----
run 2 "undo needs a reason" s handover-undo --ceremony 1 --card "$first"
run 0 "undo a mistaken handover" s handover-undo --ceremony 1 --card "$first" --reason "salah orang" --json
check "the undo is recorded with its reason" test "$(json .handover.undo.reason)" = "salah orang"
run 1 "undo of a card not handed over is refused" \
  s handover-undo --ceremony 1 --card "$first" --reason "lagi"
run 0 "the card can be handed over again" s handover --ceremony 1 --card "$first"

# ---- progress ----
run 0 "progress --json" s ceremony progress --ceremony 1 --json
check "progress counts self, representative and uninvited" \
  test "$(json .handed_over)" = 3 -a "$(json .self)" = 2 -a "$(json .representative)" = 1 \
    -a "$(json .uninvited)" = 1 -a "$(json .invited)" = "$invited"
check "progress per desa" \
  test "$(json '.areas[] | select(.desa == "Caringin") | .representative')" = 1

# ---- paper ----
run 0 "daftar tanda terima" s ceremony paper --ceremony 1 --kind tanda-terima -o "$work/tt.pdf"
run 0 "berita acara" s ceremony paper --ceremony 1 --kind berita-acara -o "$work/ba.pdf" --json
check "the JSON gives the page count" test "$(json .pages)" -ge 2
run 2 "an unknown kind is bad usage" s ceremony paper --ceremony 1 --kind kwitansi -o "$work/x.pdf"
pdf_text "$work/tt.pdf" >"$work/tt.txt"
pdf_text "$work/ba.pdf" >"$work/ba.txt"
check "the tanda terima has its heading and page numbers" has "$work/tt.txt" "DAFTAR TANDA TERIMA KARTU JKN-KIS"
check "... and Halaman X dari Y" has "$work/tt.txt" "Halaman 1 dari"
check "... and the card numbers" has_id "$work/tt.txt" "$third"
check "the berita acara writes the date in words" \
  has "$work/ba.txt" "Selasa tanggal dua puluh empat bulan November tahun dua ribu dua puluh enam"
check "... and names the officer" has "$work/ba.txt" "rina"
run 0 "the PDF renders" pdftoppm -r 30 -png -f 1 -l 1 "$work/ba.pdf" "$work/ba"

# ---- two stations ----
m2() { "$cli" --db "$work/meja2.db" --operator budi "$@"; }
run 0 "station 2 hands over a card" m2 handover --ceremony 1 --card "$third" --station meja-2
run 0 "station 2 also hands over a card station 1 handed over (conflict)" \
  m2 handover --ceremony 1 --card "$second" --station meja-2 --json
run 1 "... which station 2 then refuses itself" m2 handover --ceremony 1 --card "$second"
run 0 "station 2 exports its bundle" m2 station export --ceremony 1 --station meja-2 -o "$work/meja2.bundle" --json
run 0 "station 1 imports it" s station import "$work/meja2.bundle" --json
check "two new handovers, one conflict" \
  test "$(json .new_handovers)" -ge 2 -a "$(json .conflicts)" = 1
run 0 "importing again changes nothing" s station import "$work/meja2.bundle" --json
check "... no new events" test "$(json .new_handovers)" = 0 -a "$(json .new_undos)" = 0
run 0 "conflicts --json" s station conflicts --ceremony 1 --json
check "the conflict lists both handovers" test "$(json '.conflicts[0].handovers | length')" = 2
conflict_uuid=$(json '.conflicts[0].handovers[1].uuid')
run 1 "undo by card is ambiguous in a conflict" \
  s handover-undo --ceremony 1 --card "$second" --reason "dua kali"
run 0 "undo by UUID resolves it" \
  s handover-undo --ceremony 1 --uuid "$conflict_uuid" --reason "dicatat dua kali"
run 0 "no conflicts left" s station conflicts --ceremony 1 --json
check "... count 0" test "$(json .count)" = 0

head -c 3000 "$work/meja2.bundle" >"$work/cut.bundle"
run 2 "a truncated bundle is refused" s station import "$work/cut.bundle" --json
check "... as not-a-bundle" test "$(json .error.code)" = not-a-bundle
run 2 "a CSV is not a bundle" s station import "$work/payloads.txt"
"$fixture" populate "$work/other.db" 20 >/dev/null
"$cli" --db "$work/other.db" ceremony create --name Lain --date 2026-11-24 --place Z >/dev/null 2>&1
"$cli" --db "$work/other.db" station export --ceremony 1 -o "$work/other.bundle" >/dev/null 2>&1
run 1 "a bundle of another office database is refused" s station import "$work/other.bundle" --json
check "... as other-database" test "$(json .refused.code)" = other-database

# ---- close ----
run 0 "close the ceremony" s ceremony close --ceremony 1
run 1 "closing twice is refused" s ceremony close --ceremony 1
run 1 "no handover after closing" s handover --ceremony 1 --card "$third" --json
check "... as closed" test "$(json .refused.code)" = closed
check "closing made a backup" bash -c "ls '$work'/backups/*ceremony-close.db >/dev/null"
run 2 "an unknown ceremony is bad usage" s ceremony progress --ceremony 99
run 2 "a missing subcommand is bad usage" s ceremony

finish
