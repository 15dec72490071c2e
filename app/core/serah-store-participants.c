/* serah-store-participants.c: schema v1 (settings, imports, participants) and the
 * participant and import queries. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "serah-store-private.h"

const char serah_store_schema_participants[] =
  "CREATE TABLE settings ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "CREATE TABLE imports ("
  "  id          INTEGER PRIMARY KEY,"
  "  file_name   TEXT NOT NULL,"
  "  sha256      TEXT NOT NULL,"
  "  started_at  INTEGER NOT NULL,"
  "  rows        INTEGER NOT NULL DEFAULT 0,"
  "  imported    INTEGER NOT NULL DEFAULT 0,"
  "  updated     INTEGER NOT NULL DEFAULT 0,"
  "  unchanged   INTEGER NOT NULL DEFAULT 0,"
  "  rejected    INTEGER NOT NULL DEFAULT 0,"
  "  duplicates  INTEGER NOT NULL DEFAULT 0,"
  "  conflicts   INTEGER NOT NULL DEFAULT 0,"
  "  warnings    INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE import_problems ("
  "  id          INTEGER PRIMARY KEY,"
  "  import_id   INTEGER NOT NULL REFERENCES imports (id),"
  "  line        INTEGER NOT NULL,"
  "  column_name TEXT,"
  "  code        TEXT NOT NULL,"
  "  severity    TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'info')),"
  "  message     TEXT NOT NULL,"
  "  raw_value   TEXT"
  ");"
  "CREATE INDEX import_problems_by_import ON import_problems (import_id, line);"
  "CREATE TABLE participants ("
  "  id          INTEGER PRIMARY KEY,"
  "  nik         TEXT NOT NULL UNIQUE CHECK (length (nik) = 16),"
  "  card_no     TEXT NOT NULL UNIQUE CHECK (length (card_no) = 13),"
  "  name        TEXT NOT NULL,"
  "  sex         TEXT NOT NULL CHECK (sex IN ('L', 'P')),"
  "  birth_date  TEXT,"
  "  address     TEXT,"
  "  desa        TEXT,"
  "  kecamatan   TEXT,"
  "  faskes      TEXT,"
  "  care_class  INTEGER,"
  "  import_id   INTEGER REFERENCES imports (id),"
  "  created_at  INTEGER NOT NULL,"
  "  updated_at  INTEGER NOT NULL"
  ");"
  /* The order lists and the search sort by (case-insensitive, as kecamatan and desa come in
   * upper and title case from different lists): walking it needs no sort. */
  "CREATE INDEX participants_by_area ON participants (kecamatan COLLATE NOCASE,"
  "  desa COLLATE NOCASE, name COLLATE NOCASE);";

static void participants_changed (SerahStore *self);

void
serah_participant_from_row (SerahParticipant *p, sqlite3_stmt *stmt)
{
  const char *sex;

  serah_participant_clear (p);
  p->id = sqlite3_column_int64 (stmt, 0);
  g_strlcpy (p->nik, (const char *) sqlite3_column_text (stmt, 1), sizeof p->nik);
  g_strlcpy (p->card_no, (const char *) sqlite3_column_text (stmt, 2), sizeof p->card_no);
  p->name = serah_store_column_dup (stmt, 3);
  sex = (const char *) sqlite3_column_text (stmt, 4);
  p->sex = sex && sex[0] == 'P' ? SERAH_SEX_FEMALE : sex && sex[0] == 'L' ? SERAH_SEX_MALE
                                                                          : SERAH_SEX_UNKNOWN;
  if (sqlite3_column_type (stmt, 5) != SQLITE_NULL)
    g_strlcpy (p->birth_date, (const char *) sqlite3_column_text (stmt, 5), sizeof p->birth_date);
  p->address = serah_store_column_dup (stmt, 6);
  p->desa = serah_store_column_dup (stmt, 7);
  p->kecamatan = serah_store_column_dup (stmt, 8);
  p->faskes = serah_store_column_dup (stmt, 9);
  p->care_class = sqlite3_column_int (stmt, 10);
  p->import_id = sqlite3_column_int64 (stmt, 11);
  p->updated_at = sqlite3_column_int64 (stmt, 12);
}

static SerahParticipant *
find_one (SerahStore *self, const char *sql, const char *text_key, gint64 int_key, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (self, sql, error);
  SerahParticipant *p = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text_key != NULL)
    sqlite3_bind_text (stmt, 1, text_key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, int_key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      p = serah_participant_new ();
      serah_participant_from_row (p, stmt);
    }
  else if (rc != SQLITE_DONE)
    serah_store_set_error (self, error, _("Cannot read a participant"));
  sqlite3_reset (stmt);
  return p;
}

