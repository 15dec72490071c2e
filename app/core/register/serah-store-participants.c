/* serah-store-participants.c: schema v1 (settings, imports, participants) and the
 * participant and import queries. */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "store/serah-store-private.h"
#include "register/serah-store-participants-private.h"

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

/* v6, the search indexes (issue #10): search-as-you-type at a million participants without
 * walking them. Both are FTS5 tables over participants' names (external content: the names
 * are not stored twice), kept by triggers in the transaction that writes the participant, so an
 * import, an upsert or a restore can never leave them stale.
 *  - participant_names, trigram tokenizer: any substring of three characters or more, any
 *    case (SQLite 3.34+; "Ma'ruf", "A. Rahman" and "siti nur" literally).
 *  - participant_words, unicode61 with 1- and 2-character prefix indexes and no positions:
 *    one or two letters match where a word of the name starts, as before. */
const char serah_store_schema_search[] =
  "CREATE VIRTUAL TABLE participant_names USING fts5 (name, content = 'participants',"
  "  content_rowid = 'id', tokenize = 'trigram');"
  "CREATE VIRTUAL TABLE participant_words USING fts5 (name, content = 'participants',"
  "  content_rowid = 'id', tokenize = 'unicode61', prefix = '1 2', detail = 'none');"
  "CREATE TRIGGER participants_search_insert AFTER INSERT ON participants BEGIN"
  "  INSERT INTO participant_names (rowid, name) VALUES (new.id, new.name);"
  "  INSERT INTO participant_words (rowid, name) VALUES (new.id, new.name);"
  "END;"
  "CREATE TRIGGER participants_search_delete AFTER DELETE ON participants BEGIN"
  "  INSERT INTO participant_names (participant_names, rowid, name)"
  "    VALUES ('delete', old.id, old.name);"
  "  INSERT INTO participant_words (participant_words, rowid, name)"
  "    VALUES ('delete', old.id, old.name);"
  "END;"
  "CREATE TRIGGER participants_search_update AFTER UPDATE OF name ON participants"
  "  WHEN old.name IS NOT new.name BEGIN"
  "  INSERT INTO participant_names (participant_names, rowid, name)"
  "    VALUES ('delete', old.id, old.name);"
  "  INSERT INTO participant_words (participant_words, rowid, name)"
  "    VALUES ('delete', old.id, old.name);"
  "  INSERT INTO participant_names (rowid, name) VALUES (new.id, new.name);"
  "  INSERT INTO participant_words (rowid, name) VALUES (new.id, new.name);"
  "END;"
  "INSERT INTO participant_names (participant_names) VALUES ('rebuild');"
  "INSERT INTO participant_words (participant_words) VALUES ('rebuild');";

/* v14 (issue #10): the search tables again without their per-row size tables
 * (columnsize = 0). Nothing asks FTS5 for a row's length (no bm25, no rank: matches come in
 * rowid order), yet each inserted name wrote one row into each `_docsize` table: measured in
 * sqlite3 loading the 1M bench list into this schema, 14.2 s of CPU with them, 12.9 s
 * without, and 18 MB less on disk. Filled straight from the table in rowid order (NOT
 * INDEXED: a 'rebuild' would read the names through participants_by_name, in name order, at
 * 2.6x the cost); the triggers name the tables and stay as they are. */
const char serah_store_schema_search_compact[] =
  "DROP TABLE IF EXISTS participant_names;"
  "DROP TABLE IF EXISTS participant_words;"
  "CREATE VIRTUAL TABLE participant_names USING fts5 (name, content = 'participants',"
  "  content_rowid = 'id', tokenize = 'trigram', columnsize = 0);"
  "CREATE VIRTUAL TABLE participant_words USING fts5 (name, content = 'participants',"
  "  content_rowid = 'id', tokenize = 'unicode61', prefix = '1 2', detail = 'none',"
  "  columnsize = 0);"
  "INSERT INTO participant_names (rowid, name)"
  "  SELECT id, name FROM participants NOT INDEXED ORDER BY id;"
  "INSERT INTO participant_words (rowid, name)"
  "  SELECT id, name FROM participants NOT INDEXED ORDER BY id;";

/* v8: an import is committed in slices (serah-import.c), so an import that was cancelled,
 * failed or was killed half way has committed rows: its record has no finished_at. The
 * imports made before were one transaction each, so every one of them finished. */
