/* bench-reports-page.c: the Laporan page's "not yet collected" table on a big register
 * (issue #10, item 3): the page used to read the whole list (up to a million rows) into a
 * GListStore before showing it; it now shows a paged list (SerahUncollectedList).
 *
 *   bench-reports-page DB [CEREMONY_ID]
 *
 * Builds the real SerahReportsPage in a 1366x768 window (run it under xvfb-run with
 * GSK_RENDERER=cairo), shows its "not yet collected" tab and times, from presenting the window,
 * until the page has loaded its reports and GTK has bound the first rows of the table (rows
 * read from the store > 0); then drags the scroll bar to the middle and to the end of the
 * list and times until new rows are bound. Prints those times, the process CPU (user+sys), the number of
 * windows and rows read, and the peak resident memory (VmHWM). Waits on conditions, with a
 * 120 s limit. */
#define G_LOG_DOMAIN "serah-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <serah/serah.h>

#include "serah-reports-page.h"
#include "serah-uncollected-list.h"

static double
cpu_s (void)
{
  struct rusage ru;

  getrusage (RUSAGE_SELF, &ru);
  return ru.ru_utime.tv_sec + ru.ru_stime.tv_sec
         + (ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

static long
hwm_mb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  return line ? strtol (line + 6, NULL, 10) / 1024 : -1;
}

/* Runs the main loop until rows_loaded passes `above`; FALSE after 120 s. */
static gboolean
wait_rows (SerahIdWindowList *list, guint above)
{
  gint64 limit = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;

  while (serah_id_window_list_get_rows_loaded (list) <= above)
    {
      if (g_get_monotonic_time () > limit)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  /* Let the frame with those rows be drawn. */
  for (int i = 0; i < 20 && g_main_context_pending (NULL); i++)
    g_main_context_iteration (NULL, FALSE);
  return TRUE;
}

/* Drags the scroll bar to fraction of the list, as a person would. */
static gboolean
jump (GtkWidget *view, SerahIdWindowList *list, double fraction, const char *what)
{
  GtkAdjustment *adj = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (view));
  guint before = serah_id_window_list_get_rows_loaded (list);
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_s ();

  gtk_adjustment_set_value (adj, (gtk_adjustment_get_upper (adj)
                                  - gtk_adjustment_get_page_size (adj)) * fraction);
  if (!wait_rows (list, before))
    {
      fprintf (stderr, "bench-reports-page: no rows bound after the jump to %s\n", what);
      return FALSE;
    }
  printf ("  scroll bar to the %s: rows bound after %.1f ms (CPU %.1f ms)\n", what,
          (g_get_monotonic_time () - t0) / 1000.0, (cpu_s () - c0) * 1000);
  return TRUE;
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = NULL;
  GtkWidget *window, *page;
  GtkStack *stack;
  SerahIdWindowList *list;
  GtkWidget *view;
  gint64 t0;
  double c0;
  guint n;

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-reports-page DB [CEREMONY_ID]\n");
      return 2;
    }
  gtk_init ();
  adw_init ();
  store = serah_store_open (argv[1], &error);
  if (store == NULL)
    {
      fprintf (stderr, "bench-reports-page: %s\n", error->message);
      return 1;
    }
  printf ("Laporan, not yet collected, %" G_GINT64_FORMAT " participants (RSS before the "
          "window %ld MB):\n", serah_participants_count (store), hwm_mb ());

  t0 = g_get_monotonic_time ();
  c0 = cpu_s ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1366, 768);
  page = g_object_new (SERAH_TYPE_REPORTS_PAGE, NULL);
  gtk_window_set_child (GTK_WINDOW (window), page);
  stack = GTK_STACK (gtk_widget_get_template_child (page, SERAH_TYPE_REPORTS_PAGE, "view_stack"));
  gtk_stack_set_visible_child_name (stack, "uncollected");
  list = SERAH_ID_WINDOW_LIST (gtk_widget_get_template_child (page, SERAH_TYPE_REPORTS_PAGE,
                                                              "uncollected_rows"));
  view = GTK_WIDGET (gtk_widget_get_template_child (page, SERAH_TYPE_REPORTS_PAGE,
                                                    "uncollected_view"));
  gtk_window_present (GTK_WINDOW (window));
  serah_reports_page_set_store (SERAH_REPORTS_PAGE (page), store);
  if (argc > 2)
    {
      /* The scope drop down lists "all" first, then the ceremonies newest first. */
      GtkDropDown *scope = GTK_DROP_DOWN (gtk_widget_get_template_child (page,
                                                                         SERAH_TYPE_REPORTS_PAGE,
                                                                         "scope_dropdown"));
      gtk_drop_down_set_selected (scope, (guint) strtoul (argv[2], NULL, 10));
    }
  if (!wait_rows (list, 0))
    {
      fprintf (stderr, "bench-reports-page: the table showed no rows within 120 s\n");
      return 1;
    }
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  printf ("  shown: %u rows in the list; first rows bound after %.1f ms (process CPU %.2f s "
          "since the window), %u windows and %u rows read, RSS %ld MB\n", n,
          (g_get_monotonic_time () - t0) / 1000.0, cpu_s () - c0,
          serah_id_window_list_get_windows_loaded (list),
          serah_id_window_list_get_rows_loaded (list), hwm_mb ());
  if (n > 1 && (!jump (view, list, 0.5, "middle") || !jump (view, list, 1.0, "end")))
    return 1;
  printf ("  after the jumps: %u windows and %u rows read; peak RSS %ld MB, CPU %.2f s\n",
          serah_id_window_list_get_windows_loaded (list),
          serah_id_window_list_get_rows_loaded (list), hwm_mb (), cpu_s ());
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