SerahParticipant *
serah_store_get_participant (SerahStore *self, gint64 id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);
  return find_one (self, "SELECT " SERAH_PARTICIPANT_COLUMNS " FROM participants p WHERE p.id = ?1",
                   NULL, id, error);
}

SerahParticipant *
serah_store_find_participant_by_nik (SerahStore *self, const char *nik, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);
  g_return_val_if_fail (nik != NULL, NULL);
  return find_one (self, "SELECT " SERAH_PARTICIPANT_COLUMNS " FROM participants p WHERE p.nik = ?1",
                   nik, 0, error);
}

SerahParticipant *
serah_store_find_participant_by_card (SerahStore *self, const char *card_no, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);
  g_return_val_if_fail (card_no != NULL, NULL);
  return find_one (self,
                   "SELECT " SERAH_PARTICIPANT_COLUMNS " FROM participants p WHERE p.card_no = ?1",
                   card_no, 0, error);
}

static void
bind_participant_fields (sqlite3_stmt *stmt, const SerahParticipant *p)
{
  char sex[2] = { (char) p->sex, 0 };

  sqlite3_bind_text (stmt, 1, p->nik, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, p->card_no, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, p->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, sex, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 5, p->birth_date);
  serah_store_bind_text_or_null (stmt, 6, p->address);
  serah_store_bind_text_or_null (stmt, 7, p->desa);
  serah_store_bind_text_or_null (stmt, 8, p->kecamatan);
  serah_store_bind_text_or_null (stmt, 9, p->faskes);
  if (p->care_class > 0)
    sqlite3_bind_int (stmt, 10, p->care_class);
  else
    sqlite3_bind_null (stmt, 10);
}

