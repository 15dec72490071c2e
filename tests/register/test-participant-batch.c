/* test-participant-batch.c: the store's bulk of participant batches, which a big import
 * writes through: secondary indexes dropped and built again inside the import's
 * transaction, a rollback that restores them, a bulk committed in slices that keeps them
 * dropped (recorded as pending) until its end or the next open, and
 * batches inserted straight into an empty table that fall back to comparing when a row is
 * not new after all. */
#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

/* The store's connection (private to the core library), to look at the schema inside the
 * transaction. */
sqlite3 *serah_store_get_db (SerahStore *self);

/* The secondary indexes of participants: the area order (schema v1) and the name search
 * (schema v3). */
static const char *const secondary[] = { "participants_by_area", "participants_by_name" };

/* A fresh store in a scratch folder: the shared fixture of serah-test-fixture.h. */
typedef SerahStoreFixture Fixture;

/* The rowid of the index's row in sqlite_schema, as the store's connection sees it (its
 * own transaction included); 0 when there is no such index. A rebuilt index gets a new one. */
static gint64
index_rowid (Fixture *f, const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gint64 rowid = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (serah_store_get_db (f->store),
                                       "SELECT rowid FROM sqlite_schema"
                                       " WHERE type = 'index' AND name = ?1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    rowid = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return rowid;
}

/* What another connection reads: the committed database. */
static char *
committed_text (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return text;
}

static void
assert_committed_indexes (Fixture *f)
{
  g_autofree char *names = committed_text (f, "SELECT group_concat (name, ',') FROM"
                                              " (SELECT name FROM sqlite_schema"
                                              "  WHERE type = 'index' AND tbl_name = 'participants'"
                                              "  AND sql IS NOT NULL ORDER BY name)");
  g_autofree char *check = committed_text (f, "PRAGMA integrity_check");

  /* The coverage count per area, which a big bulk leaves to one count at its end: its
   * trigger is back, and the counts are the register's. */
  g_autofree char *trigger = committed_text (f, "SELECT count(*) FROM sqlite_schema"
                                                " WHERE type = 'trigger'"
                                                " AND name = 'coverage_participants_insert'");
  g_autofree char *kept = committed_text (f, "SELECT coalesce (group_concat (x, ';'), '') FROM"
                                             " (SELECT kecamatan || '/' || desa || '='"
                                             "  || participants AS x FROM coverage_areas"
                                             "  WHERE participants <> 0 ORDER BY 1)");
  g_autofree char *counted = committed_text (f, "SELECT coalesce (group_concat (x, ';'), '')"
                                                " FROM (SELECT coalesce (kecamatan, '') || '/'"
                                                "  || coalesce (desa, '') || '=' || count(*) AS x"
                                                "  FROM participants GROUP BY coalesce (kecamatan,"
                                                "  ''), coalesce (desa, '') ORDER BY 1)");

  g_assert_cmpstr (names, ==, "participants_by_area,participants_by_name");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpstr (trigger, ==, "1");
  g_assert_cmpstr (kept, ==, counted);
}

/* How many participants the coverage counts give the area (as another connection reads
 * the committed database). */
static gint64
committed_coverage (Fixture *f, const char *kecamatan, const char *desa)
{
  g_autofree char *sql = g_strdup_printf ("SELECT coalesce (sum (participants), 0)"
                                          " FROM coverage_areas WHERE kecamatan = '%s'"
                                          " AND desa = '%s'", kecamatan, desa);
  g_autofree char *n = committed_text (f, sql);

  return g_ascii_strtoll (n, NULL, 10);
}

static SerahParticipant *
person (guint i, const char *name)
{
  g_autofree char *nik = g_strdup_printf ("36010101018%05u", i);
  g_autofree char *card = g_strdup_printf ("00012345%05u", i);

  return serah_test_participant (nik, card, name, "Caringin");
}

static void
upsert (Fixture *f, SerahParticipant **rows, guint n, SerahUpsertResult *results,
        SerahParticipant **holders)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (serah_store_upsert_participants (f->store, rows, n, 0, results, holders,
                                                  &error));
  g_assert_no_error (error);
}

/* A transaction and a bulk of many more rows than the table holds, which drops the
 * secondary indexes, and the first rows of it, all new. */
