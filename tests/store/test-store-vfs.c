/* test-store-vfs.c: a full disk and a read-only database file, tested without root, mounts or
 * filling a real disk (issue 17: "healthy databases are called damaged").
 *
 * A test SQLite VFS ("serah-faulty") wraps the default one and is registered as the default,
 * so every connection Serah opens goes through it. It can
 *   - fail xWrite with SQLITE_FULL once a budget of bytes is spent (a disk filling up half
 *     way through a write), and
 *   - open every database, journal and WAL file read-only when asked for read-write, as the
 *     unix VFS does when open(2) says EROFS (a read-only mount).
 * The checks: the message and code say "disk full" or "read-only", never "damaged" nor
 * "restore", a handover on a full disk says it was NOT recorded, and after the fault is
 * lifted the database is whole and nothing half-written is in it; a station merge cut half way
 * is finished by importing the bundle again.
 */
#include "config.h"

#include <string.h>

#include <sqlite3.h>

#include "serah-test-fixture.h"
#include "store/serah-store-private.h"

/* ---- the faulty VFS ---- */

static sqlite3_vfs *base_vfs;
static sqlite3_vfs faulty_vfs;
static gint64 write_budget = -1;     /* bytes still allowed; -1: no limit */
static gboolean open_read_only;
static guint full_failures;

typedef struct {
  sqlite3_file  parent;
  sqlite3_file *real;                /* base_vfs->szOsFile bytes, right after this struct */
} FaultyFile;

#define REAL(f) (((FaultyFile *) (f))->real)

static int
f_close (sqlite3_file *f)
{
  int rc = REAL (f)->pMethods ? REAL (f)->pMethods->xClose (REAL (f)) : SQLITE_OK;
  return rc;
}

static int
f_read (sqlite3_file *f, void *buf, int amt, sqlite3_int64 off)
{
  return REAL (f)->pMethods->xRead (REAL (f), buf, amt, off);
}

static int
f_write (sqlite3_file *f, const void *buf, int amt, sqlite3_int64 off)
{
  if (write_budget >= 0)
    {
      if (amt > write_budget)
        {
          write_budget = 0;
          full_failures++;
          return SQLITE_FULL;
        }
      write_budget -= amt;
    }
  return REAL (f)->pMethods->xWrite (REAL (f), buf, amt, off);
}

static int
f_truncate (sqlite3_file *f, sqlite3_int64 size)
{
  return REAL (f)->pMethods->xTruncate (REAL (f), size);
}

static int
f_sync (sqlite3_file *f, int flags)
{
  return REAL (f)->pMethods->xSync (REAL (f), flags);
}

static int
f_file_size (sqlite3_file *f, sqlite3_int64 *size)
{
  return REAL (f)->pMethods->xFileSize (REAL (f), size);
}

static int
f_lock (sqlite3_file *f, int lock)
{
  return REAL (f)->pMethods->xLock (REAL (f), lock);
}

static int
f_unlock (sqlite3_file *f, int lock)
{
  return REAL (f)->pMethods->xUnlock (REAL (f), lock);
}

static int
f_check_reserved (sqlite3_file *f, int *out)
{
  return REAL (f)->pMethods->xCheckReservedLock (REAL (f), out);
}

static int
f_file_control (sqlite3_file *f, int op, void *arg)
{
  /* The VFS name a pragma reports is ours over the real one: leave it to the real file. */
  return REAL (f)->pMethods->xFileControl (REAL (f), op, arg);
}

static int
f_sector_size (sqlite3_file *f)
{
  return REAL (f)->pMethods->xSectorSize (REAL (f));
}

static int
f_device_characteristics (sqlite3_file *f)
{
  return REAL (f)->pMethods->xDeviceCharacteristics (REAL (f));
}

static int
f_shm_map (sqlite3_file *f, int page, int size, int extend, void volatile **out)
{
  return REAL (f)->pMethods->xShmMap (REAL (f), page, size, extend, out);
}

static int
f_shm_lock (sqlite3_file *f, int offset, int n, int flags)
{
  return REAL (f)->pMethods->xShmLock (REAL (f), offset, n, flags);
}

static void
f_shm_barrier (sqlite3_file *f)
{
  REAL (f)->pMethods->xShmBarrier (REAL (f));
}

static int
f_shm_unmap (sqlite3_file *f, int delete_flag)
{
  return REAL (f)->pMethods->xShmUnmap (REAL (f), delete_flag);
}

static int
f_fetch (sqlite3_file *f, sqlite3_int64 off, int amt, void **out)
{
  /* No memory-mapped pages: every read goes through xRead (and every write through xWrite). */
  (void) f;
  (void) off;
  (void) amt;
  *out = NULL;
  return SQLITE_OK;
}

