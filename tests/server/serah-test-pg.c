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

#include "serah-test-fixture.h"
#include "serah-test-pg.h"

#define ADMIN_PASSWORD SERAH_TEST_PG_ADMIN_PASSWORD

/* The cluster of this run (one per test binary; each test has its own database). */
char *pg_bindir;
char *pg_dir;
char *pg_data;
char *pg_socket;

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
  g_autofree char *options = g_strdup_printf ("-k %s -c listen_addresses= -p 5432"
                                              " -c max_connections=40 -c fsync=off",
                                              pg_socket);
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
  pg_start ();
  signal (SIGABRT, stop_on_abort);
  signal (SIGSEGV, stop_on_abort);
}

char *
url_for (const char *db, const char *user)
{
  return g_strdup_printf ("postgresql:///%s?host=%s&user=%s", db, pg_socket, user);
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

