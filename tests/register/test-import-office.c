/* test-import-office.c: the lists offices really receive (issue 11): BPJS and Dinkes column
 * layouts, areas that must not go missing silently, lists whose every row is refused, dry
 * runs and the preview the Peserta page shows before an import commits. Fixtures are
 * written by tests/fixtures/make-office-fixtures.py (CSV in Windows-1252, openpyxl XLSX,
 * an ODS laid out as LibreOffice writes it). */
#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "store/serah-store-private.h"

#include <serah/register/serah-area.h>

typedef struct {
  char       *dir;
  char       *db_path;
  SerahStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->db_path);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

static SerahImportReport *
import_path (Fixture *f, const char *path, const SerahImportOptions *options, GError **error)
{
  return serah_import_file (f->store, path, options, NULL, error);
}

static SerahImportReport *
import_fixture (Fixture *f, const char *name, const SerahImportOptions *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = serah_test_fixture (name);
  SerahImportReport *report = import_path (f, path, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  return report;
}

/* Writes text to a file of the test's folder and returns its path. */
static char *
write_file (Fixture *f, const char *name, const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static const SerahImportProblem *
find_problem (const SerahImportReport *report, gint64 line, const char *code)
{
  for (guint i = 0; i < report->problems->len; i++)
    {
      const SerahImportProblem *p = report->problems->pdata[i];
      if ((line < 0 || p->line == line) && g_strcmp0 (p->code, code) == 0)
        return p;
    }
  return NULL;
}

static const char *
column_field (const SerahImportReport *report, const char *header)
{
  for (guint i = 0; i < report->columns->len; i++)
    {
      const SerahImportColumn *c = report->columns->pdata[i];
      if (g_strcmp0 (c->header, header) == 0)
        return c->field;
    }
  g_error ("no column %s", header);
  return NULL;
}

static SerahParticipant *
get_by_nik (Fixture *f, const char *nik)
{
  g_autoptr(GError) error = NULL;
  SerahParticipant *p = serah_store_find_participant_by_nik (f->store, nik, &error);

  g_assert_no_error (error);
  g_assert_nonnull (p);
  return p;
}

static guint
count_imports (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) imports = serah_store_list_imports (f->store, &error);

  g_assert_no_error (error);
  return imports->len;
}

/* A BPJS export (';', Windows-1252, two title lines, NOKA ... NM_KEC): names, areas and
 * faskes come from NM_DESA, NM_KEC and NM_PPK; the code columns are recognised, not
 * reported as unknown. */
static void
test_bpjs_layout (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-bpjs.csv", NULL);
  g_autoptr(SerahParticipant) andre = NULL;
  g_autoptr(SerahParticipant) siti = NULL;

  g_assert_cmpint (report->counts.rows, ==, 3);
  g_assert_cmpint (report->counts.imported, ==, 3);
  g_assert_cmpint (report->counts.rejected, ==, 0);
  g_assert_false (serah_import_report_stored_nothing (report));
  g_assert_null (find_problem (report, -1, "unknown-column"));
  g_assert_null (find_problem (report, -1, "column-absent"));
  g_assert_nonnull (find_problem (report, 1, "title-line"));
  g_assert_nonnull (find_problem (report, 2, "title-line"));

  g_assert_cmpstr (column_field (report, "NOKA"), ==, "card_no");
  g_assert_cmpstr (column_field (report, "NM_DESA"), ==, "desa");
  g_assert_cmpstr (column_field (report, "NM_KEC"), ==, "kecamatan");
  g_assert_cmpstr (column_field (report, "NM_PPK"), ==, "faskes");
  g_assert_cmpstr (column_field (report, "KD_DESA"), ==, "desa_code");
  g_assert_cmpstr (column_field (report, "KD_PPK"), ==, "faskes_code");
  g_assert_cmpstr (column_field (report, "PISA"), ==, "pisa");
  g_assert_cmpstr (column_field (report, "KELAS"), ==, "care_class");

  andre = get_by_nik (f, "3601120101800001");
  g_assert_cmpstr (andre->card_no, ==, "0001311000001");
  g_assert_cmpstr (andre->name, ==, "ANDRÉ SETIAWAN"); /* Windows-1252 read as such */
  g_assert_cmpstr (andre->faskes, ==, "PUSKESMAS LABUAN");
  g_assert_nonnull (andre->desa);
  g_assert_nonnull (andre->kecamatan);
  g_assert_cmpint (andre->care_class, ==, 3);
  siti = get_by_nik (f, "3601124502850002");
  g_assert_cmpint (siti->sex, ==, SERAH_SEX_FEMALE);
  g_assert_cmpstr (siti->birth_date, ==, "1985-02-05");
}

/* Headers as people type them: spaced, lower case, dotted. RT and RW join the address. */
static void
test_spaced_lower_case_headers (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "dinkes.csv",
    "no kartu,nik,nmpst,kdjk,tgllhr,alamat,rt,rw,kd desa,nm desa,Kd_Kec,nm kec,"
    "nm ppk,hak kelas,no kk\n"
    "0001311000011,3601120202800011,ASEP,L,02/02/1980,KP. LABUAN,001,002,3601122002,"
    "LABUAN,360112,LABUAN,PUSKESMAS LABUAN,KELAS III,3601120000000011\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = import_path (f, path, NULL, &error);
  g_autoptr(SerahParticipant) asep = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 1);
  g_assert_null (find_problem (report, -1, "unknown-column"));
  g_assert_cmpstr (column_field (report, "nmpst"), ==, "name");
  g_assert_cmpstr (column_field (report, "kdjk"), ==, "sex");
  g_assert_cmpstr (column_field (report, "nm desa"), ==, "desa");
  g_assert_cmpstr (column_field (report, "Kd_Kec"), ==, "kecamatan_code");
  g_assert_cmpstr (column_field (report, "nm kec"), ==, "kecamatan");
  g_assert_cmpstr (column_field (report, "no kk"), ==, "family_no");
  asep = get_by_nik (f, "3601120202800011");
  g_assert_cmpstr (asep->address, ==, "KP. LABUAN RT 001 RW 002");
  g_assert_cmpstr (asep->faskes, ==, "PUSKESMAS LABUAN");
  g_assert_cmpint (asep->care_class, ==, 3);
}

