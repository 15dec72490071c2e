/* test-report.c: the monitoring reports against a database with known content: coverage
 * figures per desa, kecamatan and in total, for one ceremony and for all; the list of cards
 * not yet collected (NIK masked); indicators; and the files: CSV, XLSX read back (NIKs and
 * card numbers stored as text, counts as numbers) and PDF read back with pdftotext. */
#include "config.h"

#include <string.h>

#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"
#include "testimonials/serah-store-testimonial-private.h"

/*  id  kecamatan  desa       printed        ceremony 1 (Labuan)        ceremony 2 (Menes)
 *  0   Labuan     Caringin   yes            invited, self
 *  1   Labuan     Caringin   yes            invited, representative
 *  2   Labuan     Caringin   yes            invited, handed then undone
 *  3   Labuan     Caringin   no             invited
 *  4   Labuan     Teluk      yes            invited, self
 *  5   Labuan     Teluk      no             invited
 *  6   Menes      Alaswangi  yes                                       invited, self
 *  7   Menes      Alaswangi  voided                                    invited
 *  8   Menes      Alaswangi  no                                        invited
 */
static const struct { const char *kec, *desa, *name; gboolean printed, voided; } people[] = {
  { "Labuan", "Caringin", "Ahmad Saputra", TRUE, FALSE },
  { "Labuan", "Caringin", "Budi Hidayat", TRUE, FALSE },
  { "Labuan", "Caringin", "Citra Rahman", TRUE, FALSE },
  { "Labuan", "Caringin", "Dedi Setiawan", FALSE, FALSE },
  { "Labuan", "Teluk", "Eko Kurniawan", TRUE, FALSE },
  { "Labuan", "Teluk", "Fitri Suryana", FALSE, FALSE },
  { "Menes", "Alaswangi", "Gunawan", TRUE, FALSE },
  { "Menes", "Alaswangi", "Hasanah", TRUE, TRUE },
  { "Menes", "Alaswangi", "Imas Nurhayati", FALSE, FALSE },
};

typedef struct {
  char       *dir;
  SerahStore *store;
  gint64      pid[G_N_ELEMENTS (people)];
  char        nik[G_N_ELEMENTS (people)][17];
  char        card[G_N_ELEMENTS (people)][14];
  gint64      c1, c2;
} Fixture;

static SerahHandover *
hand (Fixture *f, gint64 ceremony, guint who, gboolean representative)
{
  g_autoptr(GError) error = NULL;
  SerahHandoverRequest req = { 0 };
  SerahHandover *h;

  req.ceremony_id = ceremony;
  req.participant_id = f->pid[who];
  req.identified_by = SERAH_IDENTIFIED_SEARCH;
  req.operator_name = "Petugas";
  req.station = "meja-1";
  if (representative)
    {
      req.proxy_name = "Siti Wakil";
      req.proxy_relation = "istri";
    }
  h = serah_ceremony_record_handover (f->store, &req, NULL, &error);
  g_assert_no_error (error);
  return h;
}

