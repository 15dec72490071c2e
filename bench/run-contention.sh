#!/usr/bin/env bash
# bench/run-contention.sh BUILD_DIR [CARDS] [MERGE_EVENTS]: a scan at the desk while a long
# writer runs (issue 17: "a 20 000-card print blocks a scan for 4.4 s"). Two writers, each
# started in the background while `serah-cli handover` scans one card after another (a new
# process per scan, as a scanner script would; its start-up is included):
#   1. a print run of CARDS cards (default 20 000) into a PDF;
#   2. the merge of a station bundle holding MERGE_EVENTS handovers (default 5 000).
# A baseline of scans with no writer comes first. For each part it prints how many scans,
# the median, p99 and max latency in milliseconds, how many were refused (any refusal is a
# failure: the cards are invited and not handed over) and how long the writer took.
# Target: every scan completes within 1 s (max < 1000 ms). The database lives inside the
# build folder, on the disk an office database would use (synchronous=FULL, WAL).
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
cards="${2:-20000}"
merge_events="${3:-5000}"
here="$(cd "$(dirname "$0")" && pwd)"
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$here/../print-templates}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$here/../data/areas}"
work="$build/bench-contention"
rm -rf "$work"
mkdir -p "$work/bin"
# Copies: a rebuild of the build folder during the run must not swap the programs under it.
cp "$build/app/cli/serah-cli" "$build/tests/ceremony-fixture" "$work/bin/"
cli="$work/bin/serah-cli"
fixture="$work/bin/ceremony-fixture"
export XDG_STATE_HOME="$work/state"
trap 'rm -rf "$work"' EXIT
ms() { date +%s%N | cut -c1-13; }

# scan_while DB CEREMONY PAYLOADS FIRST PID LABEL: scans payload lines FIRST, FIRST+1, ... every
# ~50 ms while process PID runs (and at least once), then prints the figures.
scan_while() {
  local db=$1 ceremony=$2 payloads=$3 line=$4 pid=$5 label=$6 refused=0 t0 t1 code
  : >"$work/lat"
  while :; do
    code=$(sed -n "${line}p" "$payloads" | cut -d' ' -f2)
    [ -n "$code" ] || { echo "  (ran out of cards to scan)"; break; }
    t0=$(ms)
    if ! "$cli" --db "$db" handover --ceremony "$ceremony" --station bench "$code" \
         >/dev/null 2>"$work/scan-err"; then
      refused=$((refused + 1))
      sed 's/^/  refused: /' "$work/scan-err" | head -2
    fi
    t1=$(ms)
    echo $((t1 - t0)) >>"$work/lat"
    line=$((line + 1))
    [ -z "$pid" ] && [ "$(wc -l <"$work/lat")" -ge 50 ] && break
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then break; fi
    sleep 0.05
  done
  sort -n "$work/lat" | awk -v label="$label" -v refused="$refused" '
    { v[NR] = $1 }
    END {
      p99 = v[int((NR * 99 + 99) / 100)]; if (p99 == "") p99 = v[NR]
      printf "%-44s scans %4d  median %5d ms  p99 %5d ms  max %5d ms  refused %d\n",
             label, NR, v[int((NR + 1) / 2)], p99, v[NR], refused
    }'
  echo "$line" >"$work/next-line"
}

echo "disk: $(df -T "$work" | awk 'NR == 2 { print $1 " (" $2 ")" }'), synchronous=FULL, WAL"

# ---- 1. a print run ----
# $cards + 400 participants; 2 % of them (the cards scanned) printed and invited beforehand.
db="$work/office.db"
"$fixture" populate "$db" $((cards + 400)) 20 >"$work/payloads"
"$cli" --db "$db" ceremony create --name Bench --date 2026-11-24 --place Aula --print-run 1 \
  >/dev/null 2>&1
scan_while "$db" 1 "$work/payloads" 1 "" "no writer (baseline)"
line=$(cat "$work/next-line")
start=$(ms)
"$cli" --db "$db" print --template kis --sheet a4-2x5 -o "$work/run.pdf" 2>"$work/print-err" &
writer=$!
scan_while "$db" 1 "$work/payloads" "$line" "$writer" "during a print run of $cards cards"
wait "$writer" || { cat "$work/print-err"; exit 1; }
echo "  the print run: $(( ($(ms) - start) )) ms wall; $(tail -1 "$work/print-err")"

# ---- 2. a station merge ----
# Another desk's copy hands over $merge_events cards; its bundle is merged here.
mdb="$work/merge.db"
"$fixture" populate "$mdb" $((merge_events + 400)) 1000 >"$work/all-payloads"
"$cli" --db "$mdb" ceremony create --name Bench --date 2026-11-24 --place Aula --print-run 1 \
  >/dev/null 2>&1
cp "$mdb" "$work/station.db"
head -n "$merge_events" "$work/all-payloads" >"$work/station-payloads"
tail -n +"$((merge_events + 1))" "$work/all-payloads" >"$work/desk-payloads"
"$fixture" handover-loop "$work/station.db" 1 "$work/station-payloads" meja-2 >/dev/null
"$cli" --db "$work/station.db" station export --ceremony 1 -o "$work/meja-2.bundle" 2>/dev/null
start=$(ms)
"$cli" --db "$mdb" station import "$work/meja-2.bundle" 2>"$work/merge-err" &
writer=$!
scan_while "$mdb" 1 "$work/desk-payloads" 1 "$writer" "during a merge of $merge_events handovers"
wait "$writer" || { cat "$work/merge-err"; exit 1; }
echo "  the merge: $(( ($(ms) - start) )) ms wall (automatic backup included); $(tail -1 "$work/merge-err")"
