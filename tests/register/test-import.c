/* test-import.c: importing participant lists as spreadsheets export them (fixtures in
 * tests/fixtures/import-*), and exporting them back. Each test names the behaviour it
 * checks; problems are checked by line, column, code and raw value. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

/* A fresh store in a scratch folder: the shared fixture of serah-test-fixture.h. */
typedef SerahStoreFixture Fixture;

static SerahImportReport *
import_with (Fixture *f, const char *name, const char *const *mappings, GError **error)
{
  g_autofree char *path = serah_test_fixture (name);
  SerahImportOptions options = { .mappings = mappings };
  return serah_import_file (f->store, path, &options, NULL, error);
}

static SerahImportReport *
import_ok (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  SerahImportReport *report = import_with (f, name, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* For fixtures without desa and kecamatan columns (issue 11: such a list is refused unless
 * the columns are mapped, here to nothing: participants keep what the database holds). */
static const char *const no_areas[] = { "desa=", "kecamatan=", NULL };

static SerahImportReport *
import_ok_no_areas (Fixture *f, const char *name)
{
  g_autoptr(GError) error = NULL;
  SerahImportReport *report = import_with (f, name, no_areas, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* The problem with this code on this line, or NULL. */
static const SerahImportProblem *
find_problem (const SerahImportReport *report, gint64 line, const char *code)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      if (p->line == line && g_strcmp0 (p->code, code) == 0)
        return p;
    }
  return NULL;
}

/* The message of the problem with this code on this line (which must exist). */
static const char *
problem_message (const SerahImportReport *report, gint64 line, const char *code)
{
  const SerahImportProblem *p = find_problem (report, line, code);

  if (p == NULL)
    g_error ("no problem %s on line %" G_GINT64_FORMAT, code, line);
  return p ? p->message : "";
}

static void
assert_problem (const SerahImportReport *report, gint64 line, const char *column,
                const char *code, SerahImportSeverity severity, const char *raw_value)
{
  const SerahImportProblem *p = NULL;

  for (guint i = 0; i < report->problems->len && p == NULL; i++)
    {
      const SerahImportProblem *q = report->problems->pdata[i];
      if (q->line == line && g_strcmp0 (q->code, code) == 0 && g_strcmp0 (q->column, column) == 0)
        p = q;
    }
  if (p == NULL)
    {
      g_error ("no problem %s on line %" G_GINT64_FORMAT " in column %s", code, line,
               column ? column : "(none)");
      return;
    }
  g_assert_cmpstr (p->column, ==, column);
  g_assert_cmpint (p->severity, ==, severity);
  g_assert_cmpstr (p->raw_value, ==, raw_value);
  g_assert_nonnull (p->message);
  g_assert_cmpuint (strlen (p->message), >, 10);
}

static guint
count_problems (const SerahImportReport *report, SerahImportSeverity severity)
{
  guint n = 0;
  for (guint i = 0; i < report->problems->len; i++)
    n += ((SerahImportProblem *) report->problems->pdata[i])->severity == severity;
  return n;
}

/* Every data row is exactly one of these. */
static void
assert_counts_add_up (const SerahImportReport *report)
{
  const SerahImportRecord *c = &report->counts;
  g_assert_cmpint (c->rows, ==,
                   c->imported + c->updated + c->unchanged + c->rejected + c->duplicates);
  g_assert_cmpint (c->conflicts, <=, c->rejected);
  /* Past SERAH_IMPORT_NOTES_LISTED a warning is counted, not listed. */
  g_assert_cmpint (c->warnings, >=, count_problems (report, SERAH_IMPORT_SEVERITY_WARNING));
  g_assert_cmpint (c->warnings, <=, count_problems (report, SERAH_IMPORT_SEVERITY_WARNING) +
                                    report->notes_not_listed);
}

static SerahParticipant *
get_by_nik (Fixture *f, const char *nik)
{
  g_autoptr(GError) error = NULL;
  SerahParticipant *p = serah_store_find_participant_by_nik (f->store, nik, &error);
  g_assert_no_error (error);
  return p;
}

static gint64
count_rows (Fixture *f, const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static guint
count_imports (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = serah_store_list_imports (f->store, &error);
  g_assert_no_error (error);
  return imports->len;
}

/* ---- formats ---- */

static void
test_basic (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-basic.csv");
  g_autoptr(SerahParticipant) budi = NULL, siti = NULL, maruf = NULL;

  g_assert_cmpint (report->separator, ==, ',');
  g_assert_false (report->had_bom);
  g_assert_cmpint (report->counts.rows, ==, 3);
  g_assert_cmpint (report->counts.imported, ==, 3);
  g_assert_cmpint (report->problems->len, ==, 0);
  assert_counts_add_up (report);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 3);

  budi = get_by_nik (f, "3601010101800001");
  g_assert_nonnull (budi);
  g_assert_cmpstr (budi->card_no, ==, "0001234500001");
  g_assert_cmpstr (budi->name, ==, "Budi Saputra");
  g_assert_cmpint (budi->sex, ==, SERAH_SEX_MALE);
  g_assert_cmpstr (budi->birth_date, ==, "1980-01-01");
  g_assert_cmpstr (budi->address, ==, "Kp. Caringin RT 001/RW 002");
  g_assert_cmpstr (budi->desa, ==, "Caringin");
  g_assert_cmpstr (budi->kecamatan, ==, "Labuan");
  g_assert_cmpstr (budi->faskes, ==, "Puskesmas Labuan");
  g_assert_cmpint (budi->care_class, ==, 3);
  g_assert_cmpint (budi->import_id, ==, report->counts.id);

  /* dd/mm/yyyy and dd-mm-yyyy become ISO; an empty cell stays empty. */
  siti = get_by_nik (f, "3601015202750002");
  g_assert_cmpstr (siti->birth_date, ==, "1975-02-12");
  g_assert_cmpint (siti->sex, ==, SERAH_SEX_FEMALE);
  maruf = get_by_nik (f, "3601013006010003");
  g_assert_cmpstr (maruf->birth_date, ==, "2001-06-30");
  g_assert_null (maruf->address);
  g_assert_cmpint (maruf->care_class, ==, 2);
}

static void
test_bom_semicolon_crlf (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-bom-semicolon-crlf.csv");
  g_autoptr(SerahParticipant) euis = NULL, asep = NULL;

  g_assert_true (report->had_bom);
  g_assert_cmpint (report->separator, ==, ';');
  g_assert_cmpint (report->counts.imported, ==, 2);
  /* The row-number column is reported and ignored; the synonyms are all recognised. */
  assert_problem (report, 1, "NO", "unknown-column", SERAH_IMPORT_SEVERITY_INFO, NULL);
  g_assert_cmpint (report->problems->len, ==, 1);

  euis = get_by_nik (f, "3601014505600011");
  g_assert_cmpstr (euis->card_no, ==, "0001234500011");
  g_assert_cmpstr (euis->name, ==, "Euis Rohmah");
  g_assert_cmpint (euis->sex, ==, SERAH_SEX_FEMALE);
  g_assert_cmpstr (euis->birth_date, ==, "1960-05-05");
  /* A comma inside a ';' file is just text; no stray \r is left at line ends. */
  g_assert_cmpstr (euis->address, ==, "Kp. Menes, RT 3");
  g_assert_cmpstr (euis->desa, ==, "Menes");
  g_assert_cmpstr (euis->kecamatan, ==, "Menes");
  g_assert_cmpstr (euis->faskes, ==, "Puskesmas Menes");
  g_assert_cmpint (euis->care_class, ==, 3);
  asep = get_by_nik (f, "3601011708450012");
  g_assert_cmpint (asep->sex, ==, SERAH_SEX_MALE);
  g_assert_cmpint (asep->care_class, ==, 1);
}

static void
test_tab_separator (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-tab.tsv");
  g_autoptr(SerahParticipant) dewi = NULL;

  /* Headers like "No. KTP", "L/P" and "Tgl. Lahir" are matched ignoring punctuation. */
  g_assert_cmpint (report->separator, ==, '\t');
  g_assert_cmpint (report->counts.imported, ==, 2);
  g_assert_cmpint (report->problems->len, ==, 0);
  dewi = get_by_nik (f, "3601014204910022");
  g_assert_cmpstr (dewi->name, ==, "Dewi Sartika");
  g_assert_cmpint (dewi->sex, ==, SERAH_SEX_FEMALE);
  g_assert_cmpstr (dewi->birth_date, ==, "1991-04-02");
  g_assert_cmpstr (dewi->desa, ==, "Majau");
  g_assert_cmpstr (dewi->faskes, ==, "Puskesmas Saketi");
}

static void
test_quoted_fields_and_line_numbers (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-quoted.csv");
  g_autoptr(SerahParticipant) first = NULL, ujang = NULL;

  g_assert_cmpint (report->counts.rows, ==, 3);
  g_assert_cmpint (report->counts.imported, ==, 2);
  first = get_by_nik (f, "3601010101800031");
  g_assert_cmpstr (first->name, ==, "Saputra, S.Pd");
  /* The quoted line break folds into a space: addresses print on one line. */
  g_assert_cmpstr (first->address, ==, "Kp. Caringin RT 001/RW 002");
  ujang = get_by_nik (f, "3601010201800032");
  g_assert_cmpstr (ujang->name, ==, "Ujang \"Jangkung\" Permana");
  g_assert_cmpstr (ujang->address, ==, "Jl. Raya \"Labuan\", No. 5");
  /* Header 1, blank 2, a record over lines 3-4, blank 5, records on 6 and 7: the bad row is
   * reported on its physical line. */
  assert_problem (report, 7, "NAMA", "name-missing", SERAH_IMPORT_SEVERITY_ERROR, NULL);
  assert_counts_add_up (report);
}

static void
test_cr_line_endings (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok_no_areas (f, "import-cr.csv");
  g_autoptr(SerahParticipant) lilis = NULL;

  g_assert_cmpint (report->counts.imported, ==, 2);
  lilis = get_by_nik (f, "3601014101800171");
  g_assert_cmpstr (lilis->name, ==, "Lilis");
  g_assert_cmpstr (lilis->birth_date, ==, "1980-01-01");
}

static void
test_title_lines (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok_no_areas (f, "import-title-lines.csv");

  g_assert_cmpint (report->separator, ==, ';');
  g_assert_cmpint (report->counts.rows, ==, 1);
  g_assert_cmpint (report->counts.imported, ==, 1);
  assert_problem (report, 1, NULL, "title-line", SERAH_IMPORT_SEVERITY_INFO,
                  "DAFTAR PESERTA PBI-JK KABUPATEN PANDEGLANG");
  assert_problem (report, 2, NULL, "title-line", SERAH_IMPORT_SEVERITY_INFO, "Tahun 2026");
  assert_problem (report, 4, NULL, "column-absent", SERAH_IMPORT_SEVERITY_INFO, NULL);
}

static void
test_windows_1252 (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok_no_areas (f, "import-cp1252.csv");
  g_autoptr(SerahParticipant) jose = NULL;

  g_assert_cmpint (report->counts.imported, ==, 1);
  jose = get_by_nik (f, "3601010101800161");
  g_assert_cmpstr (jose->name, ==, "José Rahman");
  g_assert_cmpstr (jose->address, ==, "Gg. Ma’ruf");
  assert_problem (report, 2, "NAMA", "encoding-cp1252", SERAH_IMPORT_SEVERITY_WARNING,
                  "José Rahman");
  assert_problem (report, 2, "ALAMAT", "encoding-cp1252", SERAH_IMPORT_SEVERITY_WARNING,
                  "Gg. Ma’ruf");
  g_assert_cmpint (report->counts.warnings, ==, 2);
}

static void
test_text_markers (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-text-markers.csv");
  g_autoptr(SerahParticipant) a = NULL, b = NULL;

  /* ="..." and a leading apostrophe only tell a spreadsheet "text": silently dropped. */
  g_assert_cmpint (report->counts.imported, ==, 2);
  g_assert_cmpint (report->problems->len, ==, 0);
  a = get_by_nik (f, "3601010101800221");
  g_assert_cmpstr (a->card_no, ==, "0001234500221");
  b = get_by_nik (f, "3601010201800222");
  g_assert_cmpstr (b->card_no, ==, "0001234500222");
}

/* ---- row problems ---- */

static void
test_messy_rows (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-messy.csv");
  const SerahImportRecord *c = &report->counts;
  g_autoptr(SerahParticipant) normalized = NULL, from_nik = NULL, serial = NULL, bad_class = NULL;
  g_autoptr(SerahParticipant) mismatch = NULL;

  g_assert_cmpint (c->rows, ==, 17);
  g_assert_cmpint (c->rejected, ==, 11);
  g_assert_cmpint (c->imported, ==, 6);
  g_assert_cmpint (c->conflicts, ==, 0);
  assert_counts_add_up (report);

  assert_problem (report, 2, "NIK", "nik-scientific", SERAH_IMPORT_SEVERITY_ERROR, "3.60425E+15");
  g_assert_nonnull (strstr (problem_message (report, 2, "nik-scientific"), "Text"));
  assert_problem (report, 3, "NO_KARTU", "card-leading-zeros", SERAH_IMPORT_SEVERITY_ERROR,
                  "1234500042");
  assert_problem (report, 4, "NO_KARTU", "card-leading-zeros", SERAH_IMPORT_SEVERITY_ERROR,
                  "001234500043");
  assert_problem (report, 5, "NO_KARTU", "card-scientific", SERAH_IMPORT_SEVERITY_ERROR,
                  "1.2345E+12");
  assert_problem (report, 6, "NIK", "nik-length", SERAH_IMPORT_SEVERITY_ERROR, "360101010180004");
  assert_problem (report, 7, "NIK", "nik-invalid", SERAH_IMPORT_SEVERITY_ERROR, "3601O1010180046");
  assert_problem (report, 8, "NAMA", "name-missing", SERAH_IMPORT_SEVERITY_ERROR, NULL);
  assert_problem (report, 9, "JK", "sex-invalid", SERAH_IMPORT_SEVERITY_ERROR, "X");
  assert_problem (report, 10, "TGL_LAHIR", "birth-date-invalid", SERAH_IMPORT_SEVERITY_ERROR,
                  "31/02/1980");
  assert_problem (report, 11, "TGL_LAHIR", "birth-date-invalid", SERAH_IMPORT_SEVERITY_ERROR,
                  "kemarin");
  assert_problem (report, 12, "TGL_LAHIR", "birth-date-future", SERAH_IMPORT_SEVERITY_ERROR,
                  "01/01/2099");
  assert_problem (report, 13, "TGL_LAHIR", "nik-birthdate-mismatch",
                  SERAH_IMPORT_SEVERITY_WARNING, "02/01/1980");
  assert_problem (report, 14, "JK", "nik-sex-mismatch", SERAH_IMPORT_SEVERITY_WARNING, "L");
  assert_problem (report, 15, "NIK", "nik-normalized", SERAH_IMPORT_SEVERITY_WARNING,
                  "3601 0101 0180 0054");
  assert_problem (report, 15, "NO_KARTU", "card-normalized", SERAH_IMPORT_SEVERITY_WARNING,
                  "0001-2345-00054");
  assert_problem (report, 16, "JK", "sex-from-nik", SERAH_IMPORT_SEVERITY_WARNING, NULL);
  assert_problem (report, 17, "TGL_LAHIR", "birth-date-serial", SERAH_IMPORT_SEVERITY_WARNING,
                  "29221");
  assert_problem (report, 18, "KELAS", "care-class-invalid", SERAH_IMPORT_SEVERITY_WARNING,
                  "kelas empat");
  g_assert_cmpint (c->warnings, ==, 7);

  /* Rejected rows are not in the database; warned rows are, as read. */
  g_assert_null (get_by_nik (f, "3601010101800049"));
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 6);
  normalized = get_by_nik (f, "3601010101800054");
  g_assert_cmpstr (normalized->card_no, ==, "0001234500054");
  from_nik = get_by_nik (f, "3601010101800055");
  g_assert_cmpint (from_nik->sex, ==, SERAH_SEX_MALE);
  serial = get_by_nik (f, "3601010101800056");
  g_assert_cmpstr (serial->birth_date, ==, "1980-01-01");
  bad_class = get_by_nik (f, "3601010101800057");
  g_assert_cmpint (bad_class->care_class, ==, 0);
  /* A NIK that disagrees with the row is imported as the row says. */
  mismatch = get_by_nik (f, "3601014101800053");
  g_assert_cmpint (mismatch->sex, ==, SERAH_SEX_MALE);
}

static void
test_extra_cells (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok_no_areas (f, "import-extra-cells.csv");

  /* "Saputra, S.Pd" unquoted in a comma file: the row is shifted, said so, and rejected. */
  assert_problem (report, 2, NULL, "extra-cells", SERAH_IMPORT_SEVERITY_WARNING, "01/01/1980");
  g_assert_cmpint (report->counts.rejected, ==, 1);
}

static void
test_unterminated_quote (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-unterminated.csv");

  g_assert_cmpint (report->counts.imported, ==, 1);
  assert_problem (report, 3, NULL, "unterminated-quote", SERAH_IMPORT_SEVERITY_ERROR, NULL);
  g_assert_cmpint (report->counts.rejected, ==, 1);
  assert_counts_add_up (report);
}

static void
test_duplicates_and_conflicts (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-duplicates.csv");
  const char *message;
  g_autoptr(SerahParticipant) agus = NULL;

  g_assert_cmpint (report->counts.rows, ==, 6);
  g_assert_cmpint (report->counts.imported, ==, 2);
  /* Exact repeats (also once trimmed and with another date format) are not errors. */
  g_assert_cmpint (report->counts.duplicates, ==, 2);
  assert_problem (report, 4, NULL, "duplicate-row", SERAH_IMPORT_SEVERITY_INFO, NULL);
  assert_problem (report, 5, NULL, "duplicate-row", SERAH_IMPORT_SEVERITY_INFO, NULL);
  /* Same NIK, other data: both lines named, the later row rejected. */
  g_assert_cmpint (report->counts.conflicts, ==, 2);
  g_assert_cmpint (report->counts.rejected, ==, 2);
  assert_problem (report, 6, "NIK", "nik-conflict", SERAH_IMPORT_SEVERITY_ERROR,
                  "3601010101800061");
  message = problem_message (report, 6, "nik-conflict");
  g_assert_nonnull (strstr (message, "line 2"));
  g_assert_nonnull (strstr (message, "desa"));
  /* The differing fields are named in words, not by their internal keys (issue 12). */
  g_assert_nonnull (strstr (message, "desa/kelurahan"));
  /* Same card, another NIK. */
  assert_problem (report, 7, "NO_KARTU", "card-conflict", SERAH_IMPORT_SEVERITY_ERROR,
                  "0001234500062");
  g_assert_nonnull (strstr (problem_message (report, 7, "card-conflict"), "line 3"));
  assert_counts_add_up (report);

  agus = get_by_nik (f, "3601010101800061");
  g_assert_cmpstr (agus->desa, ==, "Caringin");
  g_assert_null (get_by_nik (f, "3601010301800063"));
}

static void
test_card_conflict_with_database (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) first = import_ok (f, "import-basic.csv");
  g_autoptr(SerahImportReport) second = import_ok (f, "import-card-taken.csv");
  const char *message;

  /* The UNIQUE card number is a reported conflict, not a failed import. */
  g_assert_cmpint (second->counts.rejected, ==, 1);
  g_assert_cmpint (second->counts.conflicts, ==, 1);
  assert_problem (second, 2, "NO_KARTU", "card-conflict", SERAH_IMPORT_SEVERITY_ERROR,
                  "0001234500001");
  message = problem_message (second, 2, "card-conflict");
  g_assert_nonnull (strstr (message, "Budi Saputra"));
  /* The holder's NIK is masked even here. */
  g_assert_null (strstr (message, "3601010101800001"));
  g_assert_null (get_by_nik (f, "3601010505850211"));
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 3);
}