static void
invite (Fixture *f, gint64 ceremony, guint from, guint to)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  gint64 added = 0;

  for (guint i = from; i <= to; i++)
    g_ptr_array_add (keys, f->card[i]);
  g_ptr_array_add (keys, NULL);
  g_assert_true (serah_ceremony_invite_keys (f->store, ceremony, (const char *const *) keys->pdata,
                                             "Petugas", &added, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (added, ==, to - from + 1);
}

static void
testimonial (Fixture *f, gint64 ceremony, guint who, int rating, const char *const *tags,
             SerahConsent consent)
{
  g_autoptr(GError) error = NULL;
  SerahTestimonialDraft d = { 0 };

  d.ceremony_id = ceremony;
  d.participant_id = f->pid[who];
  d.text = "Terima kasih";
  d.rating = rating;
  d.tags = tags;
  d.consent = consent;
  g_assert_cmpint (serah_testimonial_add (f->store, &d, &error), >, 0);
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahPrintRun) run = g_new0 (SerahPrintRun, 1);
  SerahImportRecord counts = { 0 };
  static const char *const t1[] = { "pelayanan", "manfaat", NULL };
  static const char *const t2[] = { "pelayanan", NULL };
  int position = 0;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);

  /* Two imports of 6 and 3 new participants. */
  counts.id = serah_store_insert_import (f->store, "daftar-labuan.csv", "aa", &error);
  counts.rows = counts.imported = 6;
  g_assert_true (serah_store_finish_import (f->store, &counts, &error));
  counts.id = serah_store_insert_import (f->store, "daftar-menes.csv", "bb", &error);
  counts.rows = 4;
  counts.imported = 3;
  counts.rejected = 1;
  g_assert_true (serah_store_finish_import (f->store, &counts, &error));
  g_assert_no_error (error);

  run->template_name = g_strdup ("kis");
  run->sheet_name = g_strdup ("a4-2x5");
  g_assert_true (serah_store_insert_print_run (f->store, run, &error));
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      g_autoptr(SerahParticipant) p = NULL;

      g_snprintf (f->nik[i], sizeof f->nik[i], "36010%d41018000%02u", i < 6 ? 1 : 3, i + 1);
      g_snprintf (f->card[i], sizeof f->card[i], "00012345678%02u", i + 1);
      p = serah_test_participant (f->nik[i], f->card[i], people[i].name, people[i].desa);
      g_free (p->kecamatan);
      p->kecamatan = g_strdup (people[i].kec);
      p->address = g_strdup_printf ("Kp. %s RT 001", people[i].desa);
      g_assert_true (serah_store_upsert_participant (f->store, p, 0, NULL, &error));
      g_assert_no_error (error);
      f->pid[i] = p->id;
      if (people[i].printed)
        {
          gint64 serial;

          position++;
          serial = serah_store_insert_printed_card (f->store, run->id, p->id, 1, position,
                                                    people[i].desa, position, 0, &error);
          g_assert_no_error (error);
          if (people[i].voided)
            g_assert_true (serah_store_void_card (f->store, serial, "rusak", "Petugas", 0, &error));
        }
    }

  f->c1 = serah_ceremony_create (f->store, "Penyerahan Labuan", "2026-11-20", "Aula Kecamatan",
                                 "Petugas", &error);
  f->c2 = serah_ceremony_create (f->store, "Penyerahan Menes", "2026-11-21", "Balai Desa",
                                 "Petugas", &error);
  g_assert_no_error (error);
  invite (f, f->c1, 0, 5);
  invite (f, f->c2, 6, 8);
  serah_handover_free (hand (f, f->c1, 0, FALSE));
  serah_handover_free (hand (f, f->c1, 1, TRUE));
  {
    g_autoptr(SerahHandover) h = hand (f, f->c1, 2, FALSE);
    g_autoptr(SerahHandover) u = serah_ceremony_undo_handover (f->store, f->c1, h->uuid,
                                                               "salah orang", "Petugas",
                                                               "meja-1", &error);
    g_assert_no_error (error);
  }
  serah_handover_free (hand (f, f->c1, 4, FALSE));
  serah_handover_free (hand (f, f->c2, 6, FALSE));

  testimonial (f, f->c1, 0, 5, t1, SERAH_CONSENT_NAMED);
  testimonial (f, f->c1, 1, 4, t2, SERAH_CONSENT_NONE);
  testimonial (f, f->c2, 6, 5, t2, SERAH_CONSENT_ANONYMOUS);
  testimonial (f, f->c2, 6, 0, NULL, SERAH_CONSENT_ANONYMOUS);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

static void
assert_row (const SerahCoverageRow *r, gint64 participants, gint64 printed, gint64 invited,
            gint64 self, gint64 rep, gint64 not_collected, double fraction)
{
  g_assert_cmpint (r->participants, ==, participants);
  g_assert_cmpint (r->printed, ==, printed);
  g_assert_cmpint (r->invited, ==, invited);
  g_assert_cmpint (r->to_self, ==, self);
  g_assert_cmpint (r->to_representative, ==, rep);
  g_assert_cmpint (r->not_collected, ==, not_collected);
  g_assert_cmpfloat_with_epsilon (serah_coverage_row_fraction (r), fraction, 1e-9);
}

