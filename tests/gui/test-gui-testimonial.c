/* test-gui-testimonial.c: the Testimoni page under Xvfb, through its own widgets and
 * actions: finding a person with the search field, the save action that stays disabled
 * until there is a person, words and an explicit consent, saving (the store has the
 * testimonial, the form is cleared, the list shows it), and the page being finalized once
 * its window is gone (the crash-recovery worker it starts holds it until it is done).
 * The page is split over four files (page, form, recording, list); this test walks
 * across all of them. */
#include "config.h"

#include <string.h>

#include "serah-test-gui.h"
#include "serah-test-fixture.h"
#include "serah-testimonial-page.h"

#define DEMO_PARTICIPANTS 50

typedef struct
{
  char                 *dir;
  SerahStore           *store;
  GtkWindow            *window;
  SerahTestimonialPage *page;
} Fixture;

static GtkWidget *
child (Fixture *f, const char *name)
{
  GtkWidget *w = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (f->page),
                                                            SERAH_TYPE_TESTIMONIAL_PAGE, name));
  g_assert_nonnull (w);
  return w;
}

/* The button bound to an action of the page: insensitive while the action is disabled. */
static GtkWidget *
find_action_button (GtkWidget *widget, const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_action_button (c, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
save_enabled (Fixture *f)
{
  GtkWidget *button = find_action_button (GTK_WIDGET (f->page), "testimonial.save");

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;

  f->dir = serah_test_tmpdir ();
  f->store = serah_test_open_store (f->dir, NULL);
  g_assert_true (serah_demo_populate (f->store, DEMO_PARTICIPANTS, &error));
  g_assert_no_error (error);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1366, 768);
  f->page = g_object_new (SERAH_TYPE_TESTIMONIAL_PAGE, "store", f->store, NULL);
  g_object_add_weak_pointer (G_OBJECT (f->page), (gpointer *) &f->page);
  gtk_window_set_child (f->window, GTK_WIDGET (f->page));
  gtk_window_present (f->window);
  run_until_idle ();
}

static gboolean
page_finalized (gpointer data)
{
  Fixture *f = data;
  return f->page == NULL;
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  if (f->window != NULL)
    gtk_window_destroy (f->window);
  /* The recovery worker's task holds the page until the thread returns. */
  wait_until (page_finalized, f);
  g_clear_object (&f->store);
  serah_test_rm_rf (f->dir);
  g_free (f->dir);
}

static gboolean
results_shown (gpointer data)
{
  Fixture *f = data;
  return gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "results_list")), 0) != NULL;
}

/* Search, pick, write, consent, save: the testimonial is in the store and the form is
 * empty again. */
static void
test_search_and_save (Fixture *f, gconstpointer data)
{
  g_autoptr(SerahParticipant) p = serah_participants_get (f->store, 1, NULL);
  g_autoptr(GPtrArray) saved = NULL;
  GtkListBox *results = GTK_LIST_BOX (child (f, "results_list"));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (f, "text_view")));
  const SerahTestimonial *t;

  g_assert_nonnull (p);
  /* Nobody chosen, nothing said, no consent: nothing to save. */
  g_assert_false (save_enabled (f));

  gtk_editable_set_text (GTK_EDITABLE (child (f, "search_entry")), p->card_no);
  wait_until (results_shown, f);
  g_signal_emit_by_name (gtk_list_box_get_row_at_index (results, 0), "activate");
  run_until_idle ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "person_name"))), ==, p->name);
  g_assert_false (save_enabled (f));

  gtk_text_buffer_set_text (buffer, "Kartunya cepat jadi.", -1);
  run_until_idle ();
  /* Words and a person, but consent has no default. */
  g_assert_false (save_enabled (f));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (f, "consent_anonymous")), TRUE);
  run_until_idle ();
  g_assert_true (save_enabled (f));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->page), "testimonial.save", NULL));
  run_until_idle ();

  saved = serah_testimonials_list (f->store, 0, FALSE, NULL);
  g_assert_nonnull (saved);
  g_assert_cmpuint (saved->len, ==, 1);
  t = saved->pdata[0];
  g_assert_cmpint (t->participant_id, ==, p->id);
  g_assert_cmpstr (t->text, ==, "Kartunya cepat jadi.");
  g_assert_cmpint (t->consent, ==, SERAH_CONSENT_ANONYMOUS);

  /* The form is cleared and the list shows the new testimonial. */
  g_assert_false (save_enabled (f));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (child (f, "consent_anonymous"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (f, "list_title"))), ==, "1 testimonial");
  g_assert_nonnull (gtk_list_box_get_row_at_index (GTK_LIST_BOX (child (f, "testimonial_list")), 0));
}

int
main (int argc, char **argv)
{
  /* No session bus under xvfb-run: without this GTK warns about AT-SPI, and warnings are
   * fatal in tests. */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/serah/gui/testimonial/search-and-save", Fixture, NULL, fixture_setup,
              test_search_and_save, fixture_teardown);
  return g_test_run ();
}
