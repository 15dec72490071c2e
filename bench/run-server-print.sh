#!/usr/bin/env bash
# bench/run-server-print.sh BUILD_DIR [CARDS]: what serial blocks and print-run sync cost
# (issue 16). Starts a throwaway PostgreSQL 15 cluster inside the build folder (a Unix socket
# only), makes an office of CARDS demo participants and two linked desks, and times with
# serah-cli: a run of CARDS cards at the office (unlinked, AUTOINCREMENT) and at desk A
# (linked, serials from its block), desk A's sync (pushes the run and its cards), desk B's
# sync (pulls them) and a sync that finds nothing. Wall time and peak memory of each command.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
n="${2:-10000}"
src="$(cd "$(dirname "$0")/.." && pwd)"
cli="$build/app/cli/serah-cli"
work="$build/bench-server-print"
bindir="$(pg_config --bindir)"
rm -rf "$work"
mkdir -p "$work/sock"
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
pw="bench-admin-$$-$RANDOM"
printf '%s\n' "$pw" >"$work/pw"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work/pw"
"${run[@]}" "$bindir/initdb" -D "$work/data" -U serah_admin --pwfile="$work/pw" -E UTF8 \
  --locale=C --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null
"${run[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/postgres.log" -w \
  -o "-k $work/sock -c listen_addresses= -p 5432" start >/dev/null
admin="postgresql:///postgres?host=$work/sock&user=serah_admin"
export SERAH_TEMPLATES_DIR="$src/print-templates" SERAH_AREAS_DIR="$src/data/areas"

"$build/tests/ceremony-fixture" demo "$work/office.db" "$n" >/dev/null
SERAH_SERVER_ADMIN_PASSWORD="$pw" "$cli" --db "$work/office.db" server init "$admin" >/dev/null
for d in a b; do
  SERAH_SERVER_ADMIN_PASSWORD="$pw" SERAH_SERVER_PASSWORD="desk-$d-$pw" \
    "$cli" --db "$work/office.db" server desk-add "meja_$d" --url "$admin" >/dev/null
done
for d in a b; do
  cp "$work/office.db" "$work/$d.db"
  SERAH_SERVER_PASSWORD="desk-$d-$pw" "$cli" --db "$work/$d.db" server link \
    "postgresql:///postgres?host=$work/sock&user=meja_$d&sslmode=disable" 2>/dev/null
done
timed() {
  local what=$1; shift
  /usr/bin/time -f "$what: %e s, %M KB" "$@" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
  tail -1 "$work/err"
}
timed "print $n cards, unlinked" "$cli" --db "$work/office.db" print --template kis -o "$work/o.pdf"
timed "print $n cards, linked (block)" "$cli" --db "$work/a.db" print --template kis -o "$work/a.pdf"
timed "sync A (push $n cards)" "$cli" --db "$work/a.db" server sync
timed "sync B (pull $n cards)" "$cli" --db "$work/b.db" server sync
timed "sync B again (nothing new)" "$cli" --db "$work/b.db" server sync
echo "cards at B: $(sqlite3 "$work/b.db" 'SELECT count (*) FROM printed_cards')"
