/* test-layout.c: every document kind Serah writes, over hostile data, fits its text or says
 * so (issue 13).
 *
 * The data are the longest real shapes we know: 70-character names with titles and
 * bin/binti, an 80-character faskes, a 100-character address and ceremony place, a
 * 2 000-character testimonial, and a participant whose list lacked faskes and kelas. Every
 * document (both card templates on every sheet, front and back, separators; daftar tanda
 * terima and berita acara; the three report PDFs; quote cards) is drawn with a
 * SerahFitReport, and the assertions come from the renderer's own measurements: nothing
 * overflowed its box, and whatever was shrunk below its floor or ellipsized is named with its
 * record. Identifiers (NIK, card numbers) must never come out below their floor. Every PDF
 * passes qpdf --check without a warning. Nothing here depends on which font is installed:
 * the assertions hold for any font (a wider font only means more reported ellipses).
 */
#include "config.h"

#include <string.h>

#include "serah-test-fixture.h"
#include "ceremony/serah-paper-private.h"

#define HOSTILE_CSV "layout-hostile.csv"
#define LONG_PLACE "Aula Serbaguna Kantor Kecamatan Labuan Pesisir Selatan Lantai Dua, " \
                   "Jalan Raya Labuan Carita Kilometer 7"
#define LONG_ACTIVITY "Penyerahan Kartu Indonesia Sehat Penerima Bantuan Iuran Jaminan " \
                      "Kesehatan Nasional Tahap Kedua Tahun Anggaran 2026"

