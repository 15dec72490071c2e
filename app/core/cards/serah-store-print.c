/* serah-store-print.c: schema v2 (print runs, printed cards, voids, printer profiles) and
 * the queries of the printing area. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <serah/cards/serah-print-records.h>

#include "store/serah-store-private.h"
#include "cards/serah-store-print-private.h"

const char serah_store_schema_printing[] =
  "CREATE TABLE print_runs ("
  "  id            INTEGER PRIMARY KEY,"
  "  created_at    INTEGER NOT NULL,"
  "  kind          TEXT NOT NULL CHECK (kind IN ('batch', 'reprint', 'invitation')),"
  "  operator      TEXT,"
  "  template      TEXT NOT NULL,"
  "  sheet         TEXT NOT NULL,"
  "  calibration   TEXT,"
  "  selection     TEXT,"
  "  output        TEXT"
  ");"
  /* AUTOINCREMENT: a serial is never handed out twice, even after the newest is gone. */
  "CREATE TABLE printed_cards ("
  "  serial          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  print_run_id    INTEGER NOT NULL REFERENCES print_runs (id),"
  "  participant_id  INTEGER NOT NULL REFERENCES participants (id),"
  "  sheet_no        INTEGER NOT NULL,"
  "  position        INTEGER NOT NULL,"
  "  stack_group     TEXT,"
  "  stack_index     INTEGER,"
  "  replaces_serial INTEGER REFERENCES printed_cards (serial),"
  "  printed_at      INTEGER NOT NULL"
  ");"
  "CREATE INDEX printed_cards_by_participant ON printed_cards (participant_id, serial);"
  "CREATE INDEX printed_cards_by_run ON printed_cards (print_run_id, serial);"
  "CREATE TABLE card_voids ("
  "  serial      INTEGER PRIMARY KEY REFERENCES printed_cards (serial),"
  "  voided_at   INTEGER NOT NULL,"
  "  operator    TEXT,"
  "  reason      TEXT NOT NULL,"
  "  replaced_by INTEGER REFERENCES printed_cards (serial)"
  ");"
  "CREATE TABLE printer_profiles ("
  "  name        TEXT PRIMARY KEY,"
  "  offset_x_mm REAL NOT NULL DEFAULT 0,"
  "  offset_y_mm REAL NOT NULL DEFAULT 0,"
  "  scale_x     REAL NOT NULL DEFAULT 1,"
  "  scale_y     REAL NOT NULL DEFAULT 1,"
  "  updated_at  INTEGER NOT NULL"
  ");";

/* Issue 16, the office server: a desk linked to it prints only serials from blocks the server
 * handed it (serah-server-print.c fetches them), so that two desks never print the same
 * serial. Blocks are kept in the order the server gave them, and the next free serial in
 * settings ("serials.next"), so a serial reserved by a run that then failed is never handed
 * out again. Print runs get a UUID, their key on the server; the runs printed before this
 * migration get one here. */
const char serah_store_schema_serial_blocks[] =
  "CREATE TABLE serial_blocks ("
  "  start      INTEGER PRIMARY KEY CHECK (start > 0),"
  "  count      INTEGER NOT NULL CHECK (count > 0),"
  "  fetched_at INTEGER NOT NULL"
  ");"
  "ALTER TABLE print_runs ADD COLUMN uuid TEXT;"
  "UPDATE print_runs SET uuid = lower (hex (randomblob (4)) || '-' || hex (randomblob (2)) || '-4'"
  "  || substr (hex (randomblob (2)), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1)"
  "  || substr (hex (randomblob (2)), 2) || '-' || hex (randomblob (6)));"
  "CREATE UNIQUE INDEX print_runs_by_uuid ON print_runs (uuid);";

static const char *const run_kinds[] = { "batch", "reprint", "invitation" };

