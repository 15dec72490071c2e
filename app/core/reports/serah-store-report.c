/* serah-store-report.c: the queries behind the reports. They read the tables of the other
 * areas (participants, printed cards, invitations, the ceremony state index, handovers,
 * testimonials) and write nothing themselves.
 *
 * Each query is set-based (GROUP BY over joins of pre-aggregated CTEs) rather than a
 * correlated subquery per participant, so a register of 100 000 people reports in well
 * under a second. Coverage over every ceremony reads counts kept by triggers (schema v10,
 * below) so that it stays a read of a few hundred rows at a million participants (issue 10).
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <serah/register/serah-participant.h>

#include "reports/serah-store-report-private.h"

/* Schema v10: the coverage counts (issue 10). Grouping a million participants with three
 * look-ups each took 5 s; these tables keep the answer instead, maintained by triggers in the
 * same transaction as every change they depend on.
 *  - coverage_people: one row per participant that has a live card (printed, not voided, not
 *    an invitation slip), an invitation or a handover state, with those counts and the
 *    participant's current area. Sparse: a freshly imported register adds no row here.
 *  - coverage_areas: per current (kecamatan, desa), the figures of the coverage report over
 *    all ceremonies. Participants are counted by the participants triggers; the rest is the
 *    sum of each coverage_people row's contribution, added and taken back by its triggers:
 *    printed = has a live card; invited = invited to any ceremony; to_self = every handover
 *    state is 'self' (min (recipient) in the old query); to_representative = some state is
 *    'representative'; not_collected = a live card and no state at all.
 * Areas are coalesce (kecamatan, '') and coalesce (desa, ''), compared exactly, as the old
 * query's GROUP BY did. */
#define COV_AREA_OF(p) "coalesce (" p ".kecamatan, ''), coalesce (" p ".desa, '')"
#define COV_PLUS(r) \
  "(" r ".cards > 0), (" r ".invites > 0), (" r ".n_self > 0 AND " r ".n_rep = 0)," \
  " (" r ".n_rep > 0), (" r ".cards > 0 AND " r ".n_self + " r ".n_rep = 0)"
#define COV_MINUS(r) \
  "UPDATE coverage_areas SET printed = printed - (" r ".cards > 0)," \
  "  invited = invited - (" r ".invites > 0)," \
  "  to_self = to_self - (" r ".n_self > 0 AND " r ".n_rep = 0)," \
  "  to_representative = to_representative - (" r ".n_rep > 0)," \
  "  not_collected = not_collected - (" r ".cards > 0 AND " r ".n_self + " r ".n_rep = 0)" \
  " WHERE kecamatan = " r ".kecamatan AND desa = " r ".desa;"
#define COV_ADD(r) \
  "INSERT INTO coverage_areas (kecamatan, desa, printed, invited, to_self, to_representative," \
  "                            not_collected)" \
  "  VALUES (" r ".kecamatan, " r ".desa, " COV_PLUS (r) ")" \
  "  ON CONFLICT DO UPDATE SET printed = printed + excluded.printed," \
  "    invited = invited + excluded.invited, to_self = to_self + excluded.to_self," \
  "    to_representative = to_representative + excluded.to_representative," \
  "    not_collected = not_collected + excluded.not_collected;"
/* Adds to a participant's counts, creating the row at the participant's current area. */
#define COV_BUMP(pid, cards, invites, n_self, n_rep) \
  "INSERT INTO coverage_people (participant_id, kecamatan, desa, cards, invites, n_self, n_rep)" \
  "  SELECT p.id, " COV_AREA_OF ("p") ", " cards ", " invites ", " n_self ", " n_rep \
  "    FROM participants p WHERE p.id = " pid \
  "  ON CONFLICT DO UPDATE SET cards = cards + excluded.cards," \
  "    invites = invites + excluded.invites, n_self = n_self + excluded.n_self," \
  "    n_rep = n_rep + excluded.n_rep;"
#define COV_LIVE_CARD(pc) \
  " NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = " pc ".serial)" \
  " AND NOT EXISTS (SELECT 1 FROM print_runs r WHERE r.id = " pc ".print_run_id" \
  "                 AND r.kind = 'invitation')"

/* The participants of every area counted again from the register (a bulk import drops the
 * per-row trigger coverage_participants_insert, an UPSERT per new participant that cost 2.2 s
 * of CPU in a million-row import, and runs this once at its end: 0.35 s). */
const char serah_store_coverage_participants_recount[] =
  "UPDATE coverage_areas SET participants = 0 WHERE participants <> 0;"
  "INSERT INTO coverage_areas (kecamatan, desa, participants)"
  "  SELECT " COV_AREA_OF ("p") ", count (*) FROM participants p WHERE true GROUP BY 1, 2"
  "  ON CONFLICT DO UPDATE SET participants = excluded.participants;";

