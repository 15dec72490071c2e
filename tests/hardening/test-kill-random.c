/* test-kill-random.c: serah-cli doing real work is killed with SIGKILL at random moments,
 * many times over, and after every kill the database must be sound and tell the truth:
 * PRAGMA integrity_check passes, Serah opens it, everything the CLI reported as done is
 * there, and nothing half done is visible.
 *
 * Phases: creating new databases; importing lists (an import's counts equal the
 * participant rows it brought, it has its audit event, every automatic backup is a complete
 * database); printing a kecamatan at a time (every print run has its cards, its PDF holds
 * as many pages as its cards fill sheets, each participant is printed once); and a shell
 * loop of "serah-cli handover" (with an undo now and then) printing a line per success,
 * killed as a whole process group (every reported handover and undo is there, and the
 * current-state index and per-desa tallies agree with the event rows).
 *
 * The kill delays come from a GRand whose seed is printed ("# seed N"); run again with
 * SERAH_KILL_SEED=N to replay a failure. SERAH_KILL_ROUNDS sets the number of import
 * rounds. Each phase first runs its command once to completion to learn how long it takes,
 * then kills at a uniform random delay in [0, 1.3 x the longest finished run], so some
 * runs finish and most die somewhere in the middle. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include <json-glib/json-glib.h>

#include "serah-test-fixture.h"

#define DEFAULT_IMPORT_ROUNDS 20
#define CREATE_ROUNDS 6
#define PRINT_ROUNDS 10
#define HANDOVER_ROUNDS 8
#define HANDOVERS_PER_ROUND 30
#define ROWS_PER_FILE 4000

typedef struct
{
  char       *dir;
  char       *db_path;
  const char *cli;
  GRand      *rand;
  GPtrArray  *csv_paths;   /* char *, one file of distinct participants per import */
  GHashTable *reported;    /* import id (gint64 *) -> rows imported (gint64 *), from --json */
  GHashTable *checked_backups; /* names of backups already found sound */
  guint       kills_in_a_row;
  char       *ceremony_db;  /* the database of the print and handover phases */
  GPtrArray  *print_runs;   /* ReportedRun, from --json */
  GHashTable *handed;       /* card numbers reported handed over (and not undone) */
  GHashTable *undone;       /* card numbers reported undone */
  guint       runs;
  guint       kills;
} KillTest;

/* ---- generated lists ---- */

typedef struct
{
  KillTest *t;
  GString  *csv;
  guint     n;
} GenState;

static void
append_field (GString *line, const char *value, gboolean last)
{
  g_string_append_c (line, '"');
  for (const char *c = value ? value : ""; *c != '\0'; c++)
    {
      if (*c == '"')
        g_string_append_c (line, '"');
      g_string_append_c (line, *c);
    }
  g_string_append (line, last ? "\"\r\n" : "\",");
}

static void
flush_csv (GenState *s)
{
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/list-%03u.csv", s->t->dir, s->t->csv_paths->len);

  g_assert_true (g_file_set_contents (path, s->csv->str, (gssize) s->csv->len, &error));
  g_assert_no_error (error);
  g_ptr_array_add (s->t->csv_paths, path);
  g_string_assign (s->csv, "NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,FASKES,KELAS\r\n");
}

static gboolean
generate_row (const SerahParticipant *p, gpointer user_data, GError **error)
{
  GenState *s = user_data;
  char care[4];

  g_snprintf (care, sizeof care, "%d", p->care_class);
  append_field (s->csv, p->nik, FALSE);
  append_field (s->csv, p->card_no, FALSE);
  append_field (s->csv, p->name, FALSE);
  append_field (s->csv, serah_sex_to_string (p->sex), FALSE);
  append_field (s->csv, p->birth_date, FALSE);
  append_field (s->csv, p->address, FALSE);
  append_field (s->csv, p->desa, FALSE);
  append_field (s->csv, p->kecamatan, FALSE);
  append_field (s->csv, p->faskes, FALSE);
  append_field (s->csv, care, TRUE);
  if (++s->n % ROWS_PER_FILE == 0)
    flush_csv (s);
  return TRUE;
}

/* n_files lists of ROWS_PER_FILE participants each, nobody in two lists: every import
 * inserts exactly its rows, which makes "half an import" visible in the counts. */
