/* test-gui-reports.c: the Laporan page's "not yet collected" table is a paged list (issue
 * #10): it shows as many rows as the kept counts say, reads only the rows GTK binds (not the
 * whole list), shows the same rows in the same order as serah_report_uncollected(), numbers
 * them, follows the ceremony chosen, and is told again after a handover. */
#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <serah/serah.h>

#include "serah-reports-page.h"
#include "serah-uncollected-list.h"
#include "serah-test-fixture.h"
#include "serah-test-gui.h"

#define PEOPLE 2000

typedef struct
{
  char             *dir;
  SerahStore       *store;
  GtkWindow        *window;
  SerahReportsPage *page;
  GPtrArray        *lines;
  gint64            ceremony_id;
} Fixture;

static gpointer
page_child (Fixture *f, const char *name)
{
  gpointer w = gtk_widget_get_template_child (GTK_WIDGET (f->page), SERAH_TYPE_REPORTS_PAGE, name);

  g_assert_nonnull (w);
  return w;
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  SerahParticipantFilter everyone = { 0 };

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  /* Nine in ten with a printed card. */
  f->lines = ceremony_test_populate (f->store, PEOPLE, 900, NULL, &error);
  g_assert_no_error (error);
  f->ceremony_id = serah_ceremony_create (f->store, "Penyerahan KIS", "2026-12-06", "Aula",
                                          "Rina", &error);
  g_assert_no_error (error);
  g_assert_true (serah_ceremony_invite_selection (f->store, f->ceremony_id, &everyone, 0, "Rina",
                                                  NULL, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  f->page = g_object_new (SERAH_TYPE_REPORTS_PAGE, "store", f->store, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_stack_set_visible_child_name (page_child (f, "view_stack"), "uncollected");
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
}

static gboolean
page_finalized (gpointer data)
{
  return ((Fixture *) data)->page == NULL;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  gtk_window_destroy (f->window);
  /* The page's loading task holds it until its thread returns. */
  wait_until (page_finalized, f);
  g_clear_pointer (&f->lines, g_ptr_array_unref);
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

typedef struct {
  SerahIdWindowList *list;
  guint              n;
} Want;

static gboolean
list_shows (gpointer data)
{
  Want *want = data;

  return g_list_model_get_n_items (G_LIST_MODEL (want->list)) == want->n &&
         serah_id_window_list_get_rows_loaded (want->list) > 0;
}

static char *
cell (gpointer row, const char *name)
{
  char *text = NULL;

  g_object_get (row, name, &text, NULL);
  return text;
}

/* The rows of the list at position i are the whole list's. */
static void
assert_row (SerahIdWindowList *list, GPtrArray *whole, guint i)
{
  g_autoptr(GObject) row = g_list_model_get_item (G_LIST_MODEL (list), i);
  const SerahUncollectedRow *w = whole->pdata[i];
  g_autofree char *no = cell (row, "c0");
  g_autofree char *name = cell (row, "c3");
  g_autofree char *nik = cell (row, "c4");
  g_autofree char *card = cell (row, "c5");
  g_autofree char *want_no = serah_format_count (i + 1);
  /* Cells hold Pango markup. */
  g_autofree char *want_name = g_markup_escape_text (w->name, -1);

  g_assert_cmpstr (no, ==, want_no);
  g_assert_cmpstr (name, ==, want_name);
  g_assert_cmpstr (nik, ==, w->nik_masked);
  g_assert_cmpstr (card, ==, w->card_no);
}

static void
test_paged_uncollected (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) whole = serah_report_uncollected (f->store, 0, &error);
  SerahIdWindowList *list = page_child (f, "uncollected_rows");
  GtkLabel *label = page_child (f, "uncollected_label");
  Want want = { list, 0 };
  guint loaded;

  g_assert_no_error (error);
  g_assert_cmpuint (whole->len, >, 1000);
  want.n = whole->len;
  wait_until (list_shows, &want);
  /* Only what GTK bound was read: a few screens, not the list. */
  loaded = serah_id_window_list_get_rows_loaded (list);
  g_test_message ("%u rows, %u read", whole->len, loaded);
  g_assert_cmpuint (loaded, <, whole->len / 2);
  {
    /* The count as people read numbers: "1.791 participants have not collected ...". */
    g_autofree char *count = serah_format_count (whole->len);
    g_autofree char *prefix = g_strconcat (count, " ", NULL);

    g_assert_true (g_str_has_prefix (gtk_label_get_text (label), prefix));
  }
  for (guint i = 0; i < whole->len; i += 97)
    assert_row (list, whole, i);
  assert_row (list, whole, whole->len - 1);

  /* One ceremony: its invited not yet served; then one handover counts again. */
  {
    g_autoptr(GPtrArray) invited = serah_report_uncollected (f->store, f->ceremony_id, &error);
    SerahHandoverRequest request = { .ceremony_id = f->ceremony_id,
                                     .code = ceremony_test_payload (f->lines, 0),
                                     .operator_name = "Rina", .station = "meja-1" };
    g_autoptr(SerahHandover) h = NULL;

    g_assert_no_error (error);
    /* The scope drop down: "all" first, then the ceremonies. */
    gtk_drop_down_set_selected (page_child (f, "scope_dropdown"), 1);
    want.n = invited->len;
    g_assert_cmpuint (want.n, !=, whole->len);
    wait_until (list_shows, &want);
    assert_row (list, invited, 0);
    assert_row (list, invited, invited->len - 1);

    h = serah_ceremony_record_handover (f->store, &request, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (h);
    gtk_widget_activate_action (GTK_WIDGET (f->page), "reports.refresh", NULL);
    want.n = invited->len - 1;
    wait_until (list_shows, &want);
  }
}

int
main (int argc, char **argv)
{
  /* No session bus under xvfb-run: without this GTK warns about AT-SPI, and warnings are
   * fatal in tests. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/serah/gui/reports/paged-uncollected", Fixture, NULL, fixture_setup,
              test_paged_uncollected, fixture_teardown);
  return g_test_run ();
}