static void
start_big_bulk (Fixture *f, SerahParticipant **rows, guint n)
{
  g_autoptr(GError) error = NULL;
  SerahUpsertResult results[8];

  g_assert_cmpuint (n, <=, G_N_ELEMENTS (results));
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 50000, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (secondary); i++)
    g_assert_cmpint (index_rowid (f, secondary[i]), ==, 0);
  upsert (f, rows, n, results, NULL);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (results[i], ==, SERAH_UPSERT_INSERTED);
}

static void
test_big_bulk_rebuilds_indexes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = person (1, "Budi"), b = person (2, "Siti");
  g_autoptr(GArray) found = NULL;
  SerahParticipant *rows[2] = { a, b };
  gint64 before = index_rowid (f, "participants_by_area");

  g_assert_cmpint (before, >, 0);
  /* Many more rows to come than the table holds: the secondary indexes go... */
  start_big_bulk (f, rows, 2);
  /* ...and come back, built from the rows, before the commit. */
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_no_error (error);
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (index_rowid (f, "participants_by_area"), >, before);
  assert_committed_indexes (f);
  found = serah_store_search_participant_ids (f->store, "siti", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (committed_coverage (f, a->kecamatan, a->desa), ==, 2);
  /* One more row outside a bulk is counted by the trigger, which is back. */
  {
    g_autoptr(SerahParticipant) c = person (3, "Asep");
    SerahUpsertResult result;

    g_assert_true (serah_store_begin (f->store, &error));
    upsert (f, &c, 1, &result, NULL);
    g_assert_true (serah_store_commit (f->store, &error));
    g_assert_no_error (error);
    g_assert_cmpint (committed_coverage (f, a->kecamatan, a->desa), ==, 3);
  }

  /* Few rows, or fewer than the table holds: the indexes stay as they are. */
  before = index_rowid (f, "participants_by_area");
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 500, FALSE, &error));
  g_assert_cmpint (index_rowid (f, "participants_by_area"), ==, before);
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (index_rowid (f, "participants_by_area"), ==, before);
}

static void
test_rollback_restores_indexes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = person (1, "Budi");
  SerahParticipant *rows[1] = { a };

  start_big_bulk (f, rows, 1);
  serah_store_rollback (f->store);

  for (guint i = 0; i < G_N_ELEMENTS (secondary); i++)
    g_assert_cmpint (index_rowid (f, secondary[i]), >, 0);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
  assert_committed_indexes (f);
  /* Ending the bulk after the rollback builds nothing twice. */
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_no_error (error);
  assert_committed_indexes (f);
}

/* How many indexes are recorded as pending (dropped by a bulk, not built yet), as another
 * connection reads the committed database. */
static gint64
committed_pending (Fixture *f)
{
  g_autofree char *n = committed_text (f, "SELECT count(*) FROM settings"
                                          " WHERE key LIKE 'store.pending-index.%'");
  return g_ascii_strtoll (n, NULL, 10);
}

/* A bulk committed before its end (an import committed in slices, then killed): the DROP
 * and the pending markers are committed together, the search stays right (the FTS5 tables
 * are kept by their triggers), and the next open builds the indexes again. */
static void
test_commit_before_end_keeps_pending (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = person (1, "Budi"), b = person (2, "Siti");
  g_autoptr(GArray) found = NULL;
  g_autofree char *names = NULL;
  SerahParticipant *rows[2] = { a, b };

  start_big_bulk (f, rows, 2);
  g_assert_true (serah_store_pause_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  names = committed_text (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                             " AND name IN ('participants_by_area', 'participants_by_name')");
  g_assert_cmpstr (names, ==, "0");
  g_assert_cmpint (committed_pending (f), ==, 3);
  found = serah_store_search_participant_ids (f->store, "siti", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);

  /* A second connection while the first is open (an import still running): nothing built. */
  {
    g_autoptr(SerahStore) other = serah_store_open (f->path, &error);
    g_assert_no_error (error);
    g_assert_cmpint (committed_pending (f), ==, 3);
  }
  /* The process stops without ending the bulk; the next open is alone on the file. */
  g_clear_object (&f->store);
  f->store = serah_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (committed_pending (f), ==, 0);
  assert_committed_indexes (f);
  found = serah_store_search_participant_ids (f->store, "budi", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 2);
}

/* A bulk that spans transactions (slices): the indexes stay dropped from the first slice to
 * the end, which builds them once; a rollback of a later slice keeps them pending. */
static void
test_bulk_across_slices (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = person (1, "Budi"), b = person (2, "Siti");
  g_autoptr(SerahParticipant) c = person (3, "Asep");
  SerahParticipant *rows[1];
  SerahUpsertResult results[1];

  rows[0] = a;
  start_big_bulk (f, rows, 1);
  g_assert_true (serah_store_pause_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));

  /* The second slice inserts without the indexes, and is rolled back. */
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 50000, TRUE, &error));
  for (guint i = 0; i < G_N_ELEMENTS (secondary); i++)
    g_assert_cmpint (index_rowid (f, secondary[i]), ==, 0);
  rows[0] = b;
  upsert (f, rows, 1, results, NULL);
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_INSERTED);
  serah_store_rollback (f->store);
  g_assert_cmpint (committed_pending (f), ==, 3);

  /* A third one, and the end: built once, the markers gone. */
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 50000, TRUE, &error));
  rows[0] = c;
  upsert (f, rows, 1, results, NULL);
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (committed_pending (f), ==, 0);
  assert_committed_indexes (f);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 2);

  /* A small bulk after a stopped one builds what it left out before writing. */
  rows[0] = b;
  start_big_bulk (f, rows, 1);
  g_assert_true (serah_store_pause_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 5, FALSE, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (secondary); i++)
    g_assert_cmpint (index_rowid (f, secondary[i]), >, 0);
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_cmpint (committed_pending (f), ==, 0);
  assert_committed_indexes (f);
}

