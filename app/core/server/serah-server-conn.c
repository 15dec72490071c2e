/* serah-server-conn.c: the connection of a desk to the office server (libpq), kept on the
 * store: connecting with short timeouts, telling a refused password or certificate from an
 * unreachable server, and remembering a failure so that scans do not wait on it.
 *
 * Why short timeouts: a claim runs while the officer waits with a card in hand; a server that
 * does not answer within seconds is treated as unreachable and the desk records locally.
 */
#define G_LOG_DOMAIN "serah-server"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "server/serah-server-conn-private.h"
#include "store/serah-store-private.h"

/* After a failed contact, claims do not try again for this long (a scan must not wait for a
 * connect timeout every time); serah_server_sync always tries. */
#define RETRY_AFTER_US (5 * G_USEC_PER_SEC)

static GQuark
link_quark (void)
{
  return g_quark_from_static_string ("serah-server-link");
}

static void
link_free (SerahServerLink *link)
{
  if (link->conn != NULL)
    PQfinish (link->conn);
  g_free (link->last_error);
  g_free (link);
}

void
serah_server_link_reset (SerahStore *store)
{
  g_object_set_qdata (G_OBJECT (store), link_quark (), NULL);
}

SerahServerLink *
serah_server_link_get (SerahStore *store)
{
  SerahServerLink *link = g_object_get_qdata (G_OBJECT (store), link_quark ());

  if (link == NULL)
    {
      link = g_new0 (SerahServerLink, 1);
      g_object_set_qdata_full (G_OBJECT (store), link_quark (), link, (GDestroyNotify) link_free);
    }
  return link;
}

char *
serah_server_passfile_path (SerahStore *store)
{
  return g_strconcat (serah_store_get_path (store), ".pgpass", NULL);
}

gboolean
serah_server_set_error (PGconn *conn, PGresult *res, const char *what, GError **error)
{
  const char *message = res ? PQresultErrorMessage (res) : NULL;
  g_autofree char *clean = NULL;

  if (message == NULL || *message == '\0')
    message = conn ? PQerrorMessage (conn) : "";
  clean = g_strstrip (g_utf8_make_valid (message, -1));
  /* A connection that broke mid-statement is a network matter, not a refusal. */
  g_set_error (error, SERAH_SERVER_ERROR,
               conn != NULL && PQstatus (conn) == CONNECTION_BAD
                 ? SERAH_SERVER_ERROR_UNREACHABLE : SERAH_SERVER_ERROR_FAILED,
               "%s: %s", what, clean);
  return FALSE;
}

gboolean
serah_server_exec (PGconn *conn, const char *sql, GError **error)
{
  PGresult *res = PQexec (conn, sql);
  gboolean ok = PQresultStatus (res) == PGRES_COMMAND_OK;

  if (!ok)
    serah_server_set_error (conn, res, _("The office server refused the events"), error);
  PQclear (res);
  return ok;
}

/* The server's NOTICEs are for the log, not for stderr. */
static void
log_notice (void *data, const char *message)
{
  g_debug ("server: %s", message);
}