/* A list without desa or kecamatan stops before anything is stored and names the columns
 * it saw; mapping the column, or mapping it to nothing, lets it through. */
static void
test_missing_areas_stop_the_import (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "no-areas.csv",
    "NOKA,NIK,NAMA,JK,LOKASI,WILAYAH\n"
    "0001311000021,3601120303800021,BUDI,L,Caringin,Labuan\n");
  const char *const mapped[] = { "desa=LOKASI", "kecamatan=wilayah", NULL };
  const char *const absent[] = { "desa=", "kecamatan=", NULL };
  SerahImportOptions options = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = import_path (f, path, NULL, &error);
  g_autoptr(SerahParticipant) budi = NULL;

  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_nonnull (strstr (error->message, "desa"));
  g_assert_nonnull (strstr (error->message, "kecamatan"));
  g_assert_nonnull (strstr (error->message, "“LOKASI”"));
  g_assert_nonnull (strstr (error->message, "“WILAYAH”"));
  g_assert_cmpint (count_imports (f), ==, 0);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
  g_clear_error (&error);

  options.mappings = mapped;
  report = import_path (f, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 1);
  budi = get_by_nik (f, "3601120303800021");
  g_assert_cmpstr (budi->desa, ==, "Caringin");
  g_assert_cmpstr (budi->kecamatan, ==, "Labuan");
  g_clear_pointer (&report, serah_import_report_free);

  /* Mapped to nothing: the rows keep the areas the database holds. */
  options.mappings = absent;
  report = import_path (f, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.unchanged, ==, 1);
  g_clear_pointer (&budi, serah_participant_free);
  budi = get_by_nik (f, "3601120303800021");
  g_assert_cmpstr (budi->desa, ==, "Caringin");
}

/* An export that a spreadsheet saved again (NIKs as 3.60112E+15): every row is rejected,
 * nothing is stored, and the report says so. */
static void
test_all_rows_rejected (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-all-rejected.csv", NULL);
  const SerahImportProblem *p;

  g_assert_cmpint (report->counts.rows, ==, 2);
  g_assert_cmpint (report->counts.rejected, ==, 2);
  g_assert_true (serah_import_report_stored_nothing (report));
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
  p = find_problem (report, 2, "nik-scientific");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->column, ==, "NIK");
  g_assert_nonnull (find_problem (report, 3, "nik-scientific"));
}

