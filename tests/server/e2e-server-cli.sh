#!/usr/bin/env bash
# e2e-server-cli.sh: the office server (issue 16) through serah-cli, end to end (TAP), against a
# PostgreSQL 15 cluster this script starts (initdb, pg_ctl on a Unix socket in a temporary
# folder) and stops: init, desk-add, a wrong password refused with nothing stored, link with the
# password from the environment only (0600 passfile, none in the database), a handover online,
# the same card refused at a second desk (exit 1), the server stopped mid-ceremony (recorded
# locally, said so, status offline), back (sync sends it), unlink.
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
fixture=${SERAH_CEREMONY_FIXTURE:?SERAH_CEREMONY_FIXTURE must point at ceremony-fixture}
bindir=${SERAH_PG_BINDIR:?SERAH_PG_BINDIR must name PostgreSQL 15 server programs}
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-server-XXXXXX")
mkdir "$work/sock"
as_pg=()
# PostgreSQL refuses to run as root; then the cluster is the postgres user's.
if [ "$(id -u)" -eq 0 ]; then
  as_pg=(runuser -u postgres --)
  chown postgres: "$work" "$work/sock"
fi
pgctl() { "${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" "$@" >/dev/null; }
pg_start() {
  pgctl -l "$work/postgres.log" -w -o "-k $work/sock -c listen_addresses= -p 5432 -c fsync=off" start
}
trap 'pgctl -m immediate stop 2>/dev/null; rm -rf "$work"' EXIT

. "$(dirname "$0")/../e2e-lib.sh"

json() { jq -r "$1" "$work/out"; }
admin_pw="admin-e2e-$$-secret"
printf '%s\n' "$admin_pw" >"$work/pw"
[ "$(id -u)" -eq 0 ] && chown postgres: "$work/pw"
"${as_pg[@]}" "$bindir/initdb" -D "$work/data" -U serah_admin --pwfile="$work/pw" -E UTF8 \
  --locale=C --auth-local=scram-sha-256 --auth-host=scram-sha-256 >/dev/null || { echo "Bail out! initdb failed"; exit 1; }
pg_start || { echo "Bail out! the server did not start"; exit 1; }
admin_url="postgresql:///postgres?host=$work/sock&user=serah_admin"
url() { echo "postgresql:///postgres?host=$work/sock&user=$1&sslmode=disable"; }

"$fixture" populate "$work/kantor.db" 40 1000 >"$work/payloads.txt" || { echo "Bail out! fixture failed"; exit 1; }
card() { sed -n "${1}p" "$work/payloads.txt" | cut -d' ' -f1; }
s() { local db=$1; shift; "$cli" --db "$work/$db.db" --operator rina "$@"; }
# s_pw PASSWORD DESK ARGS...: the desk's password in the environment, as an office would.
s_pw() { local pw=$1; shift; SERAH_SERVER_PASSWORD="$pw" s "$@"; }

run 0 "create a ceremony" s kantor ceremony create --name "Penyerahan KIS" --date 2026-12-06 \
  --place "Pendopo" --json
ceremony=$(json .id)
run 0 "server init sets up the schema for this office database" \
  env SERAH_SERVER_ADMIN_PASSWORD="$admin_pw" "$cli" --db "$work/kantor.db" server init "$admin_url" --json
check "it says which schema version" test "$(json .schema_version)" = 4
for d in meja-1 meja-2; do
  run 0 "desk-add $d (password from the environment)" \
    env SERAH_SERVER_ADMIN_PASSWORD="$admin_pw" SERAH_SERVER_PASSWORD="pw-of-$d-0123456" \
    "$cli" --db "$work/kantor.db" server desk-add "$d" --url "$admin_url"
  cp "$work/kantor.db" "$work/$d.db"
done

run 1 "a wrong password is refused" s_pw not-it meja-1 server link "$(url meja-1)"
check "the message speaks of the password" grep -q "password" "$work/err"
check "nothing was stored: no passfile" test ! -e "$work/meja-1.db.pgpass"
run 0 "status after the refusal: not linked" s meja-1 server status --json
check "state unlinked" test "$(json .state)" = unlinked

for d in meja-1 meja-2; do
  run 0 "link $d" s_pw "pw-of-$d-0123456" "$d" server link "$(url "$d")"
done
check "the passfile is readable by its owner only" test "$(stat -c %a "$work/meja-1.db.pgpass")" = 600
check "the password is not in the database" \
  sh -c "! grep -qs 'pw-of-meja-1-0123456' '$work/meja-1.db' '$work/meja-1.db-wal'"

run 0 "handover at meja-1, online" \
  s meja-1 handover --ceremony "$ceremony" --card "$(card 1)" --allow-uninvited --station meja-1 --json
check "the handover says the server took it" test "$(json .server)" = online
run 1 "the same card at meja-2 is refused by the server" \
  s meja-2 handover --ceremony "$ceremony" --card "$(card 1)" --allow-uninvited --station meja-2 --json
check "refused as already handed over, naming meja-1" \
  sh -c "test \"\$(jq -r .refused.code '$work/out')\" = already-handed-over && grep -q meja-1 '$work/err'"

pgctl -m fast -w stop
run 0 "server stopped: meja-2 still records" \
  s meja-2 handover --ceremony "$ceremony" --card "$(card 2)" --allow-uninvited --station meja-2
check "and says it was recorded on this desk only" grep -q "on this desk only" "$work/err"
run 0 "status while the server is down" s meja-2 server status --json
check "offline, one handover waiting" \
  test "$(json .state)" = offline -a "$(json .pending_handovers)" = 1
run 1 "sync while the server is down is refused" s meja-2 server sync --json
check "as unreachable" test "$(json .refused.code)" = unreachable

pg_start
run 0 "server back: meja-2 syncs" s meja-2 server sync --json
check "it sent its handover and received meja-1's" \
  test "$(json .pushed_handovers)" = 1 -a "$(json .new_handovers)" = 1
check "it sent its audit entries to the office's log" test "$(json .pushed_audit_events)" -gt 0
run 0 "meja-1 syncs" s meja-1 server sync --json
check "it received meja-2's" test "$(json .new_handovers)" = 1
run 0 "status at meja-2" s meja-2 server status --json
check "online, nothing waiting" test "$(json .state)" = online -a "$(json .pending_handovers)" = 0

run 0 "unlink meja-2" s meja-2 server unlink
check "the passfile is gone" test ! -e "$work/meja-2.db.pgpass"
run 0 "status after unlink" s meja-2 server status --json
check "unlinked" test "$(json .state)" = unlinked

pgctl -m fast -w stop
finish 35