static void
test_swapped_cards (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) first = NULL, second = NULL;
  g_autofree char *path = g_build_filename (f->dir, "swap.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahParticipant) budi = NULL;
  const char *swapped =
    "NIK,NO_KARTU,NAMA,JK,TGL_LAHIR\n"
    "3601010101800001,0001234500002,Budi Saputra,L,1980-01-01\n"
    "3601015202750002,0001234500001,Siti Nurhayati,P,1975-02-12\n";

  first = import_ok (f, "import-basic.csv");
  g_assert_true (g_file_set_contents (path, swapped, -1, NULL));
  {
    SerahImportOptions options = { .mappings = no_areas };
    second = serah_import_file (f->store, path, &options, NULL, &error);
  }
  g_assert_no_error (error);
  /* Each new card still belongs to the other person when the row is checked: both rows
   * are conflicts, nothing crashes and nothing changes. */
  g_assert_cmpint (second->counts.conflicts, ==, 2);
  budi = get_by_nik (f, "3601010101800001");
  g_assert_cmpstr (budi->card_no, ==, "0001234500001");
}

/* ---- re-import ---- */

static void
test_reimport_updates (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) v1 = import_ok (f, "import-update-v1.csv");
  g_autoptr(SerahImportReport) v2 = import_ok (f, "import-update-v2.csv");
  g_autoptr(SerahParticipant) dodi = NULL, eko = NULL, neneng = NULL;
  g_autoptr(GArray) found = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (v2->counts.imported, ==, 1);
  g_assert_cmpint (v2->counts.updated, ==, 2);
  g_assert_cmpint (v2->counts.unchanged, ==, 1);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 4);

  dodi = get_by_nik (f, "3601010101800071");
  g_assert_cmpstr (dodi->desa, ==, "Teluk");
  g_assert_cmpint (dodi->import_id, ==, v2->counts.id);
  neneng = get_by_nik (f, "3601014201800072");
  g_assert_cmpint (neneng->import_id, ==, v1->counts.id);
  eko = get_by_nik (f, "3601010301800073");
  g_assert_cmpstr (eko->name, ==, "Eko Wahyudi Saputra");
  /* The corrected name is what the search index knows. */
  found = serah_store_search_participant_ids (f->store, "wahyudi sap", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, eko->id);
}