const char serah_store_schema_coverage[] =
  "CREATE TABLE coverage_areas ("
  "  kecamatan         TEXT NOT NULL,"
  "  desa              TEXT NOT NULL,"
  "  participants      INTEGER NOT NULL DEFAULT 0,"
  "  printed           INTEGER NOT NULL DEFAULT 0,"
  "  invited           INTEGER NOT NULL DEFAULT 0,"
  "  to_self           INTEGER NOT NULL DEFAULT 0,"
  "  to_representative INTEGER NOT NULL DEFAULT 0,"
  "  not_collected     INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (kecamatan, desa)"
  ") WITHOUT ROWID;"
  "CREATE TABLE coverage_people ("
  "  participant_id INTEGER PRIMARY KEY,"
  "  kecamatan      TEXT NOT NULL,"
  "  desa           TEXT NOT NULL,"
  "  cards          INTEGER NOT NULL DEFAULT 0,"
  "  invites        INTEGER NOT NULL DEFAULT 0,"
  "  n_self         INTEGER NOT NULL DEFAULT 0,"
  "  n_rep          INTEGER NOT NULL DEFAULT 0"
  ");"
  /* Filled from the data already there: participants per area first, then the people rows,
   * whose insert trigger adds their contribution. */
  "INSERT INTO coverage_areas (kecamatan, desa, participants)"
  "  SELECT " COV_AREA_OF ("p") ", count (*) FROM participants p GROUP BY 1, 2;"
  "CREATE TRIGGER coverage_people_insert AFTER INSERT ON coverage_people BEGIN "
  COV_ADD ("new")
  "END;"
  "CREATE TRIGGER coverage_people_update AFTER UPDATE ON coverage_people BEGIN "
  COV_MINUS ("old")
  COV_ADD ("new")
  "END;"
  "CREATE TRIGGER coverage_people_delete AFTER DELETE ON coverage_people BEGIN "
  COV_MINUS ("old")
  "END;"
  "INSERT INTO coverage_people (participant_id, kecamatan, desa, cards, invites, n_self, n_rep)"
  "  SELECT p.id, " COV_AREA_OF ("p") ", sum (x.cards), sum (x.invites), sum (x.n_self),"
  "         sum (x.n_rep)"
  "    FROM (SELECT pc.participant_id AS pid, 1 AS cards, 0 AS invites, 0 AS n_self, 0 AS n_rep"
  "            FROM printed_cards pc WHERE" COV_LIVE_CARD ("pc")
  "          UNION ALL SELECT participant_id, 0, 1, 0, 0 FROM ceremony_invitations"
  "          UNION ALL SELECT participant_id, 0, 0, recipient = 'self', recipient <> 'self'"
  "            FROM ceremony_state) x"
  "    JOIN participants p ON p.id = x.pid"
  "   GROUP BY p.id;"
  /* Kept up to date from here on. */
  "CREATE TRIGGER coverage_participants_insert AFTER INSERT ON participants BEGIN"
  "  INSERT INTO coverage_areas (kecamatan, desa, participants)"
  "    VALUES (" COV_AREA_OF ("new") ", 1)"
  "    ON CONFLICT DO UPDATE SET participants = participants + 1;"
  "END;"
  "CREATE TRIGGER coverage_participants_area AFTER UPDATE OF kecamatan, desa ON participants"
  "  WHEN coalesce (old.kecamatan, '') IS NOT coalesce (new.kecamatan, '')"
  "    OR coalesce (old.desa, '') IS NOT coalesce (new.desa, '') BEGIN"
  "  UPDATE coverage_areas SET participants = participants - 1"
  "    WHERE kecamatan = coalesce (old.kecamatan, '') AND desa = coalesce (old.desa, '');"
  "  INSERT INTO coverage_areas (kecamatan, desa, participants)"
  "    VALUES (" COV_AREA_OF ("new") ", 1)"
  "    ON CONFLICT DO UPDATE SET participants = participants + 1;"
  "  UPDATE coverage_people SET kecamatan = coalesce (new.kecamatan, ''),"
  "      desa = coalesce (new.desa, '')"
  "    WHERE participant_id = new.id;"
  "END;"
  "CREATE TRIGGER coverage_participants_delete AFTER DELETE ON participants BEGIN"
  "  UPDATE coverage_areas SET participants = participants - 1"
  "    WHERE kecamatan = coalesce (old.kecamatan, '') AND desa = coalesce (old.desa, '');"
  "  DELETE FROM coverage_people WHERE participant_id = old.id;"
  "END;"
  "CREATE TRIGGER coverage_printed_cards AFTER INSERT ON printed_cards"
  "  WHEN" COV_LIVE_CARD ("new") " BEGIN "
  COV_BUMP ("new.participant_id", "1", "0", "0", "0")
  "END;"
  /* A void takes back a live card; a slip's void or a second void of the same serial (the
   * primary key refuses it) changes nothing. */
  "CREATE TRIGGER coverage_card_voids AFTER INSERT ON card_voids"
  "  WHEN EXISTS (SELECT 1 FROM printed_cards pc WHERE pc.serial = new.serial"
  "               AND NOT EXISTS (SELECT 1 FROM print_runs r WHERE r.id = pc.print_run_id"
  "                               AND r.kind = 'invitation')) BEGIN"
  "  UPDATE coverage_people SET cards = cards - 1"
  "    WHERE participant_id = (SELECT participant_id FROM printed_cards WHERE serial = new.serial);"
  "END;"
  "CREATE TRIGGER coverage_invitations AFTER INSERT ON ceremony_invitations BEGIN "
  COV_BUMP ("new.participant_id", "0", "1", "0", "0")
  "END;"
  "CREATE TRIGGER coverage_state_insert AFTER INSERT ON ceremony_state BEGIN "
  COV_BUMP ("new.participant_id", "0", "0", "new.recipient = 'self'", "new.recipient <> 'self'")
  "END;"
  "CREATE TRIGGER coverage_state_delete AFTER DELETE ON ceremony_state BEGIN"
  "  UPDATE coverage_people SET n_self = n_self - (old.recipient = 'self'),"
  "      n_rep = n_rep - (old.recipient <> 'self')"
  "    WHERE participant_id = old.participant_id;"
  "END;";