/* A dry run counts what an import would do, row by row against the database, and leaves
 * the database as it was: no participant, no import record. */
static void
test_dry_run (Fixture *f, gconstpointer data)
{
  SerahImportOptions options = { .dry_run = TRUE };
  g_autoptr(SerahImportReport) dry = import_fixture (f, "office-bpjs.csv", &options);
  g_autoptr(SerahImportReport) real = NULL;
  g_autoptr(SerahImportReport) again = NULL;

  g_assert_true (dry->dry_run);
  g_assert_cmpint (dry->counts.id, ==, 0);
  g_assert_cmpint (dry->counts.imported, ==, 3);
  g_assert_nonnull (dry->counts.sha256);
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
  g_assert_cmpint (count_imports (f), ==, 0);

  real = import_fixture (f, "office-bpjs.csv", NULL);
  g_assert_false (real->dry_run);
  g_assert_cmpint (real->counts.imported, ==, 3);
  g_assert_cmpint (count_imports (f), ==, 1);

  again = import_fixture (f, "office-bpjs.csv", &options);
  g_assert_cmpint (again->counts.unchanged, ==, 3);
  g_assert_cmpint (again->counts.imported, ==, 0);
  g_assert_cmpint (count_imports (f), ==, 1);
}

/* The preview: the columns found, the first rows as they would be stored, the problems;
 * nothing stored. */
static void
test_preview (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = serah_test_fixture ("office-bpjs.csv");
  g_autoptr(SerahImportReport) report = serah_import_preview (f->store, path, NULL, 2, NULL,
                                                              &error);
  const SerahImportColumn *first;
  const SerahParticipant *row;

  g_assert_no_error (error);
  g_assert_true (report->dry_run);
  g_assert_cmpuint (report->columns->len, ==, 13);
  first = report->columns->pdata[0];
  g_assert_cmpstr (first->letter, ==, "A");
  g_assert_cmpstr (first->header, ==, "NOKA");
  g_assert_cmpstr (((SerahImportColumn *) report->columns->pdata[12])->letter, ==, "M");
  g_assert_cmpuint (report->sample->len, ==, 2);
  row = report->sample->pdata[0];
  g_assert_cmpstr (row->nik, ==, "3601120101800001");
  g_assert_cmpstr (row->faskes, ==, "PUSKESMAS LABUAN");
  g_assert_nonnull (find_problem (report, 1, "title-line"));
  g_assert_cmpint (serah_store_count_participants (f->store), ==, 0);
  g_assert_cmpint (count_imports (f), ==, 0);
}

/* A list the importer refuses as it stands (no desa, no kecamatan) still previews: the
 * refusal and the columns, so that the person can map them. */
static void
test_preview_of_a_refused_list (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "tanpa-wilayah.csv",
    "NOKA,NIK,NAMA,JK,LOKASI\n0001311000021,3601120303800021,BUDI,L,Caringin\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = serah_import_preview (f->store, path, NULL, 5, NULL,
                                                              &error);

  g_assert_no_error (error);
  g_assert_nonnull (report);
  g_assert_error (report->refusal, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_MISSING_COLUMN);
  g_assert_cmpuint (report->columns->len, ==, 5);
  g_assert_cmpstr (((SerahImportColumn *) report->columns->pdata[4])->header, ==, "LOKASI");
  g_assert_null (((SerahImportColumn *) report->columns->pdata[4])->field);
  g_assert_cmpstr (((SerahImportColumn *) report->columns->pdata[1])->field, ==, "nik");
  g_assert_cmpuint (report->sample->len, ==, 0);
  g_assert_cmpint (count_imports (f), ==, 0);
}

/* ---- spreadsheets ---- */

static void
assert_problem_at (const SerahImportReport *report, gint64 line, const char *column,
                   const char *code, SerahImportSeverity severity)
{
  const SerahImportProblem *p = find_problem (report, line, code);

  if (p == NULL)
    g_error ("no problem %s on row %" G_GINT64_FORMAT, code, line);
  g_assert_cmpstr (p->column, ==, column);
  g_assert_cmpint (p->severity, ==, severity);
}

static void
assert_birth_date (Fixture *f, const char *nik, const char *iso)
{
  g_autoptr(SerahParticipant) p = get_by_nik (f, nik);
  g_assert_cmpstr (p->birth_date, ==, iso);
}

