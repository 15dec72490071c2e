/* test-invite-slices.c: inviting a selection in slices of participant ids (issue #10, "memory
 * flat": serah-ceremony-invite.c) changes nothing but memory. SERAH_INVITE_SLICE_ROWS forces a
 * small slice, so a register of 3 000 people is invited across many INSERT ... SELECT
 * statements, and every table the invitation writes (the invitations, the per-desa tallies,
 * the coverage counts kept by triggers) must then hold exactly what the one-statement
 * invitation writes. A failure in a late slice must leave nothing: the slices share the
 * caller's one transaction, so the earlier ones are rolled back with it and the counts stay
 * as they were; so must the process being killed (SIGKILL) in the middle of any slice.
 */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "store/serah-store-private.h"

#define N_PEOPLE   3000
#define SLICE_ROWS "97" /* divides no round number: the last slice is a short one */
#define OPERATOR   "Petugas Rina"

/* Every row of what an invitation writes, one line per row in a fixed order: the invitations
 * (without the time), the tallies, the coverage counts per ceremony, per area and per person,
 * and the ceremonies with their audit events (without times and uuids). */
static char *
dump (SerahStore *store)
{
  static const char *const queries[] = {
    "SELECT 'inv', ceremony_id, participant_id, kecamatan, desa, invited_by, source"
    "  FROM ceremony_invitations ORDER BY 2, 3",
    "SELECT 'tally', * FROM ceremony_tallies ORDER BY 2, 3, 4",
    "SELECT 'cov-cer', * FROM coverage_ceremony_areas ORDER BY 2, 3, 4",
    "SELECT 'cov-area', * FROM coverage_areas ORDER BY 2, 3",
    "SELECT 'cov-person', * FROM coverage_people ORDER BY 2",
    "SELECT 'ceremony', id, name FROM ceremonies ORDER BY 2",
    /* (a ceremony's creation names its random uuid) */
    "SELECT 'audit', operator, action, subject,"
    "       CASE action WHEN 'ceremony.create' THEN NULL ELSE details END"
    "  FROM audit_events WHERE action LIKE 'ceremony.%' ORDER BY id",
  };
  sqlite3 *db = serah_store_get_db (store);
  GString *out = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const unsigned char *v = sqlite3_column_text (stmt, c);
              g_string_append_printf (out, "%s%s", c ? "|" : "", v ? (const char *) v : "NULL");
            }
          g_string_append_c (out, '\n');
        }
      g_assert_cmpint (sqlite3_finalize (stmt), ==, SQLITE_OK);
    }
  return g_string_free (out, FALSE);
}

