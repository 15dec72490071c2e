/* main.c: starts the Serah GTK application. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "serah-application.h"

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
  return g_application_run (G_APPLICATION (app), argc, argv);
}