static void
generate_lists (KillTest *t, guint n_files)
{
  g_autoptr(GError) error = NULL;
  GenState s = { t, g_string_new (NULL), 0 };

  g_string_assign (s.csv, "NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,FASKES,KELAS\r\n");
  g_assert_true (serah_demo_generate (n_files * ROWS_PER_FILE, 20250817, generate_row, &s, &error));
  g_assert_no_error (error);
  g_string_free (s.csv, TRUE);
}

/* ---- running and killing ---- */

typedef struct
{
  gboolean done;
  char    *out;
  GPid     group;
  guint    timer;
} Communicated;

static void
on_communicated (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Communicated *c = user_data;

  /* A killed child's pipe just ends; whatever it wrote before is kept. */
  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &c->out, NULL, NULL);
  c->done = TRUE;
}

static gboolean
on_kill_time (gpointer user_data)
{
  Communicated *c = user_data;

  c->timer = 0;
  /* The whole group: a shell loop dies with the serah-cli it is running. */
  kill (-c->group, SIGKILL);
  return G_SOURCE_REMOVE;
}

static void
own_process_group (gpointer user_data)
{
  setpgid (0, 0);
}

/* Runs argv in a process group of its own; kills the group with SIGKILL after delay
 * seconds (negative: never). Returns its standard output; *killed says whether the kill
 * ended it, *seconds how long it ran. */
static char *
run_cli (KillTest *t, const char *const *argv, double delay, gboolean *killed, double *seconds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_autoptr(GSubprocess) proc = NULL;
  Communicated c = { FALSE, NULL, 0, 0 };
  gint64 start = g_get_monotonic_time ();

  g_subprocess_launcher_set_child_setup (launcher, own_process_group, NULL, NULL);
  proc = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  c.group = (GPid) g_ascii_strtoll (g_subprocess_get_identifier (proc), NULL, 10);
  if (delay >= 0)
    c.timer = g_timeout_add ((guint) (delay * 1000), on_kill_time, &c);
  g_subprocess_communicate_utf8_async (proc, NULL, NULL, on_communicated, &c);
  while (!c.done)
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (proc, NULL, &error);
  g_assert_no_error (error);
  g_clear_handle_id (&c.timer, g_source_remove);

  *seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  *killed = g_subprocess_get_if_signaled (proc);
  if (*killed)
    g_assert_cmpint (g_subprocess_get_term_sig (proc), ==, SIGKILL);
  else
    g_assert_cmpint (g_subprocess_get_exit_status (proc), ==, 0);
  t->runs++;
  t->kills += *killed;
  t->kills_in_a_row = *killed ? t->kills_in_a_row + 1 : 0;
  return c.out ? c.out : g_strdup ("");
}

/* ---- what must hold after every kill ---- */

static sqlite3 *
open_raw (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);
  return db;
}

static gint64
query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* The first column of the first row as text; NULL when there is no row. */
static char *
query_text (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Each row of a one-column query, as strings. */
static GStrv
query_column (sqlite3 *db, const char *sql)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

static void
assert_integrity (sqlite3 *db, const char *what)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    g_error ("%s: integrity_check says %s", what, sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
}

/* Every automatic backup under its final name is a complete database (a kill during the
 * backup may leave a .part file, never a damaged .db). */
static void
check_backups (KillTest *t)
{
  g_autofree char *dir_path = g_build_filename (t->dir, SERAH_BACKUP_DIR_NAME, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr(GError) error = NULL;

      /* A backup is never written again under its final name: check each once. */
      if (!g_str_has_suffix (name, ".db") || g_hash_table_contains (t->checked_backups, name))
        continue;
      if (!serah_backup_check_candidate (path, NULL, NULL, &error))
        g_error ("backup %s is not sound: %s", name, error->message);
      g_hash_table_add (t->checked_backups, g_strdup (name));
    }
}

static void
check_imports (KillTest *t, sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  GHashTableIter iter;
  gpointer key, value;
  gint64 total = 0;

  /* An import row is written first and finished (hash, counts) at the end, in the same
   * transaction: an unfinished one must never be seen. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM imports WHERE sha256 = ''"), ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT i.id, i.rows, i.imported, i.updated, i.unchanged,"
                                       " i.rejected, i.duplicates,"
                                       " (SELECT count(*) FROM participants p WHERE p.import_id = i.id),"
                                       " (SELECT count(*) FROM audit_events a"
                                       "   WHERE a.action = 'import.participants'"
                                       "     AND a.subject = CAST (i.id AS TEXT))"
                                       " FROM imports i",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 rows = sqlite3_column_int64 (stmt, 1);
      gint64 imported = sqlite3_column_int64 (stmt, 2);
      gint64 sum = imported;

      for (int i = 3; i <= 6; i++)
        sum += sqlite3_column_int64 (stmt, i);
      g_assert_cmpint (rows, ==, ROWS_PER_FILE);
      g_assert_cmpint (sum, ==, rows);
      /* Each list holds new people only: all of them, or the import is not there. */
      g_assert_cmpint (imported, ==, ROWS_PER_FILE);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 7), ==, imported);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 8), ==, 1);
      total += imported;
      (void) id;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM participants"), ==, total);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_events WHERE action = 'import.participants'"),
                   ==, query_int (db, "SELECT count(*) FROM imports"));

  /* What the CLI said it did is there, with the counts it said. */
  g_hash_table_iter_init (&iter, t->reported);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autofree char *sql = g_strdup_printf ("SELECT imported FROM imports WHERE id = %" G_GINT64_FORMAT,
                                              *(gint64 *) key);
      g_assert_cmpint (query_int (db, sql), ==, *(gint64 *) value);
    }
}