typedef struct {
  char       *dir;
  SerahStore *store;
  gint64      ceremony_id;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = serah_test_fixture (HOSTILE_CSV);
  g_autoptr(SerahImportReport) report = NULL;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  report = serah_import_file (f->store, csv, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
}

static void
fixture_tear_down (Fixture *f, gconstpointer unused)
{
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

/* qpdf --check must pass with no warning at all (duplicated keys are only warnings, and
 * libcupsfilters drops pages that have them). */
static void
assert_qpdf_clean (const char *pdf)
{
  const char *qpdf = g_getenv ("SERAH_QPDF");
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { qpdf, "--check", pdf, NULL };
  int status;

  g_assert_nonnull (qpdf);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || strstr (out, "WARNING") != NULL ||
      strstr (err, "WARNING") != NULL)
    g_error ("qpdf --check %s:\n%s%s", pdf, out, err);
}

/* Nothing overflowed; every problem has a record and a field; no identifier-only field
 * (NIK, card number, serial) ends below its floor. Returns the number of problems. */
static guint
assert_report_sound (SerahFitReport *report, const char *what)
{
  GPtrArray *problems = serah_fit_report_get_problems (report);

  g_assert_cmpuint (serah_fit_report_get_boxes (report), >, 0);
  for (guint i = 0; i < problems->len; i++)
    {
      const SerahFitProblem *p = problems->pdata[i];
      g_test_message ("%s: %s / %s: %s (%.2f pt): %s", what, p->record, p->field,
                      serah_fit_outcome_to_string (p->outcome), p->size_pt, p->text);
      g_assert_cmpint (p->outcome, !=, SERAH_FIT_OK);
      if (p->outcome == SERAH_FIT_OVERFLOW)
        g_error ("%s: %s / %s overflows its box: %s", what, p->record, p->field, p->text);
      g_assert_cmpstr (p->field, !=, "");
      g_assert_nonnull (p->record);
      if (p->outcome == SERAH_FIT_BELOW_FLOOR)
        g_error ("%s: the identifier %s / %s was shrunk below its floor: %s", what, p->record,
                 p->field, p->text);
    }
  g_assert_cmpuint (serah_fit_report_count (report, SERAH_FIT_OVERFLOW), ==, 0);
  return problems->len;
}

/* ---- cards ---- */

/* Both templates, every sheet, front and back, with separators: run for real, then check
 * what the run noted. */
static void
test_cards (Fixture *f, gconstpointer unused)
{
  static const char *const templates[] = { "kis", "undangan" };
  static const char *const sheets[] = { "a4-2x5", "a4-3x3", "cr80" };

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    for (guint s = 0; s < G_N_ELEMENTS (sheets); s++)
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(SerahCardTemplate) template_ = serah_card_template_load (templates[t], &error);
        g_autoptr(SerahSheet) sheet = serah_sheet_load (sheets[s], &error);
        g_autoptr(SerahPrintJob) job = NULL;
        g_autofree char *name = g_strdup_printf ("%s-%s.pdf", templates[t], sheets[s]);
        g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
        SerahPrintResult result;
        SerahPrintPlan plan;
        guint planned_problems;
        SerahFitReport *report;
        GPtrArray *incomplete;

        g_assert_no_error (error);
        job = serah_print_job_new (f->store, template_, sheet);
        serah_print_job_set_include_printed (job, TRUE);
        serah_print_job_set_duplex (job, serah_card_template_has_back (template_));
        if (t == 1)
          {
            serah_print_job_set_ceremony_id (job, 1);
            serah_print_job_set_extra (job, "ceremony_name", LONG_ACTIVITY);
            serah_print_job_set_extra (job, "ceremony_date", "Selasa, 24 November 2026");
            serah_print_job_set_extra (job, "ceremony_time", "08.00 WIB s.d. selesai");
            serah_print_job_set_extra (job, "ceremony_place", LONG_PLACE);
          }
        /* Before printing (what print --dry-run shows): the same warnings. */
        serah_print_job_set_measure_plan (job, TRUE);
        g_assert_true (serah_print_job_plan (job, &plan, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (plan.incomplete, ==, t == 0 ? 1 : 0);
        planned_problems = plan.fit_problems;
        g_assert_cmpuint (planned_problems, ==,
                          serah_fit_report_get_problems (serah_print_job_get_fit_report (job))->len);

        g_assert_true (serah_print_job_run (job, pdf, NULL, NULL, NULL, &result, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (result.cards, ==, 6);
        report = serah_print_job_get_fit_report (job);
        g_assert_cmpuint (result.fit_problems, ==, assert_report_sound (report, name));
        /* The plan measured every card the run drew (the run adds no surprise). */
        g_assert_cmpuint (result.fit_problems, ==, planned_problems);
        assert_qpdf_clean (pdf);

        /* The participant whose list had no faskes nor kelas is named before printing (kis
         * shows both; the invitation shows neither). */
        incomplete = serah_print_job_get_incomplete (job);
        g_assert_cmpuint (result.incomplete, ==, incomplete->len);
        if (t == 0)
          {
            g_assert_cmpuint (incomplete->len, ==, 1);
            g_assert_cmpstr (incomplete->pdata[0], ==, "0001230000006 Budi: faskes, kelas");
          }
        else
          g_assert_cmpuint (incomplete->len, ==, 0);
      }
}

/* The renderer's own measurement of every text element for every hostile participant: the
 * ink is inside the box, or the element says what it gave up. */
static gboolean
place_each (const SerahParticipant *p, gpointer data, GError **error)
{
  SerahCardRenderer *renderer = data;
  SerahCardTemplate *t = serah_card_renderer_get_template (renderer);
  SerahCardData card = { p, 9999999, NULL, 999, 999, NULL, -1 };
  guint n = serah_card_template_get_n_elements (t);

  for (guint i = 0; i < n; i++)
      {
        SerahTemplateElement e;
        SerahTextPlacement place;
        const double eps = 0.01;
        gboolean inside;

        g_assert_true (serah_card_template_get_element (t, i, &e));
        if (strcmp (e.type, "text") != 0)
          continue;
        g_assert_true (serah_card_renderer_place_text (renderer, e.side, e.id, &card, &place));
        inside = place.ink.width == 0 ||
                 (place.ink.x >= place.box.x - eps && place.ink.y >= place.box.y - eps &&
                  place.ink.x + place.ink.width <= place.box.x + place.box.width + eps &&
                  place.ink.y + place.ink.height <= place.box.y + place.box.height + eps);
        if (!inside)
          g_error ("%s: %s leaves its box and the renderer said %s", p->name, e.id,
                   serah_fit_outcome_to_string (place.outcome));
        g_assert_cmpint (place.outcome, !=, SERAH_FIT_OVERFLOW);
        g_assert_cmpint (place.outcome, !=, SERAH_FIT_BELOW_FLOOR);
        g_assert_true (place.ellipsized == (place.outcome == SERAH_FIT_ELLIPSIZED));
      }
  return TRUE;
}

static void
test_card_elements (Fixture *f, gconstpointer unused)
{
  static const char *const templates[] = { "kis", "undangan" };

  for (guint t = 0; t < G_N_ELEMENTS (templates); t++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahCardTemplate) template_ = serah_card_template_load (templates[t], &error);
      SerahCardRenderer *renderer = serah_card_renderer_new (template_);

      /* The six people of layout-hostile.csv, 0001230000001 to 0001230000006. */
      for (guint i = 1; i <= 6; i++)
        {
          g_autofree char *card = g_strdup_printf ("000123%07u", i);
          g_autoptr(SerahParticipant) p = serah_participants_find_by_card (f->store, card,
                                                                          &error);
          g_assert_no_error (error);
          g_assert_nonnull (p);
          g_assert_true (place_each (p, renderer, NULL));
        }
      serah_card_renderer_free (renderer);
    }
}

/* Both faces write the card number the same way. */
static void
test_card_number_faces (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) kis = g_key_file_new ();
  g_autofree char *path = g_build_filename (g_getenv ("SERAH_TEMPLATES_DIR"), "kis.card", NULL);
  g_autofree char *front = NULL, *back = NULL;

  g_assert_true (g_key_file_load_from_file (kis, path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  front = g_key_file_get_string (kis, "front:card_no", "Text", &error);
  g_assert_no_error (error);
  back = g_key_file_get_string (kis, "back:card_no", "Text", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (front, ==, "{card_no}");
  g_assert_cmpstr (back, ==, front);
}

/* The stack separator is office paper: Indonesian whatever the locale. Drawn with a report,
 * its texts are noted under the desa's record; none of them is English. */
static void
test_separator_indonesian (Fixture *f, gconstpointer unused)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahCardTemplate) kis = serah_card_template_load ("kis", &error);
  g_autoptr(SerahFitReport) report = serah_fit_report_new ();
  SerahCardRenderer *renderer = serah_card_renderer_new (kis);
  cairo_surface_t *surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA, NULL);
  cairo_t *cr = cairo_create (surface);
  const char *saved = g_getenv ("LANGUAGE");
  g_autofree char *keep = g_strdup (saved);

  /* Even with English asked for. */
  g_setenv ("LANGUAGE", "en", TRUE);
  serah_card_renderer_set_report (renderer, report);
  serah_card_renderer_draw_separator (renderer, cr, 85.6, 53.98, "Labuan Pesisir Selatan",
                                      "Sukamanah Cikoneng Wetan Kidul", 12);
  g_assert_cmpuint (serah_fit_report_get_boxes (report), ==, 4);
  g_assert_cmpstr (serah_fit_report_get_record (report), ==,
                   "DESA SUKAMANAH CIKONENG WETAN KIDUL KECAMATAN LABUAN PESISIR SELATAN");
  assert_report_sound (report, "separator");
  if (keep)
    g_setenv ("LANGUAGE", keep, TRUE);
  else
    g_unsetenv ("LANGUAGE");
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  serah_card_renderer_free (renderer);
}

/* ---- ceremony paper ---- */

static void
make_ceremony (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahHandover) h = NULL;
  SerahHandoverRequest request = { 0 };
  g_autoptr(SerahLookup) found = NULL;

  f->ceremony_id = serah_ceremony_create (f->store, LONG_ACTIVITY, "2026-11-24", LONG_PLACE,
                                          "petugas", &error);
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (f->store, f->ceremony_id, NULL, 0, "petugas",
                                                  NULL, &error));
  g_assert_no_error (error);
  found = serah_ceremony_lookup (f->store, f->ceremony_id, "0001230000002", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->kind, ==, SERAH_LOOKUP_FOUND);
  request.ceremony_id = f->ceremony_id;
  request.participant_id = found->entry->participant->id;
  request.identified_by = found->identified_by;
  request.operator_name = "petugas";
  request.station = "meja-1";
  request.proxy_name = "Raden Roro Siti Khadijah Ayu Kusumaningrum Wulandari binti Suryo";
  request.proxy_relation = "anak kandung perempuan";
  request.allow_uninvited = TRUE;
  h = serah_ceremony_record_handover (f->store, &request, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (h);
}

static void
test_paper (Fixture *f, gconstpointer unused)
{
  make_ceremony (f);
  for (SerahPaperKind kind = SERAH_PAPER_TANDA_TERIMA; kind <= SERAH_PAPER_BERITA_ACARA; kind++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahFitReport) report = serah_fit_report_new ();
      g_autofree char *name = g_strdup_printf ("%s.pdf", serah_paper_kind_to_string (kind));
      g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
      SerahPaperOptions options = { .office_name = "Dinas Kesehatan Kabupaten Pandeglang",
                                    .fit_report = report };
      GPtrArray *problems;

      g_assert_cmpint (serah_paper_write (f->store, f->ceremony_id, kind, &options, pdf, NULL,
                                          &error), >, 0);
      g_assert_no_error (error);
      assert_report_sound (report, name);
      /* Table cells, headers and the masked NIK never give anything up: only the footer, a
       * single line that repeats the activity's name, may be shortened. */
      problems = serah_fit_report_get_problems (report);
      for (guint i = 0; i < problems->len; i++)
        g_assert_cmpstr (((SerahFitProblem *) problems->pdata[i])->field, ==, "footer");
      assert_qpdf_clean (pdf);
    }
}

