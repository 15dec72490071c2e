/* test-import-outside.c: the importer checked against lists its rules were not written
 * from (issue 11, item 5): a Dinas Sosial workbook written by openpyxl (spaced lower-case
 * NMPST/KDJK/TGLLHR/HAK_KELAS headers, a notes sheet first, a title merged over two rows, a
 * hidden row, NIKs typed as numbers, the 1904 date system) and two files LibreOffice made
 * from one CSV (soffice --convert-to: an XLSX with text columns, an ODS left General). Each
 * fixture has a .expect file written by tests/fixtures/make-outside-fixtures.py from what
 * it put in each row; the import must agree row for row: the same rows rejected with the
 * same codes, every other row stored with its NIK, birth date and desa, and the counts
 * adding up to the rows of the file. A workbook whose sheet breaks off (cut between two
 * rows or inside one) is refused whole: before fuzz-sheet found it, the rows before the cut
 * were imported as if they were the list, with exit 0. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "serah-test-fixture.h"

typedef struct {
  char       *dir;
  SerahStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* The error codes the report gives line, space-separated in report order ("" for none). */
static char *
errors_of_line (const SerahImportReport *report, gint64 line)
{
  g_autoptr(GString) codes = g_string_new (NULL);

  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      if (p->line == line && p->severity == SERAH_IMPORT_SEVERITY_ERROR)
        g_string_append_printf (codes, "%s%s", codes->len ? " " : "", p->code);
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

static void
check_fixture (Fixture *f, const char *name, const char *format)
{
  g_autofree char *path = serah_test_fixture (name);
  g_autofree char *expect_path = g_strconcat (path, ".expect", NULL);
  g_autofree char *expect = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(GHashTable) expected_lines = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 rows = 0, stored = 0, rejected = 0;

  g_assert_true (g_file_get_contents (expect_path, &expect, NULL, &error));
  g_assert_no_error (error);
  report = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->format, ==, format);

  lines = g_strsplit (expect, "\n", -1);
  g_array_set_size (keys, g_strv_length (lines));
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) words = NULL;
      g_autofree char *got = NULL;
      gint64 line;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      words = g_strsplit (lines[i], " ", -1);
      line = g_ascii_strtoll (words[0], NULL, 10);
      g_assert_cmpint (line, >, 0);
      g_array_index (keys, gint64, i) = line;
      g_hash_table_add (expected_lines, &g_array_index (keys, gint64, i));
      got = errors_of_line (report, line);
      rows++;
      if (g_strcmp0 (words[1], "ok") == 0)
        {
          g_autoptr(SerahParticipant) p = serah_participants_find_by_nik (f->store, words[2],
                                                                          &error);
          g_assert_no_error (error);
          /* Row by row: a row meant to be stored has no error, and is stored as written. */
          if (*got != '\0' || p == NULL)
            g_error ("%s line %" G_GINT64_FORMAT ": expected stored, got errors “%s”%s", name,
                     line, got, p == NULL ? " and no participant" : "");
          g_assert_cmpstr (p->birth_date, ==, words[3]);
          g_assert_cmpstr (p->desa, ==, words[4]);
          g_assert_cmpstr (p->kecamatan, ==, "Labuan");
          g_assert_cmpint (p->sex, !=, SERAH_SEX_UNKNOWN);
          stored++;
        }
      else
        {
          g_autofree char *want = g_strjoinv (" ", words + 1);
          if (g_strcmp0 (got, want) != 0)
            g_error ("%s line %" G_GINT64_FORMAT ": expected “%s”, got “%s”", name, line, want,
                     got);
          rejected++;
        }
    }

  /* No error on a line the fixture did not name, and the counts add up row for row. */
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      if (p->severity == SERAH_IMPORT_SEVERITY_ERROR)
        g_assert_true (g_hash_table_contains (expected_lines, &p->line));
    }
  g_assert_cmpint (report->counts.rows, ==, rows);
  g_assert_cmpint (report->counts.imported, ==, stored);
  g_assert_cmpint (report->counts.rejected, ==, rejected);
  g_assert_cmpint (serah_participants_count (f->store), ==, stored);
  g_assert_cmpint (serah_import_report_stored_nothing (report), ==, stored == 0);
}

