/* main.c: starts the Serah GTK application.
 *
 * With SERAH_BENCH_STARTUP set, the first frame painted by the first window is reported on
 * stderr as "serah-startup: first-frame MONOTONIC_US" (CLOCK_MONOTONIC, the clock
 * bench/run-gui-start.sh reads too): the time to a window with content at a million
 * participants is a target of issue #10. Nothing else changes. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "serah-application.h"

static void
on_first_paint (GdkFrameClock *clock, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint, user_data);
  g_printerr ("serah-startup: first-frame %" G_GINT64_FORMAT "\n", g_get_monotonic_time ());
}

static void
on_window_realized (GtkWidget *window, gpointer user_data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_paint), NULL);
}

static void
on_window_added (GtkApplication *app, GtkWindow *window, gpointer user_data)
{
  g_signal_handlers_disconnect_by_func (app, on_window_added, user_data);
  g_signal_connect (window, "realize", G_CALLBACK (on_window_realized), NULL);
}

int
main (int argc, char **argv)
{
  g_autoptr(SerahApplication) app = NULL;

  setlocale (LC_ALL, "");
  /* SERAH_LOCALEDIR lets a build-tree run find its translations. */
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SERAH_LOCALEDIR") ? g_getenv ("SERAH_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = serah_application_new ();
  if (g_getenv ("SERAH_BENCH_STARTUP") != NULL)
    g_signal_connect (app, "window-added", G_CALLBACK (on_window_added), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
