#!/usr/bin/env bash
# e2e-admin.sh: serah-cli's operator, audit, backup and restore verbs end to end (TAP).
# Each PIN check costs ~170 ms on purpose; the whole script takes a few seconds.
set -u

cli=${SERAH_CLI:?SERAH_CLI must point at serah-cli}
work=$(mktemp -d "${TMPDIR:-/tmp}/serah-e2e-admin-XXXXXX")
trap 'rm -rf "$work"' EXIT
db="$work/kantor.db"
. "$(dirname "$0")/../e2e-lib.sh"

admin() { SERAH_PIN=204718 "$cli" --db "$db" --operator ani "$@"; }

# ---- bootstrap ----
run 0 "an empty database lists no operators" "$cli" --db "$db" operator list
run 1 "the first operator must be an administrator" \
  env SERAH_PIN_NEW=550123 "$cli" --db "$db" operator add budi --role officer
run 2 "a PIN too easy to guess is refused" \
  env SERAH_PIN_NEW=123456 "$cli" --db "$db" operator add ani --role admin
run 2 "there is no way to give a PIN on the command line" \
  "$cli" --db "$db" operator add ani --role admin --pin 204718
run 2 "without SERAH_PIN_NEW and no terminal, a new PIN is not guessed" \
  "$cli" --db "$db" operator add ani --role admin
run 0 "the first administrator is added" \
  env SERAH_PIN_NEW=204718 "$cli" --db "$db" operator add ani --role admin --full-name "Ani Lestari"

# ---- roles and PINs ----
run 2 "once operators exist, --operator is required" \
  env SERAH_PIN_NEW=550123 "$cli" --db "$db" operator add budi --role officer
run 2 "and so is the PIN" \
  env SERAH_PIN_NEW=550123 "$cli" --db "$db" --operator ani operator add budi --role officer
run 1 "a wrong PIN is refused" \
  env SERAH_PIN=204710 SERAH_PIN_NEW=550123 "$cli" --db "$db" --operator ani operator add budi --role officer
check "the refusal says the PIN was wrong" grep -q "Wrong PIN" "$work/err"
run 0 "the administrator adds an officer" \
  env SERAH_PIN_NEW=550123 SERAH_PIN=204718 "$cli" --db "$db" --operator ani operator add budi --role officer
run 1 "an officer cannot add operators" \
  env SERAH_PIN=550123 SERAH_PIN_NEW=731902 "$cli" --db "$db" --operator budi operator add citra --role officer
run 1 "an officer cannot make a backup" \
  env SERAH_PIN=550123 "$cli" --db "$db" --operator budi backup -o "$work/stolen.db"
check "and no file was written" test ! -e "$work/stolen.db"
run 0 "operators list as JSON" "$cli" --db "$db" --json operator list
check "both operators with their roles" \
  grep -q '"name":"ani".*"role":"admin".*"name":"budi".*"role":"officer"' "$work/out"
check "no PIN appears in the database file" \
  bash -c "! grep -a -q -e 204718 -e 550123 '$db'"
check "only Argon2id hashes are stored" grep -a -q 'argon2id' "$db"

# ---- lockout ----
for i in 1 2 3 4; do
  run 1 "wrong PIN $i of 5 for budi" env SERAH_PIN=999991 "$cli" --db "$db" --operator budi operator pin budi
done
run 1 "the fifth wrong PIN locks budi" env SERAH_PIN=999991 "$cli" --db "$db" --operator budi operator pin budi
check "the message says locked and for how long" grep -q "locked until .* (5 minutes)" "$work/err"
run 1 "while locked, even the right PIN is refused" \
  env SERAH_PIN=550123 SERAH_PIN_NEW=661204 "$cli" --db "$db" --operator budi operator pin budi
run 0 "an administrator sets a new PIN, which lifts the lock" \
  env SERAH_PIN=204718 SERAH_PIN_NEW=661204 "$cli" --db "$db" --operator ani operator pin budi
run 0 "budi changes his own PIN with the new one" \
  env SERAH_PIN=661204 SERAH_PIN_NEW=550123 "$cli" --db "$db" --operator budi operator pin budi

# ---- disabling ----
run 1 "the last administrator cannot be disabled" admin operator disable ani
run 0 "budi is disabled" admin operator disable budi
run 1 "a disabled operator is refused" \
  env SERAH_PIN=550123 SERAH_PIN_NEW=731902 "$cli" --db "$db" --operator budi operator pin budi
run 0 "budi is enabled again" admin operator enable budi