/* A table whose last page would hold a single row gets two there: the page breaks one row
 * earlier. Rows without text have the table's row height, so the numbers are exact. */
typedef struct {
  guint   rows;
  GArray *page_of_row;
} OrphanDoc;

static gboolean
draw_orphan_doc (SerahPaperDoc *doc, gpointer data, GError **error)
{
  OrphanDoc *o = data;
  static const SerahPaperColumn columns[] = { { "", 200, SERAH_PAPER_ALIGN_LEFT, FALSE },
                                              { "", 200, SERAH_PAPER_ALIGN_LEFT, FALSE } };
  const char *cells[] = { NULL, NULL };

  if (doc->cr != NULL)
    g_array_set_size (o->page_of_row, 0);
  serah_paper_doc_table_open (doc, columns, G_N_ELEMENTS (columns), 20, 30);
  for (guint i = 0; i < o->rows; i++)
    {
      serah_paper_doc_table_row (doc, cells, SERAH_PAPER_SANS " 8", 0);
      if (doc->cr != NULL)
        g_array_append_val (o->page_of_row, doc->page);
    }
  serah_paper_doc_table_close (doc);
  serah_paper_doc_finish (doc);
  return TRUE;
}

static void
test_paper_no_lonely_row (Fixture *f, gconstpointer unused)
{
  g_autoptr(GArray) pages = g_array_new (FALSE, FALSE, sizeof (int));
  g_autofree char *pdf = g_build_filename (f->dir, "orphan.pdf", NULL);
  SerahPaperDoc probe;
  OrphanDoc o = { 0, pages };
  guint per_page;
  int n_pages;

  /* Rows a page holds under the header: the text area's height, known from the engine. */
  serah_paper_doc_init (&probe, NULL, 0, "");
  per_page = (guint) ((probe.bottom - probe.top - 20) / 30);
  serah_paper_doc_clear (&probe);

  o.rows = 2 * per_page + 1;
  n_pages = serah_paper_doc_write (pdf, "orphan", "", draw_orphan_doc, &o, NULL, NULL, NULL);
  g_assert_cmpint (n_pages, ==, 3);
  g_assert_cmpuint (pages->len, ==, o.rows);
  /* The last two rows share the last page; the one before stays on page 2. */
  g_assert_cmpint (g_array_index (pages, int, o.rows - 1), ==, 3);
  g_assert_cmpint (g_array_index (pages, int, o.rows - 2), ==, 3);
  g_assert_cmpint (g_array_index (pages, int, o.rows - 3), ==, 2);
  assert_qpdf_clean (pdf);

  /* A table that fills its pages exactly is left alone. */
  o.rows = 2 * per_page;
  g_assert_cmpint (serah_paper_doc_write (pdf, "full", "", draw_orphan_doc, &o, NULL, NULL,
                                          NULL), ==, 2);
  g_assert_cmpint (g_array_index (pages, int, o.rows - 1), ==, 2);
  g_assert_cmpint (g_array_index (pages, int, per_page), ==, 2);
}

