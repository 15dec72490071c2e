/* test-backup.c: backups, restore (and its refusals, which must leave the database byte for
 * byte as it was), automatic backups and their retention rule. */
#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

typedef SerahStoreFixture Fixture;

static void
add_participants (SerahStore *store, int first, int n)
{
  for (int i = first; i < first + n; i++)
    {
      g_autofree char *nik = g_strdup_printf ("36010101018%05d", i);
      g_autofree char *card = g_strdup_printf ("00012345%05d", i);
      g_autofree char *name = g_strdup_printf ("Peserta %d", i);
      g_autoptr(SerahParticipant) p = serah_test_participant (nik, card, name, "Caringin");
      g_autoptr(GError) error = NULL;

      g_assert_true (serah_store_upsert_participant (store, p, 0, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  serah_store_fixture_set_up (f, data);
  add_participants (f->store, 1, 3);
  g_assert_true (serah_audit_record (f->store, "ani", "import", "peserta.csv", NULL, NULL));
}

static char *
in_dir (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
write_file (const char *path, const void *data, gsize len)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_set_contents (path, data, len, &error));
  g_assert_no_error (error);
}

/* The bytes of the database and of its WAL, for "nothing changed" checks. */
static char *
database_fingerprint (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *main_bytes = NULL;
  g_autofree char *wal_bytes = NULL;
  gsize main_len = 0, wal_len = 0;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  g_assert_true (g_file_get_contents (path, &main_bytes, &main_len, NULL));
  if (!g_file_get_contents (wal, &wal_bytes, &wal_len, NULL))
    wal_len = 0;
  a = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) main_bytes, main_len);
  b = wal_bytes ? g_compute_checksum_for_data (G_CHECKSUM_SHA256, (guchar *) wal_bytes, wal_len)
                : g_strdup ("-");
  return g_strconcat (a, "/", b, NULL);
}

static void
test_backup_is_standalone (Fixture *f, gconstpointer data)
{
  g_autofree char *dest = in_dir (f, "copy.db");
  g_autofree char *wal = g_strconcat (dest, "-wal", NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *id = NULL;
  g_autofree char *before = NULL;
  g_autoptr(GError) error = NULL;
  gsize len = 0;
  int version = 0;
  GStatBuf st;

  g_assert_true (serah_backup_create (f->store, dest, &error));
  g_assert_no_error (error);

  /* One complete file in rollback-journal mode (header bytes 18-19 = 1), owner-only. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (dest, &bytes, &len, NULL));
  g_assert_cmpuint (len, >=, 4096);
  g_assert_cmpint (bytes[18], ==, 1);
  g_assert_cmpint (bytes[19], ==, 1);
  g_assert_cmpint (g_stat (dest, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  g_assert_true (serah_backup_check_candidate (dest, &version, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, serah_store_get_latest_schema_version ());
  g_assert_cmpstr (id, ==, serah_store_get_database_id (f->store));

  /* Nothing is ever overwritten. */
  before = database_fingerprint (dest);
  add_participants (f->store, 10, 1);
  g_assert_false (serah_backup_create (f->store, dest, &error));
  g_assert_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EXISTS);
  g_clear_error (&error);
  {
    g_autofree char *after = database_fingerprint (dest);
    g_assert_cmpstr (after, ==, before);
  }

  /* A backup inside a transaction would copy uncommitted work: refused. */
  g_assert_true (serah_store_begin (f->store, NULL));
  g_assert_false (serah_backup_create (f->store, dest, &error));
  g_assert_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_IN_TRANSACTION);
  serah_store_rollback (f->store);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *dest = in_dir (f, "before-ceremony.db");
  g_autofree char *saved_to = NULL;
  g_autofree char *id = g_strdup (serah_store_get_database_id (f->store));
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) fresh = NULL;
  g_autoptr(SerahStore) previous = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) automatic = NULL;
  const SerahAuditEvent *e;

  g_assert_true (serah_backup_create (f->store, dest, &error));
  g_assert_no_error (error);
  add_participants (f->store, 100, 2);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 5);

  fresh = serah_backup_restore (f->store, dest, "ani", &saved_to, &error);
  g_assert_no_error (error);
  g_assert_nonnull (fresh);
  g_clear_object (&f->store);

  g_assert_cmpint (serah_store_count_participants (fresh), ==, 3);
  g_assert_cmpstr (serah_store_get_database_id (fresh), ==, id);
  events = serah_audit_list (fresh, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);
  e = events->pdata[0];
  g_assert_cmpstr (e->action, ==, "restore");
  g_assert_cmpstr (e->operator_name, ==, "ani");
  g_assert_nonnull (strstr (e->details, "pre-restore"));

  /* The database as it was before the restore is kept as an automatic backup. */
  automatic = serah_backup_list_automatic (fresh, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (automatic->len, ==, 1);
  g_assert_cmpstr (((SerahBackupInfo *) automatic->pdata[0])->path, ==, saved_to);
  g_assert_cmpstr (((SerahBackupInfo *) automatic->pdata[0])->reason, ==, "pre-restore");
  previous = serah_store_open (saved_to, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (previous), ==, 5);
  g_clear_object (&previous);

  /* Closed and reopened, the file itself holds the restored data (no stale WAL replayed). */
  g_clear_object (&fresh);
  f->store = serah_store_open (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 3);
}