static void
test_same_file_twice (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) first = import_ok (f, "import-basic.csv");
  g_autoptr(SerahImportReport) second = import_ok (f, "import-basic.csv");

  g_assert_cmpint (second->counts.rows, ==, 3);
  g_assert_cmpint (second->counts.unchanged, ==, 3);
  g_assert_cmpint (second->counts.imported + second->counts.updated, ==, 0);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 3);
  /* Both imports are recorded, with the same hash. */
  g_assert_cmpint (count_imports (f), ==, 2);
  g_assert_cmpstr (first->counts.sha256, ==, second->counts.sha256);
}

static void
test_partial_columns_keep_existing (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) basic = import_ok (f, "import-basic.csv");
  g_autoptr(SerahImportReport) partial = import_ok_no_areas (f, "import-partial.csv");
  g_autoptr(SerahParticipant) budi = NULL, tuti = NULL;

  /* A file without address, desa, ... columns leaves what the database knows. */
  budi = get_by_nik (f, "3601010101800001");
  g_assert_cmpstr (budi->desa, ==, "Caringin");
  g_assert_cmpstr (budi->faskes, ==, "Puskesmas Labuan");
  g_assert_cmpint (budi->sex, ==, SERAH_SEX_MALE);
  g_assert_cmpint (partial->counts.unchanged, ==, 1);
  /* Someone new without a sex column: the NIK tells (day + 40). */
  tuti = get_by_nik (f, "3601014909990191");
  g_assert_cmpint (tuti->sex, ==, SERAH_SEX_FEMALE);
  g_assert_cmpint (partial->counts.imported, ==, 1);
  /* And when the NIK cannot tell, the row is rejected. */
  assert_problem (partial, 4, "NIK", "sex-missing", SERAH_IMPORT_SEVERITY_ERROR,
                  "3601013213990192");
  assert_problem (partial, 4, "NIK", "nik-date-invalid", SERAH_IMPORT_SEVERITY_WARNING,
                  "3601013213990192");
  assert_problem (partial, 1, NULL, "column-absent", SERAH_IMPORT_SEVERITY_INFO, NULL);
  assert_counts_add_up (partial);
}

