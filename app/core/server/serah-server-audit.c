/* serah-server-audit.c: the audit log travels to the office server (issue 16, schema v3).
 *
 * Why push only: the local audit log is append-only and says what happened at this desk;
 * rewriting it, or mixing other desks' entries into it, would make it lie about that. So
 * each entry goes to serah.audit_log as it was written here (operator and time as recorded,
 * the desk by its login, this desk's id for it), after a cursor over the local ids
 * ("server.push-audit-id"), in one server transaction of multi-row INSERTs; a retried push is
 * a no-op by (desk, local_id). The office's whole log is read on the server
 * (docs/server.md, "The audit log"), where it is append-only by grants and triggers.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-server-register-private.h"
#include "server/serah-store-server-private.h"
#include "store/serah-store-private.h"

#define BATCH 500
#define N_COLS 6

static gboolean
flush (PGconn *conn, GPtrArray *values, gint64 *sent, GError **error)
{
  g_autoptr(GString) sql = NULL;
  guint rows = values->len / N_COLS;
  PGresult *res;
  gboolean ok;

  if (rows == 0)
    return TRUE;
  sql = g_string_new ("INSERT INTO serah.audit_log (local_id, at, operator, action, subject,"
                      " details) VALUES ");
  for (guint r = 0; r < rows; r++)
    {
      g_string_append (sql, r ? ",(" : "(");
      for (guint c = 0; c < N_COLS; c++)
        g_string_append_printf (sql, c ? ",$%u" : "$%u", r * N_COLS + c + 1);
      g_string_append_c (sql, ')');
    }
  g_string_append (sql, " ON CONFLICT (desk, local_id) DO NOTHING");
  res = PQexecParams (conn, sql->str, (int) values->len, NULL,
                      (const char *const *) values->pdata, NULL, NULL, 0);
  ok = PQresultStatus (res) == PGRES_COMMAND_OK;
  if (ok)
    *sent += g_ascii_strtoll (PQcmdTuples (res), NULL, 10);
  else
    serah_server_set_error (conn, res, _("Cannot send the audit log to the office server"),
                            error);
  PQclear (res);
  g_ptr_array_set_size (values, 0);
  return ok;
}

static char *
column_or_null (sqlite3_stmt *stmt, int col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL
           ? NULL
           : g_strdup ((const char *) sqlite3_column_text (stmt, col));
}

gboolean
serah_server_push_audit (SerahStore *store, PGconn *conn, SerahServerSyncResult *result,
                         GError **error)
{
  gint64 cursor = serah_store_get_setting_int (store, "server.push-audit-id");
  gint64 max_id = cursor;
  gint64 sent = 0;
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  gboolean ok;
  int rc;

  /* Read first, send after: no SQLite statement stays open across network round trips. */
  stmt = serah_store_prepare (store,
                              "SELECT id, at, operator, action, subject, details"
                              " FROM audit_events WHERE id > ?1 ORDER BY id",
                              error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cursor);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      max_id = sqlite3_column_int64 (stmt, 0);
      for (int c = 0; c < N_COLS; c++)
        g_ptr_array_add (values, column_or_null (stmt, c));
    }
  if (rc != SQLITE_DONE)
    {
      serah_store_set_error (store, error, _("Cannot read the audit log"));
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  if (values->len == 0)
    return TRUE;

  ok = serah_server_exec (conn, "BEGIN", error);
  if (ok)
    {
      g_autoptr(GPtrArray) chunk = g_ptr_array_new ();

      for (guint i = 0; ok && i < values->len; i++)
        {
          g_ptr_array_add (chunk, values->pdata[i]);
          if (chunk->len == BATCH * N_COLS)
            ok = flush (conn, chunk, &sent, error);
        }
      ok = ok && flush (conn, chunk, &sent, error) && serah_server_exec (conn, "COMMIT", error);
      if (!ok)
        PQclear (PQexec (conn, "ROLLBACK"));
    }
  if (!ok)
    return FALSE;
  if (result != NULL)
    result->pushed_audit_events += sent;
  return serah_store_set_setting_int (store, "server.push-audit-id", max_id, error);
}
