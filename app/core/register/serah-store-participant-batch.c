/* serah-store-participant-batch.c: writing many participants at once, for the importer.
 *
 * One INSERT or UPDATE per row costs a statement (and its journal) per row. A batch is
 * instead exposed to SQL as an eponymous virtual table over the caller's array, so that
 * classifying, inserting and updating a whole batch are three statements
 * (serah_store_upsert_participants).
 *
 * A bulk (serah_store_begin_participant_bulk .. end) is one import inside its transaction.
 * Into an empty table it inserts each batch straight away, without first comparing it with
 * the table; and when it brings more rows than the table holds, it drops the secondary
 * indexes of participants (the NOCASE area and name indexes: about 60 % of the insert time
 * of 100 000 rows) and builds them again, sorted, at the end. A bulk may span transactions
 * (an import's slices): the indexes stay dropped from its first to its last, each recorded
 * as pending in the transaction that drops it (serah_store_note_pending_index), so a bulk
 * stopped half way (killed, cancelled) leaves a record of what to build, which the next open
 * or bulk builds. A rollback of the transaction that dropped them brings them back. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "store/serah-store-private.h"
#include "register/serah-store-participants-private.h"

/* ---- the batch as a virtual table ---- */

enum { BATCH_SKIP, BATCH_INSERT, BATCH_UPDATE };

typedef struct {
  SerahParticipant *const *rows;
  guint                    n;
  guint8                  *action; /* BATCH_* per row */
} BatchSource;

typedef struct {
  sqlite3_vtab  base;
  BatchSource  *source;
} BatchTable;

typedef struct {
  sqlite3_vtab_cursor  base;
  BatchSource         *source;
  guint                i;
} BatchCursor;

enum {
  BATCH_COL_IDX, BATCH_COL_NIK, BATCH_COL_CARD_NO, BATCH_COL_NAME, BATCH_COL_SEX,
  BATCH_COL_BIRTH_DATE, BATCH_COL_ADDRESS, BATCH_COL_DESA, BATCH_COL_KECAMATAN,
  BATCH_COL_FASKES, BATCH_COL_CARE_CLASS, BATCH_COL_ACTION,
};

static int
batch_connect (sqlite3 *db, void *aux, int argc, const char *const *argv,
               sqlite3_vtab **vtab, char **err)
{
  BatchTable *table;
  int rc = sqlite3_declare_vtab (db,
                                 "CREATE TABLE x (idx INTEGER, nik TEXT, card_no TEXT,"
                                 " name TEXT, sex TEXT, birth_date TEXT, address TEXT,"
                                 " desa TEXT, kecamatan TEXT, faskes TEXT,"
                                 " care_class INTEGER, action INTEGER)");
  if (rc != SQLITE_OK)
    return rc;
  table = sqlite3_malloc (sizeof *table);
  if (table == NULL)
    return SQLITE_NOMEM;
  memset (table, 0, sizeof *table);
  table->source = aux;
  *vtab = &table->base;
  return SQLITE_OK;
}

static int
batch_disconnect (sqlite3_vtab *vtab)
{
  sqlite3_free (vtab);
  return SQLITE_OK;
}

/* A full scan, always in idx order: the INSERT takes rows in file order without a sort, so
 * ids follow the file. */
static int
batch_best_index (sqlite3_vtab *vtab, sqlite3_index_info *info)
{
  BatchTable *table = (BatchTable *) vtab;
  if (info->nOrderBy == 1 && info->aOrderBy[0].iColumn == BATCH_COL_IDX &&
      !info->aOrderBy[0].desc)
    info->orderByConsumed = 1;
  info->estimatedCost = (double) MAX (table->source->n, 1);
  info->estimatedRows = MAX (table->source->n, 1);
  return SQLITE_OK;
}

static int
batch_open (sqlite3_vtab *vtab, sqlite3_vtab_cursor **cursor)
{
  BatchCursor *c = sqlite3_malloc (sizeof *c);
  if (c == NULL)
    return SQLITE_NOMEM;
  memset (c, 0, sizeof *c);
  c->source = ((BatchTable *) vtab)->source;
  *cursor = &c->base;
  return SQLITE_OK;
}