/* ---- columns ---- */

static void
test_unknown_columns_reported (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok_no_areas (f, "import-unknown-column.csv");

  g_assert_cmpint (report->counts.imported, ==, 1);
  assert_problem (report, 1, "NO", "unknown-column", SERAH_IMPORT_SEVERITY_INFO, NULL);
  assert_problem (report, 1, "KETERANGAN", "unknown-column", SERAH_IMPORT_SEVERITY_INFO, NULL);
  /* NO_KK is a column of the BPJS layout (issue 11): known, read, not reported. */
  for (guint i = 0; i < report->problems->len; i++)
    g_assert_cmpstr (((SerahImportProblem *) report->problems->pdata[i])->column, !=, "NO_KK");
}

static void
test_duplicate_columns (Fixture *f, gconstpointer data)
{
  const char *const maps[] = { "name=NAMA_LENGKAP", "desa=", "kecamatan=", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) first = import_ok_no_areas (f, "import-duplicate-column.csv");
  g_autoptr(SerahImportReport) second = NULL;
  g_autoptr(SerahParticipant) budi = NULL;

  /* Two columns for one field: the first is read, the other named and ignored. */
  assert_problem (first, 1, "NO_KTP", "duplicate-column", SERAH_IMPORT_SEVERITY_WARNING, NULL);
  assert_problem (first, 1, "NAMA_LENGKAP", "duplicate-column", SERAH_IMPORT_SEVERITY_WARNING,
                  NULL);
  budi = get_by_nik (f, "3601010101800241");
  g_assert_cmpstr (budi->name, ==, "Budi");
  g_clear_pointer (&budi, serah_participant_free);

  /* --map picks the other one. */
  second = import_with (f, "import-duplicate-column.csv", maps, &error);
  g_assert_no_error (error);
  assert_problem (second, 1, "NAMA", "duplicate-column", SERAH_IMPORT_SEVERITY_WARNING, NULL);
  g_assert_cmpint (second->counts.updated, ==, 1);
  budi = get_by_nik (f, "3601010101800241");
  g_assert_cmpstr (budi->name, ==, "Budi Santoso");
}

static void
test_map_option (Fixture *f, gconstpointer data)
{
  const char *const maps[] = { "nik=Nomor KTP Peserta", "card_no=id bpjs", "name=NAMA_ANGGOTA",
                               "desa=Wilayah Desa", "kecamatan=", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) refused = NULL, report = NULL;
  g_autoptr(SerahParticipant) joko = NULL;

  refused = import_with (f, "import-map.csv", NULL, &error);
  g_assert_null (refused);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN);
  g_clear_error (&error);

  /* Headers are matched as given, then ignoring case and punctuation. */
  report = import_with (f, "import-map.csv", maps, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 1);
  joko = get_by_nik (f, "3601010101800141");
  g_assert_cmpstr (joko->card_no, ==, "0001234500141");
  g_assert_cmpstr (joko->name, ==, "Joko Susilo");
  g_assert_cmpstr (joko->desa, ==, "Caringin");
}

static void
test_bad_mappings (Fixture *f, gconstpointer data)
{
  const char *const unknown_field[] = { "kartu=ID BPJS", NULL };
  const char *const unknown_header[] = { "nik=NO_KTP_LAMA", NULL };
  const char *const twice[] = { "nik=A", "nik=B", NULL };
  g_autoptr(GError) error = NULL;
  SerahImportReport *report;

  report = import_with (f, "import-basic.csv", unknown_field, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING);
  g_assert_nonnull (strstr (error->message, "card_no"));
  g_clear_error (&error);
  report = import_with (f, "import-basic.csv", unknown_header, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING);
  g_assert_nonnull (strstr (error->message, "NO_KARTU"));
  g_clear_error (&error);
  report = import_with (f, "import-basic.csv", twice, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_BAD_MAPPING);
  g_assert_cmpint (count_imports (f), ==, 0);
}