const char serah_store_schema_import_runs[] =
  "ALTER TABLE imports ADD COLUMN finished_at INTEGER;"
  "UPDATE imports SET finished_at = started_at;";

char *
serah_store_fts_phrase (const char *text, gboolean prefix)
{
  GString *phrase = g_string_new ("\"");

  for (const char *c = text; *c; c++)
    {
      if (*c == '"')
        g_string_append_c (phrase, '"');
      g_string_append_c (phrase, *c);
    }
  g_string_append (phrase, prefix ? "\"*" : "\"");
  return g_string_free (phrase, FALSE);
}

gboolean
serah_store_fts_cover (const char *text, char **match, char **like)
{
  g_autoptr(GString) expr = NULL;
  g_autoptr(GString) pattern = NULL;
  gsize len = strlen (text);

  *match = *like = NULL;
  /* Seven characters make five trigrams: below that the phrase is as cheap. Only ASCII:
   * LIKE folds ASCII case only, as the trigram tokenizer does for these letters. */
  if (len < 7)
    return FALSE;
  for (const char *c = text; *c; c++)
    if ((guchar) *c >= 0x80)
      return FALSE;

  expr = g_string_new (NULL);
  for (gsize at = 0;; at += 3)
    {
      if (at + 3 > len)
        at = len - 3;
      if (expr->len > 0)
        g_string_append (expr, " AND ");
      g_string_append_c (expr, '"');
      for (gsize k = at; k < at + 3; k++)
        {
          if (text[k] == '"')
            g_string_append_c (expr, '"');
          g_string_append_c (expr, text[k]);
        }
      g_string_append_c (expr, '"');
      if (at + 3 >= len)
        break;
    }
  pattern = g_string_new ("%");
  for (const char *c = text; *c; c++)
    {
      if (*c == '%' || *c == '_' || *c == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *c);
    }
  g_string_append_c (pattern, '%');
  *match = g_string_free (g_steal_pointer (&expr), FALSE);
  *like = g_string_free (g_steal_pointer (&pattern), FALSE);
  return TRUE;
}

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

  serah_store_participants_changed (self);
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

/* Participant lists are big: with the default 2 MB page cache, the B-trees of a 100 000-row
 * list spill to the WAL in the middle of an import and are read back, and the search index
 * build reads them again. A 32 MB cache holds the ones written at random (the NIK and card
 * indexes; serah_store_use_large_cache says why not more), and grows only as pages are used. */

/* What this file keeps per store (attached to the object): the ids in area order, which
 * orders search results without sorting them (8 bytes a participant). */
typedef struct {
  gint64        changes;        /* participant writes through this connection */
  gboolean      order_built;
  gint64        order_changes;  /* changes and data_version when the order was read */
  gint64        order_data_version;
  GArray       *area_ids;       /* gint64, in area order */
  gint64        max_id;
} ParticipantsState;

static void
participants_state_free (gpointer data)
{
  ParticipantsState *state = data;

  g_clear_pointer (&state->area_ids, g_array_unref);
  g_free (state);
}

static ParticipantsState *
participants_state (SerahStore *self, GError **error)
{
  ParticipantsState *state = g_object_get_data (G_OBJECT (self), "serah-participants-state");

  if (state != NULL)
    return state;
  state = g_new0 (ParticipantsState, 1);
  g_object_set_data_full (G_OBJECT (self), "serah-participants-state", state,
                          participants_state_free);
  serah_store_use_large_cache (self);
  return state;
}

/* Every write to participants through this connection goes by here (the search indexes are
 * kept by triggers; this counts writes for whoever caches what it read). */