gboolean
serah_store_insert_print_run (SerahStore *store, SerahPrintRun *run, GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (run != NULL && run->template_name && run->sheet_name, FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO print_runs (created_at, kind, operator, template, sheet,"
                              " calibration, selection, output, uuid)"
                              " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                              error);
  if (stmt == NULL)
    return FALSE;
  run->created_at = g_get_real_time () / G_USEC_PER_SEC;
  sqlite3_bind_int64 (stmt, 1, run->created_at);
  sqlite3_bind_text (stmt, 2, run_kinds[run->kind], -1, SQLITE_STATIC);
  serah_store_bind_text_or_null (stmt, 3, run->operator_name);
  sqlite3_bind_text (stmt, 4, run->template_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, run->sheet_name, -1, SQLITE_STATIC);
  serah_store_bind_text_or_null (stmt, 6, run->calibration);
  serah_store_bind_text_or_null (stmt, 7, run->selection);
  serah_store_bind_text_or_null (stmt, 8, run->output);
  sqlite3_bind_text (stmt, 9, uuid, -1, SQLITE_STATIC);
  if (!serah_store_step_done (store, stmt, _("Cannot record the print run"), error))
    return FALSE;
  run->id = sqlite3_last_insert_rowid (serah_store_get_db (store));
  return TRUE;
}

gint64
serah_store_insert_printed_card (SerahStore *store, gint64 print_run_id, gint64 participant_id,
                                 int sheet_no, int position, const char *stack_group,
                                 int stack_index, gint64 replaces_serial, GError **error)
{
  gint64 serial = 0;

  /* A linked desk's reprint draws its serial from the office's blocks too; AUTOINCREMENT
   * would continue after the highest serial here, which may be in another desk's block. */
  if (serah_store_serials_from_blocks (store))
    {
      serial = serah_store_reserve_card_serials (store, 1, error);
      if (serial == 0)
        return 0;
    }
  return serah_store_insert_printed_card_as (store, serial, print_run_id, participant_id, sheet_no,
                                             position, stack_group, stack_index, replaces_serial,
                                             error);
}

gint64
serah_store_insert_printed_card_as (SerahStore *store, gint64 serial, gint64 print_run_id,
                                    gint64 participant_id, int sheet_no, int position,
                                    const char *stack_group, int stack_index,
                                    gint64 replaces_serial, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  stmt = serah_store_prepare (store,
                              "INSERT INTO printed_cards (print_run_id, participant_id, sheet_no,"
                              " position, stack_group, stack_index, replaces_serial, printed_at,"
                              " serial) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, print_run_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int (stmt, 3, sheet_no);
  sqlite3_bind_int (stmt, 4, position);
  serah_store_bind_text_or_null (stmt, 5, stack_group);
  sqlite3_bind_int (stmt, 6, stack_index);
  if (replaces_serial > 0)
    sqlite3_bind_int64 (stmt, 7, replaces_serial);
  else
    sqlite3_bind_null (stmt, 7);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  /* NULL lets AUTOINCREMENT choose. */
  if (serial > 0)
    sqlite3_bind_int64 (stmt, 9, serial);
  else
    sqlite3_bind_null (stmt, 9);
  if (!serah_store_step_done (store, stmt, _("Cannot record a printed card"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

gboolean
serah_store_serials_from_blocks (SerahStore *store)
{
  g_autofree char *conninfo = serah_store_get_setting (store, "server.conninfo");

  return conninfo != NULL;
}

gint64
serah_store_serials_next (SerahStore *store)
{
  g_autofree char *text = serah_store_get_setting (store, "serials.next");

  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

gint64
serah_store_serials_available (SerahStore *store, gint64 *contiguous, GError **error)
{
  gint64 next = serah_store_serials_next (store);
  gint64 total = 0, longest = 0;
  sqlite3_stmt *stmt;
  int rc;

  stmt = serah_store_prepare (store,
                              "SELECT max (start, ?1), start + count FROM serial_blocks"
                              " WHERE start + count > ?1 ORDER BY start",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, next);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 left = sqlite3_column_int64 (stmt, 1) - sqlite3_column_int64 (stmt, 0);
      total += left;
      longest = MAX (longest, left);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the card serial blocks"));
      return -1;
    }
  if (contiguous != NULL)
    *contiguous = longest;
  return total;
}

gboolean
serah_store_add_serial_block (SerahStore *store, gint64 start, gint64 count, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (start > 0 && count > 0, FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT OR IGNORE INTO serial_blocks (start, count, fetched_at)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, start);
  sqlite3_bind_int64 (stmt, 2, count);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (store, stmt, _("Cannot save a card serial block"), error);
}

gint64
serah_store_max_card_serial (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT max (coalesce ((SELECT seq FROM sqlite_sequence"
                                            "  WHERE name = 'printed_cards'), 0),"
                                            " coalesce ((SELECT max (serial) FROM printed_cards), 0))",
                                            error);
  gint64 max = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    max = sqlite3_column_int64 (stmt, 0);
  else
    serah_store_set_error (store, error, _("Cannot read the card serials"));
  sqlite3_reset (stmt);
  return max;
}

/* The highest serial in [first, first + n) a card here already has (0 if none). */
static gint64
taken_in (SerahStore *store, gint64 first, guint n, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store,
                                            "SELECT coalesce (max (serial), 0) FROM printed_cards"
                                            " WHERE serial >= ?1 AND serial < ?1 + ?2",
                                            error);
  gint64 taken = -1;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, n);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    taken = sqlite3_column_int64 (stmt, 0);
  else
    serah_store_set_error (store, error, _("Cannot reserve card serials"));
  sqlite3_reset (stmt);
  return taken;
}

/* n consecutive serials from the first block that still has them (a run's serials are
 * consecutive: the walk numbers its cards one after the other); the rest of a block too short
 * for the run is left unused, never handed out. A serial a card here has already is never
 * handed out either: after a restore from an older backup, "serials.next" is behind, and the
 * sync brings this desk's later cards back from the server before it prints again. */
static gint64
reserve_from_blocks (SerahStore *store, guint n, GError **error)
{
  gint64 next = serah_store_serials_next (store);
  gint64 first = 0;

  for (;;)
    {
      sqlite3_stmt *stmt;
      gint64 taken;
      int rc;

      stmt = serah_store_prepare (store,
                                  "SELECT max (start, ?1) FROM serial_blocks"
                                  " WHERE start + count >= max (start, ?1) + ?2"
                                  " ORDER BY start LIMIT 1",
                                  error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_int64 (stmt, 1, next);
      sqlite3_bind_int64 (stmt, 2, n);
      first = 0;
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        first = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        {
          serah_store_set_error (store, error, _("Cannot reserve card serials"));
          return 0;
        }
      if (first == 0)
        break;
      taken = taken_in (store, first, n, error);
      if (taken < 0)
        return 0;
      if (taken == 0)
        break;
      next = taken + 1;
    }
  if (first == 0)
    {
      /* The print run says why and what to do (SERAH_PRINT_ERROR_NO_SERIALS) before it gets
       * here; this is for any other caller. */
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_FAILED,
                   _("No card serials left in the blocks the office server gave this desk."));
      return 0;
    }
  {
    g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, first + n);
    if (!serah_store_set_setting (store, "serials.next", text, error))
      return 0;
  }
  return first;
}

gint64
serah_store_reserve_card_serials (SerahStore *store, guint n, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 last = 0;
  gboolean has_row = FALSE;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);
  g_return_val_if_fail (n > 0, 0);

  if (serah_store_serials_from_blocks (store))
    return reserve_from_blocks (store, n, error);

  /* sqlite_sequence is SQLite's own record of the counter; SQLite documents that it may be
   * changed with ordinary statements, and AUTOINCREMENT then never goes below it. The
   * largest serial is read too, in case the counter's row is missing. */
  stmt = serah_store_prepare (store,
                              "SELECT (SELECT seq FROM sqlite_sequence WHERE name = 'printed_cards'),"
                              " (SELECT max(serial) FROM printed_cards)",
                              error);
  if (stmt == NULL)
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      serah_store_set_error (store, error, _("Cannot reserve card serials"));
      sqlite3_reset (stmt);
      return 0;
    }
  has_row = sqlite3_column_type (stmt, 0) != SQLITE_NULL;
  last = MAX (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1));
  sqlite3_reset (stmt);

  stmt = serah_store_prepare (store,
                              has_row
                                ? "UPDATE sqlite_sequence SET seq = ?1 WHERE name = 'printed_cards'"
                                : "INSERT INTO sqlite_sequence (name, seq) VALUES ('printed_cards', ?1)",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, last + n);
  if (!serah_store_step_done (store, stmt, _("Cannot reserve card serials"), error))
    return 0;
  return last + 1;
}

gboolean
serah_store_void_card (SerahStore *store, gint64 serial, const char *reason,
                       const char *operator_name, gint64 replaced_by, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (reason != NULL && *reason, FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO card_voids (serial, voided_at, operator, reason,"
                              " replaced_by) VALUES (?1, ?2, ?3, ?4, ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, serial);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  serah_store_bind_text_or_null (stmt, 3, operator_name);
  sqlite3_bind_text (stmt, 4, reason, -1, SQLITE_STATIC);
  if (replaced_by > 0)
    sqlite3_bind_int64 (stmt, 5, replaced_by);
  else
    sqlite3_bind_null (stmt, 5);
  return serah_store_step_done (store, stmt, _("Cannot void the card"), error);
}

#define PRINTED_CARD_SELECT \
  "SELECT c.serial, c.print_run_id, c.participant_id, c.sheet_no, c.position, c.stack_group," \
  " c.stack_index, c.printed_at, c.replaces_serial, v.voided_at, v.reason, v.replaced_by" \
  " FROM printed_cards c LEFT JOIN card_voids v ON v.serial = c.serial "

static SerahPrintedCard *
printed_card_from_row (sqlite3_stmt *stmt)
{
  SerahPrintedCard *c = g_new0 (SerahPrintedCard, 1);

  c->serial = sqlite3_column_int64 (stmt, 0);
  c->print_run_id = sqlite3_column_int64 (stmt, 1);
  c->participant_id = sqlite3_column_int64 (stmt, 2);
  c->sheet_no = sqlite3_column_int (stmt, 3);
  c->position = sqlite3_column_int (stmt, 4);
  c->stack_group = serah_store_column_dup (stmt, 5);
  c->stack_index = sqlite3_column_int (stmt, 6);
  c->printed_at = sqlite3_column_int64 (stmt, 7);
  c->replaces_serial = sqlite3_column_int64 (stmt, 8);
  c->voided_at = sqlite3_column_int64 (stmt, 9);
  c->void_reason = serah_store_column_dup (stmt, 10);
  c->replaced_by = sqlite3_column_int64 (stmt, 11);
  return c;
}

static SerahPrintedCard *
get_one_card (SerahStore *store, const char *sql, gint64 key, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  SerahPrintedCard *card = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    card = printed_card_from_row (stmt);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read a printed card"));
  sqlite3_reset (stmt);
  return card;
}

SerahPrintedCard *
serah_store_get_printed_card (SerahStore *store, gint64 serial, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return get_one_card (store, PRINTED_CARD_SELECT "WHERE c.serial = ?1", serial, error);
}

SerahPrintedCard *
serah_store_get_current_card (SerahStore *store, gint64 participant_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  /* An invitation slip is not a card: printing one must not make a card "current". */
  return get_one_card (store,
                       PRINTED_CARD_SELECT
                       "JOIN print_runs r ON r.id = c.print_run_id"
                       " WHERE c.participant_id = ?1 AND v.serial IS NULL"
                       " AND r.kind != 'invitation'"
                       " ORDER BY c.serial DESC LIMIT 1",
                       participant_id, error);
}

/* ---- listing runs ---- */

#define PRINT_RUN_SELECT \
  "SELECT r.id, r.created_at, r.kind, r.operator, r.template, r.sheet, r.calibration," \
  " r.selection, r.output, (SELECT count(*) FROM printed_cards c WHERE c.print_run_id = r.id)" \
  " FROM print_runs r "

static gpointer
print_run_from_row (sqlite3_stmt *stmt)
{
  SerahPrintRun *run = g_new0 (SerahPrintRun, 1);
  const char *kind = (const char *) sqlite3_column_text (stmt, 2);

  run->id = sqlite3_column_int64 (stmt, 0);
  run->created_at = sqlite3_column_int64 (stmt, 1);
  for (guint i = 0; i < G_N_ELEMENTS (run_kinds); i++)
    if (g_strcmp0 (kind, run_kinds[i]) == 0)
      run->kind = i;
  run->operator_name = serah_store_column_dup (stmt, 3);
  run->template_name = serah_store_column_dup (stmt, 4);
  run->sheet_name = serah_store_column_dup (stmt, 5);
  run->calibration = serah_store_column_dup (stmt, 6);
  run->selection = serah_store_column_dup (stmt, 7);
  run->output = serah_store_column_dup (stmt, 8);
  run->cards = sqlite3_column_int64 (stmt, 9);
  return run;
}

SerahPrintRun *
serah_store_get_print_run (SerahStore *store, gint64 id, GError **error)
{
  sqlite3_stmt *stmt;
  SerahPrintRun *run = NULL;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store, PRINT_RUN_SELECT "WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    run = print_run_from_row (stmt);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read a print run"));
  sqlite3_reset (stmt);
  return run;
}

GPtrArray *
serah_store_list_print_runs (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store, PRINT_RUN_SELECT "ORDER BY r.id DESC", error);
  if (stmt == NULL)
    return NULL;
  return serah_store_list_rows (store, stmt, print_run_from_row,
                                (GDestroyNotify) serah_print_run_free,
                                _("Cannot list print runs"), error);
}

typedef struct {
  SerahPrintedCardFunc func;
  gpointer             user_data;
} CardWalk;

static gboolean
walk_card (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  CardWalk *walk = user_data;
  g_autoptr(SerahPrintedCard) card = printed_card_from_row (stmt);

  return walk->func (card, walk->user_data, error);
}

gboolean
serah_store_foreach_printed_card (SerahStore *store, gint64 print_run_id,
                                  SerahPrintedCardFunc func, gpointer user_data, GError **error)
{
  CardWalk walk = { func, user_data };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Own statement, not the cache: the callback may look cards up itself. */
  if (sqlite3_prepare_v2 (serah_store_get_db (store),
                          PRINTED_CARD_SELECT "WHERE c.print_run_id = ?1 ORDER BY c.serial", -1,
                          &stmt, NULL) != SQLITE_OK)
    return serah_store_set_error (store, error, _("Cannot list printed cards"));
  sqlite3_bind_int64 (stmt, 1, print_run_id);
  ok = serah_store_foreach_row (store, stmt, walk_card, &walk, _("Cannot list printed cards"),
                                error);
  sqlite3_finalize (stmt);
  return ok;
}

/* ---- printer profiles ---- */

gboolean
serah_store_save_printer_profile (SerahStore *store, const SerahPrinterProfile *profile,
                                  GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (profile != NULL && profile->name != NULL && *profile->name, FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO printer_profiles (name, offset_x_mm, offset_y_mm,"
                              " scale_x, scale_y, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                              " ON CONFLICT (name) DO UPDATE SET offset_x_mm = excluded.offset_x_mm,"
                              " offset_y_mm = excluded.offset_y_mm, scale_x = excluded.scale_x,"
                              " scale_y = excluded.scale_y, updated_at = excluded.updated_at",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, profile->name, -1, SQLITE_STATIC);
  sqlite3_bind_double (stmt, 2, profile->offset_x_mm);
  sqlite3_bind_double (stmt, 3, profile->offset_y_mm);
  sqlite3_bind_double (stmt, 4, profile->scale_x);
  sqlite3_bind_double (stmt, 5, profile->scale_y);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (store, stmt, _("Cannot save the printer profile"), error);
}

static gpointer
profile_from_row (sqlite3_stmt *stmt)
{
  SerahPrinterProfile *p = g_new0 (SerahPrinterProfile, 1);

  p->name = serah_store_column_dup (stmt, 0);
  p->offset_x_mm = sqlite3_column_double (stmt, 1);
  p->offset_y_mm = sqlite3_column_double (stmt, 2);
  p->scale_x = sqlite3_column_double (stmt, 3);
  p->scale_y = sqlite3_column_double (stmt, 4);
  p->updated_at = sqlite3_column_int64 (stmt, 5);
  return p;
}

#define PROFILE_SELECT \
  "SELECT name, offset_x_mm, offset_y_mm, scale_x, scale_y, updated_at FROM printer_profiles "

SerahPrinterProfile *
serah_store_get_printer_profile (SerahStore *store, const char *name, GError **error)
{
  sqlite3_stmt *stmt;
  SerahPrinterProfile *profile = NULL;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  stmt = serah_store_prepare (store, PROFILE_SELECT "WHERE name = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    profile = profile_from_row (stmt);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read the printer profile"));
  sqlite3_reset (stmt);
  return profile;
}

GPtrArray *
serah_store_list_printer_profiles (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store, PROFILE_SELECT "ORDER BY name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  return serah_store_list_rows (store, stmt, profile_from_row,
                                (GDestroyNotify) serah_printer_profile_free,
                                _("Cannot list printer profiles"), error);
}

gboolean
serah_store_delete_printer_profile (SerahStore *store, const char *name, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  stmt = serah_store_prepare (store, "DELETE FROM printer_profiles WHERE name = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!serah_store_step_done (store, stmt, _("Cannot delete the printer profile"), error))
    return FALSE;
  if (sqlite3_changes (serah_store_get_db (store)) == 0)
    {
      g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_FOUND,
                   _("There is no printer profile named “%s”."), name);
      return FALSE;
    }
  return TRUE;
}
