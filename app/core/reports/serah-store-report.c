/* serah-store-report.c: the read-only queries behind the reports. They read the tables of
 * the other areas (participants, printed cards, invitations, the ceremony state index,
 * handovers, testimonials) and write nothing; no schema of their own.
 *
 * Each query is set-based (GROUP BY over joins of pre-aggregated CTEs) rather than a
 * correlated subquery per participant, so a register of 100 000 people reports in well
 * under a second.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <serah/register/serah-participant.h>

#include "reports/serah-store-report-private.h"

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

GPtrArray *
serah_store_report_coverage (SerahStore *store, gint64 ceremony_id, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  /* For one ceremony, only the areas it concerns; for everything, every area. */
  stmt = serah_store_prepare (store,
    SCOPE_CTES
    "SELECT coalesce (p.kecamatan, ''), coalesce (p.desa, ''), count (*),"
    "       count (prn.participant_id), count (inv.participant_id),"
    "       coalesce (sum (cur.recipient = 'self'), 0),"
    "       coalesce (sum (cur.recipient = 'representative'), 0),"
    "       coalesce (sum (cur.participant_id IS NULL AND" EXPECTED "), 0)"
    "  FROM participants p"
    "  LEFT JOIN cur ON cur.participant_id = p.id"
    "  LEFT JOIN inv ON inv.participant_id = p.id"
    "  LEFT JOIN prn ON prn.participant_id = p.id"
    " GROUP BY 1, 2"
    " HAVING ?1 = 0 OR count (inv.participant_id) > 0 OR count (cur.participant_id) > 0"
    " ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE", error);
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