void
serah_store_participants_changed (SerahStore *self)
{
  ParticipantsState *state = participants_state (self, NULL);
  if (state != NULL)
    state->changes++;
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

typedef struct {
  SerahParticipant     row;  /* reused for every row: one allocation per walk */
  SerahParticipantFunc func;
  gpointer             user_data;
} ParticipantWalk;

static gboolean
walk_participant (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  ParticipantWalk *walk = user_data;

  serah_participant_from_row (&walk->row, stmt);
  return walk->func (&walk->row, walk->user_data, error);
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
  ParticipantWalk walk = { .func = func, .user_data = user_data };
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

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

  ok = serah_store_foreach_row (self, stmt, walk_participant, &walk,
                                _("Cannot list participants"), error);
  serah_participant_clear (&walk.row);
  sqlite3_finalize (stmt);
  return ok;
}

#define AREA_ORDER \
  " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE, name COLLATE NOCASE, id"

/* Search-as-you-type asks for every match at each key press (the participant list shows
 * them all, lazily), in area order. Issue #10: the in-memory index of folded names this
 * replaces cost 2.5-3.5 s to build at a million participants (the first search) and a strstr
 * over every name per key press. Now the matches come from SQLite's indexes (the FTS5 tables
 * of serah_store_schema_search for names, the UNIQUE indexes for NIK and card number
 * prefixes) and are put in area order without a sort: the ids in area order are read once
 * per change (one walk of the covering area index, no table row), the matches are marked in
 * a bitmap and that list is walked. Sorting the matches in SQL instead cost 0.2 s for a NIK
 * prefix matching 100 000 people. */
static const char area_order_sql[] = "SELECT id FROM participants" AREA_ORDER;
static const char match_nik_sql[] = "SELECT id FROM participants WHERE nik >= ?1 AND nik < ?2";
static const char match_card_sql[] =
  "SELECT id FROM participants WHERE card_no >= ?1 AND card_no < ?2";
static const char match_names_sql[] =
  "SELECT rowid FROM participant_names WHERE participant_names MATCH ?1";
static const char match_words_sql[] =
  "SELECT rowid FROM participant_words WHERE participant_words MATCH ?1";

static gboolean
add_area_id (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  ParticipantsState *state = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  g_array_append_val (state->area_ids, id);
  state->max_id = MAX (state->max_id, id);
  return TRUE;
}

static gboolean
ensure_area_order (SerahStore *self, ParticipantsState *state, GError **error)
{
  sqlite3_stmt *stmt;
  gint64 data_version = -1;

  stmt = serah_store_prepare (self, "PRAGMA data_version", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    data_version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (state->order_built && state->order_changes == state->changes &&
      state->order_data_version == data_version)
    return TRUE;

  stmt = serah_store_prepare (self, area_order_sql, error);
  if (stmt == NULL)
    return FALSE;
  g_clear_pointer (&state->area_ids, g_array_unref);
  state->area_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), 1024);
  state->max_id = 0;
  state->order_built = FALSE;
  if (!serah_store_foreach_row (self, stmt, add_area_id, state,
                                _("Cannot search participants"), error))
    return FALSE;
  state->order_built = TRUE;
  state->order_changes = state->changes;
  state->order_data_version = data_version;
  return TRUE;
}

typedef struct {
  guint8 *marks;
  gint64  max_id;
} MatchMarks;

static gboolean
mark_id (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  MatchMarks *m = user_data;
  gint64 id = sqlite3_column_int64 (stmt, 0);

  /* Read in the same snapshot as the order (data_version unchanged): never beyond it. */
  if (id > 0 && id <= m->max_id)
    m->marks[id >> 3] |= (guint8) (1u << (id & 7));
  return TRUE;
}

