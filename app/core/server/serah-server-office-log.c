/* serah-server-office-log.c: the whole office's audit log read from the office server, for the
 * audit review of a linked desk (issue 16).
 *
 * Why read on demand rather than pull into the local log: a desk's SQLite log says what
 * happened at that desk and is pushed from a cursor of its ids; mixing other desks' entries
 * into it would make it lie and echo them back (docs/server.md, "The audit log"). So the
 * review asks the server (every desk can SELECT serah.audit_log) and adds this desk's
 * entries after the push cursor, which the server has not seen yet. Each entry keeps the
 * desk, operator and time it was recorded with; the order is the desks' own clocks.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <serah/admin/serah-audit.h>
#include <serah/server/serah-server-office-log.h>
#include <serah/server/serah-server.h>

#include "server/serah-server-conn-private.h"
#include "server/serah-store-server-private.h"

static char *
value_or_null (PGresult *res, int r, int c)
{
  return PQgetisnull (res, r, c) ? NULL : g_strdup (PQgetvalue (res, r, c));
}

static int
newest_first (gconstpointer a, gconstpointer b)
{
  const SerahAuditEvent *x = *(SerahAuditEvent *const *) a;
  const SerahAuditEvent *y = *(SerahAuditEvent *const *) b;

  if (x->at != y->at)
    return x->at < y->at ? 1 : -1;
  /* Same second: this desk's unsent entries first, then by desk and id, newest first. */
  if ((x->desk == NULL) != (y->desk == NULL))
    return x->desk == NULL ? -1 : 1;
  if (g_strcmp0 (x->desk, y->desk) != 0)
    return g_strcmp0 (x->desk, y->desk);
  return x->id < y->id ? 1 : (x->id > y->id ? -1 : 0);
}

GPtrArray *
serah_server_read_office_log (SerahStore *store, guint limit, GError **error)
{
  g_autoptr(GPtrArray) out = NULL;
  g_autoptr(GPtrArray) local = NULL;
  g_autofree char *limit_text = NULL;
  gint64 cursor;
  PGconn *conn;
  PGresult *res;
  const char *params[1];

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  if (!serah_server_is_linked (store))
    {
      g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_NOT_LINKED,
                   _("This desk is not linked to an office server."));
      return NULL;
    }
  for (int attempt = 0;; attempt++)
    {
      g_autoptr(GError) local_error = NULL;

      conn = serah_server_ensure (store, TRUE, error);
      if (conn == NULL)
        return NULL;
      limit_text = limit > 0 ? g_strdup_printf ("%u", limit) : NULL;
      params[0] = limit_text;
      res = PQexecParams (conn,
                          "SELECT local_id, at, operator, action, subject, details, desk::text"
                          " FROM serah.audit_log ORDER BY at DESC, seq DESC LIMIT $1::bigint",
                          1, NULL, params, NULL, NULL, 0);
      g_clear_pointer (&limit_text, g_free);
      if (PQresultStatus (res) == PGRES_TUPLES_OK)
        break;
      serah_server_set_error (conn, res, _("Cannot read the office's audit log from the server"),
                              &local_error);
      /* A connection that died under the desk (the server restarted, the Wi-Fi came back) is
       * only noticed now: connect once more, so that the answer is the server's state now. */
      if (attempt == 0 && PQstatus (conn) == CONNECTION_BAD)
        {
          PQclear (res);
          serah_server_mark_failed (store, local_error);
          continue;
        }
      PQclear (res);
      serah_server_mark_failed (store, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  out = g_ptr_array_new_full (PQntuples (res), (GDestroyNotify) serah_audit_event_free);
  for (int r = 0; r < PQntuples (res); r++)
    {
      SerahAuditEvent *e = g_new0 (SerahAuditEvent, 1);

      e->id = g_ascii_strtoll (PQgetvalue (res, r, 0), NULL, 10);
      e->at = g_ascii_strtoll (PQgetvalue (res, r, 1), NULL, 10);
      e->operator_name = value_or_null (res, r, 2);
      e->action = value_or_null (res, r, 3);
      e->subject = value_or_null (res, r, 4);
      e->details = value_or_null (res, r, 5);
      e->desk = value_or_null (res, r, 6);
      g_ptr_array_add (out, e);
    }
  PQclear (res);

  /* This desk's entries the server has not had yet. */
  cursor = serah_store_get_setting_int (store, "server.push-audit-id");
  local = serah_audit_list (store, NULL, error);
  if (local == NULL)
    return NULL;
  for (guint i = 0; i < local->len; i++)
    if (((SerahAuditEvent *) local->pdata[i])->id > cursor)
      g_ptr_array_add (out, g_steal_pointer (&local->pdata[i]));
  g_ptr_array_sort (out, newest_first);
  return g_steal_pointer (&out);
}