/* Coverage counts per ceremony (issue 10, second step): the coverage of one ceremony that
 * invites a whole kabupaten grouped a million invitations and states by the participants'
 * current area (4 s at 1M). coverage_ceremony_areas keeps that answer per (ceremony, current
 * kecamatan, current desa): invited, handed to self, to a representative, and invited but not
 * handed over, exactly as the per-ceremony query below counted them (a handover without an
 * invitation counts as handed over, not as invited). Kept by triggers in the same
 * transaction as each change: an invitation (invitations are never deleted), a state row
 * appearing (handover) or going (undo; ceremony_state rows are never updated), and a
 * participant's area changing, which moves the participant's contribution to every ceremony
 * from the old area to the new one. That move looks the participant up per ceremony by
 * primary key (there are tens of ceremonies, not an index by participant), and only when
 * coverage_people says the participant has an invitation or a state at all, so that a
 * re-import moving people who were never invited costs one look-up each. */
#define COV_CER_AREA "coalesce (p.kecamatan, ''), coalesce (p.desa, '')"
/* One row per ceremony in which participant `pid` is invited or has a state: cid, inv, st
 * (has a state), self, rep. */
#define COV_CER_PERSON(pid) \
  "(SELECT c.id AS cid, i.participant_id IS NOT NULL AS inv, s.participant_id IS NOT NULL AS st," \
  "        coalesce (s.recipient = 'self', 0) AS self," \
  "        coalesce (s.recipient = 'representative', 0) AS rep" \
  "   FROM ceremonies c" \
  "   LEFT JOIN ceremony_invitations i ON i.ceremony_id = c.id AND i.participant_id = " pid \
  "   LEFT JOIN ceremony_state s ON s.ceremony_id = c.id AND s.participant_id = " pid \
  "  WHERE i.participant_id IS NOT NULL OR s.participant_id IS NOT NULL)"
#define COV_CER_UPSERT \
  "  ON CONFLICT DO UPDATE SET invited = invited + excluded.invited," \
  "    to_self = to_self + excluded.to_self," \
  "    to_representative = to_representative + excluded.to_representative," \
  "    not_collected = not_collected + excluded.not_collected;"