gboolean
serah_store_upsert_participant (SerahStore        *self,
                                SerahParticipant  *participant,
                                gint64             import_id,
                                SerahUpsertResult *result,
                                GError           **error)
{
  g_autoptr(SerahParticipant) existing = NULL;
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (participant != NULL, FALSE);

  existing = serah_store_find_participant_by_nik (self, participant->nik, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (existing != NULL && serah_participant_equal_data (existing, participant))
    {
      participant->id = existing->id;
      if (result)
        *result = SERAH_UPSERT_UNCHANGED;
      return TRUE;
    }

  if (existing == NULL)
    stmt = serah_store_prepare (self,
                                "INSERT INTO participants (nik, card_no, name, sex, birth_date,"
                                " address, desa, kecamatan, faskes, care_class, import_id,"
                                " created_at, updated_at)"
                                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
                                error);
  else
    stmt = serah_store_prepare (self,
                                "UPDATE participants SET card_no = ?2, name = ?3, sex = ?4,"
                                " birth_date = ?5, address = ?6, desa = ?7, kecamatan = ?8,"
                                " faskes = ?9, care_class = ?10, import_id = ?11, updated_at = ?12"
                                " WHERE nik = ?1",
                                error);
  if (stmt == NULL)
    return FALSE;

  bind_participant_fields (stmt, participant);
  if (import_id > 0)
    sqlite3_bind_int64 (stmt, 11, import_id);
  else
    sqlite3_bind_null (stmt, 11);
  sqlite3_bind_int64 (stmt, 12, now);

  participants_changed (self);
  if (!serah_store_step_done (self, stmt, _("Cannot save a participant"), error))
    return FALSE;

  participant->id = existing ? existing->id : sqlite3_last_insert_rowid (serah_store_get_db (self));
  participant->import_id = import_id;
  participant->updated_at = now;
  if (result)
    *result = existing ? SERAH_UPSERT_UPDATED : SERAH_UPSERT_INSERTED;
  return TRUE;
}

gint64
serah_store_count_participants (SerahStore *self)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  g_return_val_if_fail (SERAH_IS_STORE (self), 0);

  stmt = serah_store_prepare (self, "SELECT count(*) FROM participants", NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  if (stmt)
    sqlite3_reset (stmt);
  return n;
}

/* ---- batch upsert ----
 *
 * One INSERT or UPDATE per row costs a statement journal, and with the FTS5 name index a
 * flush of the index's pending data at every statement: 4 s for 100 000 rows. The batch
 * is instead exposed to SQL as an eponymous virtual table over the caller's array, so that
 * classifying, inserting and updating a whole batch are three statements. */

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

/* What this file keeps per store (attached to the object, freed after finalize has closed
 * the database): the batch module's client data, which must outlive the connection's use
 * of it, and the search index. */
typedef struct {
  BatchSource   batch;
  gint64        changes;        /* participant writes through this connection */
  gboolean      index_built;
  gint64        index_changes;  /* changes and data_version when the index was built */
  gint64        index_data_version;
  GArray       *index;          /* SearchEntry, in area order */
  GStringChunk *index_names;
} ParticipantsState;

typedef struct {
  gint64      id;
  char        nik[SERAH_NIK_LENGTH + 1];
  char        card_no[SERAH_CARD_NO_LENGTH + 1];
  const char *name; /* case-folded, after a space: " budi saputra" */
} SearchEntry;

static void
participants_state_free (gpointer data)
{
  ParticipantsState *state = data;

  g_clear_pointer (&state->index, g_array_unref);
  if (state->index_names != NULL)
    g_string_chunk_free (state->index_names);
  g_free (state);
}

static ParticipantsState *
participants_state (SerahStore *self, GError **error)
{
  ParticipantsState *state = g_object_get_data (G_OBJECT (self), "serah-participants-state");

  if (state != NULL)
    return state;
  state = g_new0 (ParticipantsState, 1);
  if (sqlite3_create_module_v2 (serah_store_get_db (self), "serah_participant_batch",
                                &batch_module, &state->batch, NULL) != SQLITE_OK)
    {
      g_free (state);
      serah_store_set_error (self, error, _("Cannot prepare a batch of participants"));
      return NULL;
    }
  g_object_set_data_full (G_OBJECT (self), "serah-participants-state", state,
                          participants_state_free);
  /* Participant lists are big: with the default 2 MB page cache, the B-trees of a
   * 100 000-row list spill to the WAL in the middle of an import and are read back.
   * 64 MB holds them (the cache grows only as pages are used). */
  serah_store_exec (self, "PRAGMA cache_size = -65536", NULL);
  return state;
}

/* Every write to participants through this connection goes by here, so that the search
 * index knows it is stale (writes of other connections show in PRAGMA data_version). */
static void
participants_changed (SerahStore *self)
{
  ParticipantsState *state = participants_state (self, NULL);
  if (state != NULL)
    state->changes++;
}

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

static gboolean
classify_batch (SerahStore *self, BatchSource *source, SerahUpsertResult *results,
                SerahParticipant **holders, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

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
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint i = (guint) sqlite3_column_int64 (stmt, 0);
      gboolean exists = sqlite3_column_type (stmt, 1) != SQLITE_NULL;
      gboolean card_taken = sqlite3_column_type (stmt, 3) != SQLITE_NULL;

      if (i >= source->n)
        continue;
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
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (self, error, _("Cannot compare participants"));

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

/* One statement per kind of change. Each is atomic: when one breaks a constraint it has
 * changed nothing, and the rows it was for go the per-row way. */
static gboolean
write_batch (SerahStore *self, BatchSource *source, int action, gint64 import_id,
             SerahUpsertResult *results, SerahParticipant **holders, gboolean *row_by_row,
             GError **error)
{
  g_autoptr(GError) local_error = NULL;
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
  if (serah_store_step_done (self, stmt, _("Cannot save participants"), &local_error))
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
  ParticipantsState *state;
  BatchSource *source;
  gboolean ok, row_by_row = FALSE;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (participants != NULL || n == 0, FALSE);
  g_return_val_if_fail (results != NULL || n == 0, FALSE);

  if (n == 0)
    return TRUE;
  if (holders != NULL)
    memset (holders, 0, n * sizeof *holders);
  state = participants_state (self, error);
  if (state == NULL)
    return FALSE;
  source = &state->batch;
  state->changes++;
  action = g_new0 (guint8, n);
  source->rows = participants;
  source->n = n;
  source->action = action;

  ok = classify_batch (self, source, results, holders, error) &&
       write_batch (self, source, BATCH_UPDATE, import_id, results, holders, &row_by_row, error);
  /* After an UPDATE that went row by row the new rows are written already. */
  if (ok && !row_by_row)
    ok = write_batch (self, source, BATCH_INSERT, import_id, results, holders, &row_by_row, error);
  source->rows = NULL;
  source->n = 0;
  source->action = NULL;
  return ok;
}

static const char *
order_column (const char *field)
{
  static const struct { const char *field, *column; } columns[] = {
    { "kecamatan", "p.kecamatan COLLATE NOCASE" },
    { "desa", "p.desa COLLATE NOCASE" },
    { "name", "p.name COLLATE NOCASE" },
    { "nama", "p.name COLLATE NOCASE" },
    { "nik", "p.nik" },
    { "card_no", "p.card_no" },
    { "card", "p.card_no" },
    { "birth_date", "p.birth_date" },
    { "id", "p.id" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (g_ascii_strcasecmp (field, columns[i].field) == 0)
      return columns[i].column;
  return NULL;
}

static void
append_in_list (GString *sql, GPtrArray *binds, const char *column, char **values)
{
  if (values == NULL || values[0] == NULL)
    return;
  g_string_append_printf (sql, " AND %s COLLATE NOCASE IN (", column);
  for (guint i = 0; values[i] != NULL; i++)
    {
      g_string_append_printf (sql, "%s?%u", i ? ", " : "", binds->len + 1);
      g_ptr_array_add (binds, values[i]);
    }
  g_string_append_c (sql, ')');
}

gboolean
serah_store_foreach_participant (SerahStore                   *self,
                                 const SerahParticipantFilter *filter,
                                 SerahParticipantFunc          func,
                                 gpointer                      user_data,
                                 GError                      **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT " SERAH_PARTICIPANT_COLUMNS
                                         " FROM participants p WHERE 1");
  g_autoptr(GPtrArray) binds = g_ptr_array_new ();
  SerahParticipant row = { 0 };
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (filter != NULL)
    {
      append_in_list (sql, binds, "p.kecamatan", filter->kecamatan);
      append_in_list (sql, binds, "p.desa", filter->desa);
    }
  g_string_append (sql, " ORDER BY ");
  if (filter != NULL && filter->order != NULL && filter->order[0] != NULL)
    {
      for (guint i = 0; filter->order[i] != NULL; i++)
        {
          const char *column = order_column (filter->order[i]);
          if (column == NULL)
            {
              g_set_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_FAILED,
                           _("Unknown sort field “%s” (use kecamatan, desa, name, nik, card_no "
                             "or birth_date)."),
                           filter->order[i]);
              return FALSE;
            }
          g_string_append_printf (sql, "%s, ", column);
        }
      g_string_append (sql, "p.id");
    }
  else
    g_string_append (sql, "p.kecamatan COLLATE NOCASE, p.desa COLLATE NOCASE, "
                          "p.name COLLATE NOCASE, p.id");

  /* Dynamic SQL: prepared once for this walk, not cached. */
  if (sqlite3_prepare_v2 (serah_store_get_db (self), sql->str, -1, &stmt, NULL) != SQLITE_OK)
    return serah_store_set_error (self, error, _("Cannot list participants"));
  for (guint i = 0; i < binds->len; i++)
    sqlite3_bind_text (stmt, i + 1, g_ptr_array_index (binds, i), -1, SQLITE_STATIC);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      serah_participant_from_row (&row, stmt);
      if (!func (&row, user_data, error))
        {
          ok = FALSE;
          break;
        }
    }
  if (ok && rc != SQLITE_DONE)
    ok = serah_store_set_error (self, error, _("Cannot list participants"));
  serah_participant_clear (&row);
  sqlite3_finalize (stmt);
  return ok;
}

#define AREA_ORDER \
  " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE, name COLLATE NOCASE, id"

/* Search-as-you-type asks for every match at each key press (the participant list shows
 * them all, lazily), and a prefix such as "3601" matches every NIK of a regency: SQL that
 * fetches and sorts 100 000 rows takes 200 ms. The search instead keeps, per store, the ids
 * in area order with the NIK, card number and case-folded name of each, and filters that in
 * C: a few milliseconds over 100 000 participants. It is rebuilt (one walk of the area
 * index) after any write to participants through this connection or by another one. */
/* " " + the case-folded name, in the chunk. Most names are ASCII: folded without the
 * allocations of g_utf8_casefold, which this saves 100 000 times per build. */
static const char *
fold_name (GStringChunk *chunk, const char *name)
{
  char buf[256];
  gsize len = strlen (name);
  gboolean ascii = len + 2 <= sizeof buf;

  for (gsize i = 0; ascii && i < len; i++)
    {
      if ((unsigned char) name[i] >= 0x80)
        ascii = FALSE;
      buf[i + 1] = g_ascii_tolower (name[i]);
    }
  if (ascii)
    {
      buf[0] = ' ';
      buf[len + 1] = '\0';
      return g_string_chunk_insert_len (chunk, buf, (gssize) len + 1);
    }
  else
    {
      g_autofree char *folded = g_utf8_casefold (name, -1);
      g_autofree char *spaced = g_strconcat (" ", folded, NULL);
      return g_string_chunk_insert (chunk, spaced);
    }
}

static gboolean
ensure_search_index (SerahStore *self, ParticipantsState *state, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 data_version = -1;
  int rc;

  stmt = serah_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (state->index_built && state->index_changes == state->changes &&
      state->index_data_version == data_version)
    return TRUE;

  stmt = serah_store_prepare (self, "SELECT id, nik, card_no, name FROM participants" AREA_ORDER,
                              error);
  if (stmt == NULL)
    return FALSE;
  g_clear_pointer (&state->index, g_array_unref);
  if (state->index_names != NULL)
    g_string_chunk_free (state->index_names);
  state->index = g_array_sized_new (FALSE, FALSE, sizeof (SearchEntry), 1024);
  state->index_names = g_string_chunk_new (64 * 1024);
  state->index_built = FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SearchEntry entry = { 0 };
      const char *name = (const char *) sqlite3_column_text (stmt, 3);

      entry.id = sqlite3_column_int64 (stmt, 0);
      g_strlcpy (entry.nik, (const char *) sqlite3_column_text (stmt, 1), sizeof entry.nik);
      g_strlcpy (entry.card_no, (const char *) sqlite3_column_text (stmt, 2),
                 sizeof entry.card_no);
      entry.name = fold_name (state->index_names, name ? name : "");
      g_array_append_val (state->index, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (self, error, _("Cannot search participants"));
  state->index_built = TRUE;
  state->index_changes = state->changes;
  state->index_data_version = data_version;
  return TRUE;
}

static gboolean
is_all_digits (const char *s)
{
  if (*s == '\0')
    return FALSE;
  for (; *s; s++)
    if (!g_ascii_isdigit (*s))
      return FALSE;
  return TRUE;
}

GArray *
serah_store_search_participant_ids (SerahStore *self, const char *query, guint limit,
                                    GError **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *needle = NULL;
  g_autofree char *word = NULL;
  ParticipantsState *state;
  const SearchEntry *entries;
  gsize needle_len;
  enum { ALL, DIGITS, CONTAINS, WORD_START } kind;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  state = participants_state (self, error);
  if (state == NULL || !ensure_search_index (self, state, error))
    return NULL;

  needle = g_strstrip (g_strdup (query ? query : ""));
  needle_len = strlen (needle);
  if (needle_len == 0)
    kind = ALL;
  else if (is_all_digits (needle))
    kind = DIGITS; /* a NIK or card number prefix */
  else if (g_utf8_strlen (needle, -1) >= 3)
    {
      /* Names containing the text, whatever the case (Ma'ruf, "A. Rahman" literally). */
      g_autofree char *folded = g_utf8_casefold (needle, -1);
      g_free (needle);
      needle = g_steal_pointer (&folded);
      kind = CONTAINS;
    }
  else
    {
      /* One or two letters match too much anywhere in a name: only where the name, or a
       * word of it, starts with them (the entry's leading space makes the first word one). */
      g_autofree char *folded = g_utf8_casefold (needle, -1);
      word = g_strconcat (" ", folded, NULL);
      kind = WORD_START;
    }

  entries = (const SearchEntry *) state->index->data;
  for (guint i = 0; i < state->index->len && (limit == 0 || ids->len < limit); i++)
    {
      const SearchEntry *e = &entries[i];
      gboolean match;

      switch (kind)
        {
        case DIGITS:
          match = strncmp (e->nik, needle, needle_len) == 0 ||
                  strncmp (e->card_no, needle, needle_len) == 0;
          break;
        case CONTAINS:
          match = strstr (e->name, needle) != NULL;
          break;
        case WORD_START:
          match = strstr (e->name, word) != NULL;
          break;
        case ALL:
        default:
          match = TRUE;
          break;
        }
      if (match)
        g_array_append_val (ids, e->id);
    }
  return g_steal_pointer (&ids);
}

void
serah_area_count_free (SerahAreaCount *self)
{
  if (self == NULL)
    return;
  g_free (self->kecamatan);
  g_free (self->desa);
  g_free (self);
}

GPtrArray *
serah_store_count_by_area (SerahStore *self, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_area_count_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  stmt = serah_store_prepare (self,
                              "SELECT coalesce (kecamatan, ''), coalesce (desa, ''), count(*)"
                              " FROM participants GROUP BY 1 COLLATE NOCASE, 2 COLLATE NOCASE"
                              " ORDER BY 1 COLLATE NOCASE, 2 COLLATE NOCASE",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SerahAreaCount *row = g_new0 (SerahAreaCount, 1);
      row->kecamatan = serah_store_column_dup (stmt, 0);
      row->desa = serah_store_column_dup (stmt, 1);
      row->participants = sqlite3_column_int64 (stmt, 2);
      g_ptr_array_add (rows, row);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (self, error, _("Cannot count participants"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
serah_import_record_free (SerahImportRecord *self)
{
  if (self == NULL)
    return;
  g_free (self->file_name);
  g_free (self->sha256);
  g_free (self);
}

gint64
serah_store_insert_import (SerahStore *self, const char *file_name, const char *sha256,
                           GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (self), 0);

  stmt = serah_store_prepare (self,
                              "INSERT INTO imports (file_name, sha256, started_at)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, file_name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, sha256, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  if (!serah_store_step_done (self, stmt, _("Cannot record the import"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (self));
}

gboolean
serah_store_finish_import (SerahStore *self, const SerahImportRecord *c, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  stmt = serah_store_prepare (self,
                              "UPDATE imports SET rows = ?2, imported = ?3, updated = ?4,"
                              " unchanged = ?5, rejected = ?6, duplicates = ?7, conflicts = ?8,"
                              " warnings = ?9, sha256 = coalesce (?10, sha256) WHERE id = ?1",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->id);
  sqlite3_bind_int64 (stmt, 2, c->rows);
  sqlite3_bind_int64 (stmt, 3, c->imported);
  sqlite3_bind_int64 (stmt, 4, c->updated);
  sqlite3_bind_int64 (stmt, 5, c->unchanged);
  sqlite3_bind_int64 (stmt, 6, c->rejected);
  sqlite3_bind_int64 (stmt, 7, c->duplicates);
  sqlite3_bind_int64 (stmt, 8, c->conflicts);
  sqlite3_bind_int64 (stmt, 9, c->warnings);
  /* The importer streams the file and knows its hash only at the end. */
  serah_store_bind_text_or_null (stmt, 10, c->sha256);
  return serah_store_step_done (self, stmt, _("Cannot record the import"), error);
}

gboolean
serah_store_add_import_problem (SerahStore *self, gint64 import_id, gint64 line,
                                const char *column, const char *code, const char *severity,
                                const char *message, const char *raw_value, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);

  stmt = serah_store_prepare (self,
                              "INSERT INTO import_problems (import_id, line, column_name, code,"
                              " severity, message, raw_value) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, import_id);
  sqlite3_bind_int64 (stmt, 2, line);
  serah_store_bind_text_or_null (stmt, 3, column);
  sqlite3_bind_text (stmt, 4, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, severity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, message, -1, SQLITE_STATIC);
  if (raw_value != NULL)
    sqlite3_bind_text (stmt, 7, raw_value, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, 7);
  return serah_store_step_done (self, stmt, _("Cannot record an import problem"), error);
}

GPtrArray *
serah_store_list_imports (SerahStore *self, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_import_record_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  stmt = serah_store_prepare (self,
                              "SELECT id, file_name, sha256, started_at, rows, imported, updated,"
                              " unchanged, rejected, duplicates, conflicts, warnings"
                              " FROM imports ORDER BY id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SerahImportRecord *r = g_new0 (SerahImportRecord, 1);
      r->id = sqlite3_column_int64 (stmt, 0);
      r->file_name = serah_store_column_dup (stmt, 1);
      r->sha256 = serah_store_column_dup (stmt, 2);
      r->started_at = sqlite3_column_int64 (stmt, 3);
      r->rows = sqlite3_column_int64 (stmt, 4);
      r->imported = sqlite3_column_int64 (stmt, 5);
      r->updated = sqlite3_column_int64 (stmt, 6);
      r->unchanged = sqlite3_column_int64 (stmt, 7);
      r->rejected = sqlite3_column_int64 (stmt, 8);
      r->duplicates = sqlite3_column_int64 (stmt, 9);
      r->conflicts = sqlite3_column_int64 (stmt, 10);
      r->warnings = sqlite3_column_int64 (stmt, 11);
      g_ptr_array_add (rows, r);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (self, error, _("Cannot list imports"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}
