#!/usr/bin/env bash
# bench/run-server.sh BUILD_DIR [HANDOVERS]: what the office server (issue 16) costs a desk.
# Starts a throwaway PostgreSQL 15 cluster inside the build folder (same disk as the desks'
# databases, fsync on, synchronous_commit on, a Unix socket only), runs bench-server against
# it and stops it. Figures: scan to durable commit on an unlinked and a linked desk (p50,
# p99), the server's own one-row commit, and the time for desk B to hold desk A's handover.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
work="$build/bench-server"
bindir="$(pg_config --bindir)"
rm -rf "$work"
mkdir -p "$work/desks" "$work/sock"
pw="bench-admin-$$-$RANDOM"
run=()
# PostgreSQL refuses to run as root; then the cluster is the postgres user's.
if [ "$(id -u)" -eq 0 ]; then
  run=(runuser -u postgres --)
  chown postgres: "$work" "$work/sock"
fi
stop() {
  "${run[@]}" "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT
printf '%s\n' "$pw" >"$work/pw"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work/pw"
"${run[@]}" "$bindir/initdb" -D "$work/data" -U serah_admin --pwfile="$work/pw" -E UTF8 \
  --locale=C --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
"${run[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-k $work/sock -c listen_addresses= -p 5432" start >/dev/null
echo "disk: $(df -T "$work" | awk 'NR == 2 { print $1 " (" $2 ")" }'), PostgreSQL $("$bindir/postgres" --version | awk '{ print $3 }') on a Unix socket, fsync on"
"$build/bench/bench-server" "$work/desks" "$work/sock" "$pw" "${2:-500}"
