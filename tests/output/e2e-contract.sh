#!/usr/bin/env bash
# e2e-contract.sh: the exit-code and JSON contract of serah-cli, table-driven (TAP).
# The table is the one in README.md between <!-- exit-contract:begin/end -->: for every row
# a scenario below provokes the failure and the test checks the exit status and the JSON
# "code" against the row. A row without a scenario, or a scenario without a row, fails: the
# README and the program cannot drift apart (issue 17).
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
fixture=${SERAH_CEREMONY_FIXTURE:?SERAH_CEREMONY_FIXTURE must point at ceremony-fixture}
make_db() { "$fixture" demo "$@"; }
readme="$(dirname "$0")/../../README.md"
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-contract-XXXXXX")
lock_pid=
cleanup() {
  [ -n "$lock_pid" ] && kill "$lock_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
export XDG_STATE_HOME="$work/state"
. "$(dirname "$0")/../e2e-lib.sh"

db="$work/office.db"
make_db "$db" 5 >/dev/null
s() { "$cli" --db "$db" --json "$@"; }
# As another account: the permission scenarios must not run as root (root may write
# anything); setpriv drops to nobody when the test runs as root.
as_other() {
  if [ "$(id -u)" = 0 ]; then
    setpriv --reuid 65534 --regid 65534 --clear-groups "$@"
  else
    "$@"
  fi
}

# ---- the scenarios, one per code ----
scenario_ok() { s stats; }
scenario_protected_file() { s export participants -o "$db-wal"; }
scenario_file_exists() {
  echo keep >"$work/exists.csv"
  s report coverage --format csv -o "$work/exists.csv"
}
scenario_disk_full() { s report coverage --format csv -o /dev/full; }
scenario_permission_denied() {
  mkdir -p "$work/shared" && cp "$db" "$work/shared/p.db"
  chmod 755 "$work" "$work/shared" && chmod 644 "$work/shared/p.db"
  [ "$(id -u)" = 0 ] || chmod 444 "$work/shared/p.db"
  as_other "$cli" --db "$work/shared/p.db" --json stats
}
scenario_read_only() {
  mkdir -p "$work/ro" && cp "$db" "$work/ro/r.db"
  chmod 755 "$work" && chmod 666 "$work/ro/r.db" && chmod 555 "$work/ro"
  as_other "$cli" --db "$work/ro/r.db" --json stats
}
scenario_busy() {
  mkfifo "$work/sql-in" "$work/sql-out"
  sqlite3 "$db" <"$work/sql-in" >"$work/sql-out" &
  lock_pid=$!
  exec 7>"$work/sql-in" 8<"$work/sql-out"
  echo "BEGIN IMMEDIATE; SELECT 'locked';" >&7
  read -r -u 8 _
  SERAH_BUSY_TIMEOUT_MS=100 s ceremony create --name X --date 2026-11-24 --place Y \
    --where kecamatan=Labuan
  local rc=$?
  echo "COMMIT;" >&7
  exec 7>&- 8<&-
  wait "$lock_pid"
  lock_pid=
  return $rc
}
scenario_other_office() {
  make_db "$work/lain.db" 3 >/dev/null
  s restore "$work/lain.db"
}
scenario_too_new() {
  make_db "$work/new.db" 1 >/dev/null
  sqlite3 "$work/new.db" "PRAGMA user_version = 999"
  "$cli" --db "$work/new.db" --json stats
}
scenario_not_a_file() { s report coverage --format csv -o "$work"; }
scenario_not_serah_database() {
  sqlite3 "$work/other.db" "CREATE TABLE t (a)"
  "$cli" --db "$work/other.db" --json stats
}
scenario_damaged() {
  make_db "$work/broken.db" 200 >/dev/null
  # Garble the middle of the file: the pages of the participants' B-tree.
  local size
  size=$(stat -c %s "$work/broken.db")
  printf '\377%.0s' $(seq 1 4096) | dd of="$work/broken.db" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
  "$cli" --db "$work/broken.db" --json stats
}

# ---- the table ----
rows=$(sed -n '/<!-- exit-contract:begin -->/,/<!-- exit-contract:end -->/p' "$readme" |
       grep '^| `' | sed 's/^| `\([a-z-]*\)` | \([0-9]\) |.*/\1 \2/')
check "README.md has the contract table" test -n "$rows"
seen=" "
while read -r code want; do
  fn="scenario_${code//-/_}"
  seen="$seen$code "
  if ! declare -F "$fn" >/dev/null; then
    check "row $code has a scenario" false
    continue
  fi
  run "$want" "$code: exit $want" "$fn"
  if [ "$code" = ok ]; then
    check "  … prints \"ok\": true" test "$(jq -r .ok "$work/out")" = true
  else
    check "  … prints \"code\": \"$code\"" test "$(jq -r '.code // empty' "$work/out")" = "$code"
    check "  … and a message for people" test -s "$work/err"
    case $code in
      disk-full|permission-denied|read-only|busy)
        check "  … which never advises a restore" bash -c "! grep -qi restore '$work/err'" ;;
    esac
  fi
