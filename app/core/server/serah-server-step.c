/* serah-server-step.c: the one sync step every synced table goes through (see
 * serah-server-step-private.h): push after a local cursor by multi-row INSERT … ON CONFLICT
 * DO NOTHING, pull after the server's sequence and apply row by row.
 *
 * Why one step: the ceremonies, invitations, closures, audit log, testimonials and consents
 * each had their own copy of this loop, with small differences that were accidents rather than
 * decisions (one read its rows in C and filtered them, one sent a row per round trip). Local
 * rows are read first and sent after, so no SQLite statement stays open across round trips;
 * pulled rows are read through a server-side cursor, FETCH by FETCH, so a big table never sits
 * in memory.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-step-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

/* Rows per INSERT (well under libpq's 65 535 parameters for any of our tables). */
#define BATCH 500
#define FETCH_SQL "FETCH 5000 FROM serah_step"

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
count_into (SerahServerSyncResult *result, gssize offset, gint64 n)
{
  if (result != NULL && offset >= 0 && n != 0)
    *(gint64 *) ((char *) result + offset) += n;
}

static gint64
local_cursor_value (SerahStore *store, const SerahServerTable *table, GError **error)
{
  sqlite3_stmt *stmt = serah_store_prepare (store, table->local_cursor_query, error);
  gint64 value;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      serah_store_set_error (store, error, _("Cannot read the events to send"));
      return -1;
    }
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* ---- push ---- */

static void
append_values (GString *sql, const char *values, guint *param)
{
  for (const char *c = values; *c != '\0'; c++)
    {
      if (*c == '$')
        g_string_append_printf (sql, "$%u", ++*param);
      else
        g_string_append_c (sql, *c);
    }
}

static gboolean
flush (PGconn *conn, const SerahServerTable *table, char **values, guint rows, gint64 *sent,
       GError **error)
{
  g_autoptr(GString) sql = NULL;
  guint param = 0;
  PGresult *res;
  gboolean ok;

  if (rows == 0)
    return TRUE;
  sql = g_string_new (table->server_insert);
  g_string_append (sql, " VALUES ");
  for (guint r = 0; r < rows; r++)
    {
      if (r > 0)
        g_string_append_c (sql, ',');
      append_values (sql, table->server_values, &param);
    }
  g_assert (param == rows * table->n_cols);
  g_string_append (sql, table->server_conflict);
  res = PQexecParams (conn, sql->str, (int) param, NULL, (const char *const *) values, NULL,
                      NULL, 0);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (ok)
    *sent += g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  else
    serah_server_set_error (conn, res, _(table->push_error), error);
  PQclear (res);
  return ok;
}