static int
batch_close (sqlite3_vtab_cursor *cursor)
{
  sqlite3_free (cursor);
  return SQLITE_OK;
}

static int
batch_filter (sqlite3_vtab_cursor *cursor, int idx_num, const char *idx_str, int argc,
              sqlite3_value **argv)
{
  ((BatchCursor *) cursor)->i = 0;
  return SQLITE_OK;
}

static int
batch_next (sqlite3_vtab_cursor *cursor)
{
  ((BatchCursor *) cursor)->i++;
  return SQLITE_OK;
}

static int
batch_eof (sqlite3_vtab_cursor *cursor)
{
  BatchCursor *c = (BatchCursor *) cursor;
  return c->i >= c->source->n;
}

/* The text of a column, with the same NULL-for-empty rule as bind_participant_fields so that
 * the batch and the single-row path store and compare identical values. */
static const char *
batch_text (const SerahParticipant *p, int column)
{
  switch (column)
    {
    case BATCH_COL_NIK: return p->nik;
    case BATCH_COL_CARD_NO: return p->card_no;
    case BATCH_COL_NAME: return p->name;
    case BATCH_COL_SEX: return serah_sex_to_string (p->sex);
    case BATCH_COL_BIRTH_DATE: return p->birth_date;
    case BATCH_COL_ADDRESS: return p->address;
    case BATCH_COL_DESA: return p->desa;
    case BATCH_COL_KECAMATAN: return p->kecamatan;
    case BATCH_COL_FASKES: return p->faskes;
    default: return NULL;
    }
}

static int
batch_column (sqlite3_vtab_cursor *cursor, sqlite3_context *ctx, int column)
{
  BatchCursor *c = (BatchCursor *) cursor;
  const SerahParticipant *p = c->source->rows[c->i];
  const char *text;

  if (column == BATCH_COL_IDX)
    sqlite3_result_int64 (ctx, c->i);
  else if (column == BATCH_COL_CARE_CLASS && p->care_class > 0)
    sqlite3_result_int (ctx, p->care_class);
  else if (column == BATCH_COL_ACTION)
    sqlite3_result_int (ctx, c->source->action ? c->source->action[c->i] : BATCH_SKIP);
  else if ((text = batch_text (p, column)) != NULL && *text != '\0')
    sqlite3_result_text (ctx, text, -1, SQLITE_STATIC);
  else
    sqlite3_result_null (ctx);
  return SQLITE_OK;
}

static int
batch_rowid (sqlite3_vtab_cursor *cursor, sqlite_int64 *rowid)
{
  *rowid = ((BatchCursor *) cursor)->i;
  return SQLITE_OK;
}

static const sqlite3_module batch_module = {
  .iVersion = 0,
  .xCreate = NULL, /* eponymous only: usable as a table without CREATE VIRTUAL TABLE */
  .xConnect = batch_connect,
  .xBestIndex = batch_best_index,
  .xDisconnect = batch_disconnect,
  .xOpen = batch_open,
  .xClose = batch_close,
  .xFilter = batch_filter,
  .xNext = batch_next,
  .xEof = batch_eof,
  .xColumn = batch_column,
  .xRowid = batch_rowid,
};

/* ---- what a store keeps for batches ---- */

/* Attached to the store object, so freed after finalize has closed the database: the batch
 * module's client data must outlive the connection's use of it. */
typedef struct {
  BatchSource  batch;
  gboolean     bulk_fresh; /* the table was empty when the bulk began */
  gboolean     slice_fresh; /* bulk_fresh when the last slice ended, for a continued one */
} BatchState;

static void
batch_state_free (gpointer data)
{
  g_free (data);
}

/* A rollback ends the bulk in this connection; indexes dropped by a committed slice stay
 * recorded as pending in the database (serah_store_note_pending_index). */
