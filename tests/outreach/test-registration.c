/* test-registration.c: on-site registrations: the checks against a fixture of NIKs whose
 * region, birth date and sex disagree with the form (and with the KK) in each possible way,
 * the match against the register, the status events, the import that closes a registration,
 * and the audited submission list (CSV, XLSX). */
#include <sqlite3.h>
#include <string.h>

#include "serah-test-fixture.h"

/* The fixture. The form always says: born 1985-03-12, male (unless the row says otherwise),
 * living in Desa Garut, Kecamatan Kopo (Kabupaten Serang: 36.04.25 in data/areas).
 * NIK 360425 120385 0001 encodes region 36.04.25, born 12-03-85, male (a woman's day is
 * 12 + 40 = 52). Region "differs" means the KK was issued in another region (36.01.15) than
 * the NIK; region "elsewhere" a NIK issued in a real kecamatan other than the form's (36.01.12,
 * Labuan, Pandeglang: after a move); "unknown" a plausible code that is no kecamatan of the
 * area reference (36.04.99); "invalid" a region code that cannot exist. Each row lists exactly
 * the codes serah_registration_check must give, errors and warnings, in the order it finds
 * them. */
static const struct {
  const char *what;
  const char *nik;
  const char *kk;
  const char *sex;
  const char *birth;
  const char *codes;  /* comma-separated, "" for none */
  gboolean    refused;
} fixture[] = {
  /* region, date, sex: the eight ways to agree or disagree */
  { "all agree",            "3604251203850001", "3604250101100002", "L", "1985-03-12", "", FALSE },
  { "region",               "3604251203850001", "3601150101100002", "L", "1985-03-12", "kk-region-differs", FALSE },
  { "date",                 "3604251203850001", "3604250101100002", "L", "1985-03-13", "nik-birthdate-mismatch", FALSE },
  { "sex",                  "3604251203850001", "3604250101100002", "P", "1985-03-12", "nik-sex-mismatch", FALSE },
  { "region+date",          "3604251203850001", "3601150101100002", "L", "1986-03-12", "kk-region-differs,nik-birthdate-mismatch", FALSE },
  { "region+sex",           "3604251203850001", "3601150101100002", "P", "1985-03-12", "kk-region-differs,nik-sex-mismatch", FALSE },
  { "date+sex",             "3604251203850001", "3604250101100002", "P", "1985-04-12", "nik-sex-mismatch,nik-birthdate-mismatch", FALSE },
  { "region+date+sex",      "3604251203850001", "3601150101100002", "P", "1985-03-21", "kk-region-differs,nik-sex-mismatch,nik-birthdate-mismatch", FALSE },
  /* the NIK's region against the area reference and the form's kecamatan (issue 15 item 3):
   * region elsewhere, date, sex, in each combination; warnings only, since people move */
  { "elsewhere",            "3601121203850001", "3601120101100002", "L", "1985-03-12", "nik-region-elsewhere", FALSE },
  { "elsewhere+date",       "3601121203850001", "3601120101100002", "L", "1985-03-13", "nik-region-elsewhere,nik-birthdate-mismatch", FALSE },
  { "elsewhere+sex",        "3601121203850001", "3601120101100002", "P", "1985-03-12", "nik-region-elsewhere,nik-sex-mismatch", FALSE },
  { "elsewhere+date+sex",   "3601121203850001", "3601120101100002", "P", "1984-03-12", "nik-region-elsewhere,nik-sex-mismatch,nik-birthdate-mismatch", FALSE },
  { "elsewhere, KK here",   "3601121203850001", "3604250101100002", "L", "1985-03-12", "kk-region-differs,nik-region-elsewhere", FALSE },
  { "unknown kecamatan",    "3604991203850001", "3604990101100002", "L", "1985-03-12", "nik-region-unknown", FALSE },
  { "unknown+date+sex",     "3604991203850001", "3604990101100002", "P", "1985-03-14", "nik-region-unknown,nik-sex-mismatch,nik-birthdate-mismatch", FALSE },
  /* a woman's NIK read right */
  { "woman agrees",         "3604255203850001", "3604250101100002", "P", "1985-03-12", "", FALSE },
  { "woman, form says L",   "3604255203850001", "3604250101100002", "L", "1985-03-12", "nik-sex-mismatch", FALSE },
  /* regions that cannot exist: refused */
  { "no such province",     "9904251203850001", "3604250101100002", "L", "1985-03-12", "nik-region-invalid", TRUE },
  { "kabupaten 00",         "3600251203850001", "3604250101100002", "L", "1985-03-12", "nik-region-invalid", TRUE },
  { "kecamatan 00",         "3604001203850001", "3604250101100002", "L", "1985-03-12", "nik-region-invalid", TRUE },
  { "KK province",          "3604251203850001", "0004250101100002", "L", "1985-03-12", "kk-region-invalid", TRUE },
  { "region invalid+date+sex", "9904251203850001", "3604250101100002", "P", "1985-03-13", "nik-region-invalid,nik-sex-mismatch,nik-birthdate-mismatch", TRUE },
  /* structure */
  { "NIK date impossible",  "3604253513850001", "3604250101100002", "L", "1985-03-12", "nik-date-invalid", TRUE },
  { "NIK 15 digits",        "360425120385001",  "3604250101100002", "L", "1985-03-12", "nik-length", TRUE },
  { "NIK with a letter",    "36042512038500O1", "3604250101100002", "L", "1985-03-12", "nik-invalid", TRUE },
  { "KK 15 digits",         "3604251203850001", "360425010110002", "L", "1985-03-12", "kk-length", TRUE },
  { "sex missing",          "3604251203850001", "3604250101100002", "",  "1985-03-12", "sex-missing", TRUE },
  { "born in the future",   "3604251203850001", "3604250101100002", "L", "2027-03-12", "birth-date-future", TRUE },
  { "birth date not a date","3604251203850001", "3604250101100002", "L", "1985-02-30", "birth-date-invalid", TRUE },
};

