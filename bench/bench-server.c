/* bench-server.c: what linking a desk to the office server costs at the check-off table.
 *  - scan to durable commit on a linked desk: the claim on the server (one round trip, the
 *    server's commit) and then the local SQLite commit (WAL, synchronous=FULL), p50/p99;
 *  - the same on an unlinked desk: the local fsync alone;
 *  - the server's own commit latency: one-row INSERT transactions from the same machine;
 *  - how long until another desk sees a handover: desk A records, desk B (its own thread,
 *    waiting with LISTEN) hears the NOTIFY, pulls and commits it locally.
 *
 *   bench-server WORKDIR SOCKET_DIR ADMIN_PASSWORD [HANDOVERS]
 * The cluster is run-server.sh's (on the same disk as the build folder, fsync on).
 */
#include "config.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

#include "serah-test-fixture.h"

static double
now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *ms)
{
  double *v = (double *) ms->data;

  g_array_sort (ms, compare_double);
  printf ("%-48s n=%-5u median %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", what, ms->len,
          v[ms->len / 2], v[MIN (ms->len - 1, (guint) (ms->len * 0.99))], v[ms->len - 1]);
  fflush (stdout);
}

static void
check (gboolean ok, GError *error)
{
  if (!ok)
    g_error ("%s", error ? error->message : "failed");
}

static SerahStore *
copy_store (const char *from, const char *dir, const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (path);
  SerahStore *store;

  check (g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error), error);
  store = serah_store_open (path, &error);
  check (store != NULL, error);
  return store;
}

static void
hand_over_range (SerahStore *store, gint64 ceremony, gint64 first, gint64 n, GArray *ms)
{
  for (gint64 id = first; id < first + n; id++)
    {
      g_autoptr(GError) error = NULL;
      SerahHandoverRequest request = { .ceremony_id = ceremony, .participant_id = id,
                                       .identified_by = SERAH_IDENTIFIED_SEARCH,
                                       .operator_name = "bench", .station = "meja-bench" };
      double t0 = now_ms ();
      g_autoptr(SerahHandover) h = serah_ceremony_record_handover (store, &request, NULL,
                                                                   &error);
      check (h != NULL, error);
      g_array_append_val (ms, (double) { now_ms () - t0 });
    }
}

static void
server_commit_latency (const char *url, const char *password, guint n, GArray *ms)
{
  const char *keys[] = { "dbname", "password", NULL };
  const char *values[] = { url, password, NULL };
  PGconn *conn = PQconnectdbParams (keys, values, 1);

  if (PQstatus (conn) != CONNECTION_OK)
    g_error ("%s", PQerrorMessage (conn));
  PQclear (PQexec (conn, "CREATE TABLE IF NOT EXISTS bench_commit (id bigserial PRIMARY KEY,"
                         " payload text)"));
  for (guint i = 0; i < n; i++)
    {
      double t0 = now_ms ();
      PGresult *res = PQexec (conn, "INSERT INTO bench_commit (payload) VALUES"
                                    " (repeat ('x', 200))");
      if (PQresultStatus (res) != PGRES_COMMAND_OK)
        g_error ("%s", PQresultErrorMessage (res));
      PQclear (res);
      g_array_append_val (ms, (double) { now_ms () - t0 });
    }
  PQfinish (conn);
}

/* Desk B's side of the visibility figure: waits, pulls, and says when each event landed. */
typedef struct {
  SerahStore *store;
  GMutex      lock;
  GCond       landed;
  gint64      seen;
  double      seen_at;
  gboolean    stop;
} Watcher;