static gint64
count (SerahStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (serah_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The NIK of participant id (transfer full). */
static char *
nik_of (SerahStore *store, gint64 id)
{
  sqlite3_stmt *stmt = NULL;
  char *nik;

  g_assert_cmpint (sqlite3_prepare_v2 (serah_store_get_db (store),
                                       "SELECT nik FROM participants WHERE id = ?1", -1, &stmt,
                                       NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  nik = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return nik;
}

/* Counts the invitation statements that start (SQLITE_TRACE_STMT), triggers left out. */
static int
count_invite_statements (unsigned type, void *data, void *p, void *x)
{
  const char *sql = x;

  if (type == SQLITE_TRACE_STMT &&
      g_str_has_prefix (sql, "INSERT INTO ceremony_invitations") && strstr (sql, "json_each"))
    (*(guint *) data)++;
  return 0;
}

typedef struct {
  char       *dir;
  char       *path;
  SerahStore *store;
  gint64      run_id;
  char       *kecamatan[3]; /* two kecamatan of the register, NULL-terminated */
  guint       statements;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  sqlite3_stmt *stmt = NULL;

  g_unsetenv ("SERAH_INVITE_SLICE_ROWS");
  /* The child of test_killed_half_way works on its parent's database and dies: nothing of
   * its own to set up (a scratch folder would be left behind). */
  if (g_test_subprocess ())
    return;
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->path);
  /* Half of them with a card in one print run: a selection by print run, too. */
  lines = ceremony_test_populate (f->store, N_PEOPLE, 500, &f->run_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (serah_store_get_db (f->store),
                                       "SELECT DISTINCT kecamatan FROM participants"
                                       " ORDER BY kecamatan LIMIT 2",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (int i = 0; i < 2; i++)
    {
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      f->kecamatan[i] = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_finalize (stmt);
  f->statements = 0;
  sqlite3_trace_v2 (serah_store_get_db (f->store), SQLITE_TRACE_STMT, count_invite_statements,
                    &f->statements);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_unsetenv ("SERAH_INVITE_SLICE_ROWS");
  if (f->dir == NULL)
    return;
  if (f->store != NULL)
    sqlite3_trace_v2 (serah_store_get_db (f->store), 0, NULL, NULL);
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->kecamatan[0]);
  g_free (f->kecamatan[1]);
}

/* How many slices of 97 participants cover the register. */
static guint
n_slices (Fixture *f)
{
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM participants"), ==, N_PEOPLE);
  return (N_PEOPLE + 96) / 97;
}

/* The same invitations, in the order an office would send them: a few people by NIK first
 * (so some of every later selection are already invited), then a ceremony created with two
 * selections (two kecamatan, and everyone with a card in the run), then everyone invited to a
 * second ceremony. Returns the dump of what was written; *added gets what each step reported. */
static char *
invite_everything (Fixture *f, gint64 added[3])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) nik_problems = NULL;
  SerahParticipantFilter by_kecamatan = { .kecamatan = f->kecamatan };
  const SerahParticipantFilter *everyone[] = { &(SerahParticipantFilter) { 0 }, NULL };
  const SerahParticipantFilter *selections[] = { &by_kecamatan, NULL };
  SerahInvitation first = { .selections = selections };
  SerahInvitation second = { .selections = everyone };
  g_autofree char *nik_a = NULL, *nik_b = NULL;
  const char *keys[3] = { NULL };
  gint64 id, id2;

  /* Two people of the register, by NIK, in a ceremony first created empty. */
  id = serah_ceremony_create (f->store, "Penyerahan KIS", "2026-12-07", "Aula", OPERATOR,
                              &error);
  g_assert_no_error (error);
  nik_a = nik_of (f->store, 10);
  nik_b = nik_of (f->store, 2999);
  keys[0] = nik_a, keys[1] = nik_b;
  g_assert_true (serah_ceremony_invite_keys (f->store, id, keys, OPERATOR, NULL, &nik_problems,
                                             &error));
  g_assert_no_error (error);
  g_assert_cmpuint (nik_problems->len, ==, 0);

  /* Then the two kecamatan, then the card holders of the run. */
  g_assert_true (serah_ceremony_invite (f->store, id, &first, OPERATOR, &added[0], &problems,
                                        &error));
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (f->store, id, NULL, f->run_id, OPERATOR,
                                                  &added[1], &error));
  g_assert_no_error (error);

  /* A second ceremony, created and inviting everyone in one call. */
  id2 = serah_ceremony_create_and_invite (f->store, "Penyerahan kedua", "2026-12-08", "Pendopo",
                                          &second, OPERATOR, &added[2], NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id2, >, id);
  return dump (f->store);
}

/* Sliced or not, the same rows, the same counts, the same audit records. */
static void
test_sliced_equals_one_shot (Fixture *f, gconstpointer data)
{
  g_autofree char *one_shot = NULL;
  g_autofree char *sliced = NULL;
  gint64 added_one[3] = { 0 }, added_sliced[3] = { 0 };
  guint one_shot_statements;

  one_shot = invite_everything (f, added_one);
  one_shot_statements = f->statements;
  /* Three selections, each one statement when the register fits in one slice. */
  g_assert_cmpuint (one_shot_statements, ==, 3);
  /* The selections added someone (and not the two invited by NIK before). */
  g_assert_cmpint (added_one[0], >, 0);
  g_assert_cmpint (added_one[1], >, 0);
  g_assert_cmpint (added_one[2], ==, N_PEOPLE);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM ceremony_invitations"
                                    " WHERE ceremony_id = 2"), ==, N_PEOPLE);

  /* The same again in a fresh store, 97 ids a slice. */
  fixture_teardown (f, data);
  fixture_setup (f, data);
  g_setenv ("SERAH_INVITE_SLICE_ROWS", SLICE_ROWS, TRUE);
  sliced = invite_everything (f, added_sliced);
  g_assert_cmpuint (f->statements, ==, 3 * n_slices (f));

  g_assert_cmpint (added_sliced[0], ==, added_one[0]);
  g_assert_cmpint (added_sliced[1], ==, added_one[1]);
  g_assert_cmpint (added_sliced[2], ==, added_one[2]);
  g_assert_cmpstr (sliced, ==, one_shot);
}

