#!/usr/bin/env bash
# fuzz/run-smoke.sh BUILD_DIR [SECONDS]: runs every fuzz-* target in BUILD_DIR/fuzz for
# SECONDS (default 15) from its seed corpus (copied: the repository's corpus stays as is).
# Prints TAP; a crash, leak or timeout fails.
set -uo pipefail
build="$1"; seconds="${2:-15}"
here="$(cd "$(dirname "$0")" && pwd)"
# fontconfig's process-lifetime caches (Pango, when a target draws text) are not leaks of
# Serah's; the same narrow suppressions as the sanitizer test run.
# The shipped data, as the tests find it (no source path is compiled into Serah).
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$here/../print-templates}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$here/../data/areas}"
export LSAN_OPTIONS="suppressions=$here/../tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
targets=()
for t in "$build"/fuzz/fuzz-*; do [ -f "$t" ] && [ -x "$t" ] && targets+=("$t"); done
echo "1..${#targets[@]}"
n=0; failed=0
for t in "${targets[@]}"; do
  n=$((n + 1))
  name="$(basename "$t")"; name="${name#fuzz-}"
  work="$(mktemp -d)"
  cp -r "$here/corpus/$name/." "$work/" 2>/dev/null || true
  log="$work.log"
  dict=(); [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
  if "$t" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -artifact_prefix="$work/" \
       -print_final_stats=1 "$work" > "$log" 2>&1; then
    stats="$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}')"
    echo "ok $n - fuzz-$name ($stats executions in ${seconds}s)"
  else
    failed=1
    echo "not ok $n - fuzz-$name"
    tail -40 "$log" | sed 's/^/# /'
  fi
  rm -rf "$work" "$log"
done
exit $failed
