/* serah-server-testimonials.c: testimonials and their consent history through the office
 * server (issue 16, schema v3), so that a consent withdrawn at one desk is honoured by the
 * exports of every desk.
 *
 * Push: testimonials after a cursor of local ids (ON CONFLICT (uuid) DO NOTHING), then the
 * consent events after theirs, keyed on the server by what happened (testimonial UUID,
 * consent, time, operator) so that an event a desk pulled and sends on is the same row.
 * Pull: both tables in one REPEATABLE READ snapshot after the server's sequence (plus the
 * txid window of transactions still running at the previous pull), written in one SQLite
 * transaction. A pulled withdrawal is always appended (it is final and becomes the current
 * consent, so every export leaves the testimonial out); nothing is taken after a local
 * withdrawal; another pulled event is taken only when no local event is later, so that an
 * old event arriving late never becomes the current consent. Photos and audio stay at the
 * desk that recorded them. Both halves live here (SQLite reads and writes too) because they
 * are only ever used by the sync.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

/* ---- pull ---- */

static gint64
local_id_of (SerahStore *store, const char *sql, const char *key, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the testimonials"));
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

static gboolean
pull_testimonial_row (SerahStore *store, PGresult *res, int r, gpointer user_data,
                      gboolean *added, GError **error)
{
  const char *uuid = PQgetvalue (res, r, 1);
  gint64 known, participant, ceremony = 0, id;
  sqlite3_stmt *stmt;

  known = local_id_of (store, "SELECT id FROM testimonials WHERE uuid = ?1", uuid, error);
  if (known != 0)
    return known > 0;
  participant = local_id_of (store, "SELECT id FROM participants WHERE nik = ?1",
                             PQgetvalue (res, r, 3), error);
  if (participant < 0)
    return FALSE;
  if (participant == 0)
    {
      /* The register is pulled first; a participant still unknown was pushed by a desk whose
       * import has not reached the server. The testimonial waits (with its consents) in the
       * pending list, and every later pull reads it again until its participant is here. */
      g_debug ("testimonial %s names a participant this desk does not know yet; pending", uuid);
      if (user_data != NULL)
        g_hash_table_add (user_data, g_strdup (uuid));
      return TRUE;
    }
  if (!PQgetisnull (res, r, 2))
    {
      ceremony = local_id_of (store, "SELECT id FROM ceremonies WHERE uuid = ?1",
                              PQgetvalue (res, r, 2), error);
      if (ceremony < 0)
        return FALSE;
    }
  stmt = serah_store_prepare (store,
                              "INSERT INTO testimonials (uuid, ceremony_id, participant_id, text,"
                              " rating, recorded_by, recorded_at)"
                              " VALUES (?1, nullif (?2, 0), ?3, ?4, ?5, ?6, ?7)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, ceremony);
  sqlite3_bind_int64 (stmt, 3, participant);
  sqlite3_bind_text (stmt, 4, PQgetvalue (res, r, 4), -1, SQLITE_TRANSIENT);
  if (PQgetisnull (res, r, 5))
    sqlite3_bind_null (stmt, 5);
  else
    sqlite3_bind_int (stmt, 5, atoi (PQgetvalue (res, r, 5)));
  serah_store_bind_text_or_null (stmt, 6, PQgetisnull (res, r, 7) ? NULL : PQgetvalue (res, r, 7));
  sqlite3_bind_int64 (stmt, 7, g_ascii_strtoll (PQgetvalue (res, r, 8), NULL, 10));
  if (!serah_store_step_done (store, stmt, _("Cannot save a testimonial"), error))
    return FALSE;
  *added = TRUE;
  id = sqlite3_last_insert_rowid (serah_store_get_db (store));
  if (!PQgetisnull (res, r, 6) && PQgetvalue (res, r, 6)[0] != '\0')
    {
      g_auto(GStrv) tags = g_strsplit (PQgetvalue (res, r, 6), "\037", -1);

      stmt = serah_store_prepare (store,
                                  "INSERT OR IGNORE INTO testimonial_tags (testimonial_id, tag)"
                                  " VALUES (?1, ?2)",
                                  error);
      if (stmt == NULL)
        return FALSE;
      for (guint i = 0; tags[i] != NULL; i++)
        {
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, tags[i], -1, SQLITE_TRANSIENT);
          if (!serah_store_step_done (store, stmt, _("Cannot save a testimonial"), error))
            return FALSE;
        }
    }
  return TRUE;
}

static gboolean
pull_consent_row (SerahStore *store, PGresult *res, int r, gpointer user_data, gboolean *added,
                  GError **error)
{
  gint64 testimonial = local_id_of (store, "SELECT id FROM testimonials WHERE uuid = ?1",
                                    PQgetvalue (res, r, 1), error);
  const char *consent = PQgetvalue (res, r, 2);
  const char *operator_name = PQgetvalue (res, r, 4);
  gint64 at = g_ascii_strtoll (PQgetvalue (res, r, 5), NULL, 10);
  gboolean withdrawal = g_strcmp0 (consent, "withdrawn") == 0;
  sqlite3_stmt *stmt;
  int rc;
  gboolean skip;

  if (testimonial <= 0)
    return testimonial == 0;
  /* Skip it when known already, when this desk has a withdrawal (final), or, unless it is a
   * withdrawal, when a later event is here already (it would become the current consent). */
  stmt = serah_store_prepare (store,
                              "SELECT EXISTS (SELECT 1 FROM testimonial_consents"
                              "  WHERE testimonial_id = ?1 AND ((consent = ?2 AND at = ?3"
                              "          AND coalesce (operator, '') = ?4)"
                              "        OR consent = 'withdrawn' OR (NOT ?5 AND at > ?3)))",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, testimonial);
  sqlite3_bind_text (stmt, 2, consent, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, at);
  sqlite3_bind_text (stmt, 4, operator_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, withdrawal);
  rc = sqlite3_step (stmt);
  skip = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return serah_store_set_error (store, error, _("Cannot read the testimonials"));
  if (skip)
    return TRUE;
  stmt = serah_store_prepare (store,
                              "INSERT INTO testimonial_consents (testimonial_id, consent, note,"
                              " operator, at) VALUES (?1, ?2, ?3, nullif (?4, ''), ?5)",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, testimonial);
  sqlite3_bind_text (stmt, 2, consent, -1, SQLITE_TRANSIENT);
  serah_store_bind_text_or_null (stmt, 3, PQgetisnull (res, r, 3) ? NULL : PQgetvalue (res, r, 3));
  sqlite3_bind_text (stmt, 4, operator_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, at);
  *added = TRUE;
  return serah_store_step_done (store, stmt, _("Cannot save a consent"), error);
}

static const SerahServerTable testimonials_table = {
  .name = "testimonials",
  .push_error = N_("Cannot send the testimonials to the office server"),
  .pull_error = N_("Cannot read the testimonials from the office server"),
  .push_query = "SELECT t.id, t.uuid, c.uuid, p.nik, t.text, t.rating,"
                " (SELECT group_concat (tag, char (31)) FROM testimonial_tags"
                "  WHERE testimonial_id = t.id),"
                " t.recorded_by, t.recorded_at"
                " FROM testimonials t JOIN participants p ON p.id = t.participant_id"
                " LEFT JOIN ceremonies c ON c.id = t.ceremony_id"
                " WHERE t.id > ?1 ORDER BY t.id",
  .push_cursor = "server.push-testimonial-id",
  .local_cursor_query = "SELECT coalesce (max (id), 0) FROM testimonials",
  .server_insert = "INSERT INTO serah.testimonials (uuid, ceremony_uuid, nik, text, rating,"
                   " tags, recorded_by, recorded_at)",
  .server_values = "($, $, $, $, $::integer, coalesce (string_to_array ($, chr (31)), '{}'), $,"
                   " $::bigint)",
  .server_conflict = " ON CONFLICT DO NOTHING",
  .n_cols = 8,
  .pushed_offset = -1,
  .pull_select = "SELECT seq, uuid, ceremony_uuid, nik, text, rating,"
                 " array_to_string (tags, chr (31)), recorded_by, recorded_at"
                 " FROM serah.testimonials",
  .pull_cursor = "server.pull-testimonial-seq",
  .apply = pull_testimonial_row,
  .pulled_offset = -1,
};

static const SerahServerTable consents_table = {
  .name = "testimonial consents",
  .push_error = N_("Cannot send the testimonials to the office server"),
  .pull_error = N_("Cannot read the testimonials from the office server"),
  .push_query = "SELECT k.id, t.uuid, k.consent, k.note, coalesce (k.operator, ''), k.at"
                " FROM testimonial_consents k JOIN testimonials t ON t.id = k.testimonial_id"
                " WHERE k.id > ?1 ORDER BY k.id",
  .push_cursor = "server.push-consent-id",
  .local_cursor_query = "SELECT coalesce (max (id), 0) FROM testimonial_consents",
  .server_insert = "INSERT INTO serah.testimonial_consents (testimonial_uuid, consent, note,"
                   " operator, at)",
  .server_values = "($, $, $, $, $::bigint)",
  .server_conflict = " ON CONFLICT DO NOTHING",
  .n_cols = 5,
  .pushed_offset = -1,
  .pull_select = "SELECT seq, testimonial_uuid, consent, note, operator, at"
                 " FROM serah.testimonial_consents",
  .pull_cursor = "server.pull-consent-seq",
  .apply = pull_consent_row,
  .pulled_offset = -1,
};

/* The testimonials left pending by earlier pulls, and all their consents, read again by UUID
 * in the pull's snapshot; those whose participant is still unknown stay pending. */
static gboolean
retry_pending (SerahStore *store, PGconn *conn, GHashTable *pending, GHashTable *still,
               GError **error)
{
  g_autoptr(GString) uuids = g_string_new ("{");
  GHashTableIter iter;
  gpointer uuid;
  const char *params[1];
  PGresult *res;
  gboolean ok;

  if (g_hash_table_size (pending) == 0)
    return TRUE;
  g_hash_table_iter_init (&iter, pending);
  while (g_hash_table_iter_next (&iter, &uuid, NULL))
    g_string_append_printf (uuids, "%s\"%s\"", uuids->len > 1 ? "," : "", (char *) uuid);
  g_string_append_c (uuids, '}');
  params[0] = uuids->str;
  res = PQexecParams (conn,
                      "SELECT seq, uuid, ceremony_uuid, nik, text, rating,"
                      " array_to_string (tags, chr (31)), recorded_by, recorded_at"
                      " FROM serah.testimonials WHERE uuid = ANY ($1::text[]) ORDER BY seq",
                      1, NULL, params, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    serah_server_set_error (conn, res, _("Cannot read the testimonials from the office server"),
                            error);
  for (int r = 0; ok && r < PQntuples (res); r++)
    {
      gboolean added = FALSE;
      ok = pull_testimonial_row (store, res, r, still, &added, error);
    }
  PQclear (res);
  if (!ok)
    return FALSE;
  res = PQexecParams (conn,
                      "SELECT seq, testimonial_uuid, consent, note, operator, at"
                      " FROM serah.testimonial_consents WHERE testimonial_uuid = ANY ($1::text[])"
                      " ORDER BY seq",
                      1, NULL, params, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_TUPLES_OK;
  if (!ok)
    serah_server_set_error (conn, res, _("Cannot read the testimonials from the office server"),
                            error);
  for (int r = 0; ok && r < PQntuples (res); r++)
    {
      gboolean added = FALSE;
      ok = pull_consent_row (store, res, r, NULL, &added, error);
    }
  PQclear (res);
  return ok;
}

static char *
joined_keys (GHashTable *set)
{
  g_autofree const char **keys = (const char **) g_hash_table_get_keys_as_array (set, NULL);
  return g_strjoinv (" ", (char **) keys);
}

gboolean
serah_server_sync_testimonials (SerahStore *store, PGconn *conn, GError **error)
{
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-testimonial-xmin");
  g_autofree char *pending_text = serah_store_get_setting (store,
                                                           "server.pending-testimonials");
  g_autoptr(GHashTable) pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) still = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *still_text = NULL;
  g_autofree char *xmin = NULL;
  gboolean ok;

  /* Testimonials before their consents, both ways. */
  if (!serah_server_push_table (store, conn, &testimonials_table, NULL, error) ||
      !serah_server_push_table (store, conn, &consents_table, NULL, error))
    return FALSE;
  if (pending_text != NULL)
    {
      g_auto(GStrv) uuids = g_strsplit (pending_text, " ", -1);
      for (guint i = 0; uuids[i] != NULL; i++)
        if (uuids[i][0] != '\0')
          g_hash_table_add (pending, g_strdup (uuids[i]));
    }
  if (!serah_server_begin_snapshot (conn, &xmin, error))
    return FALSE;
  if (!serah_store_begin (store, error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  ok = retry_pending (store, conn, pending, still, error) &&
       serah_server_pull_table_in (store, conn, &testimonials_table, prev_xmin, still, NULL,
                                   error) &&
       serah_server_pull_table_in (store, conn, &consents_table, prev_xmin, NULL, NULL, error);
  if (ok && (g_hash_table_size (still) > 0 || pending_text != NULL))
    {
      still_text = joined_keys (still);
      ok = serah_store_set_setting (store, "server.pending-testimonials", still_text, error);
    }
  ok = ok && serah_store_set_setting (store, "server.pull-testimonial-xmin", xmin, error) &&
       serah_store_commit (store, error);
  if (!ok)
    {
      serah_store_rollback (store);
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_server_exec (conn, "COMMIT", error);
}