/* Into an empty table each batch is inserted as it is; a row that is not new after all
 * undoes that insert, and the batch is compared with the table as usual. */
static void
test_fresh_bulk_falls_back (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = person (1, "Budi"), moved = person (1, "Budi");
  g_autoptr(SerahParticipant) b = person (2, "Siti"), thief = person (3, "Pencuri");
  g_autoptr(SerahParticipant) c = person (4, "Asep"), stored = NULL;
  SerahParticipant *rows[2];
  SerahUpsertResult results[2];
  SerahParticipant *holders[2];

  /* The same NIK again, with another desa: an update. */
  g_free (moved->desa), moved->desa = g_strdup ("Teluk");
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 3, FALSE, &error));
  rows[0] = a;
  upsert (f, rows, 1, results, holders);
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_INSERTED);
  rows[0] = moved, rows[1] = b;
  upsert (f, rows, 2, results, holders);
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_UPDATED);
  g_assert_cmpint (results[1], ==, SERAH_UPSERT_INSERTED);
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  stored = serah_store_find_participant_by_nik (f->store, a->nik, &error);
  g_assert_cmpstr (stored->desa, ==, "Teluk");
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 2);

  /* An empty database again (and a big bulk this time, so the indexes are rebuilt too): a
   * card that an earlier batch of the bulk gave to someone else is a conflict. */
  serah_store_fixture_tear_down (f, NULL);
  serah_store_fixture_set_up (f, NULL);
  g_strlcpy (thief->card_no, a->card_no, sizeof thief->card_no);
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_begin_participant_bulk (f->store, 50000, FALSE, &error));
  rows[0] = a;
  upsert (f, rows, 1, results, holders);
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_INSERTED);
  rows[0] = thief, rows[1] = c;
  upsert (f, rows, 2, results, holders);
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_CARD_CONFLICT);
  g_assert_nonnull (holders[0]);
  g_assert_cmpstr (holders[0]->nik, ==, a->nik);
  serah_participant_free (holders[0]);
  g_assert_null (holders[1]);
  g_assert_cmpint (results[1], ==, SERAH_UPSERT_INSERTED);
  g_assert_true (serah_store_end_participant_bulk (f->store, &error));
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 2);
  g_assert_null (serah_store_find_participant_by_nik (f->store, thief->nik, &error));
  assert_committed_indexes (f);
}

/* The importer on a list big enough for the bulk to rebuild the indexes (more than 10 000
 * rows into an empty table): every row stored, the indexes there and consistent, the list
 * in area order, and the same file again changes nothing. */
