#!/usr/bin/env bash
# bench/run-coverage-triggers.sh BUILD_DIR [N] [ROUNDS]: what the triggers keeping the coverage
# counts per ceremony (issue #10, coverage_ceremony_areas) cost, against the same binary with
# those four triggers dropped, rounds alternating in the same run: importing a list of N
# people (gen-participants) into a fresh database, inviting all of them to one ceremony
# (`ceremony create --where kecamatan=...` for every kecamatan), and importing the same list
# again with every person moved to another row's desa (the area trigger's worst case: everyone
# is invited). Then the coverage of that ceremony from the kept counts against the query it
# replaced, on the same file, in sqlite3, and whether both give the same rows.
# CPU = user + sys of the process (/usr/bin/time); the load average is printed.
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
n="${2:-100000}"
rounds="${3:-2}"
here="$(cd "$(dirname "$0")" && pwd)"
export SERAH_TEMPLATES_DIR="${SERAH_TEMPLATES_DIR:-$here/../print-templates}"
export SERAH_AREAS_DIR="${SERAH_AREAS_DIR:-$here/../data/areas}"
cli="$build/app/cli/serah-cli"
work="$(mktemp -d "${TMPDIR:-/tmp}/serah-bench-covtrig-XXXXXX")"
trap 'rm -rf "$work"' EXIT

"$build/bench/gen-participants" "$n" "$work/list.csv"
# Everyone moved: row i takes the desa and kecamatan of row i+1 (the last takes the first's).
python3 - "$work/list.csv" "$work/moved.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))
head, body = rows[0], rows[1:]
d, k = head.index('DESA'), head.index('KECAMATAN')
areas = [(r[d], r[k]) for r in body]
with open(sys.argv[2], 'w', newline='', encoding='utf-8') as f:
    w = csv.writer(f)
    w.writerow(head)
    for i, r in enumerate(body):
        r[d], r[k] = areas[(i + 1) % len(areas)]
        w.writerow(r)
PY

cpu () { # cpu LABEL COMMAND...: prints "LABEL cpu wall"
  local label="$1"; shift
  /usr/bin/time -f "%U %S %e" -o "$work/t" "$@" >/dev/null 2>&1
  read -r u s e <"$work/t"
  printf '%-8s %-10s %6.2f s CPU %6.2f s wall\n' "$variant" "$label" "$(echo "$u + $s" | bc)" "$e"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); $n participants, $rounds rounds"
for r in $(seq "$rounds"); do
  for variant in with without; do
    db="$work/$variant-$r.db"
    "$cli" --db "$db" operator list >/dev/null 2>&1 || true
    if [ "$variant" = without ]; then
      sqlite3 "$db" "DROP TRIGGER coverage_ceremony_invitations;
        DROP TRIGGER coverage_ceremony_state_insert; DROP TRIGGER coverage_ceremony_state_delete;
        DROP TRIGGER coverage_ceremony_participants_area;"
    fi
    cpu import "$cli" --db "$db" import "$work/list.csv"
    where=()
    while IFS= read -r k; do where+=(--where "kecamatan=$k"); done \
      < <(sqlite3 "$db" "SELECT DISTINCT kecamatan FROM participants WHERE kecamatan IS NOT NULL")
    cpu invite "$cli" --db "$db" ceremony create --name Bench --date 2026-12-06 --place Aula "${where[@]}"
    cpu moved "$cli" --db "$db" import "$work/moved.csv"
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

db="$work/with-1.db"
cat >"$work/old.sql" <<'SQL'
SELECT a.kecamatan, a.desa, a.participants, a.printed, x.invited, x.to_self, x.to_representative,
       x.not_collected
  FROM (SELECT coalesce (p.kecamatan, '') AS k, coalesce (p.desa, '') AS d, sum (y.invited) AS invited,
               coalesce (sum (y.recipient = 'self'), 0) AS to_self,
               coalesce (sum (y.recipient = 'representative'), 0) AS to_representative,
               sum (y.invited AND y.recipient IS NULL) AS not_collected
          FROM (SELECT i.participant_id AS pid, 1 AS invited, s.recipient AS recipient
                  FROM ceremony_invitations i
                  LEFT JOIN ceremony_state s ON s.ceremony_id = i.ceremony_id
                                            AND s.participant_id = i.participant_id
                 WHERE i.ceremony_id = 1
                UNION ALL
                SELECT s.participant_id, 0, s.recipient FROM ceremony_state s
                 WHERE s.ceremony_id = 1
                   AND NOT EXISTS (SELECT 1 FROM ceremony_invitations i
                                    WHERE i.ceremony_id = 1 AND i.participant_id = s.participant_id)) y
          JOIN participants p ON p.id = y.pid GROUP BY 1, 2) x
  JOIN coverage_areas a ON a.kecamatan = x.k AND a.desa = x.d
 ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE, 1, 2;
SQL
cat >"$work/new.sql" <<'SQL'
SELECT a.kecamatan, a.desa, a.participants, a.printed, x.invited, x.to_self, x.to_representative,
       x.not_collected
  FROM coverage_ceremony_areas x JOIN coverage_areas a ON a.kecamatan = x.kecamatan AND a.desa = x.desa
 WHERE x.ceremony_id = 1 AND x.invited + x.to_self + x.to_representative > 0
 ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE, 1, 2;
SQL
variant=query
cpu old sqlite3 "$db" ".read $work/old.sql"
cpu kept sqlite3 "$db" ".read $work/new.sql"
sqlite3 "$db" ".read $work/old.sql" >"$work/old.out"
sqlite3 "$db" ".read $work/new.sql" >"$work/new.out"
if cmp -s "$work/old.out" "$work/new.out"; then
  echo "coverage of the ceremony: kept counts = old query ($(wc -l <"$work/new.out") areas)"
else
  echo "coverage of the ceremony: kept counts DIFFER from the old query" >&2
  exit 1
fi
variant=cli
cpu report "$cli" --db "$db" report coverage --ceremony 1 --format csv -o "$work/cov.csv"