/* ---- print runs ---- */

typedef struct
{
  gint64 run_id;
  gint64 cards;
  gint64 pages;
} ReportedRun;

/* Pages of a PDF that Cairo wrote: one "/Type /Page" dictionary each. */
static gint64
pdf_pages (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize len = 0;
  gint64 pages = 0;

  if (!g_file_get_contents (path, &bytes, &len, NULL))
    return -1;
  /* memmem: the compressed streams hold NUL bytes. */
  for (const char *p = bytes; (p = memmem (p, len - (p - bytes), "/Type /Page", 11)) != NULL;
       p += 11)
    if (p + 11 < bytes + len && p[11] != 's')
      pages++;
  return pages;
}

static void
check_print_runs (KillTest *t, sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  /* No run without its cards, and no card printed twice (no reprints in this test). */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM print_runs r WHERE NOT EXISTS"
                                  " (SELECT 1 FROM printed_cards c WHERE c.print_run_id = r.id)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM (SELECT participant_id FROM printed_cards"
                                  " GROUP BY 1 HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM audit_events WHERE action = 'print.batch'"),
                   ==, query_int (db, "SELECT count(*) FROM print_runs"));
  /* Each run's PDF is in place and holds the sheets its cards fill. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT r.id, r.output, count(*), max(c.sheet_no)"
                                           " FROM print_runs r JOIN printed_cards c"
                                           "   ON c.print_run_id = r.id GROUP BY r.id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *output = (const char *) sqlite3_column_text (stmt, 1);
      gint64 run_id = sqlite3_column_int64 (stmt, 0);

      if (pdf_pages (output) != sqlite3_column_int64 (stmt, 3))
        g_error ("print run %" G_GINT64_FORMAT ": %s has %" G_GINT64_FORMAT " pages, its cards "
                 "fill %" G_GINT64_FORMAT " sheets", run_id, output, pdf_pages (output),
                 (gint64) sqlite3_column_int64 (stmt, 3));
      for (guint i = 0; i < t->print_runs->len; i++)
        {
          const ReportedRun *r = t->print_runs->pdata[i];
          if (r->run_id != run_id)
            continue;
          g_assert_cmpint (r->cards, ==, sqlite3_column_int64 (stmt, 2));
          g_assert_cmpint (r->pages, ==, sqlite3_column_int64 (stmt, 3));
        }
    }
  sqlite3_finalize (stmt);
  /* Every run reported done is there (the loop above compared the ones it found). */
  for (guint i = 0; i < t->print_runs->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM print_runs WHERE id = %" G_GINT64_FORMAT,
                                              ((ReportedRun *) t->print_runs->pdata[i])->run_id);
      g_assert_cmpint (query_int (db, sql), ==, 1);
    }
}

/* ---- handovers ---- */