static void
test_big_import (Fixture *f, gconstpointer data)
{
  g_autofree char *demo_dir = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *path = g_build_filename (f->dir, "demo.csv", NULL);
  g_autoptr(SerahStore) demo = NULL;
  g_autoptr(SerahImportReport) first = NULL, again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = NULL;
  g_autofree char *first_in_order = NULL;
  gint64 before = index_rowid (f, "participants_by_area"), rebuilt;

  g_assert_cmpint (g_mkdir (demo_dir, 0700), ==, 0);
  demo = serah_test_open_store (demo_dir, NULL);
  g_assert_true (serah_demo_populate (demo, 12000, &error));
  g_assert_no_error (error);
  g_assert_true (serah_participants_write_csv_file (demo, NULL, path, NULL, &error));
  g_assert_no_error (error);

  first = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->counts.imported, ==, 12000);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 12000);
  rebuilt = index_rowid (f, "participants_by_area");
  g_assert_cmpint (rebuilt, >, before);
  assert_committed_indexes (f);
  all = serah_store_search_participant_ids (f->store, "", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 12000);
  /* The search lists in area order, as the index walks it. */
  first_in_order = committed_text (f, "SELECT id FROM participants ORDER BY kecamatan COLLATE"
                                      " NOCASE, desa COLLATE NOCASE, name COLLATE NOCASE, id"
                                      " LIMIT 1");
  g_assert_cmpint (g_array_index (all, gint64, 0), ==, g_ascii_strtoll (first_in_order, NULL, 10));

  again = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->counts.unchanged, ==, 12000);
  g_assert_cmpint (index_rowid (f, "participants_by_area"), ==, rebuilt);
  assert_committed_indexes (f);
}

/* The child of test_import_killed_mid_bulk (the same test rerun in a subprocess): imports
 * the list of SERAH_TEST_KILL_LIST into SERAH_TEST_KILL_DB in slices of 10 000 rows and is killed (SIGKILL, nothing cleaned up)
 * as its second slice commits: the first slice, committed with the indexes dropped, is what
 * it leaves. */
static int
kill_on_second_commit (void *data)
{
  guint *commits = data;

  if (++*commits == 2)
    raise (SIGKILL);
  return 0;
}

static void
import_and_die (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open (g_getenv ("SERAH_TEST_KILL_DB"), &error);
  guint commits = 0;

  g_assert_no_error (error);
  g_setenv ("SERAH_IMPORT_SLICE_ROWS", "10000", TRUE);
  sqlite3_commit_hook (serah_store_get_db (store), kill_on_second_commit, &commits);
  serah_import_file (store, g_getenv ("SERAH_TEST_KILL_LIST"), NULL, NULL, &error);
  g_assert_not_reached ();
}

/* An import killed during its bulk (issue #10): after its first slice the area and name
 * indexes are dropped and recorded as pending; the next open builds them, the search finds
 * the rows saved, and importing the same file again finishes it. */
