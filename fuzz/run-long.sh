#!/usr/bin/env bash
# fuzz/run-long.sh SECONDS [BUILD_DIR [TARGET...]]: runs each fuzz target (all of
# BUILD_DIR/fuzz, default build-fuzz, or the ones named) for SECONDS, niced, one after the
# other, and prints for each: executions, time, executions per second, corpus size (units
# and bytes), new units found, and findings (crash, leak, timeout, out-of-memory).
#
# Checking for leaks after every input costs most of the time (LeakSanitizer scans the
# heap whenever an input leaves more blocks allocated than before, and SQLite's page cache
# does that as the scratch database grows), so the run itself fuzzes with -detect_leaks=0
# and then replays the whole corpus once with leak checks on: every input kept is checked.
#
# The working corpus of each target lives in BUILD_DIR/fuzz-corpus/NAME and grows from run
# to run; it starts as a copy of the seeds in fuzz/corpus/NAME (which stay as they are).
# Findings are left in BUILD_DIR/fuzz-findings/NAME/ with the log; replay one with
#   BUILD_DIR/fuzz/fuzz-NAME BUILD_DIR/fuzz-findings/NAME/crash-...
# Exit status 1 when any target found something.
set -uo pipefail
seconds="${1:?usage: fuzz/run-long.sh SECONDS [BUILD_DIR [TARGET...]]}"
build="${2:-build-fuzz}"
shift 2 2>/dev/null || shift $#
here="$(cd "$(dirname "$0")" && pwd)"
# fontconfig's process-lifetime caches (Pango, when a target draws text) are not leaks of
# Serah's; the same narrow suppressions as the sanitizer test run.
# The shipped data, as the tests find it (no source path is compiled into Serah).
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$here/../print-templates}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$here/../data/areas}"
export LSAN_OPTIONS="suppressions=$here/../tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"

targets=()
if [ $# -gt 0 ]; then
  for name in "$@"; do targets+=("$build/fuzz/fuzz-$name"); done
else
  for t in "$build"/fuzz/fuzz-*; do [ -f "$t" ] && [ -x "$t" ] && targets+=("$t"); done
fi

printf '%-10s %12s %8s %10s %8s %10s %8s  %s\n' target executions seconds exec/s units bytes new findings
status=0
for t in "${targets[@]}"; do
  name="$(basename "$t")"; name="${name#fuzz-}"
  corpus="$build/fuzz-corpus/$name"
  findings="$build/fuzz-findings/$name"
  mkdir -p "$corpus" "$findings"
  cp -rn "$here/corpus/$name/." "$corpus/" 2>/dev/null || true
  units_before=$(find "$corpus" -type f | wc -l)
  log="$findings/run-$(date +%Y%m%d-%H%M%S).log"
  dict=(); [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
  start=$(date +%s)
  nice -n 10 "$t" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -detect_leaks=0 \
    -artifact_prefix="$findings/" -print_final_stats=1 "$corpus" >"$log" 2>&1
  rc=$?
  elapsed=$(( $(date +%s) - start ))
  if [ $rc -eq 0 ]; then
    nice -n 10 "$t" -runs=0 -timeout=10 -rss_limit_mb=2048 -detect_leaks=1 \
      -artifact_prefix="$findings/" "$corpus" >>"$log" 2>&1
    rc=$?
  fi
  execs=$(awk '/stat::number_of_executed_units/ {print $2; exit}' "$log")
  units=$(find "$corpus" -type f | wc -l)
  bytes=$(du -sb "$corpus" | awk '{print $1}')
  rate=$(( ${execs:-0} / (elapsed > 0 ? elapsed : 1) ))
  found=$(grep -ohE '(crash|leak|timeout|oom|slow-unit)-[0-9a-f]+' "$log" | sort -u | tr '\n' ' ')
  if [ $rc -ne 0 ] || [ -n "$found" ]; then
    status=1
    [ -z "$found" ] && found="exit status $rc, see $log"
  else
    found="none"
  fi
  printf '%-10s %12s %8s %10s %8s %10s %8s  %s\n' "$name" "${execs:-?}" "$elapsed" "$rate" \
    "$units" "$bytes" "$((units - units_before))" "$found"
  if [ "$found" != none ]; then
    grep -E 'ERROR|SUMMARY|ASSERT|assertion|#[0-9]+ 0x' "$log" | head -25 | sed 's/^/    /'
  fi
done
exit $status