static void
check_handovers (KillTest *t, sqlite3 *db)
{
  GHashTableIter iter;
  gpointer card;

  /* The current-state index says exactly what the append-only events say. */
  g_assert_cmpint (query_int (db,
                              "WITH live AS (SELECT h.ceremony_id, h.participant_id, count(*) AS n"
                              "   FROM handovers h WHERE NOT EXISTS"
                              "     (SELECT 1 FROM handover_undos u WHERE u.handover_uuid = h.uuid)"
                              "   GROUP BY 1, 2)"
                              " SELECT (SELECT count(*) FROM (SELECT * FROM live EXCEPT"
                              "          SELECT ceremony_id, participant_id, n_live FROM ceremony_state))"
                              "      + (SELECT count(*) FROM (SELECT ceremony_id, participant_id, n_live"
                              "          FROM ceremony_state EXCEPT SELECT * FROM live))"),
                   ==, 0);
  /* And the per-desa tallies agree with both. */
  g_assert_cmpint (query_int (db, "SELECT coalesce (sum (to_self + to_representative), 0)"
                                  " FROM ceremony_tallies"),
                   ==, query_int (db, "SELECT count(*) FROM ceremony_state"));
  g_assert_cmpint (query_int (db, "SELECT coalesce (sum (invited), 0) FROM ceremony_tallies"),
                   ==, query_int (db, "SELECT count(*) FROM ceremony_invitations"));

  /* What the loop reported is what the database holds: handed over means in the state
   * index, undone means not. */
  for (int undone = 0; undone <= 1; undone++)
    {
      g_hash_table_iter_init (&iter, undone ? t->undone : t->handed);
      while (g_hash_table_iter_next (&iter, &card, NULL))
        {
          g_autofree char *sql =
            g_strdup_printf ("SELECT count(*) FROM ceremony_state s JOIN participants p"
                             " ON p.id = s.participant_id WHERE p.card_no = '%s'",
                             (const char *) card);
          if (query_int (db, sql) != !undone)
            g_error ("card %s was reported %s", (const char *) card,
                     undone ? "undone but is still handed over" : "handed over but is not");
        }
    }
}

static void
check_database_at (KillTest *t, const char *path, void (*check) (KillTest *, sqlite3 *))
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  sqlite3 *db = open_raw (path);

  assert_integrity (db, path);
  check (t, db);
  sqlite3_close (db);

  /* And Serah itself opens it (its own quick check, migrations, database id). */
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  check_backups (t);
}

static void
check_database (KillTest *t)
{
  check_database_at (t, t->db_path, check_imports);
}

static void
check_ceremony_database (KillTest *t, sqlite3 *db)
{
  check_print_runs (t, db);
  check_handovers (t, db);
}

/* Keeps what a finished import printed with --json. */
static void
note_reported_import (KillTest *t, const char *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *o;

  if (out == NULL || *out == '\0')
    return;
  /* A kill can cut the line short: only a whole object counts as reported. */
  if (!json_parser_load_from_data (parser, out, -1, NULL))
    return;
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (o, "ok"));
  g_hash_table_insert (t->reported,
                       g_memdup2 (&(gint64) { json_object_get_int_member (o, "import_id") }, sizeof (gint64)),
                       g_memdup2 (&(gint64) { json_object_get_int_member (o, "imported") }, sizeof (gint64)));
}

/* ---- the phases ---- */

static guint
env_uint (const char *name, guint fallback)
{
  const char *value = g_getenv (name);
  return value && *value ? (guint) g_ascii_strtoull (value, NULL, 10) : fallback;
}

/* Creating a new database (migrations, settings, database id) killed part way: the file
 * left behind must open as a sound Serah database. */
/* The kill delay of a round: round 0 runs to the end; later ones die at a uniform random
 * moment within 1.3 x the longest run seen to finish, widened by a quarter for each kill in
 * a row (imports grow slower as the database and its backups grow, and a range that no
 * longer reaches the end would never let one finish). */
static double
pick_delay (KillTest *t, guint round, double longest)
{
  double widen = 1.0;

  if (round == 0)
    return -1;
  for (guint i = 0; i < t->kills_in_a_row; i++)
    widen *= 1.25;
  return g_rand_double_range (t->rand, 0.0, 1.3 * longest * widen);
}