static int
f_unfetch (sqlite3_file *f, sqlite3_int64 off, void *p)
{
  (void) f;
  (void) off;
  (void) p;
  return SQLITE_OK;
}

static const sqlite3_io_methods faulty_methods = {
  3, f_close, f_read, f_write, f_truncate, f_sync, f_file_size, f_lock, f_unlock,
  f_check_reserved, f_file_control, f_sector_size, f_device_characteristics, f_shm_map,
  f_shm_lock, f_shm_barrier, f_shm_unmap, f_fetch, f_unfetch,
};

static int
f_open (sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultyFile *ff = (FaultyFile *) file;
  int rc;

  (void) vfs;
  ff->real = (sqlite3_file *) (ff + 1);
  memset (ff->real, 0, base_vfs->szOsFile);
  file->pMethods = NULL;
  /* A read-only mount: the unix VFS, told EROFS by open(2), opens the file read-only and
   * says so through out_flags; SQLite then refuses every write with SQLITE_READONLY. */
  if (open_read_only && (flags & SQLITE_OPEN_READWRITE) &&
      (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)))
    {
      flags = (flags & ~(SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_READONLY;
      if (name != NULL && !g_file_test (name, G_FILE_TEST_EXISTS))
        return SQLITE_CANTOPEN;
    }
  rc = base_vfs->xOpen (base_vfs, name, ff->real, flags, out_flags);
  if (rc == SQLITE_OK)
    file->pMethods = &faulty_methods;
  return rc;
}

static int
f_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  (void) vfs;
  return base_vfs->xDelete (base_vfs, name, sync_dir);
}

static int
f_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  int rc;

  (void) vfs;
  rc = base_vfs->xAccess (base_vfs, name, flags, out);
  if (rc == SQLITE_OK && open_read_only && flags == SQLITE_ACCESS_READWRITE)
    *out = 0;
  return rc;
}

static int
f_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  (void) vfs;
  return base_vfs->xFullPathname (base_vfs, name, n, out);
}

static void *
f_dl_open (sqlite3_vfs *vfs, const char *name)
{
  (void) vfs;
  return base_vfs->xDlOpen (base_vfs, name);
}

static void
f_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  base_vfs->xDlError (base_vfs, n, out);
}

static void (*f_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  (void) vfs;
  return base_vfs->xDlSym (base_vfs, handle, symbol);
}

static void
f_dl_close (sqlite3_vfs *vfs, void *handle)
{
  (void) vfs;
  base_vfs->xDlClose (base_vfs, handle);
}

static int
f_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  return base_vfs->xRandomness (base_vfs, n, out);
}

static int
f_sleep (sqlite3_vfs *vfs, int us)
{
  (void) vfs;
  return base_vfs->xSleep (base_vfs, us);
}

static int
f_current_time (sqlite3_vfs *vfs, double *out)
{
  (void) vfs;
  return base_vfs->xCurrentTime (base_vfs, out);
}

static int
f_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  (void) vfs;
  return base_vfs->xGetLastError (base_vfs, n, out);
}

static int
f_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  (void) vfs;
  return base_vfs->xCurrentTimeInt64 (base_vfs, out);
}

static void
faulty_vfs_install (void)
{
  base_vfs = sqlite3_vfs_find (NULL);
  g_assert_nonnull (base_vfs);
  faulty_vfs = (sqlite3_vfs) {
    2, (int) sizeof (FaultyFile) + base_vfs->szOsFile, base_vfs->mxPathname, NULL,
    "serah-faulty", NULL, f_open, f_delete, f_access, f_full_pathname, f_dl_open, f_dl_error,
    f_dl_sym, f_dl_close, f_randomness, f_sleep, f_current_time, f_get_last_error,
    f_current_time_int64, NULL, NULL, NULL,
  };
  g_assert_cmpint (sqlite3_vfs_register (&faulty_vfs, 1), ==, SQLITE_OK);
}

static void
faults_off (void)
{
  write_budget = -1;
  open_read_only = FALSE;
}

/* A message for people that sends nobody to their backups. */
static void
assert_not_called_damaged (const GError *error)
{
  g_autofree char *lower = g_utf8_strdown (error->message, -1);

  g_test_message ("message: %s", error->message);
  g_assert_null (strstr (lower, "restore"));
  g_assert_null (strstr (lower, " is damaged"));
  g_assert_null (strstr (lower, "not a serah database"));
}

/* ---- the tests ---- */

/* Creating a database on a disk that fills up at any point of the migrations: refused as a
 * full disk, and the file is left as it was (empty: a later open on a freed disk creates the
 * schema whole). Fifteen levels, from the first byte to the last writes of the schema. */
