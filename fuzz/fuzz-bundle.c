/* fuzz-bundle.c: any bytes as a station bundle, merged into the office database it claims
 * to come from.
 *
 * fuzz/bundle-home.db is a small office database (30 participants, one ceremony with
 * handovers at "meja-1"); the seeds in fuzz/corpus/bundle are real bundles exported from it
 * and from a copy of it used as a second station (new handovers, an undo, a conflict),
 * bundles of another ceremony and of another database, a truncated one, and crafted ones
 * (a view, a generated column, a CHECK constraint that computes). The fuzzer damages them.
 * Whatever the bytes: serah_station_inspect and serah_station_import answer or refuse with
 * an error, never hang; a refused import leaves every row of the database as it was (all
 * tables hashed through a connection of their own); an accepted one adds only events and
 * their bookkeeping, and then the database is put back to its first state for the next
 * input. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include <serah/ceremony/serah-station.h>

#include "fuzz-common.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static SerahStore *store;

/* A digest of every row of every table: "untouched" means the same digest. */
static char *
content_digest (const char *path)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db = NULL;
  sqlite3_stmt *tables = NULL;

  g_assert (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK);
  g_assert (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                    " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                                -1, &tables, NULL) == SQLITE_OK);
  while (sqlite3_step (tables) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (tables, 0);
      /* Table scans come in the same order while nothing changed. */
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", name);
      sqlite3_stmt *rows = NULL;

      g_checksum_update (sum, (const guchar *) name, -1);
      g_assert (sqlite3_prepare_v2 (db, sql, -1, &rows, NULL) == SQLITE_OK);
      while (sqlite3_step (rows) == SQLITE_ROW)
        for (int i = 0; i < sqlite3_column_count (rows); i++)
          {
            const void *blob = sqlite3_column_blob (rows, i);
            g_checksum_update (sum, (const guchar *) "|", 1);
            if (blob != NULL)
              g_checksum_update (sum, blob, sqlite3_column_bytes (rows, i));
          }
      sqlite3_finalize (rows);
    }
  sqlite3_finalize (tables);
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

/* The office database as the seeds knew it, afresh. */
static void
reset_store (void)
{
  g_autofree char *fixture = g_build_filename (SERAH_SOURCE_DIR, "fuzz", "bundle-home.db", NULL);
  g_autofree char *path = fuzz_path ("home.db");
  g_autofree char *bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  g_clear_object (&store);
  fuzz_remove_database (path);
  g_assert (g_file_get_contents (fixture, &bytes, &len, &error));
  g_assert (g_file_set_contents (path, bytes, (gssize) len, &error));
  store = serah_store_open (path, &error);
  g_assert_no_error (error);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *bundle = fuzz_write_input ("in.bundle", data, size);
  g_autoptr(GError) inspect_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStationBundleInfo) header = NULL;
  g_autoptr(SerahStationBundleInfo) info = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (store == NULL)
    reset_store ();

  header = serah_station_inspect (bundle, &inspect_error);
  g_assert ((header == NULL) == (inspect_error != NULL));
  if (header == NULL)
    g_assert (g_utf8_validate (inspect_error->message, -1, NULL));

  before = content_digest (serah_store_get_path (store));
  info = serah_station_import (store, bundle, "fuzz", &error);
  after = content_digest (serah_store_get_path (store));
  g_assert ((info == NULL) == (error != NULL));
  if (info == NULL)
    {
      g_assert (g_utf8_validate (error->message, -1, NULL));
      /* Refused: not one row changed. */
      g_assert_cmpstr (before, ==, after);
      return 0;
    }

  /* Accepted: a bundle the header check refused cannot be merged. */
  g_assert (header != NULL);
  g_assert (info->new_handovers >= 0 && info->new_undos >= 0 && info->conflicts >= 0);
  g_assert (info->new_handovers <= info->handovers && info->new_undos <= info->undos);
  g_assert_cmpstr (info->ceremony_uuid, ==, header->ceremony_uuid);
  {
    g_autofree char *integrity = fuzz_integrity (serah_store_get_path (store));
    g_assert_cmpstr (integrity, ==, "ok");
  }
  /* Merging is idempotent: the same bundle again adds nothing. */
  {
    g_autoptr(GError) again_error = NULL;
    g_autoptr(SerahStationBundleInfo) again = serah_station_import (store, bundle, "fuzz",
                                                                   &again_error);
    g_assert_no_error (again_error);
    g_assert_cmpint (again->new_handovers, ==, 0);
    g_assert_cmpint (again->new_undos, ==, 0);
  }
  reset_store ();
  return 0;
}