/* ---- reports ---- */

static void
test_reports (Fixture *f, gconstpointer unused)
{
  static const SerahReportKind kinds[] = { SERAH_REPORT_COVERAGE, SERAH_REPORT_UNCOLLECTED,
                                           SERAH_REPORT_INDICATORS };

  make_ceremony (f);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SerahFitReport) report = serah_fit_report_new ();
      g_autofree char *name = g_strdup_printf ("report-%u.pdf", i);
      g_autofree char *pdf = g_build_filename (f->dir, name, NULL);
      GPtrArray *problems;

      g_assert_true (serah_report_write_full (f->store, kinds[i], f->ceremony_id,
                                              SERAH_REPORT_FORMAT_PDF, pdf, "petugas", report,
                                              &error));
      g_assert_no_error (error);
      assert_report_sound (report, name);
      /* Only the heading's scope (activity, date and 100-character place on two lines) may
       * be shortened; table cells grow instead. */
      problems = serah_fit_report_get_problems (report);
      for (guint j = 0; j < problems->len; j++)
        g_assert_cmpstr (((SerahFitProblem *) problems->pdata[j])->field, ==, "scope");
      assert_qpdf_clean (pdf);
    }
}

/* ---- quote cards ---- */

static void
test_quote_cards (Fixture *f, gconstpointer unused)
{
  g_autoptr(GString) essay = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();
  g_autofree char *pdf = g_build_filename (f->dir, "quotes.pdf", NULL);
  g_autofree char *png = g_build_filename (f->dir, "quote.png", NULL);
  char *tags[] = { "pelayanan", "cepat", "ramah", NULL };
  SerahTestimonialPublic fits = {
    .id = 41, .display_name = "Prof. Dr. H. Muhammad Rahmatullah Syaifuddin bin Abdurrahman",
    .desa = "Sukamanah Cikoneng Wetan Kidul", .kecamatan = "Labuan Pesisir Selatan",
    .text = "Alhamdulillah, kartu JKN-KIS kami sudah jadi dan diantar ke balai desa. Petugas "
            "menjelaskan cara berobat ke puskesmas dengan sabar. Terima kasih banyak.",
    .rating = 5, .tags = tags, .date = "2026-11-24",
  };
  SerahTestimonialPublic too_long = fits;
  g_autoptr(SerahFitReport) report = serah_fit_report_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 270, 270);
  cairo_t *cr = cairo_create (surface);

  /* A long name and place with a normal quote: shrinks, wraps, fits; nothing given up. */
  serah_quote_card_draw_full (cr, 270, &fits, "Dinas Kesehatan Kabupaten Pandeglang", report);
  g_assert_cmpuint (assert_report_sound (report, "quote card"), ==, 0);
  g_assert_true (serah_quote_card_check (&fits, NULL, &error));
  g_assert_no_error (error);

  /* 2 000 characters: shrinks to the smallest size, still too long, so the card is refused
   * with a message naming the testimonial. Never a silent "…". */
  while (essay->len < 2000)
    g_string_append (essay, "Pelayanan di puskesmas sangat baik, petugasnya ramah dan cepat. ");
  too_long.id = 42;
  too_long.text = essay->str;
  g_assert_false (serah_quote_card_check (&too_long, NULL, &error));
  g_assert_error (error, SERAH_QUOTE_CARD_ERROR, SERAH_QUOTE_CARD_ERROR_TOO_LONG);
  g_assert_nonnull (strstr (error->message, "#42"));
  g_clear_error (&error);
  g_assert_false (serah_quote_card_write_png (&too_long, NULL, png, &error));
  g_assert_error (error, SERAH_QUOTE_CARD_ERROR, SERAH_QUOTE_CARD_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_false (g_file_test (png, G_FILE_TEST_EXISTS));
  g_ptr_array_add (list, &fits);
  g_ptr_array_add (list, &too_long);
  g_assert_false (serah_quote_card_write_pdf (list, NULL, pdf, &error));
  g_assert_error (error, SERAH_QUOTE_CARD_ERROR, SERAH_QUOTE_CARD_ERROR_TOO_LONG);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  /* Drawn anyway (the preview), the cut is noted under the testimonial. */
  {
    g_autoptr(SerahFitReport) cut = serah_fit_report_new ();
    const SerahFitProblem *p;
    serah_quote_card_draw_full (cr, 270, &too_long, NULL, cut);
    assert_report_sound (cut, "long quote");
    g_assert_cmpuint (serah_fit_report_get_problems (cut)->len, ==, 1);
    p = serah_fit_report_get_problems (cut)->pdata[0];
    g_assert_cmpstr (p->field, ==, "quote");
    g_assert_cmpint (p->outcome, ==, SERAH_FIT_ELLIPSIZED);
    g_assert_true (g_str_has_prefix (p->record, "testimoni #42 "));
  }

  /* The one that fits is written, and its PDF is clean. */
  g_ptr_array_set_size (list, 1);
  g_assert_true (serah_quote_card_write_pdf (list, NULL, pdf, &error));
  g_assert_no_error (error);
  assert_qpdf_clean (pdf);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/serah/layout/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cards", test_cards);
  ADD ("card-elements", test_card_elements);
  ADD ("card-number-faces", test_card_number_faces);
  ADD ("separator-indonesian", test_separator_indonesian);
  ADD ("paper", test_paper);
  ADD ("paper-no-lonely-row", test_paper_no_lonely_row);
  ADD ("reports", test_reports);
  ADD ("quote-cards", test_quote_cards);
#undef ADD
  return g_test_run ();
}
