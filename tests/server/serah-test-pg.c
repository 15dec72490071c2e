/* serah-test-pg.c: a throwaway PostgreSQL 15 cluster for the office server's tests (issue
 * 16), shared by tests/server/test-server.c and the window's test tests/gui/test-gui-server.c:
 * initdb, then pg_ctl start on a Unix socket in a temporary folder (password logins only),
 * stopped at the end, even when an assertion aborts. The owner is serah_admin with
 * SERAH_TEST_PG_ADMIN_PASSWORD.
 */
#include "config.h"

#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "serah-test-fixture.h"
#include "serah-test-pg.h"

#define ADMIN_PASSWORD SERAH_TEST_PG_ADMIN_PASSWORD

/* The cluster of this run (one per test binary; each test has its own database). */
char *pg_bindir;
char *pg_dir;
char *pg_data;
char *pg_socket;
int   pg_port;
char *pg_ca_file;
char *pg_other_ca_file;

/* PostgreSQL refuses to run as root (a container, a fresh VM): then the cluster belongs to
 * the postgres user that Debian's postgresql-15 package creates, as pg_virtualenv does. */
static gboolean
as_root (void)
{
  return getuid () == 0;
}

static void
give_to_postgres (const char *path)
{
  struct passwd *pw = getpwnam ("postgres");

  g_assert_nonnull (pw);
  g_assert_cmpint (chown (path, pw->pw_uid, pw->pw_gid), ==, 0);
}

static void
run_tool (const char *tool, const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (as_root ())
    {
      g_ptr_array_add (argv, g_strdup ("runuser"));
      g_ptr_array_add (argv, g_strdup ("-u"));
      g_ptr_array_add (argv, g_strdup ("postgres"));
      g_ptr_array_add (argv, g_strdup ("--"));
    }
  g_ptr_array_add (argv, g_build_filename (pg_bindir, tool, NULL));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("%s failed:\n%s\n%s", tool, out, err);
}

void
pg_start (void)
{
  g_autofree char *log = g_build_filename (pg_dir, "postgres.log", NULL);
  g_autofree char *tls = g_build_filename (pg_dir, "tls", NULL);
  /* TLS on TCP (localhost, this run's own port) for the certificate tests; everything else
   * uses the Unix socket, where PostgreSQL never speaks TLS. */
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses=localhost -p %d"
                                              " -c max_connections=40 -c fsync=off"
                                              " -c ssl=on -c ssl_cert_file=%s/server.crt"
                                              " -c ssl_key_file=%s/server.key",
                                              pg_socket, pg_port, tls, tls);
  run_tool ("pg_ctl", (const char *[]) { "-D", pg_data, "-l", log, "-w", "-t", "120",
                                         "-o", options, "start", NULL });
}

void
pg_stop (void)
{
  run_tool ("pg_ctl", (const char *[]) { "-D", pg_data, "-w", "-m", "fast", "stop", NULL });
}

/* An assertion aborts the test: the cluster must not outlive it. */
static void
stop_on_abort (int sig)
{
  pid_t pid = fork ();

  if (pid == 0)
    {
      int devnull = open ("/dev/null", O_WRONLY);
      g_autofree char *pg_ctl = g_build_filename (pg_bindir, "pg_ctl", NULL);
      /* stdout is the TAP stream */
      dup2 (devnull, STDOUT_FILENO);
      if (as_root ())
        execlp ("runuser", "runuser", "-u", "postgres", "--", pg_ctl, "-D", pg_data, "-m",
                "immediate", "stop", (char *) NULL);
      else
        execl (pg_ctl, pg_ctl, "-D", pg_data, "-m", "immediate", "stop", (char *) NULL);
      _exit (127);
    }
  signal (sig, SIG_DFL);
  raise (sig);
}

/* A TCP port nobody listens on now (several test runs share the machine). */
static int
free_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_nonnull (socket);
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static void
openssl (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, (char *) "openssl");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, &out,
                &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("openssl %s failed:\n%s", args[0], out);
}

/* A throwaway certificate authority, the server's certificate for "localhost" signed by it,
 * and a second authority that signed nothing (the wrong certificate for a desk to trust). */
