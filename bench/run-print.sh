#!/usr/bin/env bash
# bench/run-print.sh BUILD_DIR: how fast Serah prints cards, against a bare Cairo program and
# gLabels' batch printer.
#   - serah-cli print of N demo participants (default 10 000) on a4-2x5 with the kis template:
#     wall and CPU time, peak RSS (/usr/bin/time), PDF size; best of 3 runs.
#   - bench/print-bare: the same card hard-coded (no template, database or records), best of 3.
#   - glabels-3-batch: a gLabels 3 document of the same card (85 x 54 mm on A4 2 x 5, the
#     fields merged from a CSV, a QR code of the payload column) for 1 000 and 2 000 cards
#     (10 000 take gLabels about 9 minutes and 14 GB: set SERAH_BENCH_GLABELS_CARDS to try).
#     Serah prints the same numbers of cards for the ratio.
# The machine may be shared: figures are the best of several runs, and CPU time is shown.
set -euo pipefail

build="$(cd "${1:-build}" && pwd)"
here="$(cd "$(dirname "$0")" && pwd)"
N=${SERAH_BENCH_PRINT_CARDS:-10000}
GL_COUNTS=${SERAH_BENCH_GLABELS_CARDS:-"1000 2000"}
RUNS=${SERAH_BENCH_RUNS:-3}
cli="$build/app/cli/serah-cli"
data="$build/bench/print-bench-data"
bare="$build/bench/print-bare"
export SERAH_TEMPLATES_DIR="$here/../print-templates"
export SERAH_AREAS_DIR="$here/../data/areas"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# measure COMMAND...: one run's wall and CPU seconds and peak RSS (KB) into wall, cpu, rss.
measure () {
  /usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null 2>"$tmp/stderr" || {
    echo "failed: $*" >&2; cat "$tmp/stderr" >&2; exit 1; }
  read -r wall user sys rss < "$tmp/time"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
}

best_of () {
  local label=$1; shift
  best_wall=; best_cpu=; best_rss=
  for _ in $(seq "$RUNS"); do
    [ -n "${prepare:-}" ] && eval "$prepare"
    measure "$@"
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN { exit !(a < b) }'; then
      best_wall=$wall; best_cpu=$cpu; best_rss=$rss
    fi
  done
}

size_kb () { echo $(( $(stat -c %s "$1") / 1024 )); }

# ---- Serah and the bare program, N cards ----
"$data" populate "$tmp/base.db" "$N"
prepare='rm -f "$tmp"/run.db*; cp "$tmp/base.db" "$tmp/run.db"'
best_of serah "$cli" --db "$tmp/run.db" print --template kis --sheet a4-2x5 --separator none \
  -o "$tmp/serah.pdf"
s_wall=$best_wall; s_cpu=$best_cpu; s_rss=$best_rss; s_kb=$(size_kb "$tmp/serah.pdf")
prepare=
best_of bare "$bare" "$N" "$tmp/bare.pdf"
b_wall=$best_wall; b_cpu=$best_cpu; b_rss=$best_rss; b_kb=$(size_kb "$tmp/bare.pdf")

echo "print: $N cards, kis on a4-2x5 (best of $RUNS)"
printf "  %-26s %8s %8s %10s %10s\n" "" "wall s" "cpu s" "peak RSS" "PDF"
printf "  %-26s %8s %8s %8s MB %7s KB\n" "serah-cli print" "$s_wall" "$s_cpu" $((s_rss / 1024)) "$s_kb"
printf "  %-26s %8s %8s %8s MB %7s KB\n" "bare Cairo program" "$b_wall" "$b_cpu" $((b_rss / 1024)) "$b_kb"
awk -v sw="$s_wall" -v bw="$b_wall" -v sc="$s_cpu" -v bc="$b_cpu" -v sk="$s_kb" -v bk="$b_kb" \
  'BEGIN { printf "  serah / bare: %.2fx wall, %.2fx cpu (goal: at most 1.25x), PDF %.2fx (goal: at most 1.1x)\n",
           sw / bw, sc / bc, sk / bk }'
echo "  load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# ---- gLabels ----
if ! command -v glabels-3-batch >/dev/null; then
  echo "  glabels-3-batch not installed: no comparison"
  exit 0
fi
sed "s|@CSV@|$tmp/data.csv|" "$here/print-glabels.glabels.in" > "$tmp/kis.glabels"
for n in $GL_COUNTS; do
  [ "$n" -le "$N" ] || continue
  # The CSV holds the cards Serah printed above, with their signed payloads.
  "$data" csv "$tmp/run.db" 1 "$n" "$tmp/data.csv"
  RUNS_SAVED=$RUNS; RUNS=1
  best_of glabels glabels-3-batch -o "$tmp/glabels.pdf" -i "$tmp/data.csv" "$tmp/kis.glabels"
  RUNS=$RUNS_SAVED
  g_wall=$best_wall; g_rss=$best_rss; g_kb=$(size_kb "$tmp/glabels.pdf")

  "$data" populate "$tmp/small.db" "$n" 2>/dev/null || true
  prepare='rm -f "$tmp"/small-run.db*; cp "$tmp/small.db" "$tmp/small-run.db"'
  best_of serah "$cli" --db "$tmp/small-run.db" print --separator none -o "$tmp/serah-$n.pdf"
  prepare=
  rm -f "$tmp"/small.db*
  n_wall=$best_wall; n_rss=$best_rss; n_kb=$(size_kb "$tmp/serah-$n.pdf")

  echo "print: $n cards, Serah against glabels-3-batch"
  printf "  %-26s %8s s %8s MB %7s KB\n" "serah-cli print" "$n_wall" $((n_rss / 1024)) "$n_kb"
  printf "  %-26s %8s s %8s MB %7s KB\n" "glabels-3-batch" "$g_wall" $((g_rss / 1024)) "$g_kb"
  awk -v g="$g_wall" -v s="$n_wall" -v sk="$n_kb" -v gk="$g_kb" 'BEGIN {
    printf "  Serah is %.1fx faster; its PDF is %.2fx the size of gLabels\047 (goal: 10x, smaller)\n",
           g / s, sk / gk }'
done
