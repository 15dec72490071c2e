#!/usr/bin/env bash
# bench/run-ceremony.sh BUILD_DIR [PARTICIPANTS] [HANDOVERS]: the check-off page's budgets
# with 100 000 participants invited: scan to durable commit and search as you type, median
# and p99 (target: p99 under 10 ms). The database lives inside the build folder, on the same
# disk as a real office database would (not tmpfs), so every commit pays its real fsync.
#
# Then (issue #10, "memory flat") inviting a whole register to one ceremony, for each size in
# SERAH_BENCH_INVITE_SIZES (default 100000; the issue's figures: "100000 1000000"): a
# gen-participants list imported with serah-cli, then `serah-cli ceremony create --where
# kecamatan=...` for every kecamatan, timed by /usr/bin/time -v (wall, CPU user+sys, max RSS),
# beside the same INSERT ... SELECT run by sqlite3 alone on a copy of the same file (its
# default cache and temp store) and, when SERAH_BENCH_BASELINE_CLI names another serah-cli
# (say main's), that one on another copy. SERAH_BENCH_INVITE_ONLY=1 skips the check-off part.
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
if [ "${SERAH_BENCH_INVITE_ONLY:-0}" != 1 ]; then
  "$build/bench/bench-ceremony" "$work/bench.db" "${2:-100000}" "${3:-3000}"
  rm -f "$work"/bench.db*
fi

# timed LABEL COMMAND...: one line of wall, CPU (user+sys) and max RSS from /usr/bin/time -v.
timed () {
  local label="$1"; shift
  /usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
  awk -v label="$label" -F': ' '
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { rss = $2 }
    /Elapsed \(wall clock\)/ { n = split ($2, p, ":"); w = p[n] + (n > 1 ? 60 * p[n - 1] : 0) }
    END { printf "  %-34s %7.2f s wall %7.2f s CPU %6.0f MB max RSS\n", label, w, u + s, rss / 1024 }
  ' "$work/time"
}

for n in ${SERAH_BENCH_INVITE_SIZES:-100000}; do
  "$build/bench/gen-participants" "$n" "$work/list.csv" >/dev/null
  "$build/app/cli/serah-cli" --db "$work/register.db" import "$work/list.csv" >/dev/null 2>&1
  where=()
  while IFS= read -r k; do where+=(--where "kecamatan=$k"); done \
    < <(sqlite3 "$work/register.db" "SELECT DISTINCT kecamatan FROM participants WHERE kecamatan IS NOT NULL")
  kecamatan_json="$(sqlite3 "$work/register.db" "SELECT json_group_array (k) FROM (SELECT DISTINCT kecamatan AS k FROM participants WHERE kecamatan IS NOT NULL)")"
  kecamatan_json="${kecamatan_json//\'/\'\'}" # quoted for the SQL text below
  echo "invite all $n into one ceremony ($(( ${#where[@]} / 2 )) kecamatan; load: $(cut -d' ' -f1-3 /proc/loadavg))"
  cp "$work/register.db" "$work/invite.db"
  timed "serah-cli ceremony create" "$build/app/cli/serah-cli" --db "$work/invite.db" \
    ceremony create --name Bench --date 2026-12-06 --place Aula "${where[@]}"
  invited="$(sqlite3 "$work/invite.db" "SELECT count (*) FROM ceremony_invitations")"
  [ "$invited" = "$n" ] || { echo "invited $invited of $n" >&2; exit 1; }
  if [ -n "${SERAH_BENCH_BASELINE_CLI:-}" ]; then
    cp "$work/register.db" "$work/invite.db"
    rm -f "$work"/invite.db-*
    timed "baseline serah-cli" "$SERAH_BENCH_BASELINE_CLI" --db "$work/invite.db" \
      ceremony create --name Bench --date 2026-12-06 --place Aula "${where[@]}"
  fi
  # The statement alone, as sqlite3 runs it (same triggers, same selection and source text).
  cp "$work/register.db" "$work/invite.db"
  rm -f "$work"/invite.db-*
  cat >"$work/invite.sql" <<SQL
PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;
BEGIN IMMEDIATE;
INSERT INTO ceremonies (uuid, name, date, place, created_at) VALUES ('bench', 'Bench', '2026-12-06', 'Aula', 0);
INSERT INTO ceremony_invitations (ceremony_id, participant_id, kecamatan, desa, invited_at, invited_by, source)
  SELECT (SELECT id FROM ceremonies WHERE uuid = 'bench'), p.id, coalesce (p.kecamatan, ''), coalesce (p.desa, ''), 0, 'bench',
         'selection kecamatan=' || (SELECT group_concat (value) FROM json_each ('$kecamatan_json'))
    FROM participants p
   WHERE p.kecamatan COLLATE NOCASE IN (SELECT value FROM json_each ('$kecamatan_json'))
  ON CONFLICT DO NOTHING;
COMMIT;
SQL
  timed "sqlite3 alone, same INSERT" sqlite3 "$work/invite.db" ".read $work/invite.sql"
  rm -f "$work"/invite.db* "$work"/register.db* "$work/list.csv"
done