static void
test_import_killed_mid_bulk (Fixture *f, gconstpointer data)
{
  g_autofree char *demo_dir = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *path = g_build_filename (f->dir, "demo.csv", NULL);
  g_autoptr(SerahStore) demo = NULL;
  g_autoptr(SerahImportReport) again = NULL;
  g_autoptr(SerahParticipant) someone = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL, *saved = NULL, *nik = NULL;
  gint64 first_slice;

  if (g_test_subprocess ())
    {
      import_and_die ();
      return;
    }
  g_assert_cmpint (g_mkdir (demo_dir, 0700), ==, 0);
  demo = serah_test_open_store (demo_dir, NULL);
  g_assert_true (serah_demo_populate (demo, 25000, &error));
  g_assert_no_error (error);
  g_assert_true (serah_participants_write_csv_file (demo, NULL, path, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&demo);

  g_clear_object (&f->store);
  g_setenv ("SERAH_TEST_KILL_DB", f->path, TRUE);
  g_setenv ("SERAH_TEST_KILL_LIST", path, TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();

  /* What the killed import left: its first slice (10 000 rows and the rest of the batch
   * that reached them), without the two indexes. */
  saved = committed_text (f, "SELECT count(*) FROM participants");
  first_slice = g_ascii_strtoll (saved, NULL, 10);
  g_assert_cmpint (first_slice, >=, 10000);
  g_assert_cmpint (first_slice, <, 20000);
  g_assert_cmpint (committed_pending (f), ==, 3);
  g_free (saved);
  saved = committed_text (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                             " AND name IN ('participants_by_area', 'participants_by_name')");
  g_assert_cmpstr (saved, ==, "0");

  /* The next open, alone on the file, builds them; search and counts are right. */
  f->store = serah_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (committed_pending (f), ==, 0);
  assert_committed_indexes (f);
  name = committed_text (f, "SELECT name FROM participants WHERE id = 5000");
  nik = committed_text (f, "SELECT nik FROM participants WHERE id = 5000");
  someone = serah_store_find_participant_by_nik (f->store, nik, &error);
  g_assert_nonnull (someone);
  found = serah_store_search_participant_ids (f->store, name, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >=, 1);
  {
    gboolean has = FALSE;
    for (guint i = 0; i < found->len; i++)
      has = has || g_array_index (found, gint64, i) == someone->id;
    g_assert_true (has);
  }
  g_free (saved);
  saved = committed_text (f, "SELECT sum (participants) FROM coverage_areas");
  g_assert_cmpint (g_ascii_strtoll (saved, NULL, 10), ==, first_slice);

  /* The same file again finishes the import. */
  g_unsetenv ("SERAH_IMPORT_SLICE_ROWS");
  again = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->counts.unchanged, ==, first_slice);
  g_assert_cmpint (again->counts.imported, ==, 25000 - first_slice);
  g_assert_cmpint (committed_pending (f), ==, 0);
  assert_committed_indexes (f);
}

/* Schema v14 (issue #10) makes the search tables again without their per-row size tables.
 * A file with the v7 tables and people in it: after the upgrade the old names are found,
 * a new one too, and the `_docsize` tables are gone. */
static void
test_search_tables_upgrade (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = person (1, "Budi Santoso"), b = person (2, "Siti Aminah");
  g_autoptr(SerahParticipant) c = person (3, "Asep Sunandar");
  g_autoptr(GArray) found = NULL;
  g_autofree char *docsize = NULL;
  SerahParticipant *rows[2] = { a, b };
  SerahUpsertResult results[2];
  sqlite3 *db = NULL;

  g_assert_true (serah_store_begin (f->store, &error));
  upsert (f, rows, 2, results, NULL);
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_clear_object (&f->store);

  /* Back to the v7 search tables (with their size tables), at schema 13. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE participant_names; DROP TABLE participant_words;"
                                 "CREATE VIRTUAL TABLE participant_names USING fts5 (name,"
                                 "  content = 'participants', content_rowid = 'id',"
                                 "  tokenize = 'trigram');"
                                 "CREATE VIRTUAL TABLE participant_words USING fts5 (name,"
                                 "  content = 'participants', content_rowid = 'id',"
                                 "  tokenize = 'unicode61', prefix = '1 2', detail = 'none');"
                                 "INSERT INTO participant_names (participant_names)"
                                 "  VALUES ('rebuild');"
                                 "INSERT INTO participant_words (participant_words)"
                                 "  VALUES ('rebuild');"
                                 "PRAGMA user_version = 13;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  docsize = committed_text (f, "SELECT count(*) FROM sqlite_schema"
                               " WHERE name LIKE 'participant_%_docsize'");
  g_assert_cmpstr (docsize, ==, "2");
  g_clear_pointer (&docsize, g_free);

  f->store = serah_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_get_schema_version (f->store), ==,
                   serah_store_get_latest_schema_version ());
  docsize = committed_text (f, "SELECT count(*) FROM sqlite_schema"
                               " WHERE name LIKE 'participant_%_docsize'");
  g_assert_cmpstr (docsize, ==, "0");
  /* A substring (trigram table) and a word's first letter (words table). */
  found = serah_store_search_participant_ids (f->store, "santo", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 1);
  g_clear_pointer (&found, g_array_unref);
  found = serah_store_search_participant_ids (f->store, "a", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1); /* Aminah */
  g_clear_pointer (&found, g_array_unref);
  /* The triggers write into the new tables. */
  g_assert_true (serah_store_begin (f->store, &error));
  upsert (f, &c, 1, results, NULL);
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_no_error (error);
  found = serah_store_search_participant_ids (f->store, "sunan", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_array_unref);
  g_clear_pointer (&docsize, g_free);
  docsize = committed_text (f, "PRAGMA integrity_check");
  g_assert_cmpstr (docsize, ==, "ok");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/serah/participant-batch/" path, Fixture, NULL, serah_store_fixture_set_up, \
              func, serah_store_fixture_tear_down)
  ADD ("big-bulk-rebuilds-indexes", test_big_bulk_rebuilds_indexes);
  ADD ("rollback-restores-indexes", test_rollback_restores_indexes);
  ADD ("commit-before-end-keeps-pending", test_commit_before_end_keeps_pending);
  ADD ("bulk-across-slices", test_bulk_across_slices);
  ADD ("fresh-bulk-falls-back", test_fresh_bulk_falls_back);
  ADD ("big-import", test_big_import);
  ADD ("import-killed-mid-bulk", test_import_killed_mid_bulk);
  ADD ("search-tables-upgrade", test_search_tables_upgrade);
#undef ADD

  return g_test_run ();
}
