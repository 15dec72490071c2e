/* serah-store-ceremony.c: schema v3 (ceremonies, invitations, handover and undo events, the
 * current-state index and the per-desa tallies) and the queries about ceremonies and
 * invitations. Handover queries are in serah-store-handover.c.
 *
 * Why the shape:
 *  - handovers and handover_undos are events: append-only, enforced by triggers, each with a
 *    random UUID so that station bundles merge as a set union;
 *  - ceremony_state is an index derived from the events (the earliest live handover of each
 *    participant and how many live ones there are), rewritten in the same transaction as
 *    the event, so "already handed over?" is one primary-key lookup;
 *  - ceremony_tallies keeps the per-desa counts, maintained by triggers on the invitation and
 *    state tables, so the progress display reads a few dozen rows after every scan instead
 *    of grouping 100 000 invitations.
 */
#define G_LOG_DOMAIN "serah-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "ceremony/serah-store-ceremony-private.h"
#include "store/serah-store-private.h"

const char serah_store_schema_ceremonies[] =
  "CREATE TABLE ceremonies ("
  "  id          INTEGER PRIMARY KEY,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  name        TEXT NOT NULL CHECK (length (name) > 0),"
  "  date        TEXT NOT NULL CHECK (length (date) = 10),"
  "  place       TEXT NOT NULL,"
  "  created_at  INTEGER NOT NULL,"
  "  created_by  TEXT"
  ");"
  /* Closing is an event of its own; a ceremony row is never rewritten. */
  "CREATE TABLE ceremony_closures ("
  "  ceremony_id INTEGER PRIMARY KEY REFERENCES ceremonies (id),"
  "  closed_at   INTEGER NOT NULL,"
  "  closed_by   TEXT"
  ");"
  /* kecamatan/desa as they were at invitation time: the tally key. */
  "CREATE TABLE ceremony_invitations ("
  "  ceremony_id    INTEGER NOT NULL REFERENCES ceremonies (id),"
  "  participant_id INTEGER NOT NULL REFERENCES participants (id),"
  "  kecamatan      TEXT NOT NULL,"
  "  desa           TEXT NOT NULL,"
  "  invited_at     INTEGER NOT NULL,"
  "  invited_by     TEXT,"
  "  source         TEXT,"
  "  PRIMARY KEY (ceremony_id, participant_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX ceremony_invitations_by_desa"
  "  ON ceremony_invitations (ceremony_id, desa COLLATE NOCASE);"
  "CREATE TABLE handovers ("
  "  id              INTEGER PRIMARY KEY,"
  "  uuid            TEXT NOT NULL UNIQUE,"
  "  ceremony_id     INTEGER NOT NULL REFERENCES ceremonies (id),"
  "  participant_id  INTEGER NOT NULL REFERENCES participants (id),"
  "  card_serial     INTEGER,"
  "  handed_at       INTEGER NOT NULL,"
  "  operator        TEXT NOT NULL,"
  "  station         TEXT NOT NULL,"
  "  recipient       TEXT NOT NULL CHECK (recipient IN ('self', 'representative')),"
  "  proxy_name      TEXT,"
  "  proxy_relation  TEXT,"
  "  proxy_id_number TEXT,"
  "  uninvited       INTEGER NOT NULL CHECK (uninvited IN (0, 1)),"
  "  identified_by   TEXT NOT NULL,"
  "  recorded_at     INTEGER NOT NULL,"
  "  CHECK (recipient = 'self' OR (proxy_name IS NOT NULL AND proxy_relation IS NOT NULL))"
  ");"
  "CREATE INDEX handovers_by_participant ON handovers (ceremony_id, participant_id);"
  /* The check-off search: one or two letters find names that start with them, in name
   * order, straight from this index (see serah_store_search_checkoff_ids). */
  "CREATE INDEX participants_by_name ON participants (name COLLATE NOCASE);"
  /* Two stations may undo the same handover; both undos are kept (no UNIQUE). */
  "CREATE TABLE handover_undos ("
  "  id            INTEGER PRIMARY KEY,"
  "  uuid          TEXT NOT NULL UNIQUE,"
  "  handover_uuid TEXT NOT NULL REFERENCES handovers (uuid),"
  "  undone_at     INTEGER NOT NULL,"
  "  operator      TEXT NOT NULL,"
  "  station       TEXT NOT NULL,"
  "  reason        TEXT NOT NULL CHECK (length (reason) > 0),"
  "  recorded_at   INTEGER NOT NULL"
  ");"
  "CREATE INDEX handover_undos_by_handover ON handover_undos (handover_uuid);"
  /* The audit trail cannot be rewritten, not even by a careless query. */
  "CREATE TRIGGER handovers_append_only_u BEFORE UPDATE ON handovers BEGIN"
  "  SELECT RAISE (ABORT, 'handovers are append-only');"
  "END;"
  "CREATE TRIGGER handovers_append_only_d BEFORE DELETE ON handovers BEGIN"
  "  SELECT RAISE (ABORT, 'handovers are append-only');"
  "END;"
  "CREATE TRIGGER handover_undos_append_only_u BEFORE UPDATE ON handover_undos BEGIN"
  "  SELECT RAISE (ABORT, 'handover undos are append-only');"
  "END;"
  "CREATE TRIGGER handover_undos_append_only_d BEFORE DELETE ON handover_undos BEGIN"
  "  SELECT RAISE (ABORT, 'handover undos are append-only');"
  "END;"
  "CREATE TRIGGER ceremony_closures_append_only BEFORE DELETE ON ceremony_closures BEGIN"
  "  SELECT RAISE (ABORT, 'ceremony closures are append-only');"
  "END;"
  /* Derived index: rewritten (delete + insert) whenever a participant's events change. */
  "CREATE TABLE ceremony_state ("
  "  ceremony_id    INTEGER NOT NULL,"
  "  participant_id INTEGER NOT NULL,"
  "  handover_uuid  TEXT NOT NULL,"
  "  n_live         INTEGER NOT NULL CHECK (n_live > 0),"
  "  recipient      TEXT NOT NULL,"
  "  uninvited      INTEGER NOT NULL,"
  "  kecamatan      TEXT NOT NULL,"
  "  desa           TEXT NOT NULL,"
  "  PRIMARY KEY (ceremony_id, participant_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX ceremony_state_conflicts ON ceremony_state (ceremony_id) WHERE n_live > 1;"
  "CREATE INDEX ceremony_state_by_desa ON ceremony_state (ceremony_id, desa COLLATE NOCASE);"
  "CREATE TRIGGER ceremony_state_no_update BEFORE UPDATE ON ceremony_state BEGIN"
  "  SELECT RAISE (ABORT, 'ceremony_state is rewritten by delete and insert');"
  "END;"
  "CREATE TABLE ceremony_tallies ("
  "  ceremony_id       INTEGER NOT NULL,"
  "  kecamatan         TEXT NOT NULL,"
  "  desa              TEXT NOT NULL,"
  "  invited           INTEGER NOT NULL DEFAULT 0,"
  "  to_self           INTEGER NOT NULL DEFAULT 0,"
  "  to_representative INTEGER NOT NULL DEFAULT 0,"
  "  uninvited         INTEGER NOT NULL DEFAULT 0,"
  "  conflicts         INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (ceremony_id, kecamatan, desa)"
  ") WITHOUT ROWID;"
  "CREATE TRIGGER ceremony_invitations_tally AFTER INSERT ON ceremony_invitations BEGIN"
  "  INSERT INTO ceremony_tallies (ceremony_id, kecamatan, desa, invited)"
  "    VALUES (new.ceremony_id, new.kecamatan, new.desa, 1)"
  "    ON CONFLICT DO UPDATE SET invited = invited + 1;"
  "END;"
  "CREATE TRIGGER ceremony_state_tally_insert AFTER INSERT ON ceremony_state BEGIN"
  "  INSERT INTO ceremony_tallies (ceremony_id, kecamatan, desa, to_self, to_representative,"
  "                                uninvited, conflicts)"
  "    VALUES (new.ceremony_id, new.kecamatan, new.desa, new.recipient = 'self',"
  "            new.recipient <> 'self', new.uninvited, new.n_live > 1)"
  "    ON CONFLICT DO UPDATE SET to_self = to_self + excluded.to_self,"
  "      to_representative = to_representative + excluded.to_representative,"
  "      uninvited = uninvited + excluded.uninvited,"
  "      conflicts = conflicts + excluded.conflicts;"
  "END;"
  "CREATE TRIGGER ceremony_state_tally_delete AFTER DELETE ON ceremony_state BEGIN"
  "  UPDATE ceremony_tallies SET to_self = to_self - (old.recipient = 'self'),"
  "      to_representative = to_representative - (old.recipient <> 'self'),"
  "      uninvited = uninvited - old.uninvited,"
  "      conflicts = conflicts - (old.n_live > 1)"
  "    WHERE ceremony_id = old.ceremony_id AND kecamatan = old.kecamatan AND desa = old.desa;"
  "END;";