done <<<"$rows"
for fn in $(declare -F | awk '{print $3}' | grep '^scenario_'); do
  code=${fn#scenario_}
  code=${code//_/-}
  check "scenario $code is in the README table" bash -c "[[ '$seen' == *' $code '* ]]"
done

# ---- record numbers and counts are strict decimal (issue 17) ----
# GOption reads an INT64 option with strtoll base 0 ("0x10" is 16, "010" is 8) and the verbs
# read record numbers given as arguments with strtoll ("+1", " 1"): every one below goes
# through serah_cli_parse_id / serah_cli_option_int instead. Each bad spelling is bad usage
# (exit 2) before anything is opened or recorded.
id_uses=(
  "activity attend %s 3601010101010001"
  "feedback forward %s --to bpjs"
  "feedback resolve %s --response selesai"
  "registration status %s terverifikasi"
  "activity add --kind kampanye --date 2026-11-05 --place P --desa Teluk --kecamatan Labuan --ceremony %s"
  "feedback add --channel forum --category informasi --text t --activity %s"
  "registration list --activity %s"
  "survey answer pemahaman-jkn --phase before --date 2026-11-05 --answers 2,1,3,1,2 --activity %s"
  "survey skm add --unit U --date 2026-11-05 --answers 4,3,3,4,3,4,4,3,4 --activity %s"
  "survey skm report --population %s"
  "testimonial list --ceremony %s"
  "testimonial consent --id %s --consent anonymous"
  "print --template undangan --sheet a4-2x5 --ceremony %s -o $work/slips.pdf"
  "ceremony progress --ceremony %s"
  "ceremony create --name X --date 2026-11-24 --place Y --print-run %s"
)
for use in "${id_uses[@]}"; do
  for bad in 0 0x10 010 +1 " 1" 1e1 -1 1.5 ""; do
    # shellcheck disable=SC2059
    printf -v line "$use" "'$bad'"
    run 2 "${line%% -o *} is bad usage" eval "s $line"
  done
done
run 2 "--attendance -1 is bad usage" \
  s activity add --kind kampanye --date 2026-11-05 --place P --desa Teluk --kecamatan Labuan \
  --attendance -1
run 2 "--attendance 0x10 is bad usage" \
  s activity add --kind kampanye --date 2026-11-05 --place P --desa Teluk --kecamatan Labuan \
  --attendance 0x10
check "nothing was recorded by any of them" \
  test "$("$cli" --db "$db" activity list 2>/dev/null | grep -c Teluk)" = 0
check "no slip PDF was written" test ! -e "$work/slips.pdf"
run 0 "--attendance 0 is a count (nobody came)" \
  s activity add --kind kampanye --date 2026-11-05 --place P --desa Teluk --kecamatan Labuan \
  --attendance 0

finish
