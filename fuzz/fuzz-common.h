/* fuzz-common.h: scratch files and office databases for the fuzz targets (header-only).
 *
 * Databases and input files go to /dev/shm when it exists: the store syncs every commit
 * (synchronous=FULL), which on a disk would make each iteration wait for it. Everything a
 * fuzzer process made is removed when it exits normally. */
#pragma once

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "serah-test-fixture.h"

static char *fuzz_dir_path;

static inline void
fuzz_remove_dir (void)
{
  if (fuzz_dir_path != NULL)
    serah_test_rm_rf (fuzz_dir_path);
}

/* Folders of fuzzer processes that died on a finding (no atexit then): named by pid. */
static inline void
fuzz_remove_stale_dirs (const char *base)
{
  g_autoptr(GDir) dir = g_dir_open (base, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *proc = NULL;
      g_autofree char *path = NULL;

      if (!g_str_has_prefix (name, "serah-fuzz-"))
        continue;
      proc = g_strdup_printf ("/proc/%s", name + strlen ("serah-fuzz-"));
      if (g_file_test (proc, G_FILE_TEST_EXISTS))
        continue;
      path = g_build_filename (base, name, NULL);
      serah_test_rm_rf (path);
    }
}

/* This process's scratch folder. */
static inline const char *
fuzz_dir (void)
{
  if (fuzz_dir_path == NULL)
    {
      const char *base = g_access ("/dev/shm", W_OK) == 0 ? "/dev/shm" : g_get_tmp_dir ();
      g_autofree char *name = g_strdup_printf ("serah-fuzz-%d", (int) getpid ());

      fuzz_remove_stale_dirs (base);
      fuzz_dir_path = g_build_filename (base, name, NULL);
      serah_test_rm_rf (fuzz_dir_path);
      g_assert (g_mkdir (fuzz_dir_path, 0700) == 0);
      atexit (fuzz_remove_dir);
    }
  return fuzz_dir_path;
}

/* path of name inside the scratch folder. */
static inline char *
fuzz_path (const char *name)
{
  return g_build_filename (fuzz_dir (), name, NULL);
}

/* Writes the input to a file of the scratch folder (replacing the last one) and returns
 * its path. */
static inline char *
fuzz_write_input (const char *name, const void *data, size_t size)
{
  char *path = fuzz_path (name);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, data, (gssize) size, &error);
  g_assert_no_error (error);
  return path;
}

/* Removes a database file with its -wal and -shm and its backups folder. */
static inline void
fuzz_remove_database (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *backups = g_build_filename (dir, SERAH_BACKUP_DIR_NAME, NULL);

  g_remove (path);
  g_remove (wal);
  g_remove (shm);
  g_remove (journal);
  serah_test_rm_rf (backups);
}

/* A new database named name in the scratch folder (any old one removed first), holding
 * n_demo demo participants. */
static inline SerahStore *
fuzz_new_store (const char *name, guint n_demo)
{
  g_autofree char *path = fuzz_path (name);
  g_autoptr(GError) error = NULL;
  SerahStore *store;

  fuzz_remove_database (path);
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
  if (n_demo > 0)
    g_assert (serah_demo_populate (store, n_demo, &error));
  g_assert_no_error (error);
  return store;
}

/* A scratch office database shared by the iterations of one fuzzer process. */
static inline SerahStore *
fuzz_scratch_store (void)
{
  static SerahStore *store;

  if (store == NULL)
    store = fuzz_new_store ("fuzz.db", 50);
  return store;
}

/* The first line of SQLite's integrity check of the file at path, through a connection of
 * its own ("ok" when sound). */
static inline char *
fuzz_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *result = NULL;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    result = g_strdup (sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return result;
}

/* One number from a query run through a connection of its own; -1 on error. */
static inline gint64
fuzz_query_int (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
      sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}