static gint64
now_seconds (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

/* ---- ceremonies ---- */

gint64
serah_store_insert_ceremony (SerahStore *store, const char *uuid, const char *name,
                             const char *date, const char *place, const char *created_by,
                             GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), 0);

  stmt = serah_store_prepare (store,
                              "INSERT INTO ceremonies (uuid, name, date, place, created_at,"
                              " created_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                              error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, date, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, place, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, now_seconds ());
  serah_store_bind_text_or_null (stmt, 6, created_by);
  if (!serah_store_step_done (store, stmt, _("Cannot record the ceremony"), error))
    return 0;
  return sqlite3_last_insert_rowid (serah_store_get_db (store));
}

/* Counts come from the tallies: a handful of rows per ceremony. */
#define CEREMONY_SELECT \
  "SELECT c.id, c.uuid, c.name, c.date, c.place, c.created_at, c.created_by, x.closed_at," \
  " x.closed_by," \
  " (SELECT coalesce (sum (t.invited), 0) FROM ceremony_tallies t WHERE t.ceremony_id = c.id)," \
  " (SELECT coalesce (sum (t.to_self + t.to_representative), 0) FROM ceremony_tallies t" \
  "   WHERE t.ceremony_id = c.id)" \
  " FROM ceremonies c LEFT JOIN ceremony_closures x ON x.ceremony_id = c.id "

