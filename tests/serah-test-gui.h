/* serah-test-gui.h: main-loop and widget-tree helpers shared by the GUI tests
 * (header-only; the tests run under Xvfb). */
#pragma once

#include <gtk/gtk.h>

static inline gboolean
serah_test_on_timeout (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the main loop until check says done, failing after a generous timeout. */
static inline void
wait_until (gboolean (*check) (gpointer), gpointer data)
{
  gboolean timed_out = FALSE;
  guint timeout = g_timeout_add_seconds (30, serah_test_on_timeout, &timed_out);

  while (!check (data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout);
}

/* Runs the main loop for ms milliseconds, then whatever is pending. */
static inline void
run_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, serah_test_on_timeout, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Lets pending work (layout, binding rows, idle handlers) run: a short pause lets the
 * frame clock lay out and draw once. */
static inline void
run_until_idle (void)
{
  run_for (50);
}

/* The first widget of type in widget's tree, depth first. */
static inline GtkWidget *
find_descendant (GtkWidget *widget, GType type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}