static void
phase_create (KillTest *t)
{
  double longest = 0;

  for (guint round = 0; round <= CREATE_ROUNDS; round++)
    {
      g_autofree char *path = g_strdup_printf ("%s/new-%u.db", t->dir, round);
      const char *argv[] = { t->cli, "--db", path, "stats", NULL };
      g_autofree char *out = NULL;
      g_autoptr(SerahStore) store = NULL;
      g_autoptr(GError) error = NULL;
      gboolean killed;
      double seconds, delay = pick_delay (t, round, longest);

      out = run_cli (t, argv, delay, &killed, &seconds);
      if (!killed)
        longest = MAX (longest, seconds);
      g_test_message ("create %u: kill after %.3f s: %s", round, delay, killed ? "killed" : "finished");
      store = serah_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (serah_store_get_schema_version (store), ==,
                       serah_store_get_latest_schema_version ());
      g_assert_nonnull (serah_store_get_database_id (store));
    }
}

static void
phase_import (KillTest *t, guint rounds)
{
  double longest = 0;

  for (guint round = 0; round <= rounds; round++)
    {
      sqlite3 *db = open_raw (t->db_path);
      guint next = (guint) query_int (db, "SELECT count(*) FROM imports");
      const char *argv[] = { t->cli, "--db", t->db_path, "--json", "--operator", "ani", "import",
                             NULL, NULL };
      g_autofree char *out = NULL;
      gboolean killed;
      double seconds, delay;

      sqlite3_close (db);
      g_assert_cmpuint (next, <, t->csv_paths->len);
      argv[7] = t->csv_paths->pdata[next];
      delay = pick_delay (t, round, longest);
      out = run_cli (t, argv, delay, &killed, &seconds);
      if (!killed)
        longest = MAX (longest, seconds);
      g_test_message ("import %u (list %u): kill after %.3f s: %s", round, next, delay,
                      killed ? "killed" : "finished");
      if (!killed)
        g_assert_true (out != NULL && strstr (out, "\"ok\":true") != NULL);
      note_reported_import (t, out);
      check_database (t);
    }
  g_assert_cmpuint (g_hash_table_size (t->reported), >=, 1);
}

/* Runs argv to the end (set-up steps); returns its standard output. */
static char *
run_to_end (KillTest *t, const char *const *argv)
{
  gboolean killed;
  double seconds;

  return run_cli (t, argv, -1, &killed, &seconds);
}

/* The database of the print and handover phases: one list imported, one ceremony that
 * invites everybody. */
static void
setup_ceremony_database (KillTest *t)
{
  const char *import[] = { t->cli, "--db", t->ceremony_db, "import",
                           t->csv_paths->pdata[t->csv_paths->len - 1], NULL };
  g_autoptr(GPtrArray) create = g_ptr_array_new ();
  g_auto(GStrv) kecamatan = NULL;
  g_autofree char *out = NULL;
  sqlite3 *db;

  g_free (run_to_end (t, import));
  db = open_raw (t->ceremony_db);
  kecamatan = query_column (db, "SELECT DISTINCT kecamatan FROM participants ORDER BY 1");
  sqlite3_close (db);

  g_ptr_array_add (create, (gpointer) t->cli);
  g_ptr_array_add (create, "--db");
  g_ptr_array_add (create, t->ceremony_db);
  g_ptr_array_add (create, "ceremony");
  g_ptr_array_add (create, "create");
  g_ptr_array_add (create, "--name");
  g_ptr_array_add (create, "Penyerahan KIS");
  g_ptr_array_add (create, "--date");
  g_ptr_array_add (create, "2025-08-20");
  g_ptr_array_add (create, "--place");
  g_ptr_array_add (create, "Pendopo Kabupaten");
  for (guint i = 0; kecamatan[i] != NULL; i++)
    {
      g_ptr_array_add (create, "--where");
      g_ptr_array_add (create, g_strdup_printf ("kecamatan=%s", kecamatan[i]));
    }
  g_ptr_array_add (create, NULL);
  out = run_to_end (t, (const char *const *) create->pdata);
  for (guint i = 11; i < create->len - 1; i += 2)
    g_free (create->pdata[i + 1]);
}