static gpointer
ceremony_from_row (sqlite3_stmt *stmt)
{
  SerahCeremony *c = g_new0 (SerahCeremony, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->uuid = serah_store_column_dup (stmt, 1);
  c->name = serah_store_column_dup (stmt, 2);
  g_strlcpy (c->date, (const char *) sqlite3_column_text (stmt, 3), sizeof c->date);
  c->place = serah_store_column_dup (stmt, 4);
  c->created_at = sqlite3_column_int64 (stmt, 5);
  c->created_by = serah_store_column_dup (stmt, 6);
  c->closed_at = sqlite3_column_int64 (stmt, 7);
  c->closed_by = serah_store_column_dup (stmt, 8);
  c->invited = sqlite3_column_int64 (stmt, 9);
  c->handed_over = sqlite3_column_int64 (stmt, 10);
  return c;
}

static SerahCeremony *
get_one_ceremony (SerahStore *store, const char *sql, const char *text_key, gint64 int_key,
                  GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  SerahCeremony *c = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  if (text_key != NULL)
    sqlite3_bind_text (stmt, 1, text_key, -1, SQLITE_STATIC);
  else
    sqlite3_bind_int64 (stmt, 1, int_key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    c = ceremony_from_row (stmt);
  else if (rc != SQLITE_DONE)
    serah_store_set_error (store, error, _("Cannot read the ceremony"));
  sqlite3_reset (stmt);
  return c;
}

SerahCeremony *
serah_store_get_ceremony (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return get_one_ceremony (store, CEREMONY_SELECT "WHERE c.id = ?1", NULL, ceremony_id, error);
}

SerahCeremony *
serah_store_find_ceremony_by_uuid (SerahStore *store, const char *uuid, GError **error)
{
  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);
  return get_one_ceremony (store, CEREMONY_SELECT "WHERE c.uuid = ?1", uuid, 0, error);
}

GPtrArray *
serah_store_list_ceremonies (SerahStore *store, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store, CEREMONY_SELECT "ORDER BY c.date DESC, c.id DESC", error);
  if (stmt == NULL)
    return NULL;
  return serah_store_list_rows (store, stmt, ceremony_from_row,
                                (GDestroyNotify) serah_ceremony_free,
                                _("Cannot list ceremonies"), error);
}

gboolean
serah_store_insert_ceremony_closure (SerahStore *store, gint64 ceremony_id,
                                     const char *operator_name, GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO ceremony_closures (ceremony_id, closed_at, closed_by)"
                              " VALUES (?1, ?2, ?3)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  serah_store_bind_text_or_null (stmt, 3, operator_name);
  return serah_store_step_done (store, stmt, _("Cannot close the ceremony"), error);
}

/* ---- invitations ---- */

/* A NULL-terminated list as a JSON array for json_each(), or NULL for "no condition". */
static char *
json_list (char **values)
{
  g_autoptr(JsonBuilder) b = NULL;
  g_autoptr(JsonGenerator) gen = NULL;
  g_autoptr(JsonNode) root = NULL;

  if (values == NULL || values[0] == NULL)
    return NULL;
  b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
  root = json_builder_get_root (b);
  gen = json_generator_new ();
  json_generator_set_root (gen, root);
  return json_generator_to_data (gen, NULL);
}