static void
test_restore_older_schema (Fixture *f, gconstpointer data)
{
  g_autofree char *dest = in_dir (f, "old.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) fresh = NULL;
  g_autoptr(GPtrArray) events = NULL;

  /* A backup made by a Serah from before operators and the search indexes existed (schema 4). */
  g_assert_true (serah_backup_create (f->store, dest, &error));
  g_assert_cmpint (serah_test_sql (dest, "DROP TRIGGER participants_search_insert;"
                                   "DROP TRIGGER participants_search_update;"
                                   "DROP TRIGGER participants_search_delete;"
                                   "DROP TABLE participant_names; DROP TABLE participant_words;"
                                   "DROP TABLE audit_events; DROP TABLE operators;"
                                   /* and the tables of the later migrations (outreach) */
                                   "DROP TABLE data_correction_reprints; DROP TABLE data_corrections;"
                                   "DROP TABLE feedback_events; DROP TABLE feedback;"
                                   "DROP TABLE registration_events; DROP TABLE registrations;"
                                   "DROP TABLE understanding_responses; DROP TABLE skm_responses;"
                                   "DROP TABLE outreach_activity_materials;"
                                   "DROP TABLE outreach_activity_partners; DROP TABLE outreach_attendees;"
                                   "DROP TABLE outreach_activities;"
                                   /* v8: imports committed in slices */
                                   "ALTER TABLE imports DROP COLUMN finished_at;"
                                   /* v10: coverage counts per area */
                                   /* coverage counts per ceremony (issue 10) */
                                   "DROP TRIGGER coverage_ceremony_invitations;"
                                   "DROP TRIGGER coverage_ceremony_state_insert;"
                                   "DROP TRIGGER coverage_ceremony_state_delete;"
                                   "DROP TRIGGER coverage_ceremony_participants_area;"
                                   "DROP TABLE coverage_ceremony_areas;"
                                   "DROP TRIGGER coverage_participants_insert;"
                                   "DROP TRIGGER coverage_participants_area;"
                                   "DROP TRIGGER coverage_participants_delete;"
                                   "DROP TRIGGER coverage_printed_cards; DROP TRIGGER coverage_card_voids;"
                                   "DROP TRIGGER coverage_invitations;"
                                   "DROP TRIGGER coverage_state_insert; DROP TRIGGER coverage_state_delete;"
                                   "DROP TABLE coverage_people; DROP TABLE coverage_areas;"
                                   /* serial blocks and print-run UUIDs (issue 16) */
                                   "DROP TABLE serial_blocks; DROP INDEX print_runs_by_uuid;"
                                   "ALTER TABLE print_runs DROP COLUMN uuid;"
                                   /* v12: testimonial files pulled from the office server */
                                   "DROP TABLE testimonial_media_pulled;"
                                   "PRAGMA user_version = 4"), ==, SQLITE_OK);

  fresh = serah_backup_restore (f->store, dest, "ani", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_get_schema_version (fresh), ==,
                   serah_store_get_latest_schema_version ());
  events = serah_audit_list (fresh, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((SerahAuditEvent *) events->pdata[0])->action, ==, "restore");
}

typedef struct {
  const char *name;
  int         code;
} Refusal;

static void
assert_refused (Fixture *f, const char *candidate, int code)
{
  g_autofree char *before = database_fingerprint (f->path);
  g_autofree char *after = NULL;
  g_autofree char *backups = serah_backup_get_dir (f->store);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) fresh = NULL;

  g_assert_false (serah_backup_check_candidate (candidate, NULL, NULL, NULL));
  fresh = serah_backup_restore (f->store, candidate, "ani", NULL, &error);
  g_assert_null (fresh);
  g_assert_error (error, SERAH_BACKUP_ERROR, code);
  g_test_message ("refused %s: %s", candidate, error->message);

  after = database_fingerprint (f->path);
  g_assert_cmpstr (after, ==, before);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 3);
}