static void
test_dinsos_openpyxl (Fixture *f, gconstpointer data)
{
  g_autofree char *path = serah_test_fixture ("outside-dinsos.xlsx");
  g_autoptr(SerahImportReport) report = NULL;
  gboolean hidden_row = FALSE;

  check_fixture (f, "outside-dinsos.xlsx", "xlsx");
  /* The data sheet, past the notes sheet; the hidden row named as such. */
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  fixture_set_up (f, NULL);
  report = serah_import_file (f->store, path, NULL, NULL, NULL);
  g_assert_nonnull (report);
  g_assert_cmpstr (report->sheet, ==, "Data PBI");
  /* KDJK is the sex column: the note about absent columns (faskes) must not say the sex
   * will be read from the NIK. */
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      if (g_strcmp0 (p->code, "column-absent") == 0)
        g_assert_null (strstr (p->message, "sex"));
    }
  for (guint i = 0; i < report->problems->len; i++)
    hidden_row |= g_strcmp0 (((SerahImportProblem *) report->problems->pdata[i])->code,
                             "hidden-row") == 0 &&
                  ((SerahImportProblem *) report->problems->pdata[i])->line == 8;
  g_assert_true (hidden_row);
}

static void
test_libreoffice_text_xlsx (Fixture *f, gconstpointer data)
{
  check_fixture (f, "outside-lo-text.xlsx", "xlsx");
}

static void
test_libreoffice_general_ods (Fixture *f, gconstpointer data)
{
  check_fixture (f, "outside-lo-general.ods", "ods");
}

static void
test_truncated (Fixture *f, gconstpointer data)
{
  const char *names[] = { "outside-truncated.ods", "outside-truncated.xlsx" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = serah_test_fixture (names[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahImportReport) report = serah_import_file (f->store, path, NULL, NULL,
                                                               &error);

      g_assert_null (report);
      g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE);
      g_assert_nonnull (strstr (error->message, "damaged"));
      g_assert_cmpint (serah_participants_count (f->store), ==, 0);
    }
}

/* "--map kecamatan=" on a list that has NM_KEC: the column is ignored, on purpose, and said
 * so. It crashed the importer (a column index of -1) until the mapping window's test hit it. */
static void
test_map_to_nothing_with_column (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "bpjs.csv", NULL);
  const char *mappings[] = { "desa=WILAYAH_DESA_TINGGAL", "kecamatan=", NULL };
  SerahImportOptions options = { .mappings = mappings };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  gboolean said = FALSE;

  g_assert_true (g_file_set_contents (path,
                                      "NOKA;NIK;NAMA;JK;TGL_LAHIR;WILAYAH_DESA_TINGGAL;NM_KEC\r\n"
                                      "0001311000001;3601120501900001;ANDRE SETIAWAN;L;05-01-1990;"
                                      "Caringin;Labuan\r\n", -1, NULL));
  report = serah_import_file (f->store, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_cmpint (report->counts.imported, ==, 1);
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *problem = report->problems->pdata[i];
      said |= g_strcmp0 (problem->code, "unknown-column") == 0 &&
              g_strcmp0 (problem->column, "NM_KEC") == 0;
    }
  g_assert_true (said);
  p = serah_participants_find_by_nik (f->store, "3601120501900001", &error);
  g_assert_nonnull (p);
  g_assert_cmpstr (p->desa, ==, "Caringin");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/serah/import/outside/dinsos-openpyxl", Fixture, NULL, fixture_set_up,
              test_dinsos_openpyxl, fixture_tear_down);
  g_test_add ("/serah/import/outside/libreoffice-text-xlsx", Fixture, NULL, fixture_set_up,
              test_libreoffice_text_xlsx, fixture_tear_down);
  g_test_add ("/serah/import/outside/libreoffice-general-ods", Fixture, NULL, fixture_set_up,
              test_libreoffice_general_ods, fixture_tear_down);
  g_test_add ("/serah/import/outside/truncated", Fixture, NULL, fixture_set_up,
              test_truncated, fixture_tear_down);
  g_test_add ("/serah/import/outside/map-to-nothing-with-column", Fixture, NULL, fixture_set_up,
              test_map_to_nothing_with_column, fixture_tear_down);
  return g_test_run ();
}