static void
bulk_rollback_hook (void *data)
{
  BatchState *state = data;

  state->bulk_fresh = FALSE;
  state->slice_fresh = FALSE;
}

static BatchState *
batch_state (SerahStore *self, GError **error)
{
  BatchState *state = g_object_get_data (G_OBJECT (self), "serah-participant-batch-state");

  if (state != NULL)
    return state;
  state = g_new0 (BatchState, 1);
  if (sqlite3_create_module_v2 (serah_store_get_db (self), "serah_participant_batch",
                                &batch_module, &state->batch, NULL) != SQLITE_OK)
    {
      batch_state_free (state);
      serah_store_set_error (self, error, _("Cannot prepare a batch of participants"));
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (self), "serah-participant-batch-state", state,
                          batch_state_free);
  sqlite3_rollback_hook (serah_store_get_db (self), bulk_rollback_hook, state);
  serah_store_use_large_cache (self);
  return state;
}

/* ---- the batch upsert ---- */

/* Row by row, for rows the set-based statement refused (two rows of the batch with one
 * card number, say): the per-row path decides each in order. action_mask: which rows (by
 * their BATCH_* action) are still to be written. */
static gboolean
upsert_batch_rows (SerahStore *self, BatchSource *source, guint action_mask, gint64 import_id,
                   SerahUpsertResult *results, SerahParticipant **holders, GError **error)
{
  SerahParticipant *const *rows = source->rows;

  for (guint i = 0; i < source->n; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if ((action_mask & (1u << source->action[i])) == 0)
        continue;
      if (serah_store_upsert_participant (self, rows[i], import_id, &results[i], &local_error))
        continue;
      if (!g_error_matches (local_error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CONSTRAINT))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      g_clear_error (&local_error);
      results[i] = SERAH_UPSERT_CARD_CONFLICT;
      if (holders != NULL)
        {
          holders[i] = serah_store_find_participant_by_card (self, rows[i]->card_no, &local_error);
          if (local_error != NULL)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
        }
    }
  return TRUE;
}

typedef struct {
  BatchSource       *source;
  SerahUpsertResult *results;
} Classify;

static gboolean
classify_row (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  BatchSource *source = ((Classify *) user_data)->source;
  SerahUpsertResult *results = ((Classify *) user_data)->results;
  guint i = (guint) sqlite3_column_int64 (stmt, 0);
  gboolean exists = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
  gboolean card_taken = sqlite3_column_type (stmt, 3) != SQLITE_NULL;

  if (i >= source->n)
    return TRUE;
  if (card_taken)
    {
      results[i] = SERAH_UPSERT_CARD_CONFLICT;
      source->action[i] = BATCH_SKIP;
    }
  else if (!exists)
    results[i] = SERAH_UPSERT_INSERTED, source->action[i] = BATCH_INSERT;
  else if (sqlite3_column_int (stmt, 2))
    results[i] = SERAH_UPSERT_UNCHANGED, source->action[i] = BATCH_SKIP;
  else
    results[i] = SERAH_UPSERT_UPDATED, source->action[i] = BATCH_UPDATE;
  return TRUE;
}

