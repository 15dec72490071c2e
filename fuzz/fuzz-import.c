/* fuzz-import.c: any bytes as a participant list, imported into a scratch database.
 *
 * An input may start with a line "#map FIELD=HEADER|FIELD=HEADER...\n": those become the
 * --map options (serah_import_parse_mappings is fuzzed through them) and the rest is the
 * file. Whatever the bytes, the import either succeeds with counts that add up and are all
 * in the database, or fails with an error and leaves the database exactly as it was
 * (participants, imports and import problems counted through a connection of its own).
 * After a successful import that changed something, the whole register is exported and
 * imported again, which must change nothing: that is the export's promise. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "fuzz-common.h"
#include "register/serah-store-participants-private.h"

#define MAP_PREFIX "#map "
/* The scratch database is made afresh past this size, so that each iteration stays cheap
 * and the export round trip reads a few hundred rows. */
#define MAX_PARTICIPANTS 400
#define MAX_IMPORTS 200

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

typedef struct {
  gint64 participants;
  gint64 imports;
  gint64 problems;
} Counts;

static SerahStore *store;

static Counts
count_rows (void)
{
  const char *path = serah_store_get_path (store);
  Counts c = {
    fuzz_query_int (path, "SELECT count(*) FROM participants"),
    fuzz_query_int (path, "SELECT count(*) FROM imports"),
    fuzz_query_int (path, "SELECT count(*) FROM import_problems"),
  };

  g_assert (c.participants >= 0 && c.imports >= 0 && c.problems >= 0);
  /* The store's own answer agrees with the second connection. */
  g_assert_cmpint (serah_store_count_participants (store), ==, c.participants);
  return c;
}

static void
renew_store (void)
{
  if (store != NULL)
    {
      g_autofree char *path = g_strdup (serah_store_get_path (store));
      g_autofree char *integrity = NULL;

      g_clear_object (&store);
      integrity = fuzz_integrity (path);
      g_assert_cmpstr (integrity, ==, "ok");
    }
  store = fuzz_new_store ("import.db", 50);
}

static void
check_report (const SerahImportReport *report, const Counts *before, const Counts *after)
{
  const SerahImportRecord *c = &report->counts;
  g_autofree char *sql = NULL;
  g_autofree char *sha_sql = NULL;

  g_assert_cmpint (c->id, >, 0);
  g_assert_cmpint (c->rows, ==, c->imported + c->updated + c->unchanged + c->rejected + c->duplicates);
  g_assert_cmpint (c->conflicts, <=, c->rejected);
  g_assert (c->imported >= 0 && c->updated >= 0 && c->unchanged >= 0 && c->duplicates >= 0);
  g_assert_cmpint (after->imports, ==, before->imports + 1);
  g_assert_cmpint (after->participants, ==, before->participants + c->imported);
  g_assert_cmpint (after->problems, ==, before->problems + (gint64) report->problems->len);
  g_assert (report->separator == ',' || report->separator == ';' || report->separator == '\t');
  g_assert (c->sha256 != NULL && strlen (c->sha256) == 64);

  /* The import row holds the counts the report gave. */
  sql = g_strdup_printf ("SELECT count(*) FROM imports WHERE id = %" G_GINT64_FORMAT
                         " AND rows = %" G_GINT64_FORMAT " AND imported = %" G_GINT64_FORMAT
                         " AND rejected = %" G_GINT64_FORMAT " AND sha256 = '%s'",
                         c->id, c->rows, c->imported, c->rejected, c->sha256);
  g_assert_cmpint (fuzz_query_int (serah_store_get_path (store), sql), ==, 1);
  /* Every participant the import brought names it. */
  sha_sql = g_strdup_printf ("SELECT count(*) FROM participants WHERE import_id = %" G_GINT64_FORMAT,
                             c->id);
  g_assert_cmpint (fuzz_query_int (serah_store_get_path (store), sha_sql), ==,
                   c->imported + c->updated);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      g_assert (p->code != NULL && p->message != NULL);
      g_assert (g_utf8_validate (p->message, -1, NULL));
      g_assert (p->column == NULL || g_utf8_validate (p->column, -1, NULL));
      g_assert (p->raw_value == NULL || g_utf8_validate (p->raw_value, -1, NULL));
    }
}

/* The export of the whole register, imported again, changes nothing. */
static void
check_round_trip (void)
{
  g_autofree char *csv = fuzz_path ("export.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) again = NULL;
  gint64 written = 0;

  g_assert (serah_participants_write_csv_file (store, NULL, csv, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, serah_store_count_participants (store));
  again = serah_import_file (store, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  g_assert_cmpint (again->counts.imported, ==, 0);
  g_assert_cmpint (again->counts.updated, ==, 0);
  g_assert_cmpint (again->counts.rejected, ==, 0);
  g_assert_cmpint (again->counts.unchanged, ==, written);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *csv = NULL;
  g_autofree char *map_line = NULL;
  g_auto(GStrv) maps = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  SerahImportOptions options = { 0 };
  Counts before, after;

  if (store == NULL)
    renew_store ();

  if (size >= strlen (MAP_PREFIX) && memcmp (data, MAP_PREFIX, strlen (MAP_PREFIX)) == 0)
    {
      const uint8_t *nl = memchr (data, '\n', size);
      size_t line_len = nl ? (size_t) (nl - data) : size;

      map_line = g_strndup ((const char *) data + strlen (MAP_PREFIX),
                            line_len - strlen (MAP_PREFIX));
      maps = g_strsplit (map_line, "|", 16);
      options.mappings = (const char *const *) maps;
      data += nl ? line_len + 1 : line_len;
      size -= nl ? line_len + 1 : line_len;
    }
  csv = fuzz_write_input ("input.csv", data, size);

  before = count_rows ();
  report = serah_import_file (store, csv, &options, NULL, &error);
  after = count_rows ();

  /* A report and an error are exclusive. */
  g_assert ((report == NULL) == (error != NULL));
  if (report == NULL)
    {
      g_assert (error->domain == SERAH_IMPORT_ERROR);
      g_assert (g_utf8_validate (error->message, -1, NULL));
      g_assert_cmpint (after.participants, ==, before.participants);
      g_assert_cmpint (after.imports, ==, before.imports);
      g_assert_cmpint (after.problems, ==, before.problems);
    }
  else
    {
      check_report (report, &before, &after);
      if (report->counts.imported + report->counts.updated > 0)
        check_round_trip ();
    }

  if (after.participants > MAX_PARTICIPANTS || after.imports > MAX_IMPORTS)
    renew_store ();
  return 0;
}