static void
test_full_while_creating (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *probe = g_build_filename (dir, "probe.db", NULL);
  gint64 needed;

  /* How much opening a new database writes, with no limit (closing writes more: the final
   * checkpoint, which a full disk only postpones). */
  faults_off ();
  write_budget = G_MAXINT64;
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SerahStore) store = serah_store_open (probe, &error);
    g_assert_no_error (error);
    needed = G_MAXINT64 - write_budget;
    faults_off ();
  }
  g_test_message ("creating a database writes %" G_GINT64_FORMAT " bytes", needed);
  g_assert_cmpint (needed, >, 4096);

  for (guint level = 0; level < 15; level++)
    {
      g_autofree char *name = g_strdup_printf ("full-%u.db", level);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahStore) store = NULL;
      g_autoptr(SerahStore) again = NULL;

      write_budget = needed * level / 15;
      store = serah_store_open (path, &error);
      faults_off ();
      g_test_message ("budget %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " bytes",
                      needed * level / 15, needed);
      g_assert_null (store);
      g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "full"));
      assert_not_called_damaged (error);

      /* Space again: the same file opens, with the whole schema. */
      g_clear_error (&error);
      again = serah_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_cmpint (serah_store_get_schema_version (again), ==,
                       serah_store_get_latest_schema_version ());
      g_assert_true (serah_store_check_integrity (again, &error));
      g_assert_no_error (error);
    }
  serah_test_rm_rf (dir);
}

/* A handover on a full disk is refused saying it was not recorded, and it was not: after
 * space is freed the database is whole, the card is not handed over, and recording it works. */
