/* test-gui-print.c: the "Cetak" page under Xvfb: it builds on a store of demo participants,
 * the preview draws real cards through the print job, the selection drives the card count,
 * the first-position picker leaves used slots empty, a PDF run writes the expected pages and
 * records a print run, Cancel leaves nothing behind, and one card can be reprinted. */
#include "config.h"

#include <adwaita.h>

#include "serah-calibration-dialog.h"
#include "serah-print-page-private.h"
#include "serah-reprint-dialog.h"
#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"
#include "cards/serah-store-print-private.h"

#define N_PEOPLE 60

typedef struct {
  char           *dir;
  char           *path;
  SerahStore     *store;
  GtkWindow      *window;
  SerahPrintPage *page;
} Fixture;

static void
iterate_until_idle (void)
{
  for (int i = 0; i < 50 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
}

/* Plans run in the page's worker thread: wait until the last one is shown. */
static void
wait_for_plan (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  iterate_until_idle ();
  while ((f->page->planning != NULL || f->page->refresh_id != 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (f->page->planning);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, &f->path);
  g_assert_true (serah_demo_populate (f->store, N_PEOPLE, &error));
  g_assert_no_error (error);

  f->page = SERAH_PRINT_PAGE (serah_print_page_new (f->store));
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 720);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  wait_for_plan (f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  iterate_until_idle ();
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static void
wait_for_run (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (f->page->cancellable != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (f->page->cancellable);
  wait_for_plan (f);
}

/* Share of pixels in r that are clearly not paper white. */
static double
inked_share (cairo_surface_t *surface, const graphene_rect_t *r)
{
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  guint inked = 0, total = 0;

  cairo_surface_flush (surface);
  for (int y = (int) r->origin.y + 1; y < (int) (r->origin.y + r->size.height) - 1; y++)
    for (int x = (int) r->origin.x + 1; x < (int) (r->origin.x + r->size.width) - 1; x++)
      {
        const guint8 *px = data + y * stride + x * 4;
        if (px[0] + px[1] + px[2] < 3 * 180)
          inked++;
        total++;
      }
  return total ? (double) inked / total : 0;
}

static cairo_surface_t *
draw_preview (Fixture *f, int width, int height)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  g_assert_true (serah_card_preview_draw (f->page->preview, cr, width, height));
  cairo_destroy (cr);
  return surface;
}

static void
test_builds (Fixture *f, gconstpointer data)
{
  g_assert_true (f->page->plan_ok);
  g_assert_cmpuint (f->page->plan.cards, ==, N_PEOPLE);
  g_assert_nonnull (f->page->card);
  g_assert_cmpstr (serah_card_template_get_name (f->page->card), ==, "kis");
  g_assert_cmpstr (serah_sheet_get_name (f->page->sheet), ==, "a4-2x5");
  g_assert_nonnull (strstr (gtk_label_get_text (f->page->summary_label), "60"));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (f->page->preview)));
  g_assert_true (f->page->can_print);
}

static void
test_preview_draws (Fixture *f, gconstpointer data)
{
  cairo_surface_t *surface;
  graphene_rect_t slot;

  /* No separators, so slot 0 holds the first card. */
  adw_combo_row_set_selected (f->page->separators_row, 0);
  serah_print_page_refresh (f->page);
  wait_for_plan (f);

  surface = draw_preview (f, 700, 700);
  g_assert_true (serah_card_preview_get_slot_area (f->page->preview, 0, 700, 700, &slot));
  g_assert_cmpfloat (slot.size.width, >, 50);
  g_assert_cmpfloat (inked_share (surface, &slot), >, 0.10);
  cairo_surface_destroy (surface);

  /* The back side and the single large card draw too. */
  gtk_toggle_button_set_active (f->page->back_button, TRUE);
  surface = draw_preview (f, 700, 700);
  cairo_surface_destroy (surface);
  gtk_toggle_button_set_active (f->page->back_button, FALSE);
  gtk_toggle_button_set_active (f->page->view_card_button, TRUE);
  surface = draw_preview (f, 700, 500);
  {
    graphene_rect_t middle = GRAPHENE_RECT_INIT (150, 150, 400, 200);
    g_assert_cmpfloat (inked_share (surface, &middle), >, 0.10);
  }
  cairo_surface_destroy (surface);
}

/* The widget itself: its snapshot starts the drawing in the worker thread and paints the
 * image once it is in. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (widget)->snapshot (widget, snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

static void
test_preview_widget (Fixture *f, gconstpointer data)
{
  GtkWidget *preview = GTK_WIDGET (f->page->preview);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  g_autoptr(GskRenderNode) first = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (preview);
  int height = gtk_widget_get_height (preview);
  cairo_surface_t *surface;
  cairo_t *cr;
  graphene_rect_t all;

  g_assert_cmpint (width, >, 300);
  /* The first snapshot starts the drawing in the worker; the next one paints it. */
  first = snapshot_widget (preview);
  while (serah_card_preview_is_busy (f->page->preview) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (serah_card_preview_is_busy (f->page->preview));
  node = snapshot_widget (preview);
  g_assert_nonnull (node);

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  graphene_rect_init (&all, 0, 0, width, height);
  g_assert_cmpfloat (inked_share (surface, &all), >, 0.05);
  cairo_surface_destroy (surface);
}

static void
test_start_position (Fixture *f, gconstpointer data)
{
  cairo_surface_t *surface;
  graphene_rect_t used, first;

  adw_combo_row_set_selected (f->page->separators_row, 0);
  serah_slot_picker_set_position (f->page->slot_picker, 4);
  serah_print_page_refresh (f->page);
  wait_for_plan (f);

  /* 60 cards from slot 4 of 10: 7 on the first sheet, then 53 on six more. */
  g_assert_cmpuint (f->page->plan.sheets, ==, 7);
  surface = draw_preview (f, 700, 700);
  g_assert_true (serah_card_preview_get_slot_area (f->page->preview, 0, 700, 700, &used));
  g_assert_true (serah_card_preview_get_slot_area (f->page->preview, 3, 700, 700, &first));
  g_assert_cmpfloat (inked_share (surface, &used), <, 0.02);
  g_assert_cmpfloat (inked_share (surface, &first), >, 0.10);
  cairo_surface_destroy (surface);
}

static void
test_selection_count (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) areas = serah_store_count_by_area (f->store, NULL);
  SerahAreaCount *area = g_ptr_array_index (areas, 0);

  serah_area_selector_select_all (f->page->area_selector, FALSE);
  wait_for_plan (f);
  g_assert_cmpuint (f->page->plan.cards, ==, 0);
  g_assert_false (f->page->can_print);

  g_assert_true (serah_area_selector_select_area (f->page->area_selector, area->kecamatan,
                                                  area->desa, TRUE));
  wait_for_plan (f);
  g_assert_cmpuint (f->page->plan.cards, ==, area->participants);
  g_assert_cmpint (serah_area_selector_get_count (f->page->area_selector), ==, area->participants);
  g_assert_true (f->page->can_print);

  serah_area_selector_select_all (f->page->area_selector, TRUE);
  wait_for_plan (f);
  g_assert_cmpuint (f->page->plan.cards, ==, N_PEOPLE);
}

