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
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

static char *
column_or_null (sqlite3_stmt *stmt, int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL
           ? NULL
           : g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

/* Reads all rows of a prepared, bound statement as strings (n_cols a row), NULL for SQL NULL. */
static GPtrArray *
read_rows (SerahStore *store, sqlite3_stmt *stmt, int n_cols, GError **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (int c = 0; c < n_cols; c++)
      g_ptr_array_add (rows, column_or_null (stmt, c));
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the testimonials"));
      sqlite3_reset (stmt);
      return NULL;
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&rows);
}

static gboolean
push_rows (PGconn *conn, const char *sql, GPtrArray *rows, int n_cols, GError **error)
{
  /* Column 0 of each row is the local id, not sent. */
  for (guint i = 0; i < rows->len; i += n_cols)
    {
      PGresult *res = PQexecParams (conn, sql, n_cols - 1, NULL,
                                    (const char *const *) rows->pdata + i + 1, NULL, NULL, 0);
      gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

      if (!ok)
        serah_server_set_error (conn, res,
                                _("Cannot send the testimonials to the office server"), error);
      PQclear (res);
      if (!ok)
        return FALSE;
    }
  return TRUE;
}

static gint64
last_id (GPtrArray *rows, int n_cols, gint64 cursor)
{
  if (rows->len == 0)
    return cursor;
  return g_ascii_strtoll (rows->pdata[rows->len - n_cols], NULL, 10);
}

