/* serah-test-hardening.h: helpers shared by the operators, audit and backup tests
 * (header-only): a fixture with a fresh store, and raw SQL through a second connection. */
#pragma once

#include <sqlite3.h>

#include "serah-test-util.h"

typedef struct {
  char       *dir;
  char       *path;
  SerahStore *store;
} SerahStoreFixture;

static inline void
serah_store_fixture_set_up (SerahStoreFixture *f, gconstpointer data)
{
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->path);
}

static inline void
serah_store_fixture_tear_down (SerahStoreFixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* Runs SQL on the database file through a second connection, as another program (or a
 * tamperer) would. Returns the SQLite result code. */
static inline int
serah_test_sql (const char *path, const char *sql)
{
  sqlite3 *db = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, NULL);
  sqlite3_close (db);
  return rc;
}