static void
test_full_handover (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahHandover) h = NULL;
  SerahHandoverRequest request = { 0 };
  gint64 ceremony;

  faults_off ();
  store = serah_test_open_store (dir, &path);
  lines = ceremony_test_populate (store, 20, 1000, NULL, &error);
  g_assert_no_error (error);
  ceremony = serah_ceremony_create (store, "Penyerahan", "2026-11-24", "Aula", "tester", &error);
  g_assert_no_error (error);
  request.ceremony_id = ceremony;
  request.code = ceremony_test_payload (lines, 0);
  request.operator_name = "tester";
  request.station = "meja-1";
  request.allow_uninvited = TRUE;

  for (gint64 budget = 0; budget <= 4096; budget += 1024)
    {
      g_autoptr(GError) refusal = NULL;

      write_budget = budget;
      full_failures = 0;
      h = serah_ceremony_record_handover (store, &request, NULL, &refusal);
      faults_off ();
      g_assert_null (h);
      g_assert_cmpuint (full_failures, >, 0);
      g_assert_error (refusal, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (refusal->message, "full"));
      g_assert_nonnull (strstr (refusal->message, "nothing was recorded"));
      assert_not_called_damaged (refusal);
    }

  /* Space again: nothing of the refused attempts is there, and the handover records. */
  g_assert_true (serah_store_check_integrity (store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(SerahCeremonyProgress) progress = serah_ceremony_get_progress (store, ceremony,
                                                                             &error);
    g_assert_no_error (error);
    g_assert_cmpint (progress->total.handed_over, ==, 0);
  }
  h = serah_ceremony_record_handover (store, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (h);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* A healthy database on a read-only mount: refused as read-only, never as damaged, and not a
 * byte of it changes. */
static void
test_read_only_mount (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *before = NULL, *after = NULL;
  gsize before_len = 0, after_len = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;

  faults_off ();
  store = serah_test_open_store (dir, &path);
  g_assert_true (serah_store_set_setting (store, "office-name", "Dinkes Pandeglang", &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_true (g_file_get_contents (path, &before, &before_len, NULL));

  open_read_only = TRUE;
  store = serah_store_open (path, &error);
  faults_off ();
  g_assert_null (store);
  g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_READ_ONLY);
  assert_not_called_damaged (error);
  g_assert_true (g_file_get_contents (path, &after, &after_len, NULL));
  g_assert_cmpmem (before, before_len, after, after_len);

  /* Writable again, it opens as it was. */
  g_clear_error (&error);
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  {
    g_autofree char *office = serah_store_get_setting (store, "office-name");
    g_assert_cmpstr (office, ==, "Dinkes Pandeglang");
  }
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static gint64
handed_over (SerahStore *store, gint64 ceremony)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCeremonyProgress) progress = serah_ceremony_get_progress (store, ceremony,
                                                                           &error);
  g_assert_no_error (error);
  return progress->total.handed_over;
}

/* Bytes an operation writes, run on a copy of the database at path. */
static gint64
bytes_written_by (const char *path, const char *copy, const char *bundle, gboolean merge)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  gint64 used;

  faults_off ();
  {
    g_autoptr(SerahStore) original = serah_store_open (path, &error);
    g_assert_no_error (error);
    g_assert_true (serah_backup_create (original, copy, &error));
    g_assert_no_error (error);
  }
  store = serah_store_open (copy, &error);
  g_assert_no_error (error);
  write_budget = G_MAXINT64;
  if (merge)
    {
      g_autoptr(SerahStationBundleInfo) info = serah_station_import (store, bundle, "t", &error);
      g_assert_no_error (error);
    }
  else
    g_assert_true (serah_backup_automatic (store, "merge", &error));
  used = G_MAXINT64 - write_budget;
  faults_off ();
  return used;
}

/* A station merge stopped half way by a full disk (as by a kill) leaves whole events only,
 * slices of them, and importing the same bundle again finishes it: idempotent by UUID. */
static void
test_merge_cut_half_way (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autofree char *station_path = g_build_filename (dir, "meja-2.db", NULL);
  g_autofree char *bundle = g_build_filename (dir, "meja-2.bundle", NULL);
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ceremony, merge_bytes, backup_bytes, partial;
  const guint n = 500;

  faults_off ();
  store = serah_test_open_store (dir, &path);
  lines = ceremony_test_populate (store, n, 1000, NULL, &error);
  g_assert_no_error (error);
  ceremony = serah_ceremony_create (store, "Penyerahan", "2026-11-24", "Aula", "tester", &error);
  g_assert_no_error (error);
  g_assert_true (serah_backup_create (store, station_path, &error));
  g_clear_object (&store);

  /* The station hands over every card and exports its bundle. */
  {
    g_autoptr(SerahStore) station = serah_store_open (station_path, &error);
    g_autoptr(SerahStationBundleInfo) info = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < n; i++)
      {
        SerahHandoverRequest request = { .ceremony_id = ceremony, .operator_name = "rina",
                                         .station = "meja-2", .allow_uninvited = TRUE };
        g_autoptr(SerahHandover) h = NULL;

        request.code = ceremony_test_payload (lines, i);
        h = serah_ceremony_record_handover (station, &request, NULL, &error);
        g_assert_no_error (error);
      }
    info = serah_station_export (station, ceremony, "meja-2", "rina", bundle, &error);
    g_assert_no_error (error);
  }

  /* How much the merge writes, and how much of it is the automatic backup before it. */
  {
    g_autofree char *copy1 = g_build_filename (dir, "copy1.db", NULL);
    g_autofree char *copy2 = g_build_filename (dir, "copy2.db", NULL);
    merge_bytes = bytes_written_by (path, copy1, bundle, TRUE);
    backup_bytes = bytes_written_by (path, copy2, bundle, FALSE);
  }
  g_test_message ("merge writes %" G_GINT64_FORMAT " bytes, its backup %" G_GINT64_FORMAT,
                  merge_bytes, backup_bytes);
  g_assert_cmpint (merge_bytes, >, backup_bytes);

  /* The disk fills half way through the events. */
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  write_budget = backup_bytes + (merge_bytes - backup_bytes) / 2;
  {
    g_autoptr(SerahStationBundleInfo) info = serah_station_import (store, bundle, "t", &error);
    faults_off ();
    g_assert_null (info);
    g_assert_error (error, SERAH_STORE_ERROR, SERAH_STORE_ERROR_NO_SPACE);
    assert_not_called_damaged (error);
    /* Honest about what stays and how to finish. */
    g_assert_nonnull (strstr (error->message, "import the bundle again"));
    g_clear_error (&error);
  }
  partial = handed_over (store, ceremony);
  g_test_message ("%" G_GINT64_FORMAT " of %u handovers merged before the disk was full",
                  partial, n);
  g_assert_cmpint (partial, >, 0);
  g_assert_cmpint (partial, <, n);
  g_assert_true (serah_store_check_integrity (store, &error));
  g_assert_no_error (error);

  /* Again, with space: the rest comes in, nothing twice; a third time adds nothing. */
  {
    g_autoptr(SerahStationBundleInfo) info = serah_station_import (store, bundle, "t", &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->new_handovers, ==, n - partial);
  }
  g_assert_cmpint (handed_over (store, ceremony), ==, n);
  {
    g_autoptr(SerahStationBundleInfo) info = serah_station_import (store, bundle, "t", &error);
    g_assert_no_error (error);
    g_assert_cmpint (info->new_handovers, ==, 0);
    g_assert_cmpint (info->conflicts, ==, 0);
  }
  g_assert_cmpint (handed_over (store, ceremony), ==, n);
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  faulty_vfs_install ();
  g_test_add_func ("/serah/store/vfs/full-while-creating", test_full_while_creating);
  g_test_add_func ("/serah/store/vfs/full-handover", test_full_handover);
  g_test_add_func ("/serah/store/vfs/read-only-mount", test_read_only_mount);
  g_test_add_func ("/serah/store/vfs/merge-cut-half-way", test_merge_cut_half_way);
  return g_test_run ();
}
