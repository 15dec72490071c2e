#!/usr/bin/env bash
# bench/run-ceremony.sh BUILD_DIR [PARTICIPANTS] [HANDOVERS]: the check-off page's budgets
# with 100 000 participants invited: scan to durable commit and search as you type, median
# and p99 (target: p99 under 10 ms). The database lives inside the build folder, on the same
# disk as a real office database would (not tmpfs), so every commit pays its real fsync.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
# Card templates from the source tree: the build-tree programs have no installed copy.
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$(cd "$(dirname "$0")/../print-templates" && pwd)}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$(cd "$(dirname "$0")/../data/areas" && pwd)}"
work="$build/bench-ceremony"
rm -rf "$work"
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
echo "disk: $(df -T "$work" | awk 'NR == 2 { print $1 " (" $2 ")" }'), synchronous=FULL, WAL"
"$build/bench/bench-ceremony" "$work/bench.db" "${2:-100000}" "${3:-3000}"