/* A statement that fails in slice 21 of about 31 (a trigger standing in for a full disk) leaves the
 * database as it was: no ceremony, no invitation, no count moved, no audit record; the same
 * invitation succeeds once the cause is gone. */
static void
test_failure_half_way (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_create = NULL;
  g_autofree char *after_invite = NULL;
  const SerahParticipantFilter *everyone[] = { &(SerahParticipantFilter) { 0 }, NULL };
  SerahInvitation invitation = { .selections = everyone };
  const char *keys[] = { NULL, NULL };
  g_autofree char *nik = NULL;
  gint64 id, added = -1;

  g_setenv ("SERAH_INVITE_SLICE_ROWS", SLICE_ROWS, TRUE);
  /* An open ceremony with one person invited, so the counts are not all zero. */
  id = serah_ceremony_create (f->store, "Penyerahan KIS", "2026-12-07", "Aula", OPERATOR,
                              &error);
  g_assert_no_error (error);
  nik = nik_of (f->store, 5);
  keys[0] = nik;
  g_assert_true (serah_ceremony_invite_keys (f->store, id, keys, OPERATOR, NULL, NULL, &error));
  g_assert_no_error (error);
  before = dump (f->store);

  g_assert_true (serah_store_exec (f->store,
                                   "CREATE TEMP TRIGGER fail_half_way BEFORE INSERT"
                                   " ON main.ceremony_invitations WHEN new.participant_id = 2000"
                                   " BEGIN SELECT RAISE (ABORT, 'disk full'); END",
                                   &error));
  g_assert_no_error (error);

  /* Creating and inviting: the ceremony goes too. */
  g_assert_cmpint (serah_ceremony_create_and_invite (f->store, "Penyerahan kedua", "2026-12-08",
                                                     "Pendopo", &invitation, OPERATOR, &added,
                                                     NULL, &error),
                   ==, 0);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "disk full"));
  g_clear_error (&error);
  /* It did run slice after slice up to the failing one (2000 is in slice 21). */
  g_assert_cmpuint (f->statements, ==, 21);
  g_assert_cmpuint (n_slices (f), >, 21);
  after_create = dump (f->store);
  g_assert_cmpstr (after_create, ==, before);

  /* Inviting everyone to the open ceremony. */
  f->statements = 0;
  g_assert_false (serah_ceremony_invite_selection (f->store, id, NULL, 0, OPERATOR, &added,
                                                   &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (f->statements, ==, 21);
  after_invite = dump (f->store);
  g_assert_cmpstr (after_invite, ==, before);

  /* Run again without the fault: everyone, counted once each. */
  g_assert_true (serah_store_exec (f->store, "DROP TRIGGER temp.fail_half_way", &error));
  g_assert_true (serah_ceremony_invite_selection (f->store, id, NULL, 0, OPERATOR, &added,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, N_PEOPLE - 1);
  g_assert_cmpint (count (f->store, "SELECT sum (invited) FROM ceremony_tallies"), ==, N_PEOPLE);
  g_assert_cmpint (count (f->store, "SELECT sum (invited) FROM coverage_ceremony_areas"), ==,
                   N_PEOPLE);
  g_assert_cmpint (count (f->store, "SELECT sum (not_collected) FROM coverage_ceremony_areas"),
                   ==, N_PEOPLE);
  g_assert_cmpint (count (f->store, "SELECT sum (invited) FROM coverage_areas"), ==, N_PEOPLE);
}

/* Slices are counted in participants, not in ids: a register whose last id is far beyond
 * the others (ids are not promised to be dense) is invited in as many statements as its
 * size asks, everyone once. */
static void
test_sparse_ids (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 added = 0, id;

  g_assert_true (serah_store_exec (f->store,
                                   "UPDATE participants SET id = id + 1000000000000"
                                   " WHERE id = (SELECT max (id) FROM participants p"
                                   "  WHERE NOT EXISTS (SELECT 1 FROM printed_cards c"
                                   "                     WHERE c.participant_id = p.id))",
                                   &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT max (id) FROM participants"), >, 1000000000000);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM participants"), ==, N_PEOPLE);
  g_setenv ("SERAH_INVITE_SLICE_ROWS", SLICE_ROWS, TRUE);
  id = serah_ceremony_create (f->store, "Penyerahan KIS", "2026-12-07", "Aula", OPERATOR,
                              &error);
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (f->store, id, NULL, 0, OPERATOR, &added,
                                                  &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, N_PEOPLE);
  g_assert_cmpuint (f->statements, ==, (N_PEOPLE + 96) / 97);
  g_assert_cmpint (count (f->store, "SELECT count (*) FROM ceremony_invitations i"
                                    " JOIN participants p ON p.id = i.participant_id"),
                   ==, N_PEOPLE);
}

/* In the child of test_killed_half_way: SIGKILL as invitation statement number `at` starts. */
typedef struct {
  guint seen;
  guint at;
} KillAt;

static int
kill_at_statement (unsigned type, void *data, void *p, void *x)
{
  KillAt *k = data;
  const char *sql = x;

  if (type == SQLITE_TRACE_STMT &&
      g_str_has_prefix (sql, "INSERT INTO ceremony_invitations") && strstr (sql, "json_each") &&
      ++k->seen == k->at)
    /* Not g_error nor exit: no handler, no atexit, no SQLite call runs after this. */
    raise (SIGKILL);
  return 0;
}

/* The child of test_killed_half_way: creates and invites everyone, 97 ids a slice, in the
 * parent's database, and is killed as statement SERAH_TEST_KILL_AT starts. */
static void
killed_child (void)
{
  const SerahParticipantFilter *everyone[] = { &(SerahParticipantFilter) { 0 }, NULL };
  SerahInvitation invitation = { .selections = everyone };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  KillAt k = { 0, (guint) atoi (g_getenv ("SERAH_TEST_KILL_AT")) };

  g_setenv ("SERAH_INVITE_SLICE_ROWS", SLICE_ROWS, TRUE);
  store = serah_store_open (g_getenv ("SERAH_TEST_KILL_DB"), &error);
  g_assert_no_error (error);
  sqlite3_trace_v2 (serah_store_get_db (store), SQLITE_TRACE_STMT, kill_at_statement, &k);
  serah_ceremony_create_and_invite (store, "Penyerahan KIS", "2026-12-07", "Aula", &invitation,
                                    OPERATOR, NULL, NULL, &error);
  g_assert_not_reached ();
}

/* A process killed while invitation statement 1, 7, 21 or the last of a create-and-invite
 * runs (the earlier slices done, in the transaction): reopened, the database holds no trace
 * of it (no ceremony, no invitation, no count moved) and passes its integrity check. */
static void
test_killed_half_way (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  guint last;

  if (g_test_subprocess ())
    {
      killed_child ();
      return;
    }

  last = n_slices (f);
  before = dump (f->store);
  g_clear_object (&f->store);
  g_setenv ("SERAH_INVITE_SLICE_ROWS", SLICE_ROWS, TRUE);
  g_setenv ("SERAH_TEST_KILL_DB", f->path, TRUE);
  for (guint i = 0; i < 4; i++)
    {
      guint at = (guint[]) { 1, 7, 21, last }[i];
      g_autofree char *at_text = g_strdup_printf ("%u", at);
      g_autofree char *after = NULL;
      g_autoptr(GPtrArray) ceremonies = NULL;
      sqlite3 *db = NULL;
      sqlite3_stmt *stmt = NULL;

      g_setenv ("SERAH_TEST_KILL_AT", at_text, TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      /* (had the child finished instead, its ceremony would be in the dump below) */
      g_test_trap_assert_failed ();

      /* What another program finds in the file first (no repair by Serah's open). */
      g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
      sqlite3_finalize (stmt);
      sqlite3_close (db);

      f->store = serah_store_open (f->path, &error);
      g_assert_no_error (error);
      after = dump (f->store);
      g_assert_cmpstr (after, ==, before);
      ceremonies = serah_ceremony_list (f->store, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ceremonies->len, ==, 0);
      g_clear_object (&f->store);
    }
  g_unsetenv ("SERAH_TEST_KILL_DB");
  g_unsetenv ("SERAH_TEST_KILL_AT");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(name, func) \
  g_test_add ("/serah/ceremony/invite-slices/" name, Fixture, NULL, fixture_setup, func, \
              fixture_teardown)
  ADD ("sliced-equals-one-shot", test_sliced_equals_one_shot);
  ADD ("failure-half-way", test_failure_half_way);
  ADD ("sparse-ids", test_sparse_ids);
  ADD ("killed-half-way", test_killed_half_way);
  return g_test_run ();
}
