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
# SERAH_BENCH_SKIP_HANDOVERS=1: only the register figure below.
if [ "${SERAH_BENCH_SKIP_HANDOVERS:-0}" != 1 ]; then
  "$build/bench/bench-server" "$work/desks" "$work/sock" "$pw" "${2:-500}"
fi

# Initial sync of a register (issue 16, "one register"): N participants (SERAH_BENCH_REGISTER,
# default 100 000; 0 skips) imported at desk A from gen-participants' list, pushed by A's
# first sync, then pulled by desk B, a copy of the office database that never imported, in its
# first sync (backup of B first, then the cursor's FETCHes into one SQLite transaction).
reg="${SERAH_BENCH_REGISTER:-100000}"
if [ "$reg" -gt 0 ]; then
  cli="$build/app/cli/serah-cli"
  export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$(cd "$(dirname "$0")/../print-templates" && pwd)}"
  export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$(cd "$(dirname "$0")/../data/areas" && pwd)}"
  r="$work/register"
  mkdir -p "$r"
  PGPASSWORD="$pw" "$bindir/psql" -q -h "$work/sock" -U serah_admin -d postgres \
    -c "CREATE DATABASE register" >/dev/null
  url="postgresql:///register?host=$work/sock"
  "$build/bench/gen-participants" "$reg" "$r/list.csv"
  export SERAH_SERVER_ADMIN_PASSWORD="$pw"
  "$cli" --db "$r/office.db" server init "$url&user=serah_admin" >/dev/null 2>&1
  for d in a b; do
    SERAH_SERVER_PASSWORD="reg-password-$d" "$cli" --db "$r/office.db" server desk-add "reg-$d" \
      --url "$url&user=serah_admin" >/dev/null 2>&1
  done
  unset SERAH_SERVER_ADMIN_PASSWORD
  for d in a b; do
    cp "$r/office.db" "$r/desk-$d.db"
    SERAH_SERVER_PASSWORD="reg-password-$d" "$cli" --db "$r/desk-$d.db" server link "$url&user=reg-$d" \
      2>/dev/null
  done
  # timed WHAT COMMAND...: one line "WHAT: wall s, user+sys s, max RSS MB".
  timed () {
    local what="$1"; shift
    /usr/bin/time -f "%e %U %S %M" -o "$r/time" "$@" >"$r/out" 2>"$r/err" ||
      { cat "$r/err" >&2; exit 1; }
    awk -v what="$what" '{ printf "%-48s wall %6.2f s   user+sys %6.2f s   max RSS %4d MB\n",
                          what, $1, $2 + $3, $4 / 1024 }' "$r/time"
  }
  echo "register: $reg participants"
  timed "import at desk A (local, for scale)" "$cli" --db "$r/desk-a.db" import "$r/list.csv"
  timed "desk A's first sync (push)" "$cli" --db "$r/desk-a.db" server sync
  timed "desk B's first sync (initial pull)" "$cli" --db "$r/desk-b.db" server sync
  grep -o "received [0-9]* participants" "$r/err" || true
  timed "desk B's next sync (nothing new)" "$cli" --db "$r/desk-b.db" server sync
  PGPASSWORD="$pw" "$bindir/psql" -At -h "$work/sock" -U serah_admin -d register -c \
    "SELECT 'server: ' || count (*) || ' participant versions, '
            || pg_size_pretty (pg_total_relation_size ('serah.participant_versions'))
            || ' with indexes' FROM serah.participant_versions"
fi