const char serah_store_schema_coverage_ceremonies[] =
  "CREATE TABLE coverage_ceremony_areas ("
  "  ceremony_id       INTEGER NOT NULL,"
  "  kecamatan         TEXT NOT NULL,"
  "  desa              TEXT NOT NULL,"
  "  invited           INTEGER NOT NULL DEFAULT 0,"
  "  to_self           INTEGER NOT NULL DEFAULT 0,"
  "  to_representative INTEGER NOT NULL DEFAULT 0,"
  "  not_collected     INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (ceremony_id, kecamatan, desa)"
  ") WITHOUT ROWID;"
  /* Filled from the data already there, with the query the report used before. */
  "INSERT INTO coverage_ceremony_areas (ceremony_id, kecamatan, desa, invited, to_self,"
  "                                     to_representative, not_collected)"
  "  SELECT y.cid, " COV_CER_AREA ", sum (y.invited),"
  "         coalesce (sum (y.recipient = 'self'), 0),"
  "         coalesce (sum (y.recipient = 'representative'), 0),"
  "         sum (y.invited AND y.recipient IS NULL)"
  "    FROM (SELECT i.ceremony_id AS cid, i.participant_id AS pid, 1 AS invited,"
  "                 s.recipient AS recipient"
  "            FROM ceremony_invitations i"
  "            LEFT JOIN ceremony_state s ON s.ceremony_id = i.ceremony_id"
  "                                      AND s.participant_id = i.participant_id"
  "          UNION ALL"
  "          SELECT s.ceremony_id, s.participant_id, 0, s.recipient FROM ceremony_state s"
  "           WHERE NOT EXISTS (SELECT 1 FROM ceremony_invitations i"
  "                              WHERE i.ceremony_id = s.ceremony_id"
  "                                AND i.participant_id = s.participant_id)) y"
  "    JOIN participants p ON p.id = y.pid"
  "   GROUP BY 1, 2, 3;"
  "CREATE TRIGGER coverage_ceremony_invitations AFTER INSERT ON ceremony_invitations BEGIN"
  "  INSERT INTO coverage_ceremony_areas (ceremony_id, kecamatan, desa, invited, to_self,"
  "                                       to_representative, not_collected)"
  "    SELECT new.ceremony_id, " COV_CER_AREA ", 1, 0, 0,"
  "           NOT EXISTS (SELECT 1 FROM ceremony_state s WHERE s.ceremony_id = new.ceremony_id"
  "                         AND s.participant_id = new.participant_id)"
  "      FROM participants p WHERE p.id = new.participant_id"
  COV_CER_UPSERT
  "END;"
  "CREATE TRIGGER coverage_ceremony_state_insert AFTER INSERT ON ceremony_state BEGIN"
  "  INSERT INTO coverage_ceremony_areas (ceremony_id, kecamatan, desa, invited, to_self,"
  "                                       to_representative, not_collected)"
  "    SELECT new.ceremony_id, " COV_CER_AREA ", 0, new.recipient = 'self',"
  "           new.recipient = 'representative',"
  "           -EXISTS (SELECT 1 FROM ceremony_invitations i WHERE i.ceremony_id = new.ceremony_id"
  "                      AND i.participant_id = new.participant_id)"
  "      FROM participants p WHERE p.id = new.participant_id"
  COV_CER_UPSERT
  "END;"
  "CREATE TRIGGER coverage_ceremony_state_delete AFTER DELETE ON ceremony_state BEGIN"
  "  UPDATE coverage_ceremony_areas"
  "     SET to_self = to_self - (old.recipient = 'self'),"
  "         to_representative = to_representative - (old.recipient = 'representative'),"
  "         not_collected = not_collected"
  "           + EXISTS (SELECT 1 FROM ceremony_invitations i WHERE i.ceremony_id = old.ceremony_id"
  "                       AND i.participant_id = old.participant_id)"
  "   WHERE ceremony_id = old.ceremony_id"
  "     AND (kecamatan, desa) = (SELECT " COV_CER_AREA " FROM participants p"
  "                               WHERE p.id = old.participant_id);"
  "END;"
  "CREATE TRIGGER coverage_ceremony_participants_area AFTER UPDATE OF kecamatan, desa"
  "  ON participants"
  "  WHEN (coalesce (old.kecamatan, '') IS NOT coalesce (new.kecamatan, '')"
  "        OR coalesce (old.desa, '') IS NOT coalesce (new.desa, ''))"
  "   AND EXISTS (SELECT 1 FROM coverage_people cp WHERE cp.participant_id = new.id"
  "                 AND cp.invites + cp.n_self + cp.n_rep > 0) BEGIN"
  "  UPDATE coverage_ceremony_areas"
  "     SET invited = invited - x.inv, to_self = to_self - x.self,"
  "         to_representative = to_representative - x.rep,"
  "         not_collected = not_collected - (x.inv AND NOT x.st)"
  "    FROM " COV_CER_PERSON ("new.id") " AS x"
  "   WHERE ceremony_id = x.cid AND kecamatan = coalesce (old.kecamatan, '')"
  "     AND desa = coalesce (old.desa, '');"
  "  INSERT INTO coverage_ceremony_areas (ceremony_id, kecamatan, desa, invited, to_self,"
  "                                       to_representative, not_collected)"
  "    SELECT x.cid, coalesce (new.kecamatan, ''), coalesce (new.desa, ''), x.inv, x.self,"
  "           x.rep, x.inv AND NOT x.st"
  "      FROM " COV_CER_PERSON ("new.id") " AS x WHERE true"
  COV_CER_UPSERT
  "END;";

/* Scope ?1: a ceremony id, or 0 for every ceremony. An invitation slip is recorded as printed
 * (its run's kind is 'invitation') but is no card: prn leaves those runs out (issue 11). */
#define SCOPE_CTES \
  "WITH cur AS (SELECT participant_id, min (recipient) AS recipient FROM ceremony_state" \
  "             WHERE ?1 = 0 OR ceremony_id = ?1 GROUP BY participant_id)," \
  " inv AS (SELECT DISTINCT participant_id FROM ceremony_invitations" \
  "         WHERE ?1 = 0 OR ceremony_id = ?1)," \
  " prn AS (SELECT participant_id, max (serial) AS serial FROM printed_cards pc" \
  "         WHERE NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = pc.serial)" \
  "           AND pc.print_run_id NOT IN (SELECT id FROM print_runs WHERE kind = 'invitation')" \
  "         GROUP BY participant_id) "

/* Who is expected to collect: invited to the ceremony, or, over all ceremonies, anyone
 * holding a printed card. */
#define EXPECTED \
  " (CASE WHEN ?1 = 0 THEN prn.participant_id IS NOT NULL ELSE inv.participant_id IS NOT NULL END) "