/* Cairo compresses its page objects, so ask poppler's pdfinfo (a test dependency, like
 * pdftoppm for the end-to-end tests). */
static guint
count_pdf_pages (const char *path)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *line;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  line = strstr (out, "Pages:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("Pages:"), NULL, 10);
}

static void
test_pdf_run (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "cards.pdf", NULL);
  g_autoptr(GPtrArray) runs = NULL;
  SerahPrintRun *run;
  guint sheets = f->page->plan.sheets;

  gtk_switch_set_active (f->page->duplex_switch, TRUE);
  serah_print_page_export_pdf_to (f->page, pdf);
  g_assert_nonnull (f->page->cancellable);
  g_assert_true (gtk_widget_get_visible (f->page->progress_box));
  wait_for_run (f);

  g_assert_true (g_file_test (pdf, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_pdf_pages (pdf), ==, 2 * sheets);
  runs = serah_store_list_print_runs (f->store, NULL);
  g_assert_cmpuint (runs->len, ==, 1);
  run = g_ptr_array_index (runs, 0);
  g_assert_cmpint (run->cards, ==, N_PEOPLE);
  g_assert_cmpstr (run->template_name, ==, "kis");
  g_assert_nonnull (strstr (gtk_label_get_text (f->page->summary_label), "#"));

  /* Everyone has a card now: the plan is empty until printed cards are included. */
  g_assert_cmpuint (f->page->plan.cards, ==, 0);
  gtk_switch_set_active (f->page->include_printed_switch, TRUE);
  wait_for_plan (f);
  g_assert_cmpuint (f->page->plan.cards, ==, N_PEOPLE);
}