static SerahRegistration *
draft_for (const char *nik, const char *kk, const char *sex, const char *birth, const char *name)
{
  SerahRegistration *r = serah_registration_new ();

  g_strlcpy (r->nik, nik, sizeof r->nik);
  g_strlcpy (r->kk, kk, sizeof r->kk);
  if (*sex)
    g_assert_true (serah_sex_parse (sex, &r->sex));
  g_strlcpy (r->birth_date, birth, sizeof r->birth_date);
  r->name = g_strdup (name);
  r->address = g_strdup ("Kp. Teluk");
  r->rt = g_strdup ("001");
  r->rw = g_strdup ("002");
  r->desa = g_strdup ("Garut");
  r->kecamatan = g_strdup ("Kopo");
  r->reason = g_strdup ("belum pernah didaftarkan");
  return r;
}

static void
test_checks (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixture); i++)
    {
      g_autoptr(SerahRegistration) d = draft_for (fixture[i].nik, fixture[i].kk, fixture[i].sex,
                                                  fixture[i].birth, "Ahmad");
      g_autoptr(GPtrArray) problems = serah_registration_check (d, "2026-12-06");
      g_autoptr(GString) codes = g_string_new (NULL);
      gboolean any_error = FALSE;

      for (guint k = 0; k < problems->len; k++)
        {
          const SerahRegistrationProblem *p = problems->pdata[k];
          g_string_append_printf (codes, "%s%s", k ? "," : "", p->code);
          any_error |= p->error;
          g_assert_nonnull (p->message);
        }
      g_test_message ("%s: %s", fixture[i].what, codes->str);
      g_assert_cmpstr (codes->str, ==, fixture[i].codes);
      g_assert_cmpint (any_error, ==, fixture[i].refused);
    }
}