/* An XLSX written by openpyxl (inline strings): the hidden first sheet and the notes sheet
 * without a header are passed over; title rows above the header (one merged across the
 * header's width) are skipped; rows are the spreadsheet's, columns its letters; a NIK
 * stored as a number is nik-scientific; date cells are dates; a hidden row is read with a
 * warning; a bare day number in the birth-date column is read as one, with a warning. */
static void
test_xlsx (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-bpjs.xlsx", NULL);
  g_autoptr(SerahParticipant) andre = NULL;
  g_autoptr(SerahParticipant) neng = NULL;

  g_assert_cmpstr (report->format, ==, "xlsx");
  g_assert_cmpstr (report->sheet, ==, "Peserta");
  g_assert_cmpint (report->counts.rows, ==, 4);
  g_assert_cmpint (report->counts.imported, ==, 3);
  g_assert_cmpint (report->counts.rejected, ==, 1);
  g_assert_nonnull (find_problem (report, 1, "title-line"));
  g_assert_cmpstr (find_problem (report, 1, "title-line")->raw_value, ==,
                   "DAFTAR PESERTA PBI JK KABUPATEN PANDEGLANG");
  assert_problem_at (report, 6, "B", "nik-scientific", SERAH_IMPORT_SEVERITY_ERROR);
  g_assert_cmpstr (find_problem (report, 6, "nik-scientific")->raw_value, ==, "3.60112E+15");
  assert_problem_at (report, 7, NULL, "hidden-row", SERAH_IMPORT_SEVERITY_WARNING);
  assert_problem_at (report, 7, "F", "birth-date-serial", SERAH_IMPORT_SEVERITY_WARNING);
  g_assert_null (find_problem (report, -1, "unknown-column"));
  g_assert_cmpstr (column_field (report, "NM_DESA"), ==, "desa");
  g_assert_cmpstr (((SerahImportColumn *) report->columns->pdata[11])->letter, ==, "L");

  andre = get_by_nik (f, "3601120101800001");
  g_assert_cmpstr (andre->name, ==, "ANDRÉ SETIAWAN");
  g_assert_cmpstr (andre->card_no, ==, "0001311000001");
  g_assert_cmpstr (andre->birth_date, ==, "1980-01-01");
  g_assert_cmpint (andre->care_class, ==, 3); /* a number cell: 3 */
  assert_birth_date (f, "3601121003900003", "1990-03-10");
  neng = get_by_nik (f, "3601124104950004");
  g_assert_cmpstr (neng->name, ==, "NENG ROHAYATI");
  g_assert_cmpstr (neng->birth_date, ==, "1995-04-01");
}

/* The 1904 date system (Excel for Mac): the same dates come out. */
static void
test_xlsx_1904 (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-1904.xlsx", NULL);

  g_assert_cmpint (report->counts.imported, ==, 3);
  assert_birth_date (f, "3601120101800001", "1980-01-01");
  assert_birth_date (f, "3601121003900003", "1990-03-10");
}

/* Shared strings as Excel and LibreOffice write them (XlsxWriter), rich text joined, a
 * merged title, and a card number typed into a General cell. */
static void
test_xlsx_shared_strings (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-shared.xlsx", NULL);
  g_autoptr(SerahParticipant) andre = NULL;

  g_assert_cmpstr (report->sheet, ==, "Daftar");
  g_assert_cmpint (report->counts.imported, ==, 3);
  g_assert_nonnull (find_problem (report, 1, "title-line"));
  assert_problem_at (report, 7, "A", "card-leading-zeros", SERAH_IMPORT_SEVERITY_ERROR);
  andre = get_by_nik (f, "3601120101800001");
  g_assert_cmpstr (andre->name, ==, "ANDRÉ SETIAWAN");
  g_assert_cmpstr (andre->birth_date, ==, "1980-01-01");
  g_assert_cmpstr (andre->faskes, ==, "PUSKESMAS LABUAN");
  assert_birth_date (f, "3601124502850002", "1985-02-05");
}

/* ODS: a hidden table passed over, a merged title (covered cells), repeated empty rows and
 * columns (LibreOffice writes a million of them as one element), date and float cells, a
 * hidden (collapsed) row, repeated cells. */