static GPtrArray *
run_rows (SerahStore *store, sqlite3_stmt *stmt, gint64 scope, gpointer (*from_row) (sqlite3_stmt *),
          GDestroyNotify free_func, const char *what, GError **error)
{
  sqlite3_bind_int64 (stmt, 1, scope);
  return serah_store_list_rows (store, stmt, from_row, free_func, what, error);
}

static gpointer
coverage_from_row (sqlite3_stmt *stmt)
{
  SerahCoverageRow *r = g_new0 (SerahCoverageRow, 1);

  r->kecamatan = serah_store_column_dup (stmt, 0);
  r->desa = serah_store_column_dup (stmt, 1);
  r->participants = sqlite3_column_int64 (stmt, 2);
  r->printed = sqlite3_column_int64 (stmt, 3);
  r->invited = sqlite3_column_int64 (stmt, 4);
  r->to_self = sqlite3_column_int64 (stmt, 5);
  r->to_representative = sqlite3_column_int64 (stmt, 6);
  r->not_collected = sqlite3_column_int64 (stmt, 7);
  return r;
}

/* Over every ceremony: the counts kept in coverage_areas (schema v10), a few hundred rows.
 * For one ceremony: participants and printed from coverage_areas, the rest from
 * coverage_ceremony_areas (kept per ceremony and current area), again a few hundred rows
 * whatever the ceremony's size. Only the areas the ceremony concerns. */
GPtrArray *
serah_store_report_coverage (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  if (ceremony_id == 0)
    stmt = serah_store_prepare (store,
      "SELECT kecamatan, desa, participants, printed, invited, to_self, to_representative,"
      "       not_collected"
      "  FROM coverage_areas WHERE participants > 0 AND ?1 = 0"
      " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE, kecamatan, desa", error);
  else
    stmt = serah_store_prepare (store,
      "SELECT a.kecamatan, a.desa, a.participants, a.printed, x.invited, x.to_self,"
      "       x.to_representative, x.not_collected"
      "  FROM coverage_ceremony_areas x"
      "  JOIN coverage_areas a ON a.kecamatan = x.kecamatan AND a.desa = x.desa"
      " WHERE x.ceremony_id = ?1 AND x.invited + x.to_self + x.to_representative > 0"
      " ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE, 1, 2", error);
  if (stmt == NULL)
    return NULL;
  return run_rows (store, stmt, ceremony_id, coverage_from_row,
                   (GDestroyNotify) serah_coverage_row_free,
                   _("Cannot count the coverage"), error);
}

/* The not-yet-collected list: participants expected to collect without a live handover in
 * scope ?1. A walk over the participants in the order of participants_by_area (kecamatan,
 * desa, name: the list's order, so no sort) with indexed look-ups per participant, instead
 * of the CTEs above: at a million rows those materialise two million-row tables and sort
 * the result in memory (temp_store is MEMORY), about 450 MB; this keeps memory flat.
 * "ceremonies CROSS JOIN ceremony_state" makes SQLite loop over the few ceremonies and look
 * each (ceremony, participant) up by primary key rather than scan ceremony_state per row.
 * The current card is the participant's latest serial that is not voided and not an invitation
 * slip (a slip is recorded as printed but is no card, issue 11). */
#define UNCOLLECTED_FROM \
  "  FROM participants p" \
  "  LEFT JOIN printed_cards pc ON pc.serial =" \
  "    (SELECT max (x.serial) FROM printed_cards x WHERE x.participant_id = p.id" \
  "        AND NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = x.serial)" \
  "        AND NOT EXISTS (SELECT 1 FROM print_runs r WHERE r.id = x.print_run_id" \
  "                          AND r.kind = 'invitation'))" \
  " WHERE NOT EXISTS (SELECT 1 FROM ceremonies c CROSS JOIN ceremony_state s" \
  "                   WHERE (?1 = 0 OR c.id = ?1) AND s.ceremony_id = c.id" \
  "                     AND s.participant_id = p.id)" \
  "   AND (CASE WHEN ?1 = 0 THEN pc.serial IS NOT NULL" \
  "        ELSE EXISTS (SELECT 1 FROM ceremony_invitations i" \
  "                      WHERE i.ceremony_id = ?1 AND i.participant_id = p.id) END)"

typedef struct {
  SerahUncollectedFunc func;
  gpointer             user_data;
  GString             *stack;
} UncollectedWalk;

static gboolean
uncollected_walk_row (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  UncollectedWalk *walk = user_data;
  const char *nik = (const char *) sqlite3_column_text (stmt, 1);
  const char *card_no = (const char *) sqlite3_column_text (stmt, 2);
  /* The full NIK never leaves this function. */
  g_autofree char *masked = serah_nik_mask (nik ? nik : "");
  SerahUncollectedRow row = { 0 };

  /* Borrowed from SQLite for the length of the call: no copy per row of a million. */
  row.participant_id = sqlite3_column_int64 (stmt, 0);
  row.nik_masked = masked;
  g_strlcpy (row.card_no, card_no ? card_no : "", sizeof row.card_no);
  row.name = (char *) sqlite3_column_text (stmt, 3);
  row.address = (char *) sqlite3_column_text (stmt, 4);
  row.desa = (char *) sqlite3_column_text (stmt, 5);
  row.kecamatan = (char *) sqlite3_column_text (stmt, 6);
  if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
    {
      g_string_printf (walk->stack, "%s #%d", sqlite3_column_text (stmt, 7),
                       sqlite3_column_int (stmt, 8));
      row.stack = walk->stack->str;
    }
  return walk->func (&row, walk->user_data, error);
}