static void
test_refusals_leave_database_untouched (Fixture *f, gconstpointer data)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13,
                                'I', 'H', 'D', 'R' };
  static const char csv[] = "nik,nomor_kartu,nama\n3601010101800001,0001234567890,Budi\n";
  g_autofree char *good = in_dir (f, "good.db");
  g_autofree char *bytes = NULL;
  g_autofree char *page = g_malloc (4096);
  gsize len = 0;

  g_assert_true (serah_backup_create (f->store, good, NULL));
  g_assert_true (g_file_get_contents (good, &bytes, &len, NULL));
  g_assert_cmpuint (len, >=, 4 * 4096);

  {
    g_autofree char *path = in_dir (f, "peserta.csv");
    write_file (path, csv, strlen (csv));
    assert_refused (f, path, SERAH_BACKUP_ERROR_NOT_DATABASE);
  }
  {
    g_autofree char *path = in_dir (f, "kartu.png");
    write_file (path, png, sizeof png);
    assert_refused (f, path, SERAH_BACKUP_ERROR_NOT_DATABASE);
  }
  {
    g_autofree char *path = in_dir (f, "empty.db");
    write_file (path, "", 0);
    assert_refused (f, path, SERAH_BACKUP_ERROR_EMPTY);
  }
  {
    g_autofree char *path = in_dir (f, "missing.db");
    assert_refused (f, path, SERAH_BACKUP_ERROR_NOT_FOUND);
  }
  {
    /* Cut at a page boundary: only the header's page count tells. */
    g_autofree char *path = in_dir (f, "cut-page.db");
    write_file (path, bytes, (len / 4096 / 2) * 4096);
    assert_refused (f, path, SERAH_BACKUP_ERROR_TRUNCATED);
  }
  {
    g_autofree char *path = in_dir (f, "cut-odd.db");
    write_file (path, bytes, len - 1000);
    assert_refused (f, path, SERAH_BACKUP_ERROR_TRUNCATED);
  }
  {
    /* A page in the middle overwritten with garbage: only integrity_check sees it. */
    g_autofree char *copy = g_memdup2 (bytes, len);
    g_autofree char *path = in_dir (f, "damaged.db");
    memset (page, 0xA5, 4096);
    memcpy (copy + 2 * 4096, page, 4096);
    write_file (path, copy, len);
    assert_refused (f, path, SERAH_BACKUP_ERROR_CORRUPT);
  }
  {
    g_autofree char *path = in_dir (f, "newer.db");
    g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d",
                                            serah_store_get_latest_schema_version () + 1);
    write_file (path, bytes, len);
    g_assert_cmpint (serah_test_sql (path, sql), ==, SQLITE_OK);
    assert_refused (f, path, SERAH_BACKUP_ERROR_TOO_NEW);
  }
  {
    g_autofree char *path = in_dir (f, "other-program.db");
    g_assert_cmpint (serah_test_sql (path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)"), ==,
                     SQLITE_OK);
    assert_refused (f, path, SERAH_BACKUP_ERROR_NOT_SERAH);
  }
  {
    /* A copy of a live database without its WAL would silently lose the last changes. */
    g_autofree char *path = in_dir (f, "live-copy.db");
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    write_file (path, bytes, len);
    write_file (wal, "not empty", 9);
    assert_refused (f, path, SERAH_BACKUP_ERROR_UNSAFE);
  }
  {
    /* Or one caught in the middle of a transaction (a hot rollback journal beside it). */
    g_autofree char *path = in_dir (f, "mid-write.db");
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);
    write_file (path, bytes, len);
    write_file (journal, "not empty", 9);
    assert_refused (f, path, SERAH_BACKUP_ERROR_UNSAFE);
  }
  assert_refused (f, f->path, SERAH_BACKUP_ERROR_UNSAFE);
}