static void
test_missing_column (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahImportReport *report = import_with (f, "import-missing-column.csv", NULL, &error);

  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN);
  /* Names what is missing and lists what is there. */
  g_assert_nonnull (strstr (error->message, "card_no"));
  g_assert_nonnull (strstr (error->message, "“TGL_LAHIR”"));
  g_assert_cmpint (count_imports (f), ==, 0);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
}

/* ---- files refused as a whole ---- */

static void
assert_refused (Fixture *f, const char *name, int code, const char *phrase)
{
  g_autoptr(GError) error = NULL;
  SerahImportReport *report = import_with (f, name, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, code);
  if (phrase != NULL && strstr (error->message, phrase) == NULL)
    g_error ("“%s” lacks “%s”", error->message, phrase);
  /* A file refused as a whole records nothing. */
  g_assert_cmpint (count_imports (f), ==, 0);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM import_problems"), ==, 0);
}

static void
test_refused_files (Fixture *f, gconstpointer data)
{
  assert_refused (f, "import-binary.csv", SERAH_IMPORT_ERROR_NOT_CSV, "binary");
  /* XLSX and ODS are read (test-import-office); a workbook without any sheet is not. */
  assert_refused (f, "import-spreadsheet.xlsx", SERAH_IMPORT_ERROR_NOT_CSV, "header row");
  assert_refused (f, "import-utf16.csv", SERAH_IMPORT_ERROR_NOT_CSV, "UTF-16");
  assert_refused (f, "import-document.pdf", SERAH_IMPORT_ERROR_NOT_CSV, "PDF");
  assert_refused (f, "import-empty.csv", SERAH_IMPORT_ERROR_NOT_CSV, "empty");
  assert_refused (f, "import-blank.csv", SERAH_IMPORT_ERROR_NOT_CSV, "empty");
  assert_refused (f, "import-no-header.csv", SERAH_IMPORT_ERROR_NOT_CSV, "header");
  assert_refused (f, "import-no-such-file.csv", SERAH_IMPORT_ERROR_UNREADABLE, NULL);
}

static void
test_folder_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahImportReport *report = serah_import_file (f->store, f->dir, NULL, NULL, &error);

  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE);
}

/* ---- the store side ---- */

static void
test_recorded_in_store (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-messy.csv");
  g_autofree char *path = serah_test_fixture ("import-messy.csv");
  g_autofree char *contents = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GPtrArray) imports = NULL;
  g_autoptr(GError) error = NULL;
  const SerahImportRecord *r;
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  sha = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
  imports = serah_store_list_imports (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (imports->len, ==, 1);
  r = imports->pdata[0];
  g_assert_cmpstr (r->file_name, ==, "import-messy.csv");
  g_assert_cmpstr (r->sha256, ==, sha);
  g_assert_cmpint (r->rows, ==, report->counts.rows);
  g_assert_cmpint (r->imported, ==, report->counts.imported);
  g_assert_cmpint (r->rejected, ==, report->counts.rejected);
  g_assert_cmpint (r->warnings, ==, report->counts.warnings);
  /* Every problem is in the store too, with its line and code. */
  sql = g_strdup_printf ("SELECT count(*) FROM import_problems WHERE import_id = %" G_GINT64_FORMAT,
                         r->id);
  g_assert_cmpint (count_rows (f, sql), ==, report->problems->len);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM import_problems WHERE line = 2"
                                  " AND code = 'nik-scientific' AND column_name = 'NIK'"
                                  " AND raw_value = '3.60425E+15' AND severity = 'error'"), ==, 1);
}

typedef struct {
  GCancellable *cancellable;
  goffset       last_done;
  goffset       total;
  guint         calls;
} ProgressData;

static void
on_progress (goffset done, goffset total, gpointer user_data)
{
  ProgressData *data = user_data;

  g_assert_cmpint (done, >=, data->last_done);
  data->last_done = done;
  data->total = total;
  data->calls++;
  /* Cancel after 12 blocks (about 6000 rows): a first batch of rows is written by then. */
  if (data->cancellable != NULL && data->calls == 12)
    g_cancellable_cancel (data->cancellable);
}

/* A list big enough for several blocks and batches, written by the exporter. */
static char *
write_demo_list (Fixture *f, guint n)
{
  g_autofree char *dir = g_build_filename (f->dir, "demo", NULL);
  g_autofree char *path = g_build_filename (f->dir, "demo.csv", NULL);
  g_autoptr(SerahStore) demo = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  demo = serah_test_open_store (dir, NULL);
  g_assert_true (serah_demo_populate (demo, n, &error));
  g_assert_no_error (error);
  g_assert_true (serah_participants_write_csv_file (demo, NULL, path, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

static void
test_cancel_leaves_database_unchanged (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_demo_list (f, 10000);
  g_autoptr(SerahImportReport) before = import_ok (f, "import-basic.csv");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ProgressData progress = { cancellable, 0, 0, 0 };
  SerahImportOptions options = { NULL, on_progress, &progress };
  SerahImportReport *report;
  g_autoptr(GArray) found = NULL;

  report = serah_import_file (f->store, path, &options, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED);
  g_assert_cmpuint (progress.calls, >=, 12);
  /* The rows written before the cancellation are rolled back with the import row. */
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 3);
  g_assert_cmpint (count_imports (f), ==, 1);
  /* So are the secondary indexes a list this big drops while it is written. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                  " AND tbl_name = 'participants' AND sql IS NOT NULL"), ==, 2);
  g_clear_error (&error);
  found = serah_store_search_participant_ids (f->store, "saputra", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* A cancellable cancelled before the start stops it at once. */
  g_clear_error (&error);
  report = serah_import_file (f->store, path, NULL, cancellable, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED);
  g_assert_cmpint (count_imports (f), ==, 1);
}

/* A list of 10 000 good rows whose last line opens a quote that never closes (the rest of
 * the file, over a megabyte, would be one value): the reader refuses the file there, after
 * the writer has committed the slices before it. */
static char *
write_list_broken_at_end (Fixture *f, const char *good, const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) broken = NULL;

  g_assert_true (g_file_get_contents (good, &contents, NULL, NULL));
  broken = g_string_new (contents);
  g_string_append (broken, "\"3601019999990001,");
  for (int i = 0; i < 150000; i++)
    g_string_append (broken, "runaway\r\n");
  g_assert_true (g_file_set_contents (path, broken->str, (gssize) broken->len, NULL));
  return g_steal_pointer (&path);
}

/* Issue 10 / 17: an import is committed in slices (here of 500 rows: each batch of 4096 is
 * one), so a list that fails half way keeps the slices before the failure, recorded as an
 * unfinished import, and says so; importing the corrected list finishes it: the rows saved
 * are unchanged, the rest new, and the second import is the finished one. */
static void
test_slices_stop_and_resume (Fixture *f, gconstpointer data)
{
  g_autofree char *good = write_demo_list (f, 10000);
  g_autofree char *broken = write_list_broken_at_end (f, good, "broken.csv");
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  gint64 saved;

  g_setenv ("SERAH_IMPORT_SLICE_ROWS", "500", TRUE);
  report = serah_import_file (f->store, broken, NULL, NULL, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV);
  /* Two full batches of 4096 were committed; the third, with the broken line, was not. */
  saved = serah_store_count_participants (f->store);
  g_assert_cmpint (saved, ==, 2 * 4096);
  g_assert_nonnull (strstr (error->message, "8192 rows were saved"));
  g_assert_nonnull (strstr (error->message, "incomplete"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM imports WHERE finished_at IS NULL"
                                  " AND imported = 8192"), ==, 1);
  /* ... and in the audit log, with what the slices saved. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM audit_events"
                                  " WHERE action = 'import.participants'"
                                  " AND json_extract (details, '$.imported') = '8192'"), ==, 1);
  /* The slices carried their search-index rows and left every index in place. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM sqlite_schema WHERE type = 'index'"
                                  " AND tbl_name = 'participants' AND sql IS NOT NULL"), ==, 2);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM participant_words"
                                  " WHERE participant_words MATCH 'saputra'"), ==,
                   count_rows (f, "SELECT count(*) FROM participants"
                                  " WHERE name LIKE '%saputra%'"));
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM participant_names"
                                  " WHERE participant_names MATCH 'saputra'"), >, 0);

  /* The same list, corrected: what was saved is found unchanged, the rest is imported. */
  g_clear_error (&error);
  g_clear_pointer (&report, serah_import_report_free);
  report = serah_import_file (f->store, good, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.unchanged, ==, saved);
  g_assert_cmpint (report->counts.imported, ==, 10000 - saved);
  assert_counts_add_up (report);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 10000);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM imports WHERE finished_at IS NOT NULL"
                                  " AND rows = 10000"), ==, 1);
  found = serah_store_search_participant_ids (f->store, "saputra", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->len, ==, count_rows (f, "SELECT count(*) FROM participants"
                                                  " WHERE name LIKE '%saputra%'"));
  /* And again: nothing left to do. */
  g_clear_pointer (&report, serah_import_report_free);
  report = serah_import_file (f->store, good, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.unchanged, ==, 10000);
  g_setenv ("SERAH_IMPORT_SLICE_ROWS", "16384", TRUE);
}

