/* serah-server-watch.c: hearing other desks' events (PostgreSQL LISTEN/NOTIFY) from a main
 * loop, for the window, without a thread that blocks in poll().
 *
 * Why a connection of its own and not the store's link: the store's connection is used by
 * whoever records handovers (a worker thread in the window), and a libpq connection must
 * never be used by two threads at once. The watch is connected (blocking, short timeouts) in
 * a worker, then handed to the main thread, which adds its socket to the main loop
 * (g_unix_fd_add) and calls serah_server_watch_read when it is readable: no round trip, no
 * wait. A read that finds the connection gone says so; the window then shows the desk as
 * offline and connects a new watch later.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <serah/server/serah-server.h>

#include "server/serah-server-conn-private.h"
#include "store/serah-store-private.h"

struct _SerahServerWatch
{
  char   *conninfo;     /* without password */
  char   *passfile;     /* or NULL */
  char   *database_id;
  PGconn *conn;         /* NULL until connected */
};

gboolean
serah_server_is_linked (SerahStore *store)
{
  g_autofree char *conninfo = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  conninfo = serah_store_get_setting (store, "server.conninfo");
  return conninfo != NULL;
}

gboolean
serah_server_is_online (SerahStore *store)
{
  SerahServerLink *link;

  g_return_val_if_fail (SERAH_IS_STORE (store), FALSE);
  link = serah_server_link_get (store);
  return link->conn != NULL && PQstatus (link->conn) == CONNECTION_OK;
}

void
serah_server_set_offline (SerahStore *store, const char *reason)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SERAH_IS_STORE (store));
  g_set_error_literal (&error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_UNREACHABLE,
                       reason != NULL ? reason : _("The office server cannot be reached."));
  serah_server_mark_failed (store, error);
}

void
serah_server_set_deferred (SerahStore *store, gboolean deferred)
{
  g_return_if_fail (SERAH_IS_STORE (store));
  serah_server_link_get (store)->deferred = deferred;
}

SerahServerWatch *
serah_server_watch_new (SerahStore *store)
{
  g_autofree char *conninfo = NULL;
  SerahServerWatch *watch;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  conninfo = serah_store_get_setting (store, "server.conninfo");
  if (conninfo == NULL)
    return NULL;
  watch = g_new0 (SerahServerWatch, 1);
  watch->conninfo = g_steal_pointer (&conninfo);
  watch->passfile = serah_server_passfile_path (store);
  if (!g_file_test (watch->passfile, G_FILE_TEST_EXISTS))
    g_clear_pointer (&watch->passfile, g_free);
  watch->database_id = g_strdup (serah_store_get_database_id (store));
  return watch;
}

gboolean
serah_server_watch_connect (SerahServerWatch *watch, GError **error)
{
  g_return_val_if_fail (watch != NULL, FALSE);
  g_return_val_if_fail (watch->conn == NULL, FALSE);

  watch->conn = serah_server_connect (watch->conninfo, watch->passfile, NULL, error);
  if (watch->conn == NULL)
    return FALSE;
  if (!serah_server_check_schema (watch->conn, watch->database_id, error) ||
      !serah_server_exec (watch->conn, "LISTEN serah_events", error))
    {
      g_clear_pointer (&watch->conn, PQfinish);
      return FALSE;
    }
  /* From here on only PQconsumeInput reads: the socket never blocks the main loop. */
  if (PQsetnonblocking (watch->conn, 1) != 0)
    {
      serah_server_set_error (watch->conn, NULL, _("Lost the office server"), error);
      g_clear_pointer (&watch->conn, PQfinish);
      return FALSE;
    }
  return TRUE;
}

int
serah_server_watch_get_fd (SerahServerWatch *watch)
{
  g_return_val_if_fail (watch != NULL && watch->conn != NULL, -1);
  return PQsocket (watch->conn);
}

gboolean
serah_server_watch_read (SerahServerWatch *watch, guint *n_events, GError **error)
{
  PGnotify *notify;
  guint n = 0;

  g_return_val_if_fail (watch != NULL && watch->conn != NULL, FALSE);

  if (!PQconsumeInput (watch->conn) || PQstatus (watch->conn) != CONNECTION_OK)
    {
      serah_server_set_error (watch->conn, NULL, _("Lost the office server"), error);
      if (error != NULL && *error != NULL)
        (*error)->code = SERAH_SERVER_ERROR_UNREACHABLE;
      return FALSE;
    }
  while ((notify = PQnotifies (watch->conn)) != NULL)
    {
      n++;
      PQfreemem (notify);
    }
  if (n_events != NULL)
    *n_events = n;
  return TRUE;
}

void
serah_server_watch_free (SerahServerWatch *watch)
{
  if (watch == NULL)
    return;
  g_clear_pointer (&watch->conn, PQfinish);
  g_free (watch->conninfo);
  g_free (watch->passfile);
  g_free (watch->database_id);
  g_free (watch);
}