static void
test_coverage_all (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCoverage) cov = serah_report_coverage (f->store, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (cov->desa->len, ==, 3);
  g_assert_cmpuint (cov->kecamatan->len, ==, 2);
  /* Over all ceremonies, "not yet collected" is holding a printed card and no handover. */
  assert_row (cov->desa->pdata[0], 4, 3, 4, 1, 1, 1, 2.0 / 3);      /* Caringin: Citra */
  g_assert_cmpstr (((SerahCoverageRow *) cov->desa->pdata[0])->desa, ==, "Caringin");
  assert_row (cov->desa->pdata[1], 2, 1, 2, 1, 0, 0, 1.0);          /* Teluk */
  assert_row (cov->desa->pdata[2], 3, 1, 3, 1, 0, 0, 1.0);          /* Alaswangi: voided */
  assert_row (cov->kecamatan->pdata[0], 6, 4, 6, 2, 1, 1, 3.0 / 4);
  g_assert_cmpstr (((SerahCoverageRow *) cov->kecamatan->pdata[0])->kecamatan, ==, "Labuan");
  g_assert_null (((SerahCoverageRow *) cov->kecamatan->pdata[0])->desa);
  assert_row (cov->kecamatan->pdata[1], 3, 1, 3, 1, 0, 0, 1.0);
  assert_row (&cov->total, 9, 5, 9, 3, 1, 1, 4.0 / 5);
}

static void
test_coverage_ceremony (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCoverage) cov = serah_report_coverage (f->store, f->c1, &error);
  g_autoptr(SerahCoverage) none = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (cov->title, "Penyerahan Labuan"));
  /* Only the areas the ceremony concerns; not yet collected = invited, not handed over. */
  g_assert_cmpuint (cov->desa->len, ==, 2);
  assert_row (cov->desa->pdata[0], 4, 3, 4, 1, 1, 2, 0.5);
  assert_row (cov->desa->pdata[1], 2, 1, 2, 1, 0, 1, 0.5);
  assert_row (&cov->total, 6, 4, 6, 2, 1, 3, 0.5);

  none = serah_report_coverage (f->store, 999, &error);
  g_assert_null (none);
  g_assert_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_NOT_FOUND);
}

static void
test_uncollected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) c1 = serah_report_uncollected (f->store, f->c1, &error);
  g_autoptr(GPtrArray) all = NULL;
  const SerahUncollectedRow *r;

  g_assert_no_error (error);
  g_assert_cmpuint (c1->len, ==, 3);
  r = c1->pdata[0];
  g_assert_cmpstr (r->name, ==, "Citra Rahman");
  g_assert_cmpstr (r->desa, ==, "Caringin");
  g_assert_cmpstr (r->card_no, ==, f->card[2]);
  g_assert_cmpstr (r->stack, ==, "Caringin #3");
  /* Masked: region and the last two digits only. */
  g_assert_cmpstr (r->nik_masked, ==, "360101********03");
  r = c1->pdata[1];
  g_assert_cmpstr (r->name, ==, "Dedi Setiawan");
  g_assert_null (r->stack);
  g_assert_cmpstr (((SerahUncollectedRow *) c1->pdata[2])->name, ==, "Fitri Suryana");

  all = serah_report_uncollected (f->store, 0, &error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpstr (((SerahUncollectedRow *) all->pdata[0])->name, ==, "Citra Rahman");
}