static void
test_big_list_and_progress (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_demo_list (f, 5000);
  g_autoptr(SerahImportReport) first = NULL, second = NULL;
  g_autoptr(GError) error = NULL;
  ProgressData progress = { NULL, 0, 0, 0 };
  SerahImportOptions options = { NULL, on_progress, &progress };
  g_autoptr(GArray) found = NULL;

  first = serah_import_file (f->store, path, &options, NULL, &error);
  g_assert_no_error (error);
  /* Several blocks, several batches, progress to the end. */
  g_assert_cmpint (first->counts.imported, ==, 5000);
  g_assert_cmpuint (progress.calls, >, 2);
  g_assert_cmpint (progress.last_done, ==, progress.total);
  found = serah_store_search_participant_ids (f->store, "saputra", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, >, 0);

  second = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (second->counts.unchanged, ==, 5000);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 5000);
}

/* Issue #10, memory flat whatever the list: a damaged list of a million rows brought 280 000
 * warnings, all kept in memory. Past SERAH_IMPORT_NOTES_LISTED a row's warning is stored with
 * the import and counted by code, not listed; every rejected row stays listed (the rejects
 * file is made of them). */
static void
test_many_warnings_counted (Fixture *f, gconstpointer data)
{
  const guint n_warned = SERAH_IMPORT_NOTES_LISTED + 203;
  g_autofree char *path = g_build_filename (f->dir, "warned.csv", NULL);
  g_autofree char *rejects = g_build_filename (f->dir, "rejects.csv", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GString) csv = g_string_new ("NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,"
                                         "FASKES,KELAS\n");
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree const char **codes = NULL;
  guint n_codes = 0, listed_notes = 0, listed_errors = 0, n_rejected_lines = 0;

  for (guint i = 1; i <= n_warned; i++)
    {
      /* The NIK says 01-01-80; the birth date says the 2nd: a warning, the row is stored. */
      g_string_append_printf (csv, "360101010180%04u,00012345%05u,Warga %u,L,1980-01-02,"
                              "Kp. Caringin,Caringin,Labuan,Puskesmas Labuan,3\n", i, i, i);
      if (i == 10 || i == 600 || i == n_warned)
        g_string_append_printf (csv, "12345,00099999%05u,Salah %u,L,1980-01-01,"
                                "Kp. Caringin,Caringin,Labuan,Puskesmas Labuan,3\n", i, i);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  report = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, n_warned);
  g_assert_cmpint (report->counts.rejected, ==, 3);
  g_assert_cmpint (report->counts.warnings, ==, n_warned);
  assert_counts_add_up (report);

  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];

      if (p->line > 0 && p->severity == SERAH_IMPORT_SEVERITY_ERROR)
        listed_errors++;
      else if (p->line > 0)
        listed_notes++;
    }
  g_assert_cmpuint (listed_notes, ==, SERAH_IMPORT_NOTES_LISTED);
  g_assert_cmpuint (listed_errors, ==, 3);
  g_assert_cmpuint (report->notes_not_listed, ==, 203);
  codes = serah_import_report_unlisted_codes (report, &n_codes);
  g_assert_cmpuint (n_codes, ==, 1);
  g_assert_cmpstr (codes[0], ==, "nik-birthdate-mismatch");
  g_assert_null (codes[1]);
  g_assert_cmpuint (serah_import_report_unlisted_count (report, "nik-birthdate-mismatch"), ==, 203);
  g_assert_cmpuint (serah_import_report_unlisted_count (report, "nik-length"), ==, 0);

  /* Every warning is stored with the import. */
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM import_problems WHERE severity = 'warning'"),
                   ==, n_warned);
  /* The rejects file has every rejected row, the last one too. */
  g_assert_true (serah_import_report_write_rejects (report, rejects, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (rejects, &text, NULL, &error));
  for (const char *c = text; (c = strstr (c, "Salah ")) != NULL; c++)
    n_rejected_lines++;
  g_assert_cmpuint (n_rejected_lines, ==, 3);
  g_assert_nonnull (strstr (text, "Salah 1203"));
}

/* Issue #10: a list whose every NIK a spreadsheet spoiled rejects every row (a million:
 * 950 MB in memory before). Past SERAH_IMPORT_ERRORS_LISTED the rejected rows are counted,
 * not listed, and the rejects file still has every one, in line order, with its cells. */