static gpointer
watch (gpointer data)
{
  Watcher *w = data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      SerahServerSyncResult r;
      gboolean heard;

      g_mutex_lock (&w->lock);
      if (w->stop)
        {
          g_mutex_unlock (&w->lock);
          return NULL;
        }
      g_mutex_unlock (&w->lock);
      heard = serah_server_wait (w->store, 200, &error);
      check (error == NULL, error);
      if (!heard)
        continue;
      check (serah_server_sync (w->store, &r, &error), error);
      g_mutex_lock (&w->lock);
      w->seen += r.new_handovers;
      w->seen_at = now_ms ();
      g_cond_signal (&w->landed);
      g_mutex_unlock (&w->lock);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GArray) local_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) linked_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) server_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) seen_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) scratch_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *office_path = NULL;
  g_autofree char *admin_url = NULL;
  g_autofree char *url_a = NULL;
  g_autofree char *url_b = NULL;
  SerahStore *office, *plain, *a, *b;
  Watcher w = { 0 };
  GThread *thread;
  gint64 ceremony, n;

  if (argc < 4)
    {
      fprintf (stderr, "usage: bench-server WORKDIR SOCKET_DIR ADMIN_PASSWORD [HANDOVERS]\n");
      return 2;
    }
  n = argc > 4 ? atoi (argv[4]) : 500;
  admin_url = g_strdup_printf ("postgresql:///postgres?host=%s&user=serah_admin", argv[2]);
  url_a = g_strdup_printf ("postgresql:///postgres?host=%s&user=bench-a", argv[2]);
  url_b = g_strdup_printf ("postgresql:///postgres?host=%s&user=bench-b", argv[2]);

  /* 3n participants: n for each figure, n for the visibility rounds. */
  office = serah_test_open_store (argv[1], &office_path);
  lines = ceremony_test_populate (office, 3 * n + 10, 1000, NULL, &error);
  check (lines != NULL, error);
  ceremony = serah_ceremony_create (office, "Bench", "2026-12-06", "Pendopo", NULL, &error);
  check (ceremony != 0, error);
  check (serah_ceremony_invite_selection (office, ceremony, NULL, 0, NULL, NULL, &error), error);
  check (serah_server_init (office, admin_url, argv[3], &error), error);
  g_object_unref (office);
  check (serah_server_add_desk (admin_url, argv[3], "bench-a", "bench-password-a", &error),
         error);
  check (serah_server_add_desk (admin_url, argv[3], "bench-b", "bench-password-b", &error),
         error);

  plain = copy_store (office_path, argv[1], "plain.db");
  a = copy_store (office_path, argv[1], "desk-a.db");
  b = copy_store (office_path, argv[1], "desk-b.db");
  check (serah_server_link (a, url_a, "bench-password-a", NULL, &error), error);
  check (serah_server_link (b, url_b, "bench-password-b", NULL, &error), error);

  hand_over_range (plain, ceremony, 1, n, local_ms);
  report ("scan to durable commit, unlinked desk", local_ms);
  hand_over_range (a, ceremony, 1, n, linked_ms);
  report ("scan to durable commit, linked desk (claim)", linked_ms);
  server_commit_latency (admin_url, argv[3], n, server_ms);
  report ("server's own commit (1-row INSERT)", server_ms);

  /* B listens first (its first wait issues LISTEN), then catches up, then waits in its own
   * thread: nothing can fall between the catching up and the listening. */
  check (serah_server_wait (b, 0, &error), error);
  check (serah_server_sync (b, NULL, &error), error);
  w.store = b;
  g_mutex_init (&w.lock);
  g_cond_init (&w.landed);
  thread = g_thread_new ("desk-b", watch, &w);
  for (gint64 i = 0; i < MIN (n, 200); i++)
    {
      double t0;
      gint64 target;

      g_mutex_lock (&w.lock);
      target = w.seen + 1;
      g_mutex_unlock (&w.lock);
      t0 = now_ms ();
      hand_over_range (a, ceremony, n + 1 + i, 1, scratch_ms);
      g_mutex_lock (&w.lock);
      while (w.seen < target)
        g_cond_wait (&w.landed, &w.lock);
      g_array_append_val (seen_ms, (double) { w.seen_at - t0 });
      g_mutex_unlock (&w.lock);
    }
  g_mutex_lock (&w.lock);
  w.stop = TRUE;
  g_mutex_unlock (&w.lock);
  g_thread_join (thread);
  report ("desk A's handover committed at desk B", seen_ms);

  /* What one handover weighs on the server, for the province roll-up in docs/server.md. */
  {
    const char *keys[] = { "dbname", "password", NULL };
    const char *values[] = { admin_url, argv[3], NULL };
    PGconn *conn = PQconnectdbParams (keys, values, 1);
    PGresult *res = PQexec (conn, "SELECT count (*),"
                                  " pg_total_relation_size ('serah.handovers') / count (*),"
                                  " avg (pg_column_size (h.*))::int,"
                                  " avg (pg_column_size (h.*) - pg_column_size (h.nik))::int"
                                  " FROM serah.handovers h");
    if (PQresultStatus (res) == PGRES_TUPLES_OK)
      printf ("server: %s handovers, %s bytes each with indexes, row %s bytes, %s without"
              " the NIK\n",
              PQgetvalue (res, 0, 0), PQgetvalue (res, 0, 1), PQgetvalue (res, 0, 2),
              PQgetvalue (res, 0, 3));
    PQclear (res);
    PQfinish (conn);
  }

  g_object_unref (plain);
  g_object_unref (a);
  g_object_unref (b);
  return 0;
}