static void
test_ods (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-bpjs.ods", NULL);
  g_autoptr(SerahParticipant) andre = NULL;
  g_autoptr(SerahParticipant) ujang = NULL;

  g_assert_cmpstr (report->format, ==, "ods");
  g_assert_cmpstr (report->sheet, ==, "Peserta");
  g_assert_cmpint (report->counts.rows, ==, 3);
  g_assert_cmpint (report->counts.imported, ==, 2);
  g_assert_cmpstr (find_problem (report, 1, "title-line")->raw_value, ==,
                   "DAFTAR PESERTA PBI JK");
  assert_problem_at (report, 6, "B", "nik-scientific", SERAH_IMPORT_SEVERITY_ERROR);
  assert_problem_at (report, 7, NULL, "hidden-row", SERAH_IMPORT_SEVERITY_WARNING);
  andre = get_by_nik (f, "3601120101800001");
  g_assert_cmpstr (andre->name, ==, "ANDRÉ SETIAWAN");
  g_assert_cmpstr (andre->birth_date, ==, "1980-01-01");
  g_assert_cmpint (andre->care_class, ==, 3);
  ujang = get_by_nik (f, "3601121003900003");
  g_assert_cmpstr (ujang->faskes, ==, "X"); /* a repeated cell fills both its columns */
  g_assert_cmpstr (ujang->address, ==, "KP. TELUK");
}

/* --sheet picks a sheet by name; a name the workbook lacks is refused with its sheets. */
static void
test_sheet_option (Fixture *f, gconstpointer data)
{
  g_autofree char *path = serah_test_fixture ("office-bpjs.xlsx");
  SerahImportOptions options = { .sheet = "Lembar9" };
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = import_path (f, path, &options, &error);

  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NO_SHEET);
  g_assert_nonnull (strstr (error->message, "“Peserta”"));
  g_assert_nonnull (strstr (error->message, "“Catatan”"));
  g_clear_error (&error);

  options.sheet = "Catatan";
  report = import_path (f, path, &options, &error);
  g_assert_null (report);
  g_assert_error (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_NOT_CSV);
  g_clear_error (&error);

  options.sheet = "Peserta";
  report = import_path (f, path, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 3);
  g_assert_cmpint (count_imports (f), ==, 1);
}

/* ---- rejected rows and exports that survive a spreadsheet ---- */

/* The rejected-rows file holds each rejected row whole, with its line, codes and reasons;
 * corrected, it imports again (its title line and the line, code and reason columns are
 * skipped). Writing it through the store is audited. */