static void
test_automatic_names (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GRegex) pattern =
    g_regex_new ("/backups/test-[0-9]{8}-[0-9]{6}-import-peserta(-2)?\\.db$", 0, 0, NULL);
  g_autofree char *first = serah_backup_automatic_path (f->store, "Import Peserta!", &error);
  g_autofree char *second = NULL;
  g_autofree char *backups = serah_backup_get_dir (f->store);
  GStatBuf st;

  g_assert_no_error (error);
  g_assert_true (g_regex_match (pattern, first, 0, NULL));
  g_assert_true (serah_backup_automatic (f->store, "Import Peserta!", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  list = serah_backup_list_automatic (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  /* Made in the same second: the second one gets a -2 and neither is overwritten. */
  second = g_strdup (((SerahBackupInfo *) list->pdata[0])->path);
  if (g_strcmp0 (second, first) == 0)
    {
      g_free (second);
      second = g_strdup (((SerahBackupInfo *) list->pdata[1])->path);
    }
  g_assert_cmpstr (second, !=, first);
  g_assert_true (g_regex_match (pattern, second, 0, NULL));
  for (guint i = 0; i < list->len; i++)
    g_assert_true (g_str_has_prefix (((SerahBackupInfo *) list->pdata[i])->reason,
                                     "import-peserta"));
}

static void
touch_backup (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  write_file (path, "x", 1);
}

static void
test_retention (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = serah_backup_get_dir (f->store);
  g_autoptr(GDateTime) now = g_date_time_new_local (2024, 3, 20, 12, 0, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) left = NULL;
  static const char *const strangers[] = {
    "other-20240301-100000-import.db",      /* another database's backup */
    "test-20240301-100000-import.db.part-x", /* half-written */
    "test-2024030-100000-import.db",        /* not our pattern */
    "test-20240301-100000-Import.db",
    "catatan.txt",
  };
  int removed;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  /* Today: 25 backups a minute apart. */
  for (int m = 0; m < 25; m++)
    {
      g_autofree char *name = g_strdup_printf ("test-20240320-11%02d00-print.db", m);
      touch_backup (dir, name);
    }
  /* Each of the 19 days before: two backups. */
  for (int d = 1; d <= 19; d++)
    {
      g_autofree char *a = g_strdup_printf ("test-202403%02d-100000-import.db", 20 - d);
      g_autofree char *b = g_strdup_printf ("test-202403%02d-090000-ceremony-close.db", 20 - d);
      touch_backup (dir, a);
      touch_backup (dir, b);
    }
  for (guint i = 0; i < G_N_ELEMENTS (strangers); i++)
    touch_backup (dir, strangers[i]);

  removed = serah_backup_prune (f->path, now, &error);
  g_assert_no_error (error);

  /* Kept: the newest 10 (all from today), plus the newest of each of the 13 previous days
   * within the 14-day window (10:00); the rest of today, every 09:00, and days 14-19 go. */
  g_assert_cmpint (SERAH_BACKUP_KEEP_NEWEST, ==, 10);
  g_assert_cmpint (SERAH_BACKUP_KEEP_DAYS, ==, 14);
  g_assert_cmpint (removed, ==, 15 + 13 + 2 * 6);
  left = serah_backup_list_automatic (f->store, &error);
  g_assert_cmpuint (left->len, ==, 10 + 13);
  g_assert_true (g_str_has_suffix (((SerahBackupInfo *) left->pdata[0])->path,
                                   "test-20240320-112400-print.db"));
  g_assert_true (g_str_has_suffix (((SerahBackupInfo *) left->pdata[9])->path,
                                   "test-20240320-111500-print.db"));
  g_assert_true (g_str_has_suffix (((SerahBackupInfo *) left->pdata[10])->path,
                                   "test-20240319-100000-import.db"));
  g_assert_true (g_str_has_suffix (((SerahBackupInfo *) left->pdata[22])->path,
                                   "test-20240307-100000-import.db"));
  for (guint i = 0; i < G_N_ELEMENTS (strangers); i++)
    {
      g_autofree char *path = g_build_filename (dir, strangers[i], NULL);
      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }

  /* Applying the rule again removes nothing more. */
  g_assert_cmpint (serah_backup_prune (f->path, now, &error), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) g_test_add ("/serah/backup/" name, Fixture, NULL, fixture_set_up, func, \
                                    serah_store_fixture_tear_down)
  ADD ("standalone-file", test_backup_is_standalone);
  ADD ("round-trip", test_round_trip);
  ADD ("restore-older-schema", test_restore_older_schema);
  ADD ("refusals-leave-database-untouched", test_refusals_leave_database_untouched);
  ADD ("automatic-names", test_automatic_names);
  ADD ("retention", test_retention);
#undef ADD
  return g_test_run ();
}