static void
test_cancel (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autoptr(GPtrArray) runs = NULL;

  serah_print_page_export_pdf_to (f->page, pdf);
  gtk_widget_activate_action (GTK_WIDGET (f->page), "print.cancel", NULL);
  wait_for_run (f);

  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
  runs = serah_store_list_print_runs (f->store, NULL);
  g_assert_cmpuint (runs->len, ==, 0);
  g_assert_cmpuint (f->page->plan.cards, ==, N_PEOPLE);
}

static void
on_reprinted (SerahReprintDialog *dialog, const char *summary, char **out)
{
  *out = g_strdup (summary);
}

static void
test_reprint (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "batch.pdf", NULL);
  g_autofree char *again = g_build_filename (f->dir, "reprint.pdf", NULL);
  g_autofree char *summary = NULL;
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(SerahPrintedCard) before = NULL;
  g_autoptr(SerahPrintedCard) after = NULL;
  g_autoptr(GError) error = NULL;
  SerahReprintDialog *dialog;
  GtkListBoxRow *row;

  serah_print_page_export_pdf_to (f->page, pdf);
  wait_for_run (f);
  p = serah_store_find_participant_by_card (f->store, "0001230000007", NULL);
  g_assert_nonnull (p);
  before = serah_store_get_current_card (f->store, p->id, NULL);
  g_assert_nonnull (before);

  dialog = serah_reprint_dialog_new (f->window, f->store, f->page->card, f->page->sheet, NULL);
  g_signal_connect (dialog, "reprinted", G_CALLBACK (on_reprinted), &summary);
  gtk_window_present (GTK_WINDOW (dialog));
  serah_reprint_dialog_search (dialog, "0001230000007");
  row = gtk_list_box_get_row_at_index (
    GTK_LIST_BOX (gtk_widget_get_template_child (GTK_WIDGET (dialog), SERAH_TYPE_REPRINT_DIALOG,
                                                 "results_list")), 0);
  g_assert_nonnull (row);
  gtk_list_box_select_row (GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row))), row);
  g_assert_true (serah_reprint_dialog_write (dialog, again, &error));
  g_assert_no_error (error);
  g_assert_nonnull (summary);
  iterate_until_idle ();

  g_assert_true (g_file_test (again, G_FILE_TEST_EXISTS));
  after = serah_store_get_current_card (f->store, p->id, NULL);
  g_assert_nonnull (after);
  g_assert_cmpint (after->serial, >, before->serial);
  g_assert_cmpint (after->replaces_serial, ==, before->serial);
}

static void
test_calibration_profile (Fixture *f, gconstpointer data)
{
  SerahCalibrationDialog *dialog = serah_calibration_dialog_new (f->window, f->store,
                                                                 f->page->sheet, NULL);
  GObject *name_row = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                       SERAH_TYPE_CALIBRATION_DIALOG, "name_row");
  GObject *offset = gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                     SERAH_TYPE_CALIBRATION_DIALOG, "offset_x_spin");
  g_autoptr(SerahPrinterProfile) chosen = NULL;
  g_autoptr(GError) error = NULL;

  g_signal_connect_swapped (dialog, "saved", G_CALLBACK (serah_print_page_select_profile), f->page);
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Epson L3110");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (offset), 1.5);
  g_assert_true (serah_calibration_dialog_save (dialog, &error));
  g_assert_no_error (error);
  gtk_window_destroy (GTK_WINDOW (dialog));

  chosen = serah_print_page_get_profile (f->page);
  g_assert_nonnull (chosen);
  g_assert_cmpstr (chosen->name, ==, "Epson L3110");
  g_assert_cmpfloat_with_epsilon (chosen->offset_x_mm, 1.5, 1e-9);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(name, func) \
  g_test_add ("/serah/gui-print/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("builds", test_builds);
  ADD ("preview-draws", test_preview_draws);
  ADD ("preview-widget", test_preview_widget);
  ADD ("start-position", test_start_position);
  ADD ("selection-count", test_selection_count);
  ADD ("pdf-run", test_pdf_run);
  ADD ("cancel", test_cancel);
  ADD ("reprint", test_reprint);
  ADD ("calibration-profile", test_calibration_profile);
#undef ADD
  return g_test_run ();
}
