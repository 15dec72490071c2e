/* serah-store-server-print.c: the SQLite side of syncing print runs, printed cards and voids
 * with the office server (issue 16): what this desk has to send after its cursors, and writing
 * what other desks printed and voided. The rules (cursors, snapshots, transactions) are in
 * serah-server-print.c; the SQL stays here, beside the store, as the house rule says.
 *
 * A pulled card keeps its serial (the one in its QR code) and its time; it joins a local copy
 * of its print run (same UUID, no output path: the PDF is at the desk that printed it) and the
 * participant of its NIK, which the register pull of the same snapshot brought.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-store-server-print-private.h"
#include "store/serah-store-private.h"

static char *
column_or_null (sqlite3_stmt *stmt, int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL
           ? NULL
           : g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

static GPtrArray *
rows_after (SerahStore *store, const char *sql, gint64 after, int n_cols, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, after);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < n_cols; c++)
      g_ptr_array_add (rows, column_or_null (stmt, c));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the print runs"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

GPtrArray *
serah_store_print_runs_after (SerahStore *store, gint64 after_id, GError **error)
{
  return rows_after (store,
                     "SELECT id, uuid, created_at, kind, operator, template, sheet, selection"
                     " FROM print_runs WHERE id > ?1 ORDER BY id",
                     after_id, SERAH_STORE_RUN_COLS, error);
}

GPtrArray *
serah_store_printed_cards_after (SerahStore *store, gint64 after_run_id, GError **error)
{
  return rows_after (store,
                     "SELECT c.serial, r.uuid, p.nik, p.card_no, c.sheet_no, c.position,"
                     " c.stack_group, c.stack_index, c.replaces_serial, c.printed_at"
                     " FROM printed_cards c JOIN print_runs r ON r.id = c.print_run_id"
                     " JOIN participants p ON p.id = c.participant_id"
                     " WHERE c.print_run_id > ?1 ORDER BY c.serial",
                     after_run_id, SERAH_STORE_CARD_COLS, error);
}

GPtrArray *
serah_store_card_voids_after (SerahStore *store, gint64 after_id, GError **error)
{
  return rows_after (store,
                     "SELECT rowid, serial, voided_at, operator, reason, replaced_by"
                     " FROM card_voids WHERE rowid > ?1 ORDER BY rowid",
                     after_id, SERAH_STORE_VOID_COLS, error);
}

gboolean
serah_store_max_print_ids (SerahStore *store, gint64 *run_id, gint64 *void_id, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT (SELECT coalesce (max (id), 0) FROM print_runs),"
                                            " (SELECT coalesce (max (rowid), 0) FROM card_voids)",
                                            error);
  gboolean ok;

  if (stmt == NULL)
    return FALSE;
  ok = sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    {
      *run_id = sqlite3_column_int64 (stmt, 0);
      *void_id = sqlite3_column_int64 (stmt, 1);
    }
  else
    serah_store_set_error (store, error, _("Cannot read the print runs"));
  sqlite3_reset (stmt);
  return ok;
}

static void
bind_int_or_null (sqlite3_stmt *stmt, int i, const char *text)
{
  if (text == NULL || *text == '\0')
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_int64 (stmt, i, g_ascii_strtoll (text, NULL, 10));
}

gboolean
serah_store_insert_pulled_run (SerahStore *store, const char *const *cols, gboolean *added,
                               GError **error)
{
  /* cols as SERAH_STORE_RUN_COLS without the id: uuid, created_at, kind, operator, template,
   * sheet, selection. */
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "INSERT OR IGNORE INTO print_runs (uuid, created_at,"
                                            " kind, operator, template, sheet, selection)"
                                            " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cols[0], -1, SQLITE_TRANSIENT);
  bind_int_or_null (stmt, 2, cols[1]);
  sqlite3_bind_text (stmt, 3, cols[2], -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 4, cols[3]);
  sqlite3_bind_text (stmt, 5, cols[4], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, cols[5], -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 7, cols[6]);
  if (!serah_store_step_done (store, stmt, _("Cannot save a pulled print run"), error))
    return FALSE;
  *added = sqlite3_changes (serah_store_get_db (store)) > 0;
  return TRUE;
}

gboolean
serah_store_insert_pulled_card (SerahStore *store, const char *const *cols, gboolean *added,
                                gboolean *conflict, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gint64 here_participant = 0, participant = 0, run = 0;
  gboolean here = FALSE;

  *added = FALSE;
  *conflict = FALSE;
  stmt = serah_store_prepare (store,
                              "SELECT (SELECT participant_id FROM printed_cards WHERE serial = ?1),"
                              " (SELECT id FROM participants WHERE nik = ?2),"
                              " (SELECT id FROM print_runs WHERE uuid = ?3),"
                              " EXISTS (SELECT 1 FROM printed_cards WHERE serial = ?1)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (cols[0], NULL, 10));
  sqlite3_bind_text (stmt, 2, cols[2], -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, cols[1], -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      here_participant = sqlite3_column_int64 (stmt, 0);
      participant = sqlite3_column_int64 (stmt, 1);
      run = sqlite3_column_int64 (stmt, 2);
      here = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return serah_store_set_error (store, error, _("Cannot read the printed cards"));
  if (here)
    {
      /* The same card (pushed by this desk, or pulled before), or this serial is another
       * card here: two desks that printed before they linked both used it. */
      *conflict = here_participant != participant;
      return TRUE;
    }
  if (participant == 0 || run == 0)
    {
      *conflict = TRUE;
      return TRUE;
    }
  stmt = serah_store_prepare (store,
                              "INSERT INTO printed_cards (serial, print_run_id, participant_id,"
                              " sheet_no, position, stack_group, stack_index, replaces_serial,"
                              " printed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,"
                              " (SELECT serial FROM printed_cards WHERE serial = ?8), ?9)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (cols[0], NULL, 10));
  sqlite3_bind_int64 (stmt, 2, run);
  sqlite3_bind_int64 (stmt, 3, participant);
  bind_int_or_null (stmt, 4, cols[4]);
  bind_int_or_null (stmt, 5, cols[5]);
  serah_store_bind_text_or_null (stmt, 6, cols[6]);
  bind_int_or_null (stmt, 7, cols[7]);
  bind_int_or_null (stmt, 8, cols[8]);
  bind_int_or_null (stmt, 9, cols[9]);
  if (!serah_store_step_done (store, stmt, _("Cannot save a pulled printed card"), error))
    return FALSE;
  *added = TRUE;
  return TRUE;
}

gboolean
serah_store_insert_pulled_void (SerahStore *store, const char *const *cols, gboolean *added,
                                GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "INSERT OR IGNORE INTO card_voids (serial, voided_at,"
                                            " operator, reason, replaced_by)"
                                            " SELECT serial, ?2, ?3, ?4,"
                                            " (SELECT serial FROM printed_cards WHERE serial = ?5)"
                                            " FROM printed_cards WHERE serial = ?1",
                                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, g_ascii_strtoll (cols[0], NULL, 10));
  bind_int_or_null (stmt, 2, cols[1]);
  serah_store_bind_text_or_null (stmt, 3, cols[2]);
  sqlite3_bind_text (stmt, 4, cols[3], -1, SQLITE_TRANSIENT);
  bind_int_or_null (stmt, 5, cols[4]);
  if (!serah_store_step_done (store, stmt, _("Cannot save a pulled void"), error))
    return FALSE;
  *added = sqlite3_changes (serah_store_get_db (store)) > 0;
  return TRUE;
}