# ---- audit ----
run 1 "an officer cannot read the audit log" \
  env SERAH_PIN=550123 "$cli" --db "$db" --operator budi audit
run 0 "the audit log lists operator changes" admin --json audit --action operator.
check "with the add, the lock, the PIN change and the disable" \
  bash -c "grep -q '\"action\":\"operator.add\"' '$work/out' &&
           grep -q '\"action\":\"operator.locked\"' '$work/out' &&
           grep -q '\"action\":\"operator.pin\"' '$work/out' &&
           grep -q '\"action\":\"operator.disable\"' '$work/out'"
check "no PIN in the audit log" bash -c "! grep -q -e 204718 -e 550123 -e 661204 '$work/out'"
# Yesterday, not today: the events were recorded moments ago, perhaps just before midnight.
run 0 "--since yesterday keeps the recent events" admin audit --since "$(date -d yesterday +%Y-%m-%d)" --limit 3
check "and --limit 3 gives three lines" test "$(wc -l <"$work/out")" -eq 3
run 0 "--since the day after tomorrow gives nothing" admin audit --since "$(date -d '2 days' +%Y-%m-%d)"
check "nothing indeed" test ! -s "$work/out"
run 2 "a bad date is bad usage" admin audit --since 2024-02-30

# ---- backup and restore ----
run 0 "the administrator makes a backup" admin backup -o "$work/b1.db"
check "the backup is readable by its owner only" test "$(stat -c %a "$work/b1.db")" = 600
run 1 "an existing file is never overwritten" admin backup -o "$work/b1.db"
run 0 "a third operator is added after the backup" \
  env SERAH_PIN=204718 SERAH_PIN_NEW=731902 "$cli" --db "$db" --operator ani operator add citra --role officer

cp "$db" "$work/before.db"
printf 'nik,nomor_kartu,nama\n3601010101800001,0001234567890,Budi\n' >"$work/peserta.csv"
printf '\211PNG\r\n\032\n\0\0\0\rIHDR' >"$work/kartu.png"
: >"$work/empty.db"
head -c 20000 "$work/b1.db" >"$work/cut.db"
cp "$work/b1.db" "$work/newer.db"
sqlite3 "$work/newer.db" "PRAGMA user_version = 99"
for bad in peserta.csv kartu.png empty.db cut.db; do
  run 2 "restore refuses $bad" admin restore "$work/$bad"
  check "and $bad left the database byte for byte as it was" cmp -s "$db" "$work/before.db"
done
run 1 "restore refuses a backup from a newer Serah" admin restore "$work/newer.db"
check "and says so" grep -q "newer Serah" "$work/err"
check "and the database is byte for byte as it was" cmp -s "$db" "$work/before.db"
check "no pre-restore backup was made for refusals" test ! -e "$work/backups"
# ---- the full integrity check on demand (issue #10: opening no longer runs it on a big file) ----
run 0 "check says a sound database is sound" "$cli" --db "$db" --json check
check "in JSON" grep -q '"integrity":"ok"' "$work/out"
cp "$work/b1.db" "$work/damaged.db"
# Overwrite two pages near the start with 0xA5 (a backup is in DELETE mode: no WAL).
head -c 8192 /dev/zero | tr '\0' '\245' |
  dd of="$work/damaged.db" bs=4096 seek=2 conv=notrunc status=none
cp "$work/damaged.db" "$work/damaged-before.db"
# Damaged is unreadable input: exit 2 and code "damaged", as for every verb (README, contract).
run 2 "check refuses a damaged database" "$cli" --db "$work/damaged.db" check
check "and says to restore it" grep -q "restore it from a backup" "$work/err"
check "and leaves it byte for byte as it was" cmp -s "$work/damaged.db" "$work/damaged-before.db"
run 1 "an officer cannot restore" env SERAH_PIN=550123 "$cli" --db "$db" --operator budi restore "$work/b1.db"

run 0 "the administrator restores the backup" admin --json restore "$work/b1.db"
check "the JSON names the pre-restore backup" grep -q '"previous_saved_to":".*/backups/kantor-[0-9]\{8\}-[0-9]\{6\}-pre-restore.db"' "$work/out"
run 0 "after the restore" "$cli" --db "$db" operator list
check "citra, added after the backup, is gone" bash -c "! grep -q citra '$work/out'"
run 0 "the automatic backups are listed" "$cli" --db "$db" backup --list
check "with the pre-restore one" grep -q "pre-restore" "$work/out"
run 0 "the restore is in the audit log" admin audit --action restore
check "under the administrator's name" grep -q "ani .*restore" "$work/out"

finish