gboolean
serah_server_push_table (SerahStore *store, PGconn *conn, const SerahServerTable *table,
                         SerahServerSyncResult *result, GError **error)
{
  gint64 cursor = serah_store_get_setting_int (store, table->push_cursor);
  gint64 new_cursor = cursor;
  gint64 sent = 0;
  guint width = table->n_cols;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  g_return_val_if_fail (table->push_query != NULL, FALSE);

  if (table->push_by_count)
    {
      new_cursor = local_cursor_value (store, table, error);
      if (new_cursor < 0)
        return FALSE;
      if (new_cursor == cursor)
        return TRUE;
    }
  /* Read first, send after: no SQLite statement stays open across network round trips. */
  stmt = serah_store_prepare (store, table->push_query, error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_int64 (stmt, 1, cursor);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!table->push_by_count)
        new_cursor = sqlite3_column_int64 (stmt, 0);
      for (guint c = 1; c <= width; c++)
        g_ptr_array_add (values, sqlite3_column_type (stmt, c) == SQLITE_NULL
                                   ? NULL
                                   : g_strdup ((const char *) sqlite3_column_text (stmt, c)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return serah_store_set_error (store, error, _("Cannot read the events to send"));

  if (values->len > 0)
    {
      guint rows = values->len / width;

      ok = serah_server_exec (conn, "BEGIN", error);
      for (guint r = 0; ok && r < rows; r += BATCH)
        ok = flush (conn, table, (char **) values->pdata + r * width, MIN (BATCH, rows - r),
                    &sent, error);
      ok = ok && serah_server_exec (conn, "COMMIT", error);
      if (!ok)
        {
          PQclear (PQexec (conn, "ROLLBACK"));
          return FALSE;
        }
      count_into (result, table->pushed_offset, sent);
    }
  /* After the server committed: a cut before this line resends, a no-op on the server. */
  return new_cursor == cursor ||
         serah_store_set_setting_int (store, table->push_cursor, new_cursor, error);
}

/* ---- pull ---- */

gboolean
serah_server_begin_snapshot_max (PGconn *conn, const char *table, char **xmin, gint64 *max_seq,
                                 GError **error)
{
  g_autofree char *sql = NULL;
  PGresult *res;

  if (!serah_server_exec (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return FALSE;
  sql = table != NULL
        ? g_strdup_printf ("SELECT pg_snapshot_xmin (pg_current_snapshot ())::text,"
                           " (SELECT coalesce (max (seq), 0) FROM %s)", table)
        : g_strdup ("SELECT pg_snapshot_xmin (pg_current_snapshot ())::text, 0");
  res = PQexec (conn, sql);
  if (PQresultStatus (res) != PGRES_TUPLES_OK || PQntuples (res) != 1)
    {
      serah_server_set_error (conn, res, _("Cannot read from the office server"), error);
      PQclear (res);
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  *xmin = g_strdup (PQgetvalue (res, 0, 0));
  if (max_seq != NULL)
    *max_seq = g_ascii_strtoll (PQgetvalue (res, 0, 1), NULL, 10);
  PQclear (res);
  return TRUE;
}

gboolean
serah_server_begin_snapshot (PGconn *conn, char **xmin, GError **error)
{
  return serah_server_begin_snapshot_max (conn, NULL, xmin, NULL, error);
}

static gboolean
pull_ok (PGconn *conn, PGresult *res, const SerahServerTable *table, GError **error)
{
  if (PQresultStatus (res) == PGRES_TUPLES_OK || PQresultStatus (res) == PGRES_COMMAND_OK)
    return TRUE;
  g_info ("pull of %s failed", table->name);
  return serah_server_set_error (conn, res, _(table->pull_error), error);
}

gboolean
serah_server_pull_table_in (SerahStore *store, PGconn *conn, const SerahServerTable *table,
                            const char *prev_xmin, gpointer user_data,
                            SerahServerSyncResult *result, GError **error)
{
  gint64 cursor = serah_store_get_setting_int (store, table->pull_cursor);
  gint64 max_seq = cursor, push_before = -1, added_count = 0;
  g_autofree char *cursor_text = int_text (cursor);
  g_autofree char *sql = g_strdup_printf ("DECLARE serah_step NO SCROLL CURSOR FOR %s"
                                          " WHERE seq > $1::bigint OR txid >= $2::xid8"
                                          " ORDER BY seq", table->pull_select);
  const char *params[] = { cursor_text, prev_xmin != NULL ? prev_xmin : "0" };
  PGresult *res;
  gboolean ok;

  if (table->push_query != NULL && table->local_cursor_query != NULL)
    {
      push_before = local_cursor_value (store, table, error);
      if (push_before < 0)
        return FALSE;
    }
  res = PQexecParams (conn, sql, 2, NULL, params, NULL, NULL, 0);
  ok = pull_ok (conn, res, table, error);
  PQclear (res);
  while (ok)
    {
      int n;

      res = PQexec (conn, FETCH_SQL);
      ok = pull_ok (conn, res, table, error);
      n = ok ? PQntuples (res) : 0;
      for (int r = 0; ok && r < n; r++)
        {
          gboolean added = FALSE;

          max_seq = MAX (max_seq, g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10));
          ok = table->apply (store, res, r, user_data, &added, error);
          added_count += added;
        }
      PQclear (res);
      if (n == 0)
        break;
    }
  ok = ok && serah_server_exec (conn, "CLOSE serah_step", error);
  ok = ok && (table->finish == NULL || table->finish (store, user_data, error));
  if (!ok)
    return FALSE;
  count_into (result, table->pulled_offset, added_count);
  /* What was just pulled is on the server already: when nothing of this desk was waiting to be
   * sent, the push cursor moves past it (else it would be sent back at the next sync). */
  if (push_before >= 0 && serah_store_get_setting_int (store, table->push_cursor) == push_before)
    {
      gint64 after = local_cursor_value (store, table, error);

      if (after < 0 || !serah_store_set_setting_int (store, table->push_cursor, after, error))
        return FALSE;
    }
  return max_seq == cursor ||
         serah_store_set_setting_int (store, table->pull_cursor, max_seq, error);
}

gboolean
serah_server_pull_tables (SerahStore *store, PGconn *conn, const SerahServerTable *const *tables,
                          guint n_tables, const char *xmin_key, gpointer user_data,
                          SerahServerSyncResult *result, GError **error)
{
  g_autofree char *prev_xmin = serah_store_get_setting (store, xmin_key);
  g_autofree char *xmin = NULL;
  gboolean ok;

  if (!serah_server_begin_snapshot (conn, &xmin, error))
    return FALSE;
  if (!serah_store_begin (store, error))
    {
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  ok = TRUE;
  for (guint i = 0; ok && i < n_tables; i++)
    ok = serah_server_pull_table_in (store, conn, tables[i], prev_xmin, user_data, result, error);
  ok = ok && serah_store_set_setting (store, xmin_key, xmin, error) &&
       serah_store_commit (store, error);
  if (!ok)
    {
      serah_store_rollback (store);
      PQclear (PQexec (conn, "ROLLBACK"));
      return FALSE;
    }
  return serah_server_exec (conn, "COMMIT", error);
}