static void
test_rejects_file_imports_again (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-all-rejected.csv", NULL);
  g_autoptr(SerahImportReport) again = NULL;
  g_autofree char *path = g_build_filename (f->dir, "ditolak.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GString) fixed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  SerahAuditFilter filter = { .action = "export.rejects" };

  g_assert_true (serah_import_report_save_rejects (f->store, report, path, "ani", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\r\n2,nik-scientific card-leading-zeros,NIK: "));
  g_assert_nonnull (strstr (contents, ",3.60112E+15,1311000001,ANDRE SETIAWAN,L,1980-01-01,"
                                      "KP. CARINGIN,Caringin,Labuan,,3\r\n"));
  events = serah_audit_list (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);

  /* Corrected as a person would: the NIKs and card numbers typed again. */
  fixed = g_string_new (contents);
  g_string_replace (fixed, "3.60112E+15,1311000001", "3601120101800001,0001311000001", 1);
  g_string_replace (fixed, "3.60112E+15,1311000002", "3601124502850002,0001311000002", 1);
  g_assert_true (g_file_set_contents (path, fixed->str, (gssize) fixed->len, NULL));
  again = import_path (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->counts.imported, ==, 2);
  g_assert_cmpint (again->counts.rejected, ==, 0);
  g_assert_nonnull (find_problem (again, 1, "title-line"));
}

/* Cells that a spreadsheet would run as formulas leave Serah with an apostrophe in front;
 * numbers stay numbers; the importer takes the apostrophe off again, so that an export
 * imports back unchanged. */
static void
test_export_neutralises_formulas (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "publik.csv",
    "NIK,NO_KARTU,NAMA,JK,ALAMAT,DESA,KECAMATAN,FASKES\n"
    "3601120101800061,0001311000061,\"=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",L,-2+3,"
    "@SUM(A1),=cmd|calc,+62 Puskesmas\n");
  g_autofree char *out = g_build_filename (f->dir, "ekspor.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(SerahImportReport) first = NULL;
  g_autoptr(SerahImportReport) again = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(GError) error = NULL;

  first = import_path (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (first->counts.imported, ==, 1);
  p = get_by_nik (f, "3601120101800061");
  g_assert_cmpstr (p->name, ==, "=HYPERLINK(\"http://x\",\"klik\")");

  g_assert_true (serah_participants_write_csv_file (f->store, NULL, out, NULL, &error));
  g_assert_true (g_file_get_contents (out, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, ",\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\","));
  g_assert_nonnull (strstr (contents, ",'-2+3,'@SUM(A1),'=cmd|calc,'+62 Puskesmas,"));
  g_assert_nonnull (strstr (contents, "\r\n3601120101800061,0001311000061,"));

  again = import_path (f, out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again->counts.unchanged, ==, 1);
}

/* ---- area codes ---- */

/* The shipped reference: every kecamatan and desa of idn-area-data 4.0.1, by code with or
 * without dots, and names compared without case, spaces and "Ds."/"Kec." words. */
static void
test_area_reference (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahAreas) areas = serah_areas_load (NULL, &error);
  const SerahAreaDesa *d;
  const SerahAreaKecamatan *k;
  gboolean ambiguous = FALSE;
  g_autofree char *a = serah_area_fold_name ("DS. CARINGIN");
  g_autofree char *b = serah_area_fold_name ("caringin ");
  g_autofree char *c = serah_area_fold_name ("Kec. Labuan");

  g_assert_no_error (error);
  g_assert_cmpuint (serah_areas_count_kecamatan (areas), ==, 7285);
  g_assert_cmpuint (serah_areas_count_desa (areas), ==, 83762);
  d = serah_areas_desa (areas, "3601122004");
  g_assert_nonnull (d);
  g_assert_true (d == serah_areas_desa (areas, "36.01.12.2004"));
  g_assert_cmpstr (d->name, ==, "Caringin");
  g_assert_cmpstr (d->kecamatan->name, ==, "Labuan");
  g_assert_cmpstr (d->kecamatan->kabupaten->name, ==, "Kabupaten Pandeglang");
  g_assert_cmpstr (a, ==, "caringin");
  g_assert_cmpstr (b, ==, "caringin");
  g_assert_cmpstr (c, ==, "labuan");

  /* Two kecamatan are called Labuan (Pandeglang, Donggala): the office's kabupaten says. */
  g_assert_null (serah_areas_kecamatan_named (areas, "LABUAN", NULL, &ambiguous));
  g_assert_true (ambiguous);
  k = serah_areas_kecamatan_named (areas, "LABUAN", "36.01", &ambiguous);
  g_assert_nonnull (k);
  g_assert_cmpstr (k->code, ==, "36.01.12");
  g_assert_true (serah_areas_desa_named (areas, k, "DS. CARINGIN") == d);
  g_assert_null (serah_areas_desa_named (areas, k, "Sumberjaya"));
  g_assert_nonnull (serah_areas_desa_named_in_kabupaten (areas, k->kabupaten, "Sumberjaya"));
  g_assert_null (serah_areas_kecamatan (areas, "999999"));
}

/* The BPJS list's three spellings of Caringin are stored as one desa, the official name,
 * in Kecamatan Labuan (resolved through the NIK: the list does not say which Labuan). */
static void
test_area_spellings_are_one_desa (Fixture *f, gconstpointer data)
{
  const char *niks[] = { "3601120101800001", "3601124502850002", "3601121003900003" };
  g_autoptr(SerahImportReport) report = import_fixture (f, "office-bpjs.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (niks); i++)
    {
      g_autoptr(SerahParticipant) p = get_by_nik (f, niks[i]);
      g_assert_cmpstr (p->desa, ==, "Caringin");
      g_assert_cmpstr (p->kecamatan, ==, "Labuan");
    }
  g_assert_null (find_problem (report, -1, "desa-not-in-kecamatan"));
  g_assert_null (find_problem (report, -1, "nik-area-unknown"));
}

/* A list with only KD_DESA: the names come from the code, and the list is not refused for
 * lacking desa and kecamatan columns. */
static void
test_area_names_from_codes (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "kode.csv",
    "NOKA;NIK;NAMA;JK;KD_DESA\n"
    "0001311000031;3601120404800031;DEDI;L;3601122010\n"
    "0001311000032;3601120505800032;ENTIN;L;36.01.12.2002\n"
    "0001311000033;3601120606800033;FERRY;L;3601129999\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = import_path (f, path, NULL, &error);
  g_autoptr(SerahParticipant) dedi = NULL;
  g_autoptr(SerahParticipant) entin = NULL;
  g_autoptr(SerahParticipant) ferry = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 3);
  dedi = get_by_nik (f, "3601120404800031");
  g_assert_cmpstr (dedi->desa, ==, "Teluk");
  g_assert_cmpstr (dedi->kecamatan, ==, "Labuan");
  entin = get_by_nik (f, "3601120505800032");
  g_assert_cmpstr (entin->desa, ==, "Labuan");
  /* An unknown code names nothing, with a warning. */
  assert_problem_at (report, 4, "KD_DESA", "desa-code-unknown", SERAH_IMPORT_SEVERITY_WARNING);
  ferry = get_by_nik (f, "3601120606800033");
  g_assert_null (ferry->desa);
}

/* A desa of another kecamatan is flagged with where it is; a NIK whose first six digits
 * are no kecamatan is warned about; the office's kabupaten decides a bare kecamatan name. */
static void
test_area_checks (Fixture *f, gconstpointer data)
{
  g_autofree char *path = write_file (f, "cek.csv",
    "NIK,NO_KARTU,NAMA,JK,DESA,KECAMATAN\n"
    "3601120707800041,0001311000041,GITA,L,Sumberjaya,Labuan\n"
    "9999990808800042,0001311000042,HADI,L,Teluk,Labuan\n"
    "3601120909800043,0001311000043,IWAN,L,Desa Entah,Labuan\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahImportReport) report = NULL;
  g_autoptr(SerahParticipant) hadi = NULL;
  const SerahImportProblem *p;

  g_assert_true (serah_store_set_setting (f->store, "office-kabupaten", "36.01", &error));
  report = import_path (f, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->counts.imported, ==, 3);
  p = find_problem (report, 2, "desa-not-in-kecamatan");
  g_assert_nonnull (p);
  g_assert_cmpstr (p->column, ==, "DESA");
  g_assert_nonnull (strstr (p->message, "Sumur")); /* where Sumberjaya is */
  assert_problem_at (report, 3, "NIK", "nik-area-unknown", SERAH_IMPORT_SEVERITY_WARNING);
  assert_problem_at (report, 4, "DESA", "desa-not-in-kecamatan", SERAH_IMPORT_SEVERITY_WARNING);
  /* HADI's NIK is of no kecamatan, but the office's kabupaten names Labuan. */
  hadi = get_by_nik (f, "9999990808800042");
  g_assert_cmpstr (hadi->desa, ==, "Teluk");
  g_assert_cmpstr (hadi->kecamatan, ==, "Labuan");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/serah/import-office/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("bpjs-layout", test_bpjs_layout);
  ADD ("spaced-lower-case-headers", test_spaced_lower_case_headers);
  ADD ("missing-areas-stop-the-import", test_missing_areas_stop_the_import);
  ADD ("all-rows-rejected", test_all_rows_rejected);
  ADD ("dry-run", test_dry_run);
  ADD ("preview", test_preview);
  ADD ("preview-of-a-refused-list", test_preview_of_a_refused_list);
  ADD ("xlsx", test_xlsx);
  ADD ("xlsx-1904", test_xlsx_1904);
  ADD ("xlsx-shared-strings", test_xlsx_shared_strings);
  ADD ("ods", test_ods);
  ADD ("sheet-option", test_sheet_option);
  ADD ("rejects-file-imports-again", test_rejects_file_imports_again);
  ADD ("area-spellings-are-one-desa", test_area_spellings_are_one_desa);
  ADD ("area-names-from-codes", test_area_names_from_codes);
  ADD ("area-checks", test_area_checks);
  g_test_add_func ("/serah/import-office/area-reference", test_area_reference);
  ADD ("export-neutralises-formulas", test_export_neutralises_formulas);
#undef ADD

  return g_test_run ();
}