gint64
serah_store_participant_slice_end (SerahStore *store, gint64 after_id, gint64 rows,
                                   GError **error)
{
  sqlite3_stmt *stmt;
  gint64 end = -1;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), -1);
  g_return_val_if_fail (rows > 0, -1);

  /* A walk of the rowids, not of every id between: ids need not be dense. The id `rows` rows
   * on, or the last one when fewer are left. */
  stmt = serah_store_prepare (store,
                              "SELECT coalesce ((SELECT id FROM participants WHERE id > ?1"
                              "                  ORDER BY id LIMIT 1 OFFSET ?2 - 1),"
                              "                 (SELECT max (id) FROM participants WHERE id > ?1),"
                              "                 0)",
                              error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, after_id);
  sqlite3_bind_int64 (stmt, 2, rows);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    end = sqlite3_column_int64 (stmt, 0);
  else
    serah_store_set_error (store, error, _("Cannot invite participants"));
  sqlite3_reset (stmt);
  return end;
}

gboolean
serah_store_invite_selection (SerahStore *store, gint64 ceremony_id,
                              const SerahParticipantFilter *filter, gint64 print_run_id,
                              const char *operator_name, const char *source, gint64 after_id,
                              gint64 last_id, gint64 *added, GError **error)
{
  g_autofree char *kecamatan = json_list (filter ? filter->kecamatan : NULL);
  g_autofree char *desa = json_list (filter ? filter->desa : NULL);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  /* The lists go in as JSON arrays, so one fixed statement serves every selection. The
   * WHERE before ON CONFLICT keeps SQLite from reading it as a join constraint. The id range
   * is a search of the rowid: because ceremony_invitations has row triggers, SQLite first
   * copies every row the SELECT yields into a temporary b-tree and only then inserts them
   * (the caller keeps that copy small: serah-ceremony-invite.c). */
  stmt = serah_store_prepare (store,
                              "INSERT INTO ceremony_invitations (ceremony_id, participant_id,"
                              " kecamatan, desa, invited_at, invited_by, source)"
                              " SELECT ?1, p.id, coalesce (p.kecamatan, ''), coalesce (p.desa, ''),"
                              " ?2, ?3, ?4 FROM participants p"
                              " WHERE p.id > ?8 AND p.id <= ?9"
                              "   AND (?5 IS NULL OR p.kecamatan COLLATE NOCASE IN"
                              "        (SELECT value FROM json_each (?5)))"
                              "   AND (?6 IS NULL OR p.desa COLLATE NOCASE IN"
                              "        (SELECT value FROM json_each (?6)))"
                              "   AND (?7 = 0 OR EXISTS (SELECT 1 FROM printed_cards c"
                              "        WHERE c.participant_id = p.id AND c.print_run_id = ?7))"
                              " ON CONFLICT DO NOTHING",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, now_seconds ());
  serah_store_bind_text_or_null (stmt, 3, operator_name);
  serah_store_bind_text_or_null (stmt, 4, source);
  serah_store_bind_text_or_null (stmt, 5, kecamatan);
  serah_store_bind_text_or_null (stmt, 6, desa);
  sqlite3_bind_int64 (stmt, 7, MAX (print_run_id, 0));
  sqlite3_bind_int64 (stmt, 8, after_id);
  sqlite3_bind_int64 (stmt, 9, last_id);
  if (!serah_store_step_done (store, stmt, _("Cannot invite participants"), error))
    return FALSE;
  if (added != NULL)
    *added = sqlite3_changes64 (serah_store_get_db (store));
  return TRUE;
}

