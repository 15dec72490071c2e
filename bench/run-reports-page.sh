#!/usr/bin/env bash
# bench/run-reports-page.sh BUILD_DIR [N]: the Laporan page's "not yet collected" table
# (bench-reports-page under Xvfb, 1366x768, GSK_RENDERER=cairo): time until the first rows are
# bound, scroll bar jumps to the middle and the end, CPU and peak RSS, on a register of N
# participants with printed cards (default 100 000; ceremony-fixture populate, as
# run-report.sh) beside a reference of 1 000 built the same way in the same run; and on
# $SERAH_BENCH_DB too if set (bench/run's 1 000 000-row register).
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
n="${2:-100000}"
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$(cd "$(dirname "$0")/../print-templates" && pwd)}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$(cd "$(dirname "$0")/../data/areas" && pwd)}"
export GSK_RENDERER=cairo GDK_DEBUG=gl-disable GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1
work="$(mktemp -d "${TMPDIR:-/tmp}/serah-bench-laporan-XXXXXX")"
trap 'rm -rf "$work"' EXIT

run () {
  echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  xvfb-run -a -s "-screen 0 1366x768x24" "$build/bench/bench-reports-page" "$1" 2>/dev/null
}
for size in 1000 "$n"; do
  "$build/tests/ceremony-fixture" populate "$work/$size.db" "$size" >/dev/null
  run "$work/$size.db"
done
if [ -n "${SERAH_BENCH_DB:-}" ]; then
  run "$SERAH_BENCH_DB"
fi
