/* test-store.c: opening, migrating and refusing databases; participant upsert and search. */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

static void
test_open_creates_latest_schema (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);

  g_assert_cmpint (serah_store_get_schema_version (store), ==,
                   serah_store_get_latest_schema_version ());
  g_assert_nonnull (serah_store_get_database_id (store));
  g_assert_cmpint (strlen (serah_store_get_database_id (store)), ==, 36);
  {
    /* Personal data: only the owner may read the file. */
    GStatBuf st;
    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_reopen_keeps_data (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(SerahParticipant) p = serah_test_participant ("3601010101800001", "0001234567890",
                                                          "Budi Saputra", "Caringin");
  g_autofree char *id = g_strdup (serah_store_get_database_id (store));

  g_assert_true (serah_store_upsert_participant (store, p, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (store), ==, 1);
  g_assert_cmpstr (serah_store_get_database_id (store), ==, id);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static int
pragma_int (SerahStore *store, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (serah_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static gpointer
count_in_thread (gpointer data)
{
  g_autoptr(GError) error = NULL;
  /* What a GUI worker does: its own connection, opened in its own thread. */
  g_autoptr(SerahStore) mine = serah_store_open_like (data, &error);

  g_assert_no_error (error);
  return GSIZE_TO_POINTER ((gsize) serah_store_count_participants (mine));
}

/* serah_store_open_like: a second connection to the same file, with the same settings, that
 * sees the first one's commits and whose commits the first one sees. */
static void
test_open_like_shares_the_file (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(SerahStore) other = NULL;
  g_autoptr(SerahParticipant) a = serah_test_participant ("3601010101800001", "0001234567890",
                                                          "Budi Saputra", "Caringin");
  g_autoptr(SerahParticipant) b = serah_test_participant ("3601010101800002", "0001234567891",
                                                          "Siti Aminah", "Caringin");
  GThread *thread;

  g_assert_true (serah_store_upsert_participant (store, a, 0, NULL, &error));
  g_assert_no_error (error);

  other = serah_store_open_like (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (other);
  g_assert_true (other != store);
  g_assert_cmpstr (serah_store_get_path (other), ==, path);
  g_assert_cmpstr (serah_store_get_database_id (other), ==, serah_store_get_database_id (store));
  g_assert_cmpint (serah_store_get_schema_version (other), ==,
                   serah_store_get_latest_schema_version ());
  /* the same durability and rules as the first connection */
  g_assert_cmpint (pragma_int (other, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (pragma_int (other, "PRAGMA synchronous"), ==, 2 /* FULL */);
  g_assert_cmpint (serah_store_count_participants (other), ==, 1);

  g_assert_true (serah_store_upsert_participant (other, b, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (store), ==, 2);

  thread = g_thread_new ("open-like", count_in_thread, store);
  g_assert_cmpuint (GPOINTER_TO_SIZE (g_thread_join (thread)), ==, 2);

  g_clear_object (&other);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* Unlike serah_store_open, open_like never creates a database: a file that went away is an
 * error, not a new empty register. */
static void
test_open_like_never_creates (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(SerahStore) other = NULL;

  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_unlink (wal);
  g_unlink (shm);

  other = serah_store_open_like (store, &error);
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CANNOT_OPEN);
  g_assert_null (other);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* The first schema step, as an older Serah wrote it (private to the core library). */
extern const char serah_store_schema_participants[];

static void
test_migrates_older_file (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "old.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  sqlite3 *db = NULL;

  /* A file as schema 1 left it: participant tables only, one participant, user_version 1. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, serah_store_schema_participants, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO participants (nik, card_no, name, sex, created_at,"
                                 " updated_at) VALUES ('3601010101800001', '0001234567890',"
                                 " 'Budi', 'L', 0, 0);"
                                 "PRAGMA user_version = 1;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_get_schema_version (store), ==,
                   serah_store_get_latest_schema_version ());
  p = serah_store_find_participant_by_card (store, "0001234567890", &error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->name, ==, "Budi");
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_refuses_newer_file (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA user_version = 999", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = serah_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_TOO_NEW);
  serah_test_rm_rf (dir);
}

static void
test_refuses_garbage_file (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "garbage.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autofree char *after = NULL;
  const char junk[] = "NIK;NAMA\n3601010101800001;Budi\nthis is a csv, not a database\n";

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  store = serah_store_open (path, &error);
  g_assert_null (store);
  /* Not SQLite at all: "not a Serah database", not "damaged" (issue 17). */
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NOT_SERAH);
  /* The file is left as it was. */
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, junk);
  serah_test_rm_rf (dir);
}

static void
test_refuses_damaged_database (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (serah_demo_populate (store, 2000, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* Scribble over the middle of the file, where table b-tree pages live. */
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 65536);
  for (gsize i = 16384; i < 16384 + 12288; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));

  store = serah_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT);
  {
    /* Refused and left byte for byte as it was. */
    g_autofree char *after = NULL;
    gsize after_len = 0;
    g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
    g_assert_cmpmem (after, after_len, contents, len);
  }
  serah_test_rm_rf (dir);
}

/* Scribbles over table pages in the middle of the file at @path (as above). */
static void
damage_middle_pages (const char *path)
{
  g_autofree char *contents = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpuint (len, >, 65536);
  for (gsize i = 16384; i < 16384 + 12288; i++)
    contents[i] = (char) (i * 7);
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
}

/* A large database opens without reading every page (issue #10); the damage an open no longer
 * looks for is found by the check on demand, the one `serah-cli check` runs. */
static void
test_cheap_open_and_check_on_demand (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  gboolean full = TRUE;

  g_assert_true (serah_demo_populate (store, 2000, &error));
  g_assert_no_error (error);
  g_assert_true (serah_store_check_integrity (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A clean file: the cheap open does not run the full check. */
  store = serah_store_open_checked (path, SERAH_STORE_OPEN_CHECK_CHEAP, &full, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (full);
  g_clear_object (&store);

  damage_middle_pages (path);
  store = serah_store_open_checked (path, SERAH_STORE_OPEN_CHECK_CHEAP, &full, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_false (serah_store_check_integrity (store, &error));
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "restore it from a backup"));
  g_clear_object (&store);
  g_clear_error (&error);

  /* The automatic open of a small file still runs the full check and refuses it. */
  store = serah_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT);
  serah_test_rm_rf (dir);
}

/* Copies @path and its WAL, as a live connection left them, to @crash: the image a power cut
 * leaves behind (a WAL with frames, no connection owning it). */
static void
make_crashed_copy (const char *path, const char *crash)
{
  sqlite3 *db = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *crash_wal = g_strconcat (crash, "-wal", NULL);
  g_autofree char *bytes = NULL;
  gsize len = 0;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL;"
                                 "INSERT OR REPLACE INTO settings (key, value) "
                                 "VALUES ('crash', 'yes')",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (g_file_get_contents (path, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (crash, bytes, len, NULL));
  g_clear_pointer (&bytes, g_free);
  g_assert_true (g_file_get_contents (wal, &bytes, &len, NULL));
  g_assert_cmpuint (len, >, 0);
  g_assert_true (g_file_set_contents (crash_wal, bytes, len, NULL));
  sqlite3_close (db);
}

/* After an unclean shutdown the full check runs even on the cheap open, and a damaged file is
 * refused with its WAL left exactly as it was (a checkpoint on close would write it into the
 * damaged file). */
static void
test_unclean_shutdown_gets_full_check (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *crash = g_build_filename (dir, "crash.db", NULL);
  g_autofree char *crash_wal = g_strconcat (crash, "-wal", NULL);
  g_autofree char *damaged = g_build_filename (dir, "damaged.db", NULL);
  g_autofree char *damaged_wal = g_strconcat (damaged, "-wal", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autofree char *db_before = NULL, *wal_before = NULL, *db_after = NULL, *wal_after = NULL;
  gsize db_len = 0, wal_len = 0, db_len_after = 0, wal_len_after = 0;
  gboolean full = FALSE;

  g_assert_true (serah_demo_populate (store, 2000, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  make_crashed_copy (path, crash);
  store = serah_store_open_checked (crash, SERAH_STORE_OPEN_CHECK_CHEAP, &full, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (full);
  {
    /* Nothing committed before the crash is lost. */
    g_autofree char *value = serah_store_get_setting (store, "crash");
    g_assert_cmpstr (value, ==, "yes");
  }
  g_clear_object (&store);

  /* Closed cleanly this time: the next open is cheap again. */
  store = serah_store_open_checked (crash, SERAH_STORE_OPEN_CHECK_CHEAP, &full, &error);
  g_assert_no_error (error);
  g_assert_false (full);
  g_clear_object (&store);

  make_crashed_copy (path, damaged);
  damage_middle_pages (damaged);
  g_assert_true (g_file_get_contents (damaged, &db_before, &db_len, NULL));
  g_assert_true (g_file_get_contents (damaged_wal, &wal_before, &wal_len, NULL));
  store = serah_store_open_checked (damaged, SERAH_STORE_OPEN_CHECK_CHEAP, &full, &error);
  g_assert_null (store);
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CORRUPT);
  g_assert_true (g_file_get_contents (damaged, &db_after, &db_len_after, NULL));
  g_assert_true (g_file_get_contents (damaged_wal, &wal_after, &wal_len_after, NULL));
  g_assert_cmpmem (db_after, db_len_after, db_before, db_len);
  g_assert_cmpmem (wal_after, wal_len_after, wal_before, wal_len);
  serah_test_rm_rf (dir);
}

/* A WAL with frames that a connection of this process owns is not a crash: a second open in
 * the same process (a restore reopening the file, a second window) stays cheap. */
static void
test_live_wal_is_not_a_crash (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *wal = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(SerahStore) second = NULL;
  GStatBuf st;
  gboolean full = TRUE;

  g_assert_true (serah_demo_populate (store, 200, &error));
  g_assert_no_error (error);
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_cmpint (g_stat (wal, &st), ==, 0);
  g_assert_cmpint (st.st_size, >, 0);

  second = serah_store_open_checked (path, SERAH_STORE_OPEN_CHECK_CHEAP, &full, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_false (full);
  g_clear_object (&second);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_upsert_results (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) p = serah_test_participant ("3601010101800001", "0001234567890",
                                                          "Budi Saputra", "Caringin");
  g_autoptr(SerahParticipant) found = NULL;
  SerahUpsertResult result;

  g_assert_true (serah_store_upsert_participant (store, p, 0, &result, &error));
  g_assert_cmpint (result, ==, SERAH_UPSERT_INSERTED);
  g_assert_true (serah_store_upsert_participant (store, p, 0, &result, &error));
  g_assert_cmpint (result, ==, SERAH_UPSERT_UNCHANGED);

  g_free (p->desa);
  p->desa = g_strdup ("Teluk");
  g_assert_true (serah_store_upsert_participant (store, p, 0, &result, &error));
  g_assert_cmpint (result, ==, SERAH_UPSERT_UPDATED);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (store), ==, 1);

  found = serah_store_find_participant_by_card (store, "0001234567890", &error);
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->desa, ==, "Teluk");
  g_assert_cmpstr (found->name, ==, "Budi Saputra");

  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_card_number_unique (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) a = serah_test_participant ("3601010101800001", "0001234567890",
                                                          "Budi", "Caringin");
  g_autoptr(SerahParticipant) b = serah_test_participant ("3601010101800002", "0001234567890",
                                                          "Andi", "Caringin");

  g_assert_true (serah_store_upsert_participant (store, a, 0, NULL, &error));
  g_assert_false (serah_store_upsert_participant (store, b, 0, NULL, &error));
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_CONSTRAINT);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_search (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  const struct { const char *nik, *card, *name; } people[] = {
    { "3601010101800001", "0001111111111", "Ma'ruf Hidayat" },
    { "3601010101800002", "0002222222222", "Siti Nurhayati" },
    { "3601020101800003", "0003333333333", "Budi Saputra" },
  };
  g_autoptr(GArray) ids = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(SerahParticipant) p = serah_test_participant (people[i].nik, people[i].card,
                                                              people[i].name, "Caringin");
      g_assert_true (serah_store_upsert_participant (store, p, 0, NULL, &error));
    }

  ids = serah_store_search_participant_ids (store, "", 0, &error);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);

  /* Substring, any case, punctuation literal. */
  ids = serah_store_search_participant_ids (store, "ma'RUF", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  ids = serah_store_search_participant_ids (store, "hayat", 0, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* NIK prefix and card prefix. */
  ids = serah_store_search_participant_ids (store, "360101", 0, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);
  ids = serah_store_search_participant_ids (store, "0003333", 0, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* Two letters: start of the name or of a word in it. */
  ids = serah_store_search_participant_ids (store, "sa", 0, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* A quote in the query does not break the FTS syntax. */
  ids = serah_store_search_participant_ids (store, "\"Budi", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);

  /* The name indexes follow a rename in the transaction that writes it (triggers). */
  {
    g_autoptr(SerahParticipant) p = serah_test_participant (people[2].nik, people[2].card,
                                                            "Bambang Wijaya", "Caringin");
    g_assert_true (serah_store_upsert_participant (store, p, 0, NULL, &error));
    g_assert_no_error (error);
  }
  ids = serah_store_search_participant_ids (store, "saputra", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 0);
  g_clear_pointer (&ids, g_array_unref);
  ids = serah_store_search_participant_ids (store, "WIJAYA", 0, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  ids = serah_store_search_participant_ids (store, "wi", 0, &error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);

  /* What another connection writes is found at once: nothing is cached per connection. */
  {
    g_autoptr(SerahStore) other = serah_store_open_like (store, &error);
    g_autoptr(SerahParticipant) p = serah_test_participant ("3601030101800004", "0004444444444",
                                                            "Dewi Lestari", "Teluk");
    g_assert_no_error (error);
    g_assert_true (serah_store_upsert_participant (other, p, 0, NULL, &error));
    g_assert_no_error (error);
  }
  ids = serah_store_search_participant_ids (store, "lestar", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, ==, 1);
  g_clear_pointer (&ids, g_array_unref);
  /* A limit stops early; the area order holds (Caringin before Teluk). */
  ids = serah_store_search_participant_ids (store, "3601", 2, &error);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static gboolean
collect_names (const SerahParticipant *p, gpointer user_data, GError **error)
{
  g_ptr_array_add (user_data, g_strdup_printf ("%s/%s/%s", p->kecamatan, p->desa, p->name));
  return TRUE;
}

static void
test_foreach_filter_and_order (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  char *desa[] = { "teluk", "caringin", NULL };
  SerahParticipantFilter filter = { .desa = desa };

  g_assert_true (serah_demo_populate (store, 300, &error));
  g_assert_true (serah_store_foreach_participant (store, &filter, collect_names, names, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (names->len, >, 0);
  for (guint i = 0; i < names->len; i++)
    {
      const char *n = names->pdata[i];
      g_assert_true (strstr (n, "/Teluk/") || strstr (n, "/Caringin/"));
      if (i > 0)
        g_assert_cmpint (g_utf8_collate (names->pdata[i - 1], n), <=, 0);
    }

  {
    char *bad_order[] = { "shoe-size", NULL };
    SerahParticipantFilter bad = { .order = bad_order };
    g_assert_false (serah_store_foreach_participant (store, &bad, collect_names, names, &error));
    g_assert_nonnull (error);
  }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/store/open-creates-latest-schema", test_open_creates_latest_schema);
  g_test_add_func ("/serah/store/reopen-keeps-data", test_reopen_keeps_data);
  g_test_add_func ("/serah/store/open-like-shares-the-file", test_open_like_shares_the_file);
  g_test_add_func ("/serah/store/open-like-never-creates", test_open_like_never_creates);
  g_test_add_func ("/serah/store/migrates-older-file", test_migrates_older_file);
  g_test_add_func ("/serah/store/refuses-newer-file", test_refuses_newer_file);
  g_test_add_func ("/serah/store/refuses-garbage-file", test_refuses_garbage_file);
  g_test_add_func ("/serah/store/refuses-damaged-database", test_refuses_damaged_database);
  g_test_add_func ("/serah/store/cheap-open-and-check-on-demand",
                   test_cheap_open_and_check_on_demand);
  g_test_add_func ("/serah/store/unclean-shutdown-gets-full-check",
                   test_unclean_shutdown_gets_full_check);
  g_test_add_func ("/serah/store/live-wal-is-not-a-crash", test_live_wal_is_not_a_crash);
  g_test_add_func ("/serah/store/upsert-results", test_upsert_results);
  g_test_add_func ("/serah/store/card-number-unique", test_card_number_unique);
  g_test_add_func ("/serah/store/search", test_search);
  g_test_add_func ("/serah/store/foreach-filter-and-order", test_foreach_filter_and_order);
  return g_test_run ();
}
