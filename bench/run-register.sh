#!/usr/bin/env bash
# bench/run-register.sh BUILD_DIR: participant import and search-as-you-type.
#
# Generates a realistic list of N participants (default 100 000; SERAH_BENCH_ROWS), then
#  - times `serah-cli import` into a fresh database beside sqlite3's own `.import` loading
#    the same file raw into a fresh table (no checks, no indexes): target within 3x;
#  - times importing the same file again (every row unchanged);
#  - times opening the imported database alone (serah-cli runs: header and schema only, the
#    full integrity check being on demand since issue #10; target under 50 ms) and the full
#    check on demand (serah-cli check);
#  - measures search as you type over the imported list (bench-search): what the paged
#    Peserta list asks (a capped count and a window of ids) against every match in area order;
#    target p99 under 10 ms and first search under 100 ms.
# Each import is run ROUNDS times (SERAH_BENCH_ROUNDS, default 3); the best and the median
# wall times are printed, with the CPU time of the best run, because the machine may be
# shared.
# Also (issue 10/17, import at kabupaten scale): it prints the import's maximum resident
# memory (/usr/bin/time -v; target under 150 MB whatever the size) and the load average, and
# with SERAH_BENCH_HANDOVER=1 times `serah-cli handover` every ~2 s while the list is imported
# into a printed office database (each within 1 s). The list (gen-participants) uses real
# Kemendagri kecamatan and desa codes, so every row takes the clean path (0 warnings);
# gen-participants --damaged spoils a quarter of them.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
# Card templates from the source tree: the build-tree programs have no installed copy.
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$(cd "$(dirname "$0")/../print-templates" && pwd)}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$(cd "$(dirname "$0")/../data/areas" && pwd)}"
rows="${SERAH_BENCH_ROWS:-100000}"
rounds="${SERAH_BENCH_ROUNDS:-3}"
cli="$build/app/cli/serah-cli"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

for tool in sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "run-register: $tool is needed" >&2; exit 2; }
done

"$build/bench/gen-participants" "$rows" "$tmp/list.csv"
echo "list: $rows participants, $(du -k "$tmp/list.csv" | cut -f1) KiB ($tmp/list.csv)"

# timed NAME COMMAND...: runs COMMAND $rounds times on a fresh state (prepare_NAME), and
# appends "wall user+sys" lines to $tmp/NAME.times.
timed () {
  local name="$1"; shift
  : > "$tmp/$name.times"
  for _ in $(seq "$rounds"); do
    "prepare_$name"
    python3 - "$tmp/$name.times" "$@" <<'EOF'
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
# posix_spawn and wait4: the CPU time of this child alone (subprocess's fork of the Python
# process would add some 0.05 s of its own to every figure).
devnull = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                    (os.POSIX_SPAWN_DUP2, devnull, 2)])
_, status, ru = os.wait4(pid, 0)
wall = time.perf_counter() - start
if os.waitstatus_to_exitcode(status) != 0:
    sys.exit("run-register: %s failed" % " ".join(cmd))
with open(out, "a") as f:
    f.write("%.3f %.3f\n" % (wall, ru.ru_utime + ru.ru_stime))
EOF
  done
}