GArray *
serah_store_list_invited_ids (SerahStore *store, gint64 ceremony_id,
                              const SerahParticipantFilter *filter, GError **error)
{
  g_autofree char *kecamatan = json_list (filter ? filter->kecamatan : NULL);
  g_autofree char *desa = json_list (filter ? filter->desa : NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              "SELECT p.id FROM ceremony_invitations i"
                              " JOIN participants p ON p.id = i.participant_id"
                              " WHERE i.ceremony_id = ?1"
                              "   AND (?2 IS NULL OR p.kecamatan COLLATE NOCASE IN"
                              "        (SELECT value FROM json_each (?2)))"
                              "   AND (?3 IS NULL OR p.desa COLLATE NOCASE IN"
                              "        (SELECT value FROM json_each (?3)))"
                              " ORDER BY p.kecamatan COLLATE NOCASE, p.desa COLLATE NOCASE,"
                              "  p.name COLLATE NOCASE, p.id",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  serah_store_bind_text_or_null (stmt, 2, kecamatan);
  serah_store_bind_text_or_null (stmt, 3, desa);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the invitation list"));
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
serah_store_invite_participant (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                                const char *operator_name, const char *source, gboolean *added,
                                GError **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  stmt = serah_store_prepare (store,
                              "INSERT INTO ceremony_invitations (ceremony_id, participant_id,"
                              " kecamatan, desa, invited_at, invited_by, source)"
                              " SELECT ?1, p.id, coalesce (p.kecamatan, ''), coalesce (p.desa, ''),"
                              " ?3, ?4, ?5 FROM participants p WHERE p.id = ?2"
                              " ON CONFLICT DO NOTHING",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  sqlite3_bind_int64 (stmt, 3, now_seconds ());
  serah_store_bind_text_or_null (stmt, 4, operator_name);
  serah_store_bind_text_or_null (stmt, 5, source);
  if (!serah_store_step_done (store, stmt, _("Cannot invite a participant"), error))
    return FALSE;
  if (added != NULL)
    *added = sqlite3_changes (serah_store_get_db (store)) > 0;
  return TRUE;
}

gboolean
serah_store_is_invited (SerahStore *store, gint64 ceremony_id, gint64 participant_id,
                        gboolean *invited, GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);

  stmt = serah_store_prepare (store,
                              "SELECT 1 FROM ceremony_invitations"
                              " WHERE ceremony_id = ?1 AND participant_id = ?2",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  sqlite3_bind_int64 (stmt, 2, participant_id);
  rc = sqlite3_step (stmt);
  *invited = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return serah_store_set_error (store, error, _("Cannot read the invitation list"));
  return TRUE;
}

/* ---- progress ---- */

static gboolean
add_progress_row (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  SerahCeremonyProgress *progress = user_data;
  SerahProgressRow *row = g_new0 (SerahProgressRow, 1);

  row->kecamatan = serah_store_column_dup (stmt, 0);
  row->desa = serah_store_column_dup (stmt, 1);
  row->invited = sqlite3_column_int64 (stmt, 2);
  row->to_self = sqlite3_column_int64 (stmt, 3);
  row->to_representative = sqlite3_column_int64 (stmt, 4);
  row->uninvited = sqlite3_column_int64 (stmt, 5);
  row->handed_over = row->to_self + row->to_representative;
  progress->conflicts += sqlite3_column_int64 (stmt, 6);

  progress->total.invited += row->invited;
  progress->total.to_self += row->to_self;
  progress->total.to_representative += row->to_representative;
  progress->total.uninvited += row->uninvited;
  progress->total.handed_over += row->handed_over;
  g_ptr_array_add (progress->areas, row);
  return TRUE;
}

SerahCeremonyProgress *
serah_store_get_ceremony_progress (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(SerahCeremonyProgress) progress = g_new0 (SerahCeremonyProgress, 1);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  progress->areas = g_ptr_array_new_with_free_func ((GDestroyNotify) serah_progress_row_free);
  stmt = serah_store_prepare (store,
                              "SELECT kecamatan, desa, invited, to_self, to_representative,"
                              " uninvited, conflicts FROM ceremony_tallies WHERE ceremony_id = ?1"
                              " AND (invited > 0 OR to_self > 0 OR to_representative > 0)"
                              " ORDER BY kecamatan COLLATE NOCASE, desa COLLATE NOCASE",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (!serah_store_foreach_row (store, stmt, add_progress_row, progress,
                                _("Cannot read the ceremony's progress"), error))
    return NULL;
  return g_steal_pointer (&progress);
}

static gboolean
add_name (sqlite3_stmt *stmt, gpointer user_data, GError **error)
{
  g_strv_builder_add (user_data, (const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

GStrv
serah_store_list_ceremony_operators (SerahStore *store, gint64 ceremony_id, GError **error)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  stmt = serah_store_prepare (store,
                              "SELECT DISTINCT operator FROM handovers WHERE ceremony_id = ?1"
                              " ORDER BY operator COLLATE NOCASE",
                              error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, ceremony_id);
  if (!serah_store_foreach_row (store, stmt, add_name, names, _("Cannot list the officers"),
                                error))
    return NULL;
  return g_strv_builder_end (names);
}