static void
test_indicators (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahIndicators) all = serah_report_indicators (f->store, 0, &error);
  g_autoptr(SerahIndicators) c1 = NULL;
  const SerahDailyHandovers *day;

  g_assert_no_error (error);
  g_assert_cmpuint (all->imports->len, ==, 2);
  g_assert_cmpint (((SerahImportPoint *) all->imports->pdata[0])->cumulative, ==, 6);
  g_assert_cmpint (((SerahImportPoint *) all->imports->pdata[1])->cumulative, ==, 9);
  g_assert_cmpint (((SerahImportPoint *) all->imports->pdata[1])->rejected, ==, 1);

  /* All handovers were today; the undone one does not count. */
  g_assert_cmpuint (all->daily->len, ==, 1);
  day = all->daily->pdata[0];
  g_assert_cmpint (day->to_self, ==, 3);
  g_assert_cmpint (day->to_representative, ==, 1);

  g_assert_cmpint (all->testimonials, ==, 4);
  g_assert_cmpint (all->ratings[0], ==, 1);
  g_assert_cmpint (all->ratings[4], ==, 1);
  g_assert_cmpint (all->ratings[5], ==, 2);
  g_assert_cmpfloat_with_epsilon (all->rating_average, 14.0 / 3, 1e-9);
  g_assert_cmpuint (all->tags->len, ==, 2);
  g_assert_cmpstr (((SerahTagCount *) all->tags->pdata[0])->tag, ==, "pelayanan");
  g_assert_cmpint (((SerahTagCount *) all->tags->pdata[0])->count, ==, 3);
  g_assert_cmpint (((SerahTagCount *) all->tags->pdata[1])->count, ==, 1);

  c1 = serah_report_indicators (f->store, f->c1, &error);
  g_assert_no_error (error);
  day = c1->daily->pdata[0];
  g_assert_cmpint (day->to_self, ==, 2);
  g_assert_cmpint (day->to_representative, ==, 1);
  g_assert_cmpint (c1->testimonials, ==, 2);
  g_assert_cmpfloat_with_epsilon (c1->rating_average, 4.5, 1e-9);
}

static void
test_suggestions (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  /* The person just served: the latest live handover (the undone one does not count). */
  g_assert_cmpint (serah_store_latest_handover_participant (f->store, f->c1, &error), ==, f->pid[4]);
  g_assert_cmpint (serah_store_latest_handover_participant (f->store, f->c2, &error), ==, f->pid[6]);
  g_assert_cmpint (serah_store_latest_handover_participant (f->store, 999, &error), ==, 0);
  g_assert_no_error (error);
  /* The ceremony in progress: open, with the latest handover; a closed one is skipped. */
  g_assert_cmpint (serah_store_guess_active_ceremony (f->store, &error), ==, f->c2);
  g_assert_true (serah_ceremony_close (f->store, f->c2, "Petugas", &error));
  g_assert_cmpint (serah_store_guess_active_ceremony (f->store, &error), ==, f->c1);
  g_assert_no_error (error);
}