/* Without a kecamatan on the form, the desa is looked for in the NIK's kecamatan. */
static void
test_region_by_desa (void)
{
  static const struct { const char *desa; const char *codes; } rows[] = {
    { "Garut", "" },            /* a desa of Kopo (36.04.25) */
    { "kopo", "" },             /* names compared folded */
    { "Caringin", "nik-region-elsewhere" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_autoptr(SerahRegistration) d = draft_for ("3604251203850001", "3604250101100002", "L",
                                                  "1985-03-12", "Ahmad");
      g_autoptr(GPtrArray) problems = NULL;
      g_autoptr(GString) codes = g_string_new (NULL);

      g_clear_pointer (&d->kecamatan, g_free);
      g_free (d->desa);
      d->desa = g_strdup (rows[i].desa);
      problems = serah_registration_check (d, "2026-12-06");
      for (guint k = 0; k < problems->len; k++)
        g_string_append_printf (codes, "%s%s", k ? "," : "",
                                ((SerahRegistrationProblem *) problems->pdata[k])->code);
      g_assert_cmpstr (codes->str, ==, rows[i].codes);
    }
}

/* The warning names the kecamatan the NIK was issued in, from the area reference. */
static void
test_region_message (void)
{
  g_autoptr(SerahRegistration) d = draft_for ("3601121203850001", "3601120101100002", "L",
                                              "1985-03-12", "Ahmad");
  g_autoptr(GPtrArray) problems = serah_registration_check (d, "2026-12-06");
  const SerahRegistrationProblem *p;

  g_assert_cmpuint (problems->len, ==, 1);
  p = problems->pdata[0];
  g_assert_false (p->error);
  g_assert_nonnull (strstr (p->message, "Labuan"));
  g_assert_nonnull (strstr (p->message, "36.01.12"));
  g_assert_nonnull (strstr (p->message, "Kopo"));
}

static void
import_list (SerahStore *store, const char *dir, const char *csv_text, gint64 *import_id)
{
  g_autofree char *path = g_build_filename (dir, "verified.csv", NULL);
  g_autoptr(GError) error = NULL;
  SerahImportOptions options = { 0 };
  SerahImportReport *report;

  options.operator_name = "ani";
  g_assert_true (g_file_set_contents (path, csv_text, -1, NULL));
  report = serah_import_file (store, path, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  *import_id = report->counts.id;
  serah_import_report_free (report);
}

static void
test_record_match_and_status (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahRegistration) ok = draft_for ("3604251203850001", "3604250101100002", "L",
                                               "12/03/1985", " Ahmad Fauzi ");
  g_autoptr(SerahRegistration) warned = draft_for ("3604255203850009", "3601150101100002", "P",
                                                   "1985-03-13", "Nur Aini");
  g_autoptr(SerahRegistration) participant = draft_for ("3601010101800001", "3601010101100001",
                                                        "L", "1980-01-01", "Budi Saputra");
  g_autoptr(SerahRegistration) back = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) list = NULL;
  SerahRegistrationFilter only_open = { TRUE, SERAH_REGISTRATION_SUBMITTED, NULL, NULL, 0 };
  gint64 id, id2, id3, import_id = 0;
  sqlite3 *db = NULL;

  import_list (store, dir,
               "NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,FASKES,KELAS\n"
               "3601010101800001,0001234500001,Budi Saputra,L,1980-01-01,Kp. Caringin,"
               "Caringin,Labuan,Puskesmas Labuan,3\n", &import_id);

  id = serah_registration_record (store, ok, "2026-12-06", "siti", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  back = serah_registration_get (store, id, &error);
  g_assert_cmpstr (back->name, ==, "Ahmad Fauzi");
  g_assert_cmpstr (back->birth_date, ==, "1985-03-12");
  g_assert_cmpint (back->status, ==, SERAH_REGISTRATION_SUBMITTED);
  g_assert_cmpstr (back->status_by, ==, "siti");
  g_assert_null (back->warnings);
  g_clear_pointer (&back, serah_registration_free);

  /* Warnings do not refuse; they are kept with the registration. */
  id2 = serah_registration_record (store, warned, "2026-12-06", "siti", &problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  back = serah_registration_get (store, id2, &error);
  g_assert_cmpstr (back->warnings, ==, "kk-region-differs,nik-birthdate-mismatch");
  g_clear_pointer (&back, serah_registration_free);

  /* Already a participant; already registered and open: refused by a rule. */
  g_assert_cmpint (serah_registration_record (store, participant, "2026-12-06", "siti", NULL,
                                              &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED);
  g_assert_null (strstr (error->message, "3601010101800001")); /* the NIK is masked */
  g_clear_error (&error);
  g_assert_cmpint (serah_registration_record (store, ok, "2026-12-06", "siti", NULL, &error), ==, 0);
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED);
  g_clear_error (&error);

  /* Status: a rejection needs a reason; verified then rejected; rejected is final, and the
   * person may be registered anew. */
  g_assert_false (serah_registration_set_status (store, id, SERAH_REGISTRATION_REJECTED, " ",
                                                 "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (serah_registration_set_status (store, id, SERAH_REGISTRATION_VERIFIED, NULL,
                                                "ani", &error));
  g_assert_true (serah_registration_set_status (store, id, SERAH_REGISTRATION_REJECTED,
                                                "NIK tidak ditemukan di Dukcapil", "ani", &error));
  g_assert_no_error (error);
  g_assert_false (serah_registration_set_status (store, id, SERAH_REGISTRATION_VERIFIED, NULL,
                                                 "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED);
  g_clear_error (&error);
  back = serah_registration_get (store, id, &error);
  g_assert_cmpint (back->status, ==, SERAH_REGISTRATION_REJECTED);
  g_assert_cmpstr (back->status_reason, ==, "NIK tidak ditemukan di Dukcapil");
  g_clear_pointer (&back, serah_registration_free);
  id3 = serah_registration_record (store, ok, "2026-12-06", "siti", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id3, >, id2);

  list = serah_registration_list (store, &only_open, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A later verified list brings Nur Aini's and Ahmad's NIKs in: both registrations are closed
   * by that import, the rejected one too; a covered registration takes no further event. */
  import_list (store, dir,
               "NIK,NO_KARTU,NAMA,JK,TGL_LAHIR,ALAMAT,DESA,KECAMATAN,FASKES,KELAS\n"
               "3604255203850009,0001234500009,Nur Aini,P,1985-03-12,Kp. Teluk,Teluk,Labuan,"
               "Puskesmas Labuan,3\n"
               "3604251203850001,0001234500010,Ahmad Fauzi,L,1985-03-12,Kp. Teluk,Teluk,Labuan,"
               "Puskesmas Labuan,3\n", &import_id);
  for (guint i = 0; i < 3; i++)
    {
      gint64 which = i == 0 ? id : i == 1 ? id2 : id3;
      back = serah_registration_get (store, which, &error);
      g_assert_no_error (error);
      g_assert_cmpint (back->status, ==, SERAH_REGISTRATION_COVERED);
      g_assert_cmpint (back->status_import_id, ==, import_id);
      g_assert_cmpstr (back->status_by, ==, "ani");
      g_clear_pointer (&back, serah_registration_free);
    }
  g_assert_false (serah_registration_set_status (store, id2, SERAH_REGISTRATION_REJECTED, "x",
                                                 "ani", &error));
  g_assert_error (error, SERAH_OUTREACH_ERROR, SERAH_OUTREACH_ERROR_REFUSED);
  g_clear_error (&error);

  /* The database refuses rewriting a registration or its history. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE registration_events SET status = 'submitted'", NULL,
                                 NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM registration_events", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE registrations SET name = 'x'", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO registration_events (registration_id, status,"
                                 " at) VALUES (1, 'verified', 0)", NULL, NULL, NULL), !=,
                   SQLITE_OK);
  sqlite3_close (db);
  serah_test_rm_rf (dir);
}

/* The submission list carries full NIKs and KKs (the office's copy for verification), as text
 * in the workbook; each export is in the audit log. */
static void
test_export (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autofree char *csv_path = g_build_filename (dir, "daftar.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "daftar.xlsx", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahRegistration) d = draft_for ("3604255203850009", "3601150101100002", "P",
                                              "1985-03-12", "Nur Aini");
  g_autoptr(GPtrArray) events = NULL;
  SerahAuditFilter audit = { 0, "export.registrations", 0 };
  gsize length = 0;
  guint n = 0;

  g_assert_cmpint (serah_registration_record (store, d, "2026-12-06", "siti", NULL, &error), >, 0);
  g_assert_true (serah_registration_export (store, NULL, SERAH_REGISTRATION_FORMAT_CSV, csv_path,
                                            "ani", &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_file_get_contents (csv_path, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "NO,TGL_DAFTAR,NIK,NO_KK,NAMA,JK,TGL_LAHIR"));
  g_assert_nonnull (strstr (text, ",3604255203850009,3601150101100002,Nur Aini,P,1985-03-12,"
                                  "Kp. Teluk,001,002,Garut,Kopo,,belum pernah didaftarkan,,"
                                  "diajukan,,kk-region-differs\r\n"));
  g_clear_pointer (&text, g_free);
  g_assert_true (serah_registration_export (store, NULL, SERAH_REGISTRATION_FORMAT_XLSX,
                                            xlsx_path, "ani", &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx_path, &text, &length, NULL));
  g_assert_cmpuint (length, >, 4);
  g_assert_cmpmem (text, 2, "PK", 2);

  events = serah_audit_list (store, &audit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 2);

  /* A file that cannot be written leaves no audit event. */
  g_assert_false (serah_registration_export (store, NULL, SERAH_REGISTRATION_FORMAT_CSV,
                                             "/nonexistent/dir/x.csv", "ani", NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = serah_audit_list (store, &audit, &error);
  g_assert_cmpuint (events->len, ==, 2);
  serah_test_rm_rf (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/serah/registration/checks", test_checks);
  g_test_add_func ("/serah/registration/region-by-desa", test_region_by_desa);
  g_test_add_func ("/serah/registration/region-message", test_region_message);
  g_test_add_func ("/serah/registration/record-match-and-status", test_record_match_and_status);
  g_test_add_func ("/serah/registration/export", test_export);
  return g_test_run ();
}