static gboolean
push_testimonials (SerahStore *store, PGconn *conn, GError **error)
{
  gint64 t_cursor = serah_store_get_setting_int (store, "server.push-testimonial-id");
  gint64 c_cursor = serah_store_get_setting_int (store, "server.push-consent-id");
  g_autoptr(GPtrArray) testimonials = NULL;
  g_autoptr(GPtrArray) consents = NULL;
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = serah_store_prepare (store,
                              "SELECT t.id, t.uuid, c.uuid, p.nik, t.text, t.rating,"
                              " (SELECT group_concat (tag, char (31)) FROM testimonial_tags"
                              "  WHERE testimonial_id = t.id),"
                              " t.recorded_by, t.recorded_at"
                              " FROM testimonials t JOIN participants p ON p.id = t.participant_id"
                              " LEFT JOIN ceremonies c ON c.id = t.ceremony_id"
                              " WHERE t.id > ?1 ORDER BY t.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, t_cursor);
  testimonials = read_rows (store, stmt, 9, error);
  if (testimonials == NULL)
    return FALSE;
  stmt = serah_store_prepare (store,
                              "SELECT k.id, t.uuid, k.consent, k.note, coalesce (k.operator, ''),"
                              " k.at FROM testimonial_consents k"
                              " JOIN testimonials t ON t.id = k.testimonial_id"
                              " WHERE k.id > ?1 ORDER BY k.id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c_cursor);
  consents = read_rows (store, stmt, 6, error);
  if (consents == NULL)
    return FALSE;
  if (testimonials->len == 0 && consents->len == 0)
    return TRUE;

  ok = serah_server_exec (conn, "BEGIN", error) &&
       push_rows (conn,
                  "INSERT INTO serah.testimonials (uuid, ceremony_uuid, nik, text, rating, tags,"
                  " recorded_by, recorded_at) VALUES ($1, $2, $3, $4, $5::integer,"
                  " coalesce (string_to_array ($6, chr (31)), '{}'), $7, $8::bigint)"
                  " ON CONFLICT DO NOTHING",
                  testimonials, 9, error) &&
       push_rows (conn,
                  "INSERT INTO serah.testimonial_consents (testimonial_uuid, consent, note,"
                  " operator, at) VALUES ($1, $2, $3, $4, $5::bigint) ON CONFLICT DO NOTHING",
                  consents, 6, error) &&
       serah_server_exec (conn, "COMMIT", error);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_store_set_setting_int (store, "server.push-testimonial-id",
                                      last_id (testimonials, 9, t_cursor), error) &&
         serah_store_set_setting_int (store, "server.push-consent-id",
                                      last_id (consents, 6, c_cursor), error);
}

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
pull_testimonial_row (SerahStore *store, PGresult *res, int r, GError **error)
{
  const char *uuid = PQgetvalue (res, r, 0);
  gint64 known, participant, ceremony = 0, id;
  sqlite3_stmt *stmt;

  known = local_id_of (store, "SELECT id FROM testimonials WHERE uuid = ?1", uuid, error);
  if (known != 0)
    return known > 0;
  participant = local_id_of (store, "SELECT id FROM participants WHERE nik = ?1",
                             PQgetvalue (res, r, 2), error);
  if (participant < 0)
    return FALSE;
  if (participant == 0)
    {
      /* The register is pulled first; a participant still unknown was pushed by a desk whose
       * import has not reached the server. The testimonial stays on the server. */
      g_debug ("testimonial %s names a participant this desk does not know; skipped", uuid);
      return TRUE;
    }
  if (!PQgetisnull (res, r, 1))
    {
      ceremony = local_id_of (store, "SELECT id FROM ceremonies WHERE uuid = ?1",
                              PQgetvalue (res, r, 1), error);
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
  sqlite3_bind_text (stmt, 4, PQgetvalue (res, r, 3), -1, SQLITE_TRANSIENT);
  if (PQgetisnull (res, r, 4))
    sqlite3_bind_null (stmt, 5);
  else
    sqlite3_bind_int (stmt, 5, atoi (PQgetvalue (res, r, 4)));
  serah_store_bind_text_or_null (stmt, 6, PQgetisnull (res, r, 6) ? NULL : PQgetvalue (res, r, 6));
  sqlite3_bind_int64 (stmt, 7, g_ascii_strtoll (PQgetvalue (res, r, 7), NULL, 10));
  if (!serah_store_step_done (store, stmt, _("Cannot save a testimonial"), error))
    return FALSE;
  id = sqlite3_last_insert_rowid (serah_store_get_db (store));
  if (!PQgetisnull (res, r, 5) && PQgetvalue (res, r, 5)[0] != '\0')
    {
      g_auto(GStrv) tags = g_strsplit (PQgetvalue (res, r, 5), "\037", -1);

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
pull_consent_row (SerahStore *store, PGresult *res, int r, GError **error)
{
  gint64 testimonial = local_id_of (store, "SELECT id FROM testimonials WHERE uuid = ?1",
                                    PQgetvalue (res, r, 0), error);
  const char *consent = PQgetvalue (res, r, 1);
  const char *operator_name = PQgetvalue (res, r, 3);
  gint64 at = g_ascii_strtoll (PQgetvalue (res, r, 4), NULL, 10);
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
  serah_store_bind_text_or_null (stmt, 3, PQgetisnull (res, r, 2) ? NULL : PQgetvalue (res, r, 2));
  sqlite3_bind_text (stmt, 4, operator_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, at);
  return serah_store_step_done (store, stmt, _("Cannot save a consent"), error);
}

static gboolean
pull_testimonials (SerahStore *store, PGconn *conn, GError **error)
{
  g_autofree char *t_cursor = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               serah_store_get_setting_int (store,
                                                 "server.pull-testimonial-seq"));
  g_autofree char *c_cursor = g_strdup_printf ("%" G_GINT64_FORMAT,
                                               serah_store_get_setting_int (store,
                                                 "server.pull-consent-seq"));
  g_autofree char *prev_xmin = serah_store_get_setting (store, "server.pull-testimonial-xmin");
  g_autofree char *xmin = NULL;
  gint64 max_t, max_c;
  PGresult *snap = NULL, *t_res = NULL, *c_res = NULL;
  gboolean ok;

  if (prev_xmin == NULL)
    prev_xmin = g_strdup ("0");
  if (!serah_server_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  snap = PQexec (conn, "SELECT pg_snapshot_xmin (pg_current_snapshot ())::text,"
                       " (SELECT coalesce (max (seq), 0) FROM serah.testimonials),"
                       " (SELECT coalesce (max (seq), 0) FROM serah.testimonial_consents)");
  ok = PQresultStatus (snap) == PGRES_TUPLES_OK && PQntuples (snap) == 1;
  if (ok)
    {
      const char *t_params[] = { t_cursor, prev_xmin };
      const char *c_params[] = { c_cursor, prev_xmin };

      xmin = g_strdup (PQgetvalue (snap, 0, 0));
      max_t = MAX (g_ascii_strtoll (PQgetvalue (snap, 0, 1), NULL, 10),
                   g_ascii_strtoll (t_cursor, NULL, 10));
      max_c = MAX (g_ascii_strtoll (PQgetvalue (snap, 0, 2), NULL, 10),
                   g_ascii_strtoll (c_cursor, NULL, 10));
      t_res = PQexecParams (conn,
                            "SELECT uuid, ceremony_uuid, nik, text, rating,"
                            " array_to_string (tags, chr (31)), recorded_by, recorded_at"
                            " FROM serah.testimonials"
                            " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                            2, NULL, t_params, NULL, NULL, 0);
      ok = PQresultStatus (t_res) == PGRES_TUPLES_OK;
      if (ok)
        {
          c_res = PQexecParams (conn,
                                "SELECT testimonial_uuid, consent, note, operator, at"
                                " FROM serah.testimonial_consents"
                                " WHERE seq > $1::bigint OR txid >= $2::xid8 ORDER BY seq",
                                2, NULL, c_params, NULL, NULL, 0);
          ok = PQresultStatus (c_res) == PGRES_TUPLES_OK;
          if (!ok)
            serah_server_set_error (conn, c_res,
                                    _("Cannot read the testimonials from the office server"),
                                    error);
        }
      else
        serah_server_set_error (conn, t_res,
                                _("Cannot read the testimonials from the office server"), error);
    }
  else
    serah_server_set_error (conn, snap, _("Cannot read the testimonials from the office server"),
                            error);
  g_clear_pointer (&snap, PQclear);

  if (ok && serah_store_begin (store, error))
    {
      for (int r = 0; ok && r < PQntuples (t_res); r++)
        ok = pull_testimonial_row (store, t_res, r, error);
      for (int r = 0; ok && r < PQntuples (c_res); r++)
        ok = pull_consent_row (store, c_res, r, error);
      ok = ok &&
           serah_store_set_setting_int (store, "server.pull-testimonial-seq", max_t, error) &&
           serah_store_set_setting_int (store, "server.pull-consent-seq", max_c, error) &&
           serah_store_set_setting (store, "server.pull-testimonial-xmin", xmin, error) &&
           serah_store_commit (store, error);
      if (!ok)
        serah_store_rollback (store);
    }
  else
    ok = FALSE;
  g_clear_pointer (&t_res, PQclear);
  g_clear_pointer (&c_res, PQclear);
  if (!ok)
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_server_exec (conn, "COMMIT", error);
}

gboolean
serah_server_sync_testimonials (SerahStore *store, PGconn *conn, GError **error)
{
  return push_testimonials (store, conn, error) && pull_testimonials (store, conn, error);
}