PGconn *
serah_server_connect (const char *conninfo, const char *passfile, const char *password,
                      GError **error)
{
  /* statement_timeout bounds a claim; idle_in_transaction_session_timeout makes sure no
   * desk holds a transaction open for long, which the pull's re-read window relies on.
   * A silent network cut (Wi-Fi gone, no FIN or RST) is otherwise noticed only when TCP
   * gives up on its own (about 15 minutes of retransmissions, or never on an idle watch):
   * keepalives probe an idle connection after 4 s, every 2 s, and give up after 3 missed
   * probes (an idle watch is offline within about 10 s), and tcp_user_timeout drops a
   * connection whose sent data stays unacknowledged for 6 s (a claim or a sync in flight).
   * These apply to TCP only; given in the link's own string they are libpq's to honour
   * there, since later keywords of the string override these (expand_dbname). */
  const char *keys[] = { "keepalives", "keepalives_idle", "keepalives_interval",
                         "keepalives_count", "tcp_user_timeout", "dbname", "passfile",
                         "password", "connect_timeout", "application_name", "options", NULL };
  const char *values[] = { "1", "4", "2", "3", "6000", conninfo, passfile, password, "3",
                           "serah",
                           "-c statement_timeout=3000 -c lock_timeout=2000"
                           " -c idle_in_transaction_session_timeout=10000",
                           NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 1);
  g_autofree char *why = NULL;

  if (conn != NULL && PQstatus (conn) == CONNECTION_OK)
    {
      PQsetNoticeProcessor (conn, log_notice, NULL);
      return conn;
    }

  why = g_strstrip (g_utf8_make_valid (conn ? PQerrorMessage (conn) : "out of memory", -1));
  if (conn != NULL && (PQconnectionUsedPassword (conn) || PQconnectionNeedsPassword (conn)) &&
      strstr (why, "SSL") == NULL)
    g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_AUTH,
                 _("The office server refused this desk's login (wrong or missing password). "
                   "Link the desk again with the right password; meanwhile it records "
                   "locally. (%s)"),
                 why);
  else if (strstr (why, "SSL") != NULL || strstr (why, "certificate") != NULL)
    g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_TLS,
                 _("The office server's secure connection was refused (certificate or "
                   "sslmode). Check the office's certificate (sslrootcert) and the server "
                   "name; meanwhile this desk records locally. (%s)"),
                 why);
  else
    g_set_error (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_UNREACHABLE,
                 _("The office server cannot be reached; this desk records locally and sends "
                   "its handovers when the server is back. (%s)"),
                 why);
  PQfinish (conn);
  return NULL;
}

static char *
existing_passfile (SerahStore *store)
{
  g_autofree char *path = serah_server_passfile_path (store);
  return g_file_test (path, G_FILE_TEST_EXISTS) ? g_steal_pointer (&path) : NULL;
}

void
serah_server_mark_failed (SerahStore *store, const GError *error)
{
  SerahServerLink *link = serah_server_link_get (store);

  g_clear_pointer (&link->conn, PQfinish);
  link->listening = FALSE;
  g_free (link->last_error);
  link->last_error = g_strdup (error ? error->message : _("unknown error"));
  link->last_failure_us = g_get_monotonic_time ();
}

PGconn *
serah_server_ensure (SerahStore *store, gboolean force, GError **error)
{
  SerahServerLink *link = serah_server_link_get (store);
  g_autofree char *conninfo = serah_store_get_setting (store, "server.conninfo");
  g_autofree char *passfile = NULL;
  g_autoptr(GError) local_error = NULL;
  PGconn *conn;

  if (conninfo == NULL)
    {
      g_set_error_literal (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_NOT_LINKED,
                           _("This desk is not linked to an office server."));
      return NULL;
    }
  if (link->conn != NULL && PQstatus (link->conn) == CONNECTION_OK)
    return link->conn;
  if (link->conn != NULL)
    g_clear_pointer (&link->conn, PQfinish);
  if (!force && link->last_error != NULL &&
      g_get_monotonic_time () - link->last_failure_us < RETRY_AFTER_US)
    {
      g_set_error_literal (error, SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_UNREACHABLE,
                           link->last_error);
      return NULL;
    }

  passfile = existing_passfile (store);
  conn = serah_server_connect (conninfo, passfile, NULL, &local_error);
  if (conn != NULL &&
      !serah_server_check_schema (conn, serah_store_get_database_id (store), &local_error))
    g_clear_pointer (&conn, PQfinish);
  if (conn == NULL)
    {
      serah_server_mark_failed (store, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  link->conn = conn;
  link->listening = FALSE;
  g_clear_pointer (&link->last_error, g_free);
  return conn;
}