gboolean
serah_store_report_uncollected_foreach (SerahStore *store, gint64 ceremony_id,
                                        SerahUncollectedFunc func, gpointer user_data,
                                        GError **error)
{
  g_autoptr(GString) stack = g_string_new (NULL);
  UncollectedWalk walk = { func, user_data, stack };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = serah_store_prepare (store,
    "SELECT p.id, p.nik, p.card_no, p.name, p.address, coalesce (p.desa, ''),"
    "       coalesce (p.kecamatan, ''), pc.stack_group, pc.stack_index"
    UNCOLLECTED_FROM
    /* NULL sorts just before '': the rows of a desa-less list still form one run. */
    " ORDER BY p.kecamatan COLLATE NOCASE, p.desa COLLATE NOCASE, p.name COLLATE NOCASE, p.id",
    error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  return serah_store_foreach_row (store, stmt, uncollected_walk_row, &walk,
                                  _("Cannot list the cards not yet collected"), error);
}

/* ---- the uncollected list a window at a time (the Laporan page, issue #10) ----
 *
 * The page held the whole list (a million rows, hundreds of MB). It now asks for the length
 * and for windows of ids. The length is the kept not_collected figures (coverage_areas over
 * all ceremonies, coverage_ceremony_areas for one), which count exactly the people the list
 * holds. A window is found the way "belum dilayani" finds its own: the list's order is the
 * participants_by_area index (kecamatan, desa, name NOCASE, id), its runs are the areas, and
 * the kept figures say how many each area holds, so the runs before the window are skipped by
 * adding up a few hundred figures and an OFFSET walks only inside one area (from its nearer
 * end). An area kept as '' stands for NULL and '' together; those runs (people without an
 * area) are read with coalesce, off the index: slower, but rare. */
#define UNC_KEEP \
  " AND NOT EXISTS (SELECT 1 FROM ceremonies c CROSS JOIN ceremony_state s" \
  "                 WHERE (?1 = 0 OR c.id = ?1) AND s.ceremony_id = c.id" \
  "                   AND s.participant_id = p.id)" \
  " AND (CASE WHEN ?1 = 0 THEN EXISTS (SELECT 1 FROM printed_cards x" \
  "        WHERE x.participant_id = p.id" \
  "          AND NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = x.serial)" \
  "          AND NOT EXISTS (SELECT 1 FROM print_runs r WHERE r.id = x.print_run_id" \
  "                            AND r.kind = 'invitation'))" \
  "      ELSE EXISTS (SELECT 1 FROM ceremony_invitations i" \
  "                    WHERE i.ceremony_id = ?1 AND i.participant_id = p.id) END)"
#define UNC_RUN_EXACT \
  "SELECT p.id FROM participants p INDEXED BY participants_by_area" \
  " WHERE p.kecamatan = ?2 COLLATE NOCASE AND p.desa = ?3 COLLATE NOCASE" UNC_KEEP
#define UNC_RUN_EMPTY \
  "SELECT p.id FROM participants p" \
  " WHERE coalesce (p.kecamatan, '') = ?2 COLLATE NOCASE" \
  "   AND coalesce (p.desa, '') = ?3 COLLATE NOCASE" UNC_KEEP
#define UNC_ASC \
  " ORDER BY p.kecamatan COLLATE NOCASE, p.desa COLLATE NOCASE, p.name COLLATE NOCASE, p.id" \
  " LIMIT ?4 OFFSET ?5"
#define UNC_DESC \
  " ORDER BY p.kecamatan COLLATE NOCASE DESC, p.desa COLLATE NOCASE DESC," \
  "          p.name COLLATE NOCASE DESC, p.id DESC LIMIT ?4 OFFSET ?5"

static gboolean
read_count (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  *(gint64 *) user_data = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

gint64
serah_store_report_uncollected_count (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), -1);

  stmt = serah_store_prepare (store, ceremony_id == 0
                                       ? "SELECT coalesce (sum (not_collected), 0)"
                                         "  FROM coverage_areas WHERE ?1 = 0"
                                       : "SELECT coalesce (sum (not_collected), 0)"
                                         "  FROM coverage_ceremony_areas WHERE ceremony_id = ?1",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (!serah_store_foreach_row (store, stmt, read_count, &n,
                                _("Cannot count the cards not yet collected"), error))
    return -1;
  return n;
}

typedef struct {
  char  *kecamatan;
  char  *desa;
  gint64 n;
} UncollectedRun;

static void
uncollected_run_clear (gpointer data)
{
  UncollectedRun *run = data;

  g_free (run->kecamatan);
  g_free (run->desa);
}

static gboolean
append_uncollected_run (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  UncollectedRun run = { serah_store_column_dup (stmt, 0), serah_store_column_dup (stmt, 1),
                         sqlite3_column_int64 (stmt, 2) };

  g_array_append_val ((GArray *) user_data, run);
  return TRUE;
}

static gboolean
append_uncollected_id (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val ((GArray *) user_data, id);
  return TRUE;
}

/* Appends up to count ids of one run from offset, read from its nearer end. */
static gboolean
uncollected_run_window (SerahStore *store, gint64 ceremony_id, const UncollectedRun *run,
                        gint64 offset, gint64 count, GArray *ids, GError **error)
{
  gboolean empty = run->kecamatan[0] == '\0' || run->desa[0] == '\0';
  gboolean backwards = FALSE;
  guint before = ids->len;
  sqlite3_stmt *stmt;

  if (offset > run->n / 2)
    {
      gint64 end = MIN (offset + count, run->n);
      if (end <= offset)
        return TRUE;
      backwards = TRUE;
      count = end - offset;
      offset = run->n - end;
    }
  if (empty)
    stmt = serah_store_prepare (store, backwards ? UNC_RUN_EMPTY UNC_DESC : UNC_RUN_EMPTY UNC_ASC,
                                error);
  else
    stmt = serah_store_prepare (store, backwards ? UNC_RUN_EXACT UNC_DESC : UNC_RUN_EXACT UNC_ASC,
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_text (stmt, 2, run->kecamatan, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, run->desa, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, count);
  sqlite3_bind_int64 (stmt, 5, offset);
  if (!serah_store_foreach_row (store, stmt, append_uncollected_id, ids,
                                _("Cannot list the cards not yet collected"), error))
    return FALSE;
  if (backwards)
    for (guint i = before, j = ids->len; i + 1 < j; i++, j--)
      {
        gint64 t = g_array_index (ids, gint64, i);
        g_array_index (ids, gint64, i) = g_array_index (ids, gint64, j - 1);
        g_array_index (ids, gint64, j - 1) = t;
      }
  return TRUE;
}

GArray *
serah_store_report_uncollected_window (SerahStore *store, gint64 ceremony_id, gint64 position,
                                       guint limit, GError **error)
{
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), limit);
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (UncollectedRun));
  sqlite3_stmt *stmt;
  gint64 start = 0;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  g_array_set_clear_func (runs, uncollected_run_clear);
  if (limit == 0)
    return g_steal_pointer (&ids);
  position = MAX (position, 0);
  stmt = serah_store_prepare (store, ceremony_id == 0
    ? "SELECT min (kecamatan), min (desa), sum (not_collected) FROM coverage_areas"
      " WHERE ?1 = 0 GROUP BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE"
      " HAVING sum (not_collected) > 0"
      " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE"
    : "SELECT min (kecamatan), min (desa), sum (not_collected) FROM coverage_ceremony_areas"
      " WHERE ceremony_id = ?1 GROUP BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE"
      " HAVING sum (not_collected) > 0"
      " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (!serah_store_foreach_row (store, stmt, append_uncollected_run, runs,
                                _("Cannot list the cards not yet collected"), error))
    return NULL;
  for (guint r = 0; r < runs->len && ids->len < limit; r++)
    {
      const UncollectedRun *run = &g_array_index (runs, UncollectedRun, r);
      gint64 offset = position + (gint64) ids->len - start;

      start += run->n;
      if (offset >= run->n)
        continue;
      if (!uncollected_run_window (store, ceremony_id, run, MAX (offset, 0), limit - ids->len,
                                   ids, error))
        return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
serah_store_report_uncollected_row (SerahStore *store, gint64 participant_id,
                                    SerahUncollectedFunc func, gpointer user_data,
                                    GError **error)
{
  g_autoptr(GString) stack = g_string_new (NULL);
  UncollectedWalk walk = { func, user_data, stack };
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  stmt = serah_store_prepare (store,
    "SELECT p.id, p.nik, p.card_no, p.name, p.address, coalesce (p.desa, ''),"
    "       coalesce (p.kecamatan, ''), pc.stack_group, pc.stack_index"
    "  FROM participants p"
    "  LEFT JOIN printed_cards pc ON pc.serial ="
    "    (SELECT max (x.serial) FROM printed_cards x WHERE x.participant_id = p.id"
    "        AND NOT EXISTS (SELECT 1 FROM card_voids v WHERE v.serial = x.serial)"
    "        AND NOT EXISTS (SELECT 1 FROM print_runs r WHERE r.id = x.print_run_id"
    "                          AND r.kind = 'invitation'))"
    " WHERE p.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  return serah_store_foreach_row (store, stmt, uncollected_walk_row, &walk,
                                  _("Cannot read the card not yet collected"), error);
}

static gpointer
uncollected_count_from_row (sqlite3_stmt *stmt)
{
  SerahCoverageRow *r = g_new0 (SerahCoverageRow, 1);

  r->kecamatan = serah_store_column_dup (stmt, 0);
  r->desa = serah_store_column_dup (stmt, 1);
  r->not_collected = sqlite3_column_int64 (stmt, 2);
  return r;
}

GPtrArray *
serah_store_report_uncollected_counts (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* Grouped as the list's runs are: kecamatan and desa compared as NOCASE, in index order.
   * NULL and '' are separate groups here: the caller adds them up. */
  stmt = serah_store_prepare (store,
    "SELECT coalesce (p.kecamatan, ''), coalesce (p.desa, ''), count (*)"
    UNCOLLECTED_FROM
    " GROUP BY p.kecamatan COLLATE NOCASE, p.desa COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  return run_rows (store, stmt, ceremony_id, uncollected_count_from_row,
                   (GDestroyNotify) serah_coverage_row_free,
                   _("Cannot count the cards not yet collected"), error);
}

static gpointer
import_from_row (sqlite3_stmt *stmt)
{
  SerahImportPoint *r = g_new0 (SerahImportPoint, 1);

  r->import_id = sqlite3_column_int64 (stmt, 0);
  r->at = sqlite3_column_int64 (stmt, 1);
  r->file_name = serah_store_column_dup (stmt, 2);
  r->rows = sqlite3_column_int64 (stmt, 3);
  r->imported = sqlite3_column_int64 (stmt, 4);
  r->updated = sqlite3_column_int64 (stmt, 5);
  r->rejected = sqlite3_column_int64 (stmt, 6);
  r->cumulative = sqlite3_column_int64 (stmt, 7);
  return r;
}

GPtrArray *
serah_store_report_imports (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* ?1 is unused (imports are not per ceremony) but keeps run_rows uniform. */
  stmt = serah_store_prepare (store,
    "SELECT id, started_at, file_name, rows, imported, updated, rejected,"
    "       sum (imported) OVER (ORDER BY started_at, id)"
    "  FROM imports WHERE ?1 IS NOT NULL ORDER BY started_at, id", error);
  if (stmt == NULL)
    return NULL;
  return run_rows (store, stmt, 0, import_from_row, (GDestroyNotify) serah_import_point_free,
                   _("Cannot list the imports"), error);
}

static gpointer
daily_from_row (sqlite3_stmt *stmt)
{
  SerahDailyHandovers *r = g_new0 (SerahDailyHandovers, 1);

  g_strlcpy (r->date, (const char *) sqlite3_column_text (stmt, 0), sizeof r->date);
  r->to_self = sqlite3_column_int64 (stmt, 1);
  r->to_representative = sqlite3_column_int64 (stmt, 2);
  return r;
}

GPtrArray *
serah_store_report_daily (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* Live handovers only: an undone handover did not put a card in anyone's hand. */
  stmt = serah_store_prepare (store,
    "SELECT date (h.handed_at, 'unixepoch', 'localtime') AS day,"
    "       sum (h.recipient = 'self'), sum (h.recipient = 'representative')"
    "  FROM handovers h"
    " WHERE (?1 = 0 OR h.ceremony_id = ?1)"
    "   AND NOT EXISTS (SELECT 1 FROM handover_undos u WHERE u.handover_uuid = h.uuid)"
    " GROUP BY day ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  return run_rows (store, stmt, ceremony_id, daily_from_row, g_free,
                   _("Cannot count the handovers per day"), error);
}

static gboolean
count_rating (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  gint64 *counts = user_data;
  int rating = sqlite3_column_int (stmt, 0);

  if (rating >= 0 && rating <= 5)
    counts[rating] = sqlite3_column_int64 (stmt, 1);
  return TRUE;
}

gboolean
serah_store_report_ratings (SerahStore *store, gint64 ceremony_id, gint64 counts[6],
                            GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  /* Aggregates identify nobody, so every testimonial counts here, published or not. */
  stmt = serah_store_prepare (store,
    "SELECT coalesce (rating, 0), count (*) FROM testimonials"
    " WHERE ?1 = 0 OR ceremony_id = ?1 GROUP BY 1", error);
  if (stmt == NULL)
    return FALSE;
  memset (counts, 0, 6 * sizeof counts[0]);
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  return serah_store_foreach_row (store, stmt, count_rating, counts,
                                  _("Cannot count the ratings"), error);
}

static gpointer
tag_from_row (sqlite3_stmt *stmt)
{
  SerahTagCount *r = g_new0 (SerahTagCount, 1);

  r->tag = serah_store_column_dup (stmt, 0);
  r->count = sqlite3_column_int64 (stmt, 1);
  return r;
}

GPtrArray *
serah_store_report_tags (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
    "SELECT tt.tag, count (*) FROM testimonial_tags tt"
    "  JOIN testimonials t ON t.id = tt.testimonial_id"
    " WHERE ?1 = 0 OR t.ceremony_id = ?1"
    " GROUP BY tt.tag ORDER BY 2 DESC, 1", error);
  if (stmt == NULL)
    return NULL;
  return run_rows (store, stmt, ceremony_id, tag_from_row, (GDestroyNotify) serah_tag_count_free,
                   _("Cannot count the topics"), error);
}
