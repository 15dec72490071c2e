#!/usr/bin/env bash
# bench/run-report.sh BUILD_DIR [N]: the monitoring reports on a large register. N demo
# participants (default 100 000) with printed cards, all invited to one ceremony, one in five
# handed over (each a durable transaction, as at a real ceremony); then every report in every
# format through serah-cli, with wall and CPU time (user + sys) and peak memory; the load
# average is printed, as the machine may be shared (compare CPU times then). The uncollected
# list is streamed from the store into every format: its peak memory should not grow with N.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
# Card templates from the source tree: the build-tree programs have no installed copy.
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$(cd "$(dirname "$0")/../print-templates" && pwd)}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$(cd "$(dirname "$0")/../data/areas" && pwd)}"
n=${2:-100000}
cli="$build/app/cli/serah-cli"
fixture="$build/tests/ceremony-fixture"
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-bench-report-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/bench.db"

"$fixture" populate "$db" "$n" >"$work/cards"
where=()
while read -r kec; do where+=(--where "kecamatan=$kec"); done < <(sqlite3 "$db" "SELECT DISTINCT kecamatan FROM participants")
"$cli" --db "$db" ceremony create --name Bench --date 2026-11-24 --place Aula "${where[@]}" >/dev/null 2>&1
head -n $((n / 5)) "$work/cards" >"$work/handed"
start=$(date +%s%N)
"$fixture" handover-loop "$db" 1 "$work/handed" >/dev/null
ms=$((($(date +%s%N) - start) / 1000000))
printf '%s participants, %s handovers recorded in %d ms\n' "$n" $((n / 5)) "$ms"

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-12s %-5s %8s %8s %9s %10s\n' report format "wall s" "cpu s" "peak MB" "file KB"
for kind in coverage uncollected indicators; do
  for fmt in csv xlsx pdf; do
    out="$work/$kind.$fmt"
    if [ -x /usr/bin/time ]; then
      /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$cli" --db "$db" report "$kind" --format "$fmt" -o "$out" 2>/dev/null
      read -r secs user sys kb <"$work/time"
      cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    else
      # Without GNU time (package "time"): wall time only.
      t0=$(date +%s%N)
      "$cli" --db "$db" report "$kind" --format "$fmt" -o "$out" 2>/dev/null
      secs=$(printf '%d.%02d' $((($(date +%s%N) - t0) / 1000000000)) $(((($(date +%s%N) - t0) / 10000000) % 100)))
      kb=0 cpu=-
    fi
    printf '%-12s %-5s %8s %8s %9d %10d\n' "$kind" "$fmt" "$secs" "$cpu" $((kb / 1024)) $(($(stat -c %s "$out") / 1024))
  done
done