static gboolean
mark_matches (SerahStore *self, const char *sql, const char *first, const char *second,
              MatchMarks *marks, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, first, -1, SQLITE_STATIC);
  if (second != NULL)
    sqlite3_bind_text (stmt, 2, second, -1, SQLITE_STATIC);
  return serah_store_foreach_row (self, stmt, mark_id, marks, _("Cannot search participants"),
                                  error);
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
  g_autofree guint8 *bits = NULL;
  ParticipantsState *state;
  MatchMarks marks;
  const gint64 *order;
  gboolean ok;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  state = participants_state (self, error);
  if (state == NULL || !ensure_area_order (self, state, error))
    return NULL;
  order = (const gint64 *) state->area_ids->data;

  needle = g_strstrip (g_strdup (query ? query : ""));
  if (*needle == '\0')
    {
      guint n = limit == 0 ? state->area_ids->len : MIN (limit, state->area_ids->len);
      g_array_append_vals (ids, order, n);
      return g_steal_pointer (&ids);
    }

  bits = g_malloc0 ((gsize) (state->max_id >> 3) + 1);
  marks.marks = bits;
  marks.max_id = state->max_id;
  if (is_all_digits (needle))
    {
      /* A NIK or card number prefix: ':' sorts right after '9', so [prefix, prefix:) is
       * every string starting with it, a range of each UNIQUE index. */
      g_autofree char *upper = g_strconcat (needle, ":", NULL);
      ok = mark_matches (self, match_nik_sql, needle, upper, &marks, error) &&
           mark_matches (self, match_card_sql, needle, upper, &marks, error);
    }
  else if (g_utf8_strlen (needle, -1) >= 3)
    {
      /* Names containing the text, whatever the case: trigrams. */
      g_autofree char *phrase = serah_store_fts_phrase (needle, FALSE);
      ok = mark_matches (self, match_names_sql, phrase, NULL, &marks, error);
    }
  else
    {
      /* One or two letters match too much anywhere in a name: only where a word of the name
       * starts with them. */
      g_autofree char *phrase = serah_store_fts_phrase (needle, TRUE);
      ok = mark_matches (self, match_words_sql, phrase, NULL, &marks, error);
    }
  if (!ok)
    return NULL;

  for (guint i = 0; i < state->area_ids->len && (limit == 0 || ids->len < limit); i++)
    {
      gint64 id = order[i];
      if (bits[id >> 3] & (1u << (id & 7)))
        g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static gpointer
area_count_from_row (sqlite3_stmt *stmt)
{
  SerahAreaCount *row = g_new0 (SerahAreaCount, 1);

  /* A missing kecamatan or desa is an empty name, as the reports show it. */
  row->kecamatan = g_strdup ((const char *) sqlite3_column_text (stmt, 0) ?: "");
  row->desa = g_strdup ((const char *) sqlite3_column_text (stmt, 1) ?: "");
  row->participants = sqlite3_column_int64 (stmt, 2);
  return row;
}

GPtrArray *
serah_store_count_by_area (SerahStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  stmt = serah_store_prepare (self,
                              /* Grouped on the bare columns, not coalesce(): a walk
                               * of the covering area index, no sort (issue #10: 0.68 s
                               * of CPU at a million participants, now 0.09 s). Empty
                               * names are stored as NULL, so NULL and '' never split. */
                              "SELECT kecamatan, desa, count(*) FROM participants"
                              " GROUP BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE"
                              " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE",
                              error);
  if (stmt == NULL)
    return NULL;
  return serah_store_list_rows (self, stmt, area_count_from_row,
                                (GDestroyNotify) serah_area_count_free,
                                _("Cannot count participants"), error);
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

static gboolean
record_import_counts (SerahStore *self, const SerahImportRecord *c, gboolean finished,
                      GError **error)
{
  sqlite3_stmt *stmt;

  if (finished)
    stmt = serah_store_prepare (self,
                                "UPDATE imports SET rows = ?2, imported = ?3, updated = ?4,"
                                " unchanged = ?5, rejected = ?6, duplicates = ?7, conflicts = ?8,"
                                " warnings = ?9, sha256 = coalesce (?10, sha256),"
                                " finished_at = ?11 WHERE id = ?1",
                                error);
  else
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
  if (finished)
    sqlite3_bind_int64 (stmt, 11, g_get_real_time () / G_USEC_PER_SEC);
  return serah_store_step_done (self, stmt, _("Cannot record the import"), error);
}

gboolean
serah_store_finish_import (SerahStore *self, const SerahImportRecord *c, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  return record_import_counts (self, c, TRUE, error);
}

gboolean
serah_store_update_import_counts (SerahStore *self, const SerahImportRecord *c, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (self), FALSE);
  return record_import_counts (self, c, FALSE, error);
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

static gpointer
import_record_from_row (sqlite3_stmt *stmt)
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
  return r;
}

GPtrArray *
serah_store_list_imports (SerahStore *self, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (self), NULL);

  stmt = serah_store_prepare (self,
                              "SELECT id, file_name, sha256, started_at, rows, imported, updated,"
                              " unchanged, rejected, duplicates, conflicts, warnings"
                              " FROM imports ORDER BY id DESC",
                              error);
  if (stmt == NULL)
    return NULL;
  return serah_store_list_rows (self, stmt, import_record_from_row,
                                (GDestroyNotify) serah_import_record_free,
                                _("Cannot list imports"), error);
}