static gboolean
classify_batch (SerahStore *self, BatchSource *source, SerahUpsertResult *results,
                SerahParticipant **holders, GError **error)
{
  Classify classify = { source, results };
  sqlite3_stmt *stmt;

  /* One pass over the batch: the participant with the same NIK (and whether every field
   * is equal, as serah_participant_equal_data decides), and whoever else holds the card. */
  stmt = serah_store_prepare (self,
                              "SELECT b.idx, p.id,"
                              "  p.card_no IS b.card_no AND p.name IS b.name AND p.sex IS b.sex"
                              "  AND p.birth_date IS b.birth_date AND p.address IS b.address"
                              "  AND p.desa IS b.desa AND p.kecamatan IS b.kecamatan"
                              "  AND p.faskes IS b.faskes AND p.care_class IS b.care_class,"
                              "  h.id"
                              " FROM serah_participant_batch b"
                              " LEFT JOIN participants p ON p.nik = b.nik"
                              " LEFT JOIN participants h"
                              "   ON h.card_no = b.card_no AND h.nik <> b.nik",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (!serah_store_foreach_row (self, stmt, classify_row, &classify,
                                _("Cannot compare participants"), error))
    return FALSE;

  /* Who holds the card, for the message; after the statement above is done with. */
  for (guint i = 0; holders != NULL && i < source->n; i++)
    if (results[i] == SERAH_UPSERT_CARD_CONFLICT)
      {
        g_autoptr(GError) local_error = NULL;
        holders[i] = serah_store_find_participant_by_card (self, source->rows[i]->card_no,
                                                           &local_error);
        if (local_error != NULL)
          {
            g_propagate_error (error, g_steal_pointer (&local_error));
            return FALSE;
          }
      }
  return TRUE;
}

/* One statement per kind of change (INSERT or UPDATE of the rows with that action). It is
 * atomic: when it breaks a constraint it has changed nothing and fails with
 * SERAH_STORE_ERROR_CONSTRAINT. */
static gboolean
run_batch_statement (SerahStore *self, int action, gint64 import_id, GError **error)
{
  sqlite3_stmt *stmt;

  if (action == BATCH_INSERT)
    stmt = serah_store_prepare (self,
                                "INSERT INTO participants (nik, card_no, name, sex, birth_date,"
                                " address, desa, kecamatan, faskes, care_class, import_id,"
                                " created_at, updated_at)"
                                " SELECT nik, card_no, name, sex, birth_date, address, desa,"
                                " kecamatan, faskes, care_class, ?1, ?2, ?2"
                                " FROM serah_participant_batch WHERE action = 1",
                                error);
  else
    stmt = serah_store_prepare (self,
                                "UPDATE participants AS p SET card_no = b.card_no, name = b.name,"
                                " sex = b.sex, birth_date = b.birth_date, address = b.address,"
                                " desa = b.desa, kecamatan = b.kecamatan, faskes = b.faskes,"
                                " care_class = b.care_class, import_id = ?1, updated_at = ?2"
                                " FROM serah_participant_batch AS b"
                                " WHERE b.action = 2 AND p.nik = b.nik",
                                error);
  if (stmt == NULL)
    return FALSE;
  if (import_id > 0)
    sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (self, stmt, _("Cannot save participants"), error);
}

/* run_batch_statement, and when it breaks a constraint the rows it was for go the per-row
 * way. */
static gboolean
write_batch (SerahStore *self, BatchSource *source, int action, gint64 import_id,
             SerahUpsertResult *results, SerahParticipant **holders, gboolean *row_by_row,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;

  if (run_batch_statement (self, action, import_id, &local_error))
    return TRUE;
  if (!g_error_matches (local_error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CONSTRAINT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Updates go first, so after a refused UPDATE the new rows are still to do as well. */
  *row_by_row = TRUE;
  return upsert_batch_rows (self, source,
                            action == BATCH_INSERT ? 1u << BATCH_INSERT
                                                   : 1u << BATCH_INSERT | 1u << BATCH_UPDATE,
                            import_id, results, holders, error);
}

/* In a bulk that began on an empty table, every row is new unless the caller sent one
 * twice: the batch is inserted as it is, without reading the table first. *inserted is
 * FALSE (and nothing changed) when a row was not new after all; the batch then takes the
 * ordinary way, and so do the rest of the bulk. */
static gboolean
insert_fresh_batch (SerahStore *self, BatchState *state, gint64 import_id,
                    SerahUpsertResult *results, gboolean *inserted, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  BatchSource *source = &state->batch;

  memset (source->action, BATCH_INSERT, source->n);
  *inserted = run_batch_statement (self, BATCH_INSERT, import_id, &local_error);
  if (*inserted)
    {
      for (guint i = 0; i < source->n; i++)
        results[i] = SERAH_UPSERT_INSERTED;
      return TRUE;
    }
  if (!g_error_matches (local_error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CONSTRAINT))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  state->bulk_fresh = FALSE;
  memset (source->action, BATCH_SKIP, source->n);
  return TRUE;
}

gboolean
serah_store_upsert_participants (SerahStore              *self,
                                 SerahParticipant *const *participants,
                                 guint                    n,
                                 gint64                   import_id,
                                 SerahUpsertResult       *results,
                                 SerahParticipant       **holders,
                                 GError                 **error)
{
  g_autofree guint8 *action = NULL;
  BatchState *state;
  BatchSource *source;
  gboolean ok = TRUE, done = FALSE, row_by_row = FALSE;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (participants != NULL || n == 0, FALSE);
  g_return_val_if_fail (results != NULL || n == 0, FALSE);

  if (n == 0)
    return TRUE;
  if (holders != NULL)
    memset (holders, 0, n * sizeof *holders);
  state = batch_state (self, error);
  if (state == NULL)
    return FALSE;
  source = &state->batch;
  serah_store_participants_changed (self);
  action = g_new0 (guint8, n);
  source->rows = participants;
  source->n = n;
  source->action = action;

  if (state->bulk_fresh)
    ok = insert_fresh_batch (self, state, import_id, results, &done, error);
  if (ok && !done)
    {
      ok = classify_batch (self, source, results, holders, error) &&
           write_batch (self, source, BATCH_UPDATE, import_id, results, holders, &row_by_row,
                        error);
      /* After an UPDATE that went row by row the new rows are written already. */
      if (ok && !row_by_row)
        ok = write_batch (self, source, BATCH_INSERT, import_id, results, holders, &row_by_row,
                          error);
    }
  source->rows = NULL;
  source->n = 0;
  source->action = NULL;
  return ok;
}

/* ---- bulk ---- */

/* Rebuilding an index sorts every row of the table: worth it when the bulk brings more rows
 * than the table holds (measured on 100 000 rows: inserting into the area and name indexes
 * row by row costs 0.33 s, building them once 0.20 s), and only for a big list. At a million
 * rows in slices (issue #10), keeping them dropped until the last slice instead of building
 * them after the first one took the sqlite3 part of the import from 20.7 s to 14.5 s of CPU:
 * later slices inserted into indexes larger than the page cache in random order. */
#define BULK_REBUILD_MIN_ROWS 10000

typedef struct {
  char *name;
  char *sql;
} SecondaryIndex;

static gboolean
add_secondary_index (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  SecondaryIndex index = {
    serah_store_column_dup (stmt, 0),
    serah_store_column_dup (stmt, 1),
  };

  g_array_append_val ((GArray *) user_data, index);
  return TRUE;
}

static void
secondary_index_clear (gpointer data)
{
  SecondaryIndex *index = data;

  g_free (index->name);
  g_free (index->sql);
}

/* The per-row coverage count (reports' coverage_participants_insert: an UPSERT into
 * coverage_areas for each new participant) is dropped for the bulk too, with a pending marker
 * whose script counts every area again by one GROUP BY and creates the trigger again: at a
 * million rows the trigger cost 2.2 s of CPU, the count costs 0.35 s. Until the bulk ends
 * the coverage report does not count the rows it added (the update and delete triggers stay,
 * and the count at the end starts from the register, so no change made meanwhile is lost). */
#define COUNTING_TRIGGER "coverage_participants_insert"

static gboolean
drop_counting_trigger (SerahStore *self, GError **error)
{
  g_autofree char *trigger_sql = NULL;
  g_autofree char *script = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = serah_store_prepare (self,
                              "SELECT sql FROM sqlite_schema WHERE type = 'trigger'"
                              " AND name = '" COUNTING_TRIGGER "'",
                              error);
  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    trigger_sql = serah_store_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      serah_store_set_error (self, error, _("Cannot read the triggers of participants"));
      return FALSE;
    }
  if (trigger_sql == NULL)
    return TRUE;
  script = g_strconcat (serah_store_coverage_participants_recount, trigger_sql, ";", NULL);
  return serah_store_note_pending_index (self, COUNTING_TRIGGER, script, error) &&
         serah_store_exec (self, "DROP TRIGGER " COUNTING_TRIGGER, error);
}

/* Drops the non-UNIQUE indexes of participants made by CREATE INDEX (the UNIQUE ones enforce
 * the NIK and card rules and stay), each with its pending marker in the same transaction: a
 * bulk that never reaches its end leaves them to be built at the next open. The FTS5 search
 * tables stay kept by their triggers (with rows in rowid order that costs what building them
 * afterwards does, and a search during the import stays right); so do the coverage counts. */
static gboolean
drop_secondary_indexes (SerahStore *self, GError **error)
{
  g_autoptr(GArray) indexes = g_array_new (FALSE, TRUE, sizeof (SecondaryIndex));
  sqlite3_stmt *stmt;

  g_array_set_clear_func (indexes, secondary_index_clear);
  stmt = serah_store_prepare (self,
                              "SELECT s.name, s.sql FROM sqlite_schema AS s"
                              " JOIN pragma_index_list ('participants') AS l ON l.name = s.name"
                              " WHERE s.type = 'index' AND l.origin = 'c' AND NOT l.\"unique\""
                              "   AND s.sql IS NOT NULL"
                              " ORDER BY s.rowid",
                              error);
  if (stmt == NULL)
    return FALSE;
  if (!serah_store_foreach_row (self, stmt, add_secondary_index, indexes,
                                _("Cannot read the indexes of participants"), error))
    return FALSE;

  for (guint i = 0; i < indexes->len; i++)
    {
      SecondaryIndex *index = &g_array_index (indexes, SecondaryIndex, i);
      char *sql = sqlite3_mprintf ("DROP INDEX \"%w\"", index->name);
      gboolean ok;

      if (sql == NULL)
        g_error ("Out of memory"); /* as g_malloc does */
      ok = serah_store_note_pending_index (self, index->name, index->sql, error) &&
           serah_store_exec (self, sql, error);
      sqlite3_free (sql);
      if (!ok)
        return FALSE;
    }
  return drop_counting_trigger (self, error);
}

gboolean
serah_store_begin_participant_bulk (SerahStore *self, gint64 expected_rows, gboolean continued,
                                    GError **error)
{
  BatchState *state;
  gint64 existing;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  /* Outside a transaction the DROP and its marker would not be one step. */
  g_return_val_if_fail (!sqlite3_get_autocommit (serah_store_get_db (self)), FALSE);

  state = batch_state (self, error);
  if (state == NULL)
    return FALSE;
  /* A later slice goes on as the bulk began: inserting without reading the table first when
   * it began on an empty table (a row that is there after all, another process having
   * imported meanwhile, breaks the INSERT and the batch takes the ordinary way), and with the
   * indexes the first slice dropped still dropped. */
  if (continued)
    {
      state->bulk_fresh = state->slice_fresh;
      return TRUE;
    }
  existing = serah_store_count_participants (self);
  state->bulk_fresh = existing == 0;
  if (expected_rows >= BULK_REBUILD_MIN_ROWS && expected_rows > 2 * existing)
    return drop_secondary_indexes (self, error);
  /* Indexes an interrupted bulk left out (another connection had the file when it was
   * opened): built now, before rows go in one by one. */
  if (!serah_store_has_pending_indexes (self))
    return TRUE;
  return serah_store_build_pending_indexes (self, NULL, error);
}

gboolean
serah_store_pause_participant_bulk (SerahStore *self, GError **error)
{
  BatchState *state;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  state = batch_state (self, error);
  if (state == NULL)
    return FALSE;
  state->slice_fresh = state->bulk_fresh;
  state->bulk_fresh = FALSE;
  return TRUE;
}

gboolean
serah_store_end_participant_bulk (SerahStore *self, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  if (!serah_store_pause_participant_bulk (self, error))
    return FALSE;
  /* After a rollback (outside any transaction) there is nothing left to build. */
  if (!serah_store_has_pending_indexes (self))
    return TRUE;
  return serah_store_build_pending_indexes (self, NULL, error);
}