static void
note_reported_run (KillTest *t, const char *out)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  ReportedRun *r;
  JsonObject *o;

  if (out == NULL || *out == '\0' || !json_parser_load_from_data (parser, out, -1, NULL))
    return;
  o = json_node_get_object (json_parser_get_root (parser));
  g_assert_true (json_object_get_boolean_member (o, "ok"));
  r = g_new0 (ReportedRun, 1);
  r->run_id = json_object_get_int_member (o, "run_id");
  r->cards = json_object_get_int_member (o, "cards");
  r->pages = json_object_get_int_member (o, "pages");
  g_ptr_array_add (t->print_runs, r);
}

/* Prints one kecamatan's unprinted participants a round, each round to a PDF of its own. */
static void
phase_print (KillTest *t)
{
  double longest = 0;
  guint orphans = 0;

  t->kills_in_a_row = 0;
  for (guint round = 0; round <= PRINT_ROUNDS; round++)
    {
      sqlite3 *db = open_raw (t->ceremony_db);
      g_autofree char *kecamatan =
        query_text (db, "SELECT kecamatan FROM participants p WHERE NOT EXISTS"
                        " (SELECT 1 FROM printed_cards c WHERE c.participant_id = p.id)"
                        " GROUP BY kecamatan ORDER BY kecamatan LIMIT 1");
      g_autofree char *where = g_strdup_printf ("kecamatan=%s", kecamatan);
      g_autofree char *pdf = g_strdup_printf ("%s/cetak-%02u.pdf", t->dir, round);
      const char *argv[] = { t->cli, "--db", t->ceremony_db, "--json", "--operator", "ani",
                             "print", "--template", "kis", "--sheet", "a4-2x5",
                             "--where", where, "-o", pdf, NULL };
      g_autofree char *out = NULL;
      gboolean killed;
      double seconds, delay;

      sqlite3_close (db);
      if (kecamatan == NULL)
        break;
      delay = pick_delay (t, round, longest);
      out = run_cli (t, argv, delay, &killed, &seconds);
      if (!killed)
        longest = MAX (longest, seconds);
      g_test_message ("print %u (%s): kill after %.3f s: %s", round, kecamatan, delay,
                      killed ? "killed" : "finished");
      note_reported_run (t, out);
      check_database_at (t, t->ceremony_db, check_ceremony_database);
      /* Killed between the PDF's rename and the commit: a PDF no run owns. Its serials
       * were never recorded and are printed again by the next run: allowed, counted. */
      if (killed && g_file_test (pdf, G_FILE_TEST_EXISTS))
        {
          g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM print_runs WHERE output = '%s'", pdf);
          db = open_raw (t->ceremony_db);
          orphans += query_int (db, sql) == 0;
          sqlite3_close (db);
        }
    }
  g_test_message ("%u print runs reported done, %u PDFs left by a kill before the commit",
                  t->print_runs->len, orphans);
}

/* A shell loop of handovers, every seventh undone again, killed as a whole. */
static const char handover_loop[] =
  "cli=$1; db=$2; shift 2; n=0\n"
  "for card in \"$@\"; do\n"
  "  n=$((n + 1))\n"
  "  \"$cli\" --db \"$db\" --operator budi handover --ceremony 1 --card \"$card\" --station meja-1 \\\n"
  "    >/dev/null 2>&1 && echo \"OK $card\" || echo \"FAIL $card\"\n"
  "  if [ $((n % 7)) -eq 0 ]; then\n"
  "    \"$cli\" --db \"$db\" --operator budi handover-undo --ceremony 1 --card \"$card\" \\\n"
  "      --reason \"salah orang\" --station meja-1 >/dev/null 2>&1 && echo \"UNDONE $card\"\n"
  "  fi\n"
  "done\n";