static char *
run_capture (const char *const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL,
                               G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The <c> element of cell ref in a worksheet's XML, e.g. <c r="E2" s="3" t="s"><v>7</v></c>. */
static char *
cell_xml (const char *sheet, const char *ref)
{
  g_autofree char *open = g_strdup_printf ("<c r=\"%s\"", ref);
  const char *start = strstr (sheet, open);
  const char *end;

  if (start == NULL)
    return NULL;
  end = strstr (start, "</c>");
  return end ? g_strndup (start, end + 4 - start) : g_strdup (start);
}

static void
test_files (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "cakupan.csv", NULL);
  g_autofree char *xlsx = g_build_filename (f->dir, "belum.xlsx", NULL);
  g_autofree char *cov_xlsx = g_build_filename (f->dir, "cakupan.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "belum.pdf", NULL);
  g_autofree char *ind_pdf = g_build_filename (f->dir, "indikator.pdf", NULL);
  g_autofree char *ind_xlsx = g_build_filename (f->dir, "indikator.xlsx", NULL);
  g_autofree char *ind_csv = g_build_filename (f->dir, "indikator.csv", NULL);
  g_autofree char *text = NULL;

  g_assert_true (serah_report_write (f->store, SERAH_REPORT_COVERAGE, f->c1, SERAH_REPORT_FORMAT_CSV, csv, "Petugas", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Kecamatan,Desa,Peserta,Kartu dicetak,Diundang"));
  g_assert_nonnull (strstr (text, "\r\nLabuan,Caringin,4,3,4,1,1,2,2,50.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nLabuan,Jumlah Kec. Labuan,6,4,6,2,1,3,3,50.0\r\n"));
  g_assert_nonnull (strstr (text, "\r\nTotal,,6,4,6,2,1,3,3,50.0\r\n"));
  g_clear_pointer (&text, g_free);

  g_assert_true (serah_report_write (f->store, SERAH_REPORT_INDICATORS, 0, SERAH_REPORT_FORMAT_CSV, ind_csv, "Petugas", &error));
  g_assert_true (g_file_get_contents (ind_csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "daftar-menes.csv,4,3,0,1,9\r\n"));
  g_assert_nonnull (strstr (text, "Rata-rata,4.67\r\n"));
  g_clear_pointer (&text, g_free);

  /* XLSX: the NIK and card number cells are strings (t="s") in a text-formatted column, the
   * running number is a number; the shared strings hold the masked NIK, never the full one. */
  g_assert_true (serah_report_write (f->store, SERAH_REPORT_UNCOLLECTED, f->c1, SERAH_REPORT_FORMAT_XLSX, xlsx, "Petugas", &error));
  g_assert_no_error (error);
  if (g_getenv ("SERAH_TEST_KEEP") != NULL)
    {
      g_autofree char *keep = g_build_filename (g_getenv ("SERAH_TEST_KEEP"), "belum.xlsx", NULL);
      g_autoptr(GFile) src = g_file_new_for_path (xlsx);
      g_autoptr(GFile) dst = g_file_new_for_path (keep);
      g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, NULL);
    }
  {
      const char *sheet_argv[] = { "unzip", "-p", xlsx, "xl/worksheets/sheet1.xml", NULL };
      const char *strings_argv[] = { "unzip", "-p", xlsx, "xl/sharedStrings.xml", NULL };
      const char *styles_argv[] = { "unzip", "-p", xlsx, "xl/styles.xml", NULL };
      g_autofree char *sheet = run_capture (sheet_argv);
      g_autofree char *styles = run_capture (styles_argv);
      g_autofree char *a2 = cell_xml (sheet, "A2");
      g_autofree char *e2 = cell_xml (sheet, "E2");
      g_autofree char *f2 = cell_xml (sheet, "F2");

      (void) strings_argv;
      /* This list is written in constant-memory mode: strings inline (t="inlineStr"). */
      g_assert_nonnull (a2);
      g_assert_null (strstr (a2, "t=\""));                  /* No: a number */
      g_assert_nonnull (strstr (e2, "t=\"inlineStr\""));   /* NIK: a string ... */
      g_assert_nonnull (strstr (e2, "360101********03"));  /* ... masked */
      g_assert_nonnull (strstr (f2, "t=\"inlineStr\""));   /* card number: a string ... */
      g_assert_nonnull (strstr (f2, f->card[2]));          /* ... with its leading zeros */
      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        g_assert_null (strstr (sheet, f->nik[i]));
      /* The cells' style carries the text format "@"; the header row is frozen. */
      g_assert_nonnull (strstr (styles, "formatCode=\"@\""));
      g_assert_nonnull (strstr (sheet, "<col min=\"5\" max=\"5\""));
      g_assert_nonnull (strstr (sheet, "state=\"frozen\""));
    }

  g_assert_true (serah_report_write (f->store, SERAH_REPORT_COVERAGE, 0, SERAH_REPORT_FORMAT_XLSX, cov_xlsx, "Petugas", &error));
  g_assert_no_error (error);
  {
      const char *sheet_argv[] = { "unzip", "-p", cov_xlsx, "xl/worksheets/sheet1.xml", NULL };
      const char *styles_argv[] = { "unzip", "-p", cov_xlsx, "xl/styles.xml", NULL };
      const char *list_argv[] = { "unzip", "-l", cov_xlsx, NULL };
      g_autofree char *sheet = run_capture (sheet_argv);
      g_autofree char *styles = run_capture (styles_argv);
      g_autofree char *listing = run_capture (list_argv);
      g_autofree char *c2 = cell_xml (sheet, "C2");
      g_autofree char *j2 = cell_xml (sheet, "J2");

      g_assert_nonnull (strstr (c2, "<v>4</v>"));          /* Caringin participants, a number */
      g_assert_null (strstr (c2, "t=\"s\""));
      g_assert_nonnull (strstr (j2, "<v>0.66666"));         /* 2/3 as a fraction ... */
      g_assert_nonnull (strstr (styles, "formatCode=\"0.0%\"")); /* ... shown as a percentage */
      g_assert_nonnull (strstr (listing, "xl/charts/chart1.xml"));
    }

  g_assert_true (serah_report_write (f->store, SERAH_REPORT_INDICATORS, 0, SERAH_REPORT_FORMAT_XLSX, ind_xlsx, "Petugas", &error));
  g_assert_no_error (error);

  g_assert_true (serah_report_write (f->store, SERAH_REPORT_UNCOLLECTED, f->c1, SERAH_REPORT_FORMAT_PDF, pdf, "Petugas", &error));
  g_assert_no_error (error);
  {
      g_autofree char *pdf_text = serah_test_pdf_text (pdf);
      g_auto(GStrv) pages = g_strsplit (pdf_text, "\f", -1);

      g_assert_true (serah_test_text_has (pdf_text, "Desa Caringin, Kecamatan Labuan"));
      g_assert_true (serah_test_text_has (pdf_text, "Citra Rahman"));
      g_assert_true (serah_test_text_has_id (pdf_text, "360101********03"));
      for (guint i = 0; i < G_N_ELEMENTS (people); i++)
        g_assert_false (serah_test_text_has_id (pdf_text, f->nik[i]));
      /* One page for each desa: Caringin and Teluk. */
      g_assert_cmpuint (g_strv_length (pages) - 1, ==, 2);
      g_assert_true (serah_test_text_has (pages[1], "Fitri Suryana"));
    }

  g_assert_true (serah_report_write (f->store, SERAH_REPORT_INDICATORS, 0, SERAH_REPORT_FORMAT_PDF, ind_pdf, "Petugas", &error));
  g_assert_no_error (error);
  {
      g_autofree char *pdf_text = serah_test_pdf_text (ind_pdf);
      g_assert_true (serah_test_text_has (pdf_text, "Rata-rata 4.67 dari 5"));
      g_assert_true (serah_test_text_has (pdf_text, "daftar-menes.csv"));
    }

  /* An unknown ceremony is an error, and no file is left. */
  {
    g_autofree char *bad = g_build_filename (f->dir, "bad.pdf", NULL);
    g_assert_false (serah_report_write (f->store, SERAH_REPORT_COVERAGE, 4242, SERAH_REPORT_FORMAT_PDF, bad, "Petugas", &error));
    g_assert_error (error, SERAH_REPORT_ERROR, SERAH_REPORT_ERROR_NOT_FOUND);
    g_assert_false (g_file_test (bad, G_FILE_TEST_EXISTS));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/serah/report/coverage-all", Fixture, NULL, fixture_set_up, test_coverage_all,
              fixture_tear_down);
  g_test_add ("/serah/report/coverage-ceremony", Fixture, NULL, fixture_set_up,
              test_coverage_ceremony, fixture_tear_down);
  g_test_add ("/serah/report/uncollected", Fixture, NULL, fixture_set_up, test_uncollected,
              fixture_tear_down);
  g_test_add ("/serah/report/indicators", Fixture, NULL, fixture_set_up, test_indicators,
              fixture_tear_down);
  g_test_add ("/serah/report/files", Fixture, NULL, fixture_set_up, test_files,
              fixture_tear_down);
  g_test_add ("/serah/report/suggestions", Fixture, NULL, fixture_set_up, test_suggestions,
              fixture_tear_down);
  return g_test_run ();
}