static void
make_certificates (void)
{
  g_autofree char *tls = g_build_filename (pg_dir, "tls", NULL);
  g_autofree char *ca_key = g_build_filename (tls, "ca.key", NULL);
  g_autofree char *other_key = g_build_filename (tls, "other-ca.key", NULL);
  g_autofree char *key = g_build_filename (tls, "server.key", NULL);
  g_autofree char *csr = g_build_filename (tls, "server.csr", NULL);
  g_autofree char *crt = g_build_filename (tls, "server.crt", NULL);
  g_autofree char *ext = g_build_filename (tls, "san.ext", NULL);

  g_assert_cmpint (g_mkdir (tls, 0700), ==, 0);
  pg_ca_file = g_build_filename (tls, "ca.crt", NULL);
  pg_other_ca_file = g_build_filename (tls, "other-ca.crt", NULL);
  openssl ((const char *[]) { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                              "-subj", "/CN=Serah Test Office CA", "-keyout", ca_key,
                              "-out", pg_ca_file, NULL });
  openssl ((const char *[]) { "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                              "-subj", "/CN=Some Other CA", "-keyout", other_key,
                              "-out", pg_other_ca_file, NULL });
  openssl ((const char *[]) { "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                              "-keyout", key, "-out", csr, NULL });
  g_assert_true (g_file_set_contents (ext, "subjectAltName=DNS:localhost,IP:127.0.0.1\n", -1,
                                      NULL));
  openssl ((const char *[]) { "x509", "-req", "-in", csr, "-CA", pg_ca_file, "-CAkey", ca_key,
                              "-CAcreateserial", "-days", "2", "-extfile", ext, "-out", crt,
                              NULL });
  g_assert_cmpint (g_chmod (key, 0600), ==, 0);
  if (as_root ())
    {
      give_to_postgres (tls);
      give_to_postgres (key);
      give_to_postgres (crt);
    }
}

void
cluster_create (void)
{
  g_autofree char *pwfile = NULL;
  g_autoptr(GError) error = NULL;

  pg_bindir = g_strdup (g_getenv ("SERAH_PG_BINDIR"));
  g_assert_nonnull (pg_bindir);
  pg_dir = serah_test_tmpdir ();
  pg_data = g_build_filename (pg_dir, "data", NULL);
  pg_socket = g_build_filename (pg_dir, "sock", NULL);
  g_assert_cmpint (g_mkdir (pg_socket, 0700), ==, 0);
  pwfile = g_build_filename (pg_dir, "pw", NULL);
  g_assert_true (g_file_set_contents (pwfile, ADMIN_PASSWORD "\n", -1, &error));
  if (as_root ())
    {
      give_to_postgres (pg_dir);
      give_to_postgres (pg_socket);
      give_to_postgres (pwfile);
    }
  run_tool ("initdb", (const char *[]) { "-D", pg_data, "-U", "serah_admin", "-E", "UTF8",
                                         "--locale=C", "--pwfile", pwfile,
                                         "--auth-local=scram-sha-256",
                                         "--auth-host=scram-sha-256", NULL });
  g_remove (pwfile);
  pg_port = free_port ();
  make_certificates ();
  pg_start ();
  signal (SIGABRT, stop_on_abort);
  signal (SIGSEGV, stop_on_abort);
  /* A GTK critical under G_DEBUG=fatal-criticals traps. */
  signal (SIGTRAP, stop_on_abort);
}

char *
url_for (const char *db, const char *user)
{
  return g_strdup_printf ("postgresql:///%s?host=%s&port=%d&user=%s", db, pg_socket, pg_port,
                          user);
}

PGconn *
admin_connect (const char *db)
{
  g_autofree char *url = url_for (db, "serah_admin");
  const char *keys[] = { "dbname", "password", NULL };
  const char *values[] = { url, ADMIN_PASSWORD, NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 1);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("admin connect: %s", PQerrorMessage (conn));
  return conn;
}

void
admin_exec (const char *db, const char *sql)
{
  PGconn *conn = admin_connect (db);
  PGresult *res = PQexec (conn, sql);

  if (PQresultStatus (res) != PGRES_COMMAND_OK && PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  PQclear (res);
  PQfinish (conn);
}

gint64
admin_count (const char *db, const char *sql)
{
  PGconn *conn = admin_connect (db);
  PGresult *res = PQexec (conn, sql);
  gint64 n;

  if (PQresultStatus (res) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (res));
  n = g_ascii_strtoll (PQgetvalue (res, 0, 0), NULL, 10);
  PQclear (res);
  PQfinish (conn);
  return n;
}