static void
phase_handover (KillTest *t)
{
  double longest = 0;

  t->kills_in_a_row = 0;
  for (guint round = 0; round <= HANDOVER_ROUNDS; round++)
    {
      sqlite3 *db = open_raw (t->ceremony_db);
      g_auto(GStrv) cards = NULL;
      g_auto(GStrv) lines = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autofree char *out = NULL;
      gboolean killed;
      double seconds, delay;

      cards = query_column (db, "SELECT p.card_no FROM ceremony_invitations i"
                                " JOIN participants p ON p.id = i.participant_id"
                                " WHERE i.ceremony_id = 1 AND NOT EXISTS"
                                "   (SELECT 1 FROM handovers h WHERE h.participant_id = p.id)"
                                " ORDER BY p.id LIMIT " G_STRINGIFY (HANDOVERS_PER_ROUND));
      sqlite3_close (db);
      g_ptr_array_add (argv, "bash");
      g_ptr_array_add (argv, "-c");
      g_ptr_array_add (argv, (gpointer) handover_loop);
      g_ptr_array_add (argv, "handover-loop");
      g_ptr_array_add (argv, (gpointer) t->cli);
      g_ptr_array_add (argv, t->ceremony_db);
      for (guint i = 0; cards[i] != NULL; i++)
        g_ptr_array_add (argv, cards[i]);
      g_ptr_array_add (argv, NULL);

      delay = pick_delay (t, round, longest);
      out = run_cli (t, (const char *const *) argv->pdata, delay, &killed, &seconds);
      if (!killed)
        longest = MAX (longest, seconds);
      lines = g_strsplit (out, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_prefix (lines[i], "OK "))
            g_hash_table_add (t->handed, g_strdup (lines[i] + 3));
          else if (g_str_has_prefix (lines[i], "UNDONE "))
            {
              g_hash_table_remove (t->handed, lines[i] + 7);
              g_hash_table_add (t->undone, g_strdup (lines[i] + 7));
            }
          else if (*lines[i] != '\0')
            g_error ("the handover loop said: %s", lines[i]);
        }
      /* The card whose undo the kill interrupted may be either way: not checked. */
      if (killed)
        for (guint i = 0; cards[i] != NULL; i++)
          if ((i + 1) % 7 == 0 && g_hash_table_contains (t->handed, cards[i]) &&
              (cards[i + 1] == NULL || !g_hash_table_contains (t->handed, cards[i + 1])))
            g_hash_table_remove (t->handed, cards[i]);
      g_test_message ("handover %u (%u cards): kill after %.3f s: %s", round,
                      g_strv_length (cards), delay, killed ? "killed" : "finished");
      check_database_at (t, t->ceremony_db, check_ceremony_database);
    }
  g_test_message ("%u handovers and %u undos reported done", g_hash_table_size (t->handed),
                  g_hash_table_size (t->undone));
  g_assert_cmpuint (g_hash_table_size (t->handed), >=, 1);
}

static void
test_kill_random (void)
{
  KillTest t = { 0 };
  guint32 seed = env_uint ("SERAH_KILL_SEED", g_random_int ());
  guint import_rounds = env_uint ("SERAH_KILL_ROUNDS", DEFAULT_IMPORT_ROUNDS);

  t.cli = g_getenv ("SERAH_CLI");
  if (t.cli == NULL)
    g_error ("SERAH_CLI is not set (run this test through meson test)");
  /* In the TAP output, so that a failure can be replayed with SERAH_KILL_SEED. */
  g_test_message ("seed %u (replay: SERAH_KILL_SEED=%u)", seed, seed);
  t.rand = g_rand_new_with_seed (seed);
  t.dir = serah_test_tmpdir ();
  t.db_path = g_build_filename (t.dir, "test.db", NULL);
  t.csv_paths = g_ptr_array_new_with_free_func (g_free);
  t.reported = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  t.checked_backups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t.ceremony_db = g_build_filename (t.dir, "acara.db", NULL);
  t.print_runs = g_ptr_array_new_with_free_func (g_free);
  t.handed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  t.undone = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  /* One list per import round and its first run, and one for the ceremony database. */
  generate_lists (&t, import_rounds + 2);

  phase_create (&t);
  g_object_unref (serah_test_open_store (t.dir, NULL));
  phase_import (&t, import_rounds);
  g_test_message ("%u imports reported done", g_hash_table_size (t.reported));
  setup_ceremony_database (&t);
  phase_print (&t);
  phase_handover (&t);
  g_test_message ("%u runs, %u killed", t.runs, t.kills);
  g_assert_cmpuint (t.kills, >=, 1);

  g_hash_table_unref (t.reported);
  g_hash_table_unref (t.checked_backups);
  g_ptr_array_unref (t.print_runs);
  g_hash_table_unref (t.handed);
  g_hash_table_unref (t.undone);
  g_free (t.ceremony_db);
  g_ptr_array_unref (t.csv_paths);
  g_rand_free (t.rand);
  serah_test_rm_rf (t.dir);
  g_free (t.dir);
  g_free (t.db_path);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/hardening/kill-random", test_kill_random);
  return g_test_run ();
}