static void
test_many_rejects_spilled (Fixture *f, gconstpointer data)
{
  /* Three batches of the reader (4 096 rows each). */
  const guint n_bad = SERAH_IMPORT_ERRORS_LISTED + 9000;
  g_autofree char *path = g_build_filename (f->dir, "spoiled.csv", NULL);
  g_autofree char *rejects = g_build_filename (f->dir, "spoiled-rejects.csv", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) csv = g_string_new ("NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,"
                                         "FASKES,KELAS\n");
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint listed_errors = 0;

  for (guint i = 1; i <= n_bad; i++)
    {
      /* 15 digits: rejected by the reader. Every 100th row is good, so rejects and imports
       * alternate; every 100th but 50 holds a card the register gives someone else, which
       * the writer rejects after the reader's rejects of its batch. */
      if (i % 100 == 0)
        g_string_append_printf (csv, "36010101018%05u,00012345%05u,Baik %u,L,1980-01-01,"
                                "Kp. Caringin,Caringin,Labuan,Puskesmas Labuan,3\n", i, i, i);
      else if (i % 100 == 50)
        g_string_append_printf (csv, "36010101019%05u,0009999900001,Kartu %u,L,1980-01-01,"
                                "Kp. Caringin,Caringin,Labuan,Puskesmas Labuan,3\n", i, i);
      else
        g_string_append_printf (csv, "36010101018%04u,00012345%05u,Rusak %u,L,1980-01-01,"
                                "Kp. Caringin,Caringin,Labuan,Puskesmas Labuan,3\n", i, i, i);
    }
  g_assert_true (g_file_set_contents (path, csv->str, (gssize) csv->len, &error));
  {
    g_autoptr(SerahParticipant) holder =
      serah_test_participant ("3601010101800001", "0009999900001", "Pemegang Kartu", "Caringin");
    SerahUpsertResult result;

    g_assert_true (serah_store_upsert_participant (f->store, holder, 0, &result, &error));
    g_assert_no_error (error);
  }
  report = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, n_bad / 100);
  g_assert_cmpint (report->counts.rejected, ==, n_bad - n_bad / 100);
  g_assert_cmpint (report->counts.conflicts, ==, n_bad / 100);
  for (guint i = 0; i < report->problems->len; i++)
    listed_errors += ((SerahImportProblem *) report->problems->pdata[i])->severity ==
                     SERAH_IMPORT_SEVERITY_ERROR;
  g_assert_cmpuint (listed_errors, ==, SERAH_IMPORT_ERRORS_LISTED);
  g_assert_cmpuint (report->errors_not_listed, ==, n_bad - n_bad / 100 - SERAH_IMPORT_ERRORS_LISTED);
  g_assert_cmpuint (serah_import_report_unlisted_count (report, "nik-length") +
                    serah_import_report_unlisted_count (report, "card-conflict"), ==,
                    report->errors_not_listed);
  g_assert_cmpint (count_rows (f, "SELECT count(*) FROM import_problems WHERE severity = 'error'"),
                   ==, report->counts.rejected);

  g_assert_true (serah_import_report_write_rejects (report, rejects, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (rejects, &text, NULL, &error));
  lines = g_strsplit (text, "\r\n", -1);
  /* Title, header, one record per rejected row, the empty string after the last CRLF. */
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + report->counts.rejected + 1);
  for (guint i = 1, r = 2; i <= n_bad; i++)
    {
      g_autofree char *prefix = NULL;
      g_autofree char *name = NULL;

      if (i % 100 == 0)
        continue;
      /* Line i + 1 of the file (the header is line 1), with its own cells. */
      prefix = g_strdup_printf ("%u,%s,", i + 1, i % 100 == 50 ? "card-conflict" : "nik-length");
      name = g_strdup_printf (i % 100 == 50 ? ",Kartu %u," : ",Rusak %u,", i);
      g_assert_true (g_str_has_prefix (lines[r], prefix));
      g_assert_nonnull (strstr (lines[r], name));
      r++;
    }
  /* Written twice, the same file. */
  {
    g_autofree char *again = NULL;

    g_assert_true (serah_import_report_write_rejects (report, rejects, &error));
    g_assert_true (g_file_get_contents (rejects, &again, NULL, &error));
    g_assert_cmpstr (again, ==, text);
  }
}

/* ---- export ---- */

static void
test_export_round_trip (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "export.csv", NULL);
  g_autofree char *path2 = g_build_filename (f->dir, "export2.csv", NULL);
  g_autofree char *contents = NULL, *contents2 = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) a = import_ok (f, "import-basic.csv");
  g_autoptr(SerahImportReport) b = import_ok (f, "import-quoted.csv");
  g_autoptr(SerahImportReport) again = NULL;
  gint64 written = 0;

  g_assert_true (serah_participants_write_csv_file (f->store, NULL, path, &written, &error));
  g_assert_no_error (error);
  g_assert_cmpint (written, ==, 5);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* Excel-friendly BOM, the importer's headers, full NIKs, card numbers with their zeros,
   * quoting where needed. */
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbfNIK,NO_KARTU,NAMA,JK,TGL_LAHIR,"));
  g_assert_nonnull (strstr (contents, "3601010101800001,0001234500001,Budi Saputra,L,1980-01-01"));
  g_assert_nonnull (strstr (contents, "\"Saputra, S.Pd\""));
  g_assert_nonnull (strstr (contents, "\"Ujang \"\"Jangkung\"\" Permana\""));

  again = serah_import_file (f->store, path, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->counts.rows, ==, 5);
  g_assert_cmpint (again->counts.unchanged, ==, 5);
  g_assert_cmpint (again->problems->len, ==, 0);

  g_assert_true (serah_participants_write_csv_file (f->store, NULL, path2, NULL, &error));
  g_assert_true (g_file_get_contents (path2, &contents2, NULL, NULL));
  g_assert_cmpstr (contents, ==, contents2);
}