summary () { # summary NAME -> "best median cpu_of_best"
  python3 - "$tmp/$1.times" <<'EOF'
import sys
runs = sorted(tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip())
print("%.3f %.3f %.3f" % (runs[0][0], runs[len(runs) // 2][0], runs[0][1]))
EOF
}

prepare_raw () { rm -f "$tmp/raw.db"; }
prepare_serah () { rm -f "$tmp/serah.db" "$tmp/serah.db-wal" "$tmp/serah.db-shm"; }
prepare_again () { :; }
prepare_open () { :; }
prepare_check () { :; }

timed raw sqlite3 "$tmp/raw.db" ".mode csv" ".import $tmp/list.csv participants_raw"

# The second reference (issue #10): what sqlite3 alone needs to load the same file into
# Serah's own schema, the way a big import loads it (one transaction; the area and name
# indexes and the per-row coverage count dropped first and made again at the end; the two
# FTS5 search indexes kept by their triggers; the two UNIQUE keys). No checks, no date or
# area conversion: everything Serah's import does beyond this is the importer's own cost.
"$cli" --db "$tmp/empty.db" runs >/dev/null 2>&1
sqlite3 "$tmp/empty.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
sqlite3 -batch "$tmp/empty.db" "SELECT sql || ';' FROM sqlite_schema WHERE name IN
  ('participants_by_area', 'participants_by_name', 'coverage_participants_insert')" > "$tmp/recreate.sql"
cat > "$tmp/floor.sql" <<EOF
PRAGMA cache_size = -32768;
.import --csv --schema temp $tmp/list.csv raw
BEGIN;
DROP INDEX participants_by_area; DROP INDEX participants_by_name;
DROP TRIGGER coverage_participants_insert;
INSERT INTO participants (nik, card_no, name, sex, birth_date, address, desa, kecamatan,
  faskes, care_class, created_at, updated_at)
  SELECT NIK, NOKA, NAMA, JK, TGL_LAHIR, ALAMAT, DESA, KECAMATAN, FASKES, KELAS, 1, 1
  FROM temp.raw;
PRAGMA cache_size = -16384;
$(cat "$tmp/recreate.sql")
UPDATE coverage_areas SET participants = 0 WHERE participants <> 0;
INSERT INTO coverage_areas (kecamatan, desa, participants)
  SELECT coalesce (kecamatan, ''), coalesce (desa, ''), count (*) FROM participants WHERE true
  GROUP BY 1, 2 ON CONFLICT DO UPDATE SET participants = excluded.participants;
COMMIT;
EOF
prepare_floor () { rm -f "$tmp/floor.db"*; cp "$tmp/empty.db" "$tmp/floor.db"; }
timed floor sqlite3 -bail "$tmp/floor.db" ".read $tmp/floor.sql"
[ "$(sqlite3 "$tmp/floor.db" "SELECT count(*) FROM participants")" = "$rows" ] ||
  { echo "run-register: the sqlite3 reference did not load $rows rows" >&2; exit 1; }
timed serah "$cli" --db "$tmp/serah.db" import "$tmp/list.csv"
"$cli" --db "$tmp/serah.db" --json import "$tmp/list.csv" > "$tmp/again.json" 2>/dev/null
timed again "$cli" --db "$tmp/serah.db" import "$tmp/list.csv"
timed open "$cli" --db "$tmp/serah.db" runs
timed check "$cli" --db "$tmp/serah.db" check
# The search indexes' share of the file (FTS5 tables and their shadow tables).
index_kib=$(sqlite3 "$tmp/serah.db" "SELECT sum(pgsize) / 1024 FROM dbstat WHERE name LIKE 'participant_names%' OR name LIKE 'participant_words%'" 2>/dev/null || echo "?")
db_kib=$(du -k "$tmp/serah.db" | cut -f1)

# Maximum resident memory of one import into a fresh database (GNU time's -v report).
prepare_serah
/usr/bin/time -v "$cli" --db "$tmp/serah.db" import "$tmp/list.csv" >/dev/null 2>"$tmp/rss.txt"
rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/rss.txt")
echo "  serah-cli import max RSS $((rss_kib / 1024)) MB (target < 150 MB: $([ "$rss_kib" -lt 153600 ] && echo met || echo MISSED)); load $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "${SERAH_BENCH_HANDOVER:-0}" = 1 ]; then
  # A printed office of 300 people with a ceremony for Kecamatan Labuan, then the list
  # imported into it while a scan is recorded every ~2 s by a separate serah-cli process.
  office="$tmp/office.db"
  "$build/tests/ceremony-fixture" populate "$office" 300 >"$tmp/payloads.txt"
  "$cli" --db "$office" ceremony create --name Bench --date 2026-11-24 --place Aula \
    --where kecamatan=Labuan >/dev/null 2>&1
  "$cli" --db "$office" --json ceremony pending --ceremony 1 2>/dev/null |
    python3 -c 'import json,sys; [print(p["card_no"]) for p in json.load(sys.stdin)["pending"]]' \
    >"$tmp/pending.txt"
  "$cli" --db "$office" import "$tmp/list.csv" >/dev/null 2>&1 &
  import_pid=$!
  sleep 1
  : >"$tmp/handover.times"
  while read -r card && kill -0 "$import_pid" 2>/dev/null; do
    payload=$(grep "^$card " "$tmp/payloads.txt" | cut -d' ' -f2)
    python3 - "$tmp/handover.times" "$cli" --db "$office" handover --ceremony 1 "$payload" <<'EOF2'
import os, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
devnull = os.open(os.devnull, os.O_WRONLY)
start = time.perf_counter()
pid = os.posix_spawnp(cmd[0], cmd, os.environ,
                      file_actions=[(os.POSIX_SPAWN_DUP2, devnull, 1),
                                    (os.POSIX_SPAWN_DUP2, devnull, 2)])
_, status, _ = os.wait4(pid, 0)
with open(out, "a") as f:
    f.write("%.3f %d\n" % (time.perf_counter() - start, os.waitstatus_to_exitcode(status)))
EOF2
    sleep 2
  done <"$tmp/pending.txt"
  wait "$import_pid"
  python3 - "$tmp/handover.times" <<'EOF2'
import sys
runs = [tuple(map(float, l.split())) for l in open(sys.argv[1]) if l.strip()]
walls = sorted(r[0] for r in runs)
ok = sum(1 for r in runs if r[1] == 0)
print("  handover during the import: %d scans, %d recorded; wall (with process start) "
      "median %.3f s, max %.3f s (target within 1 s: %s)"
      % (len(runs), ok, walls[len(walls) // 2], walls[-1],
         "met" if walls and walls[-1] <= 1 and ok == len(runs) else "MISSED"))
EOF2
fi

read -r raw_best raw_median raw_cpu < <(summary raw)
read -r serah_best serah_median serah_cpu < <(summary serah)
read -r floor_best floor_median floor_cpu < <(summary floor)
read -r again_best again_median again_cpu < <(summary again)
read -r open_best open_median open_cpu < <(summary open)
read -r check_best check_median check_cpu < <(summary check)
python3 - "$tmp/again.json" "$rows" <<EOF
import json, sys
j = json.load(open(sys.argv[1]))
assert j["unchanged"] == int(sys.argv[2]), j
ratio = $serah_best / $raw_best
print("import, best of $rounds (median) wall, CPU of the best run:")
print("  sqlite3 .import (raw, no checks) %6.3f s (%6.3f)  cpu %6.3f s" % ($raw_best, $raw_median, $raw_cpu))
print("  sqlite3 into Serah's schema      %6.3f s (%6.3f)  cpu %6.3f s" % ($floor_best, $floor_median, $floor_cpu))
print("  serah-cli import (fresh db)      %6.3f s (%6.3f)  cpu %6.3f s" % ($serah_best, $serah_median, $serah_cpu))
print("  serah-cli import (same again)    %6.3f s (%6.3f)  cpu %6.3f s" % ($again_best, $again_median, $again_cpu))
print("  serah-cli open (+ process start) %6.3f s (%6.3f)  cpu %6.3f s (target < 50 ms: %s)"
      % ($open_best, $open_median, $open_cpu, "met" if $open_cpu < 0.05 else "MISSED"))
print("  serah-cli check (full integrity) %6.3f s (%6.3f)  cpu %6.3f s" % ($check_best, $check_median, $check_cpu))
print("  database $db_kib KiB, of which the search indexes $index_kib KiB")
print("  ratio serah/raw: %.2fx wall, %.2fx cpu (target <= 3x wall: %s)"
      % (ratio, $serah_cpu / $raw_cpu, "met" if ratio <= 3 else "MISSED"))
print("  ratio schema-reference/raw: %.2fx wall, %.2fx cpu (sqlite3 alone, Serah's indexes)"
      % ($floor_best / $raw_best, $floor_cpu / $raw_cpu))
print("  ratio serah/schema-reference: %.2fx wall, %.2fx cpu"
      % ($serah_best / $floor_best, $serah_cpu / $floor_cpu))
EOF

# The Peserta list (a paged model since issue #10) asks for a capped count and a window of 128
# ids per key press; the old question (every match in area order, limit 0) is timed too, with
# fewer rounds, as the reference measured in the same run.
"$build/bench/bench-search" "$tmp/serah.db" 128 20 | tee "$tmp/search.txt"
"$build/bench/bench-search" "$tmp/serah.db" 0 3 | sed 's/^/  [reference] /' | tee "$tmp/search-all.txt"
python3 - "$tmp/search.txt" "$tmp/search-all.txt" <<'EOF2'
import os, re, sys
def typical(path):
    for line in open(path):
        if "typical queries" in line:
            return tuple(map(float, re.findall(
                r"first\s+([\d.]+) ms\s+median\s+([\d.]+) ms\s+p99\s+([\d.]+) ms.*cpu median\s+([\d.]+) p99\s+([\d.]+)",
                line)[0]))
first, median, p99, cmedian, cp99 = typical(sys.argv[1])
rfirst, rmedian, rp99, rcmedian, rcp99 = typical(sys.argv[2])
# On a machine busier than its cores, wall times measure the scheduler (20 ms slices): the
# verdict then reads the thread's CPU time, and says so.
busy = os.getloadavg()[0] > os.cpu_count()
judged = cp99 if busy else p99
print("  search target (p99 < 10 ms, first < 100 ms): %s on %s; p99 wall %.1f ms / cpu %.1f ms,"
      " every match in area order (reference) wall %.1f ms / cpu %.1f ms (%.1fx cpu); first %.1f ms vs %.1f ms"
      % ("met" if judged < 10 and first < 100 else "MISSED", "cpu (machine loaded)" if busy else "wall",
         p99, cp99, rp99, rcp99, rcp99 / cp99 if cp99 > 0 else 0, first, rfirst))
EOF2

# bench/run keeps the imported database for the GUI start and the ceremony figures at 1M.
if [ -n "${SERAH_BENCH_KEEP_DB:-}" ]; then
  cp "$tmp/serah.db" "$SERAH_BENCH_KEEP_DB"
fi