static void
test_reject_report (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_ok (f, "import-bom-semicolon-crlf.csv");
  g_autoptr(SerahImportReport) messy = import_ok (f, "import-messy.csv");
  g_autofree char *path = g_build_filename (f->dir, "rejects.csv", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (serah_import_report_write_rejects (messy, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  /* A title line naming it an administrator's file, then line, codes, reasons and the
   * file's own columns (test-import-office checks the rows can be imported again). */
  g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf\"ADMINISTRATOR"));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpstr (lines[1], ==, "line,code,reason,NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,"
                                 "KECAMATAN,FASKES,KELAS");
  /* One line per rejected row (title, header, 11 rows, the empty string after the last
   * CRLF). */
  g_assert_cmpuint (g_strv_length (lines), ==, 2 + 11 + 1);
  g_assert_true (g_str_has_prefix (lines[2], "2,nik-scientific,NIK: "));
  g_assert_true (g_str_has_suffix (lines[2], ",3.60425E+15,0001234500041,Nik Ilmiah,L,01/01/1980,,"
                                              "Caringin,Labuan,Puskesmas Labuan,3"));
  g_assert_true (g_str_has_prefix (lines[3], "3,card-leading-zeros,NO_KARTU: "));
  g_assert_null (strstr (contents, "nik-birthdate-mismatch"));

  /* The separator follows the imported file: ';' for a semicolon list. */
  g_clear_pointer (&contents, g_free);
  {
    static const char semicolons[] =
      "NIK;NO_KARTU;NAMA;JK;TGL_LAHIR;ALAMAT;DESA;KECAMATAN;FASKES;KELAS\r\n"
      "3.60425E+15;0001234500041;Nik Ilmiah;L;01/01/1980;;Caringin;Labuan;Puskesmas Labuan;3\r\n";
    g_autofree char *list = g_build_filename (f->dir, "semicolons.csv", NULL);
    g_autoptr(SerahImportReport) semi = NULL;

    g_assert_true (g_file_set_contents (list, semicolons, -1, &error));
    semi = serah_import_file (f->store, list, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (semi->separator, ==, ';');
    g_assert_true (serah_import_report_write_rejects (semi, path, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
    g_assert_nonnull (strstr (contents, "\r\n2;nik-scientific;\"NIK: "));
  }
}

/* ---- the store's batch upsert, which the importer writes through ---- */

static void
test_batch_upsert (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) basic = import_ok (f, "import-basic.csv");
  g_autoptr(SerahParticipant) same = serah_test_participant ("3601010101800001", "0001234500001",
                                                             "Budi Saputra", "Caringin");
  g_autoptr(SerahParticipant) moved = NULL, fresh = NULL, thief = NULL, twin = NULL;
  g_autoptr(SerahParticipant) stored = NULL;
  SerahParticipant *rows[4];
  SerahUpsertResult results[4];
  SerahParticipant *holders[4];

  /* Budi exactly as stored, Siti with another desa, someone new, someone with Budi's card. */
  g_free (same->address), same->address = g_strdup ("Kp. Caringin RT 001/RW 002");
  g_free (same->faskes), same->faskes = g_strdup ("Puskesmas Labuan");
  moved = get_by_nik (f, "3601015202750002");
  g_free (moved->desa), moved->desa = g_strdup ("Caringin");
  fresh = serah_test_participant ("3601010101800099", "0001234500099", "Baru", "Teluk");
  thief = serah_test_participant ("3601010101800098", "0001234500001", "Pencuri", "Teluk");
  rows[0] = same, rows[1] = moved, rows[2] = fresh, rows[3] = thief;

  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_upsert_participants (f->store, rows, 4, 0, results, holders, &error));
  g_assert_no_error (error);
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_UNCHANGED);
  g_assert_cmpint (results[1], ==, SERAH_UPSERT_UPDATED);
  g_assert_cmpint (results[2], ==, SERAH_UPSERT_INSERTED);
  g_assert_cmpint (results[3], ==, SERAH_UPSERT_CARD_CONFLICT);
  g_assert_null (holders[0]);
  g_assert_nonnull (holders[3]);
  g_assert_cmpstr (holders[3]->nik, ==, "3601010101800001");
  serah_participant_free (holders[3]);
  stored = get_by_nik (f, "3601015202750002");
  g_assert_cmpstr (stored->desa, ==, "Caringin");
  g_assert_null (get_by_nik (f, "3601010101800098"));

  /* Two rows of one batch with one card number break the set-based insert; the batch is
   * undone and decided row by row: the first wins, the second is a conflict. */
  twin = serah_test_participant ("3601010101800097", "0001234500096", "Kembar", "Teluk");
  g_clear_pointer (&fresh, serah_participant_free);
  fresh = serah_test_participant ("3601010101800096", "0001234500096", "Asli", "Teluk");
  rows[0] = fresh, rows[1] = twin;
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_upsert_participants (f->store, rows, 2, 0, results, holders, &error));
  g_assert_no_error (error);
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_INSERTED);
  g_assert_cmpint (results[1], ==, SERAH_UPSERT_CARD_CONFLICT);
  g_assert_nonnull (holders[1]);
  g_assert_cmpstr (holders[1]->nik, ==, "3601010101800096");
  serah_participant_free (holders[1]);
  g_assert_null (get_by_nik (f, "3601010101800097"));
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 5);

  /* The same for two updates to one new card: the UPDATE is refused as a whole, and the
   * batch (its new rows too) goes row by row. */
  g_clear_pointer (&moved, serah_participant_free);
  g_clear_pointer (&twin, serah_participant_free);
  g_clear_pointer (&fresh, serah_participant_free);
  moved = get_by_nik (f, "3601010101800001");
  twin = get_by_nik (f, "3601015202750002");
  fresh = serah_test_participant ("3601010101800095", "0001234500095", "Baru Lagi", "Teluk");
  g_strlcpy (moved->card_no, "0001234500090", sizeof moved->card_no);
  g_strlcpy (twin->card_no, "0001234500090", sizeof twin->card_no);
  rows[0] = moved, rows[1] = twin, rows[2] = fresh;
  g_assert_true (serah_store_begin (f->store, &error));
  g_assert_true (serah_store_upsert_participants (f->store, rows, 3, 0, results, holders, &error));
  g_assert_no_error (error);
  g_assert_true (serah_store_commit (f->store, &error));
  g_assert_cmpint (results[0], ==, SERAH_UPSERT_UPDATED);
  g_assert_cmpint (results[1], ==, SERAH_UPSERT_CARD_CONFLICT);
  g_assert_cmpint (results[2], ==, SERAH_UPSERT_INSERTED);
  g_assert_cmpstr (holders[1]->nik, ==, "3601010101800001");
  serah_participant_free (holders[1]);
  g_clear_pointer (&stored, serah_participant_free);
  stored = get_by_nik (f, "3601015202750002");
  g_assert_cmpstr (stored->card_no, ==, "0001234500002");
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 6);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* Slices by rows only (16 384, the default), never by time: a test that cancels an import
   * of 10 000 rows expects one transaction however slow the machine. */
  g_setenv ("SERAH_IMPORT_SLICE_ROWS", "16384", TRUE);

#define ADD(path, func) \
  g_test_add ("/serah/import/" path, Fixture, NULL, serah_store_fixture_set_up, func, \
              serah_store_fixture_tear_down)
  ADD ("basic", test_basic);
  ADD ("bom-semicolon-crlf", test_bom_semicolon_crlf);
  ADD ("tab-separator", test_tab_separator);
  ADD ("quoted-fields-and-line-numbers", test_quoted_fields_and_line_numbers);
  ADD ("cr-line-endings", test_cr_line_endings);
  ADD ("title-lines", test_title_lines);
  ADD ("windows-1252", test_windows_1252);
  ADD ("text-markers", test_text_markers);
  ADD ("messy-rows", test_messy_rows);
  ADD ("extra-cells", test_extra_cells);
  ADD ("unterminated-quote", test_unterminated_quote);
  ADD ("duplicates-and-conflicts", test_duplicates_and_conflicts);
  ADD ("card-conflict-with-database", test_card_conflict_with_database);
  ADD ("swapped-cards", test_swapped_cards);
  ADD ("reimport-updates", test_reimport_updates);
  ADD ("same-file-twice", test_same_file_twice);
  ADD ("partial-columns-keep-existing", test_partial_columns_keep_existing);
  ADD ("unknown-columns-reported", test_unknown_columns_reported);
  ADD ("duplicate-columns", test_duplicate_columns);
  ADD ("map-option", test_map_option);
  ADD ("bad-mappings", test_bad_mappings);
  ADD ("missing-column", test_missing_column);
  ADD ("refused-files", test_refused_files);
  ADD ("folder-refused", test_folder_refused);
  ADD ("recorded-in-store", test_recorded_in_store);
  ADD ("cancel-leaves-database-unchanged", test_cancel_leaves_database_unchanged);
  ADD ("big-list-and-progress", test_big_list_and_progress);
  ADD ("many-warnings-counted", test_many_warnings_counted);
  ADD ("many-rejects-spilled", test_many_rejects_spilled);
  ADD ("slices-stop-and-resume", test_slices_stop_and_resume);
  ADD ("export-round-trip", test_export_round_trip);
  ADD ("reject-report", test_reject_report);
  ADD ("batch-upsert", test_batch_upsert);
#undef ADD

  return g_test_run ();
}
