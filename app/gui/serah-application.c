/* serah-application.c: the GtkApplication. Opens the office database (--db PATH, or the
 * default under the XDG data dir, created with demo participants on first run) and the
 * main window. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/demo/serah-demo.h>

#include "serah-a11y.h"
#include "serah-application.h"
#include "serah-window.h"

#define DEMO_PARTICIPANTS 500

struct _SerahApplication
{
  AdwApplication parent_instance;
  char          *db_path;
  SerahStore    *store;
};

G_DEFINE_FINAL_TYPE (SerahApplication, serah_application, ADW_TYPE_APPLICATION)

SerahApplication *
serah_application_new (void)
{
  return g_object_new (SERAH_TYPE_APPLICATION,
                       "application-id", APPLICATION_ID,
                       "flags", G_APPLICATION_NON_UNIQUE,
                       NULL);
}

SerahStore *
serah_application_get_store (SerahApplication *self)
{
  g_return_val_if_fail (SERAH_IS_APPLICATION (self), NULL);
  return self->store;
}

static char *
default_db_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "serah", "serah.db", NULL);
}

static gboolean
open_store (SerahApplication *self, GError **error)
{
  g_autofree char *path = self->db_path ? g_strdup (self->db_path) : default_db_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  gboolean is_default = self->db_path == NULL;
  gboolean existed = g_file_test (path, G_FILE_TEST_EXISTS);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED,
                   _("Cannot create the folder “%s”."), dir);
      return FALSE;
    }
  self->store = serah_store_open (path, error);
  if (self->store == NULL)
    return FALSE;

  /* The embedded default: a new default database starts with demo participants so a first
   * look at Serah shows real-looking work. A database named with --db starts empty. */
  if (is_default && !existed && serah_participants_count (self->store) == 0)
    {
      g_autofree char *pdf = g_build_filename (dir, "kartu-demo-labuan.pdf", NULL);
      g_autofree char *id_text = NULL;
      gint64 ceremony_id;

      if (!serah_demo_populate (self->store, DEMO_PARTICIPANTS, error))
        return FALSE;
      serah_settings_set (self->store, "office-name", _("Dinas Kesehatan (demo)"), NULL);
      /* Cards of one kecamatan, printed to a real PDF beside the database, and a ceremony
       * for them: the check-off page can be tried at once by scanning that PDF's codes. */
      ceremony_id = serah_demo_prepare_ceremony (self->store, pdf, error);
      if (ceremony_id <= 0)
        return FALSE;
      id_text = g_strdup_printf ("%" G_GINT64_FORMAT, ceremony_id);
      serah_settings_set (self->store, "active-ceremony", id_text, NULL);
      g_message ("Demo database created at %s; demo cards printed to %s", path, pdf);
    }
  return TRUE;
}

static void
show_fatal (SerahApplication *self, const GError *error)
{
  GtkWidget *dialog = adw_message_dialog_new (NULL, _("Cannot open the database"),
                                              error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_set_application (GTK_WINDOW (dialog), GTK_APPLICATION (self));
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (gtk_window_destroy), dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
serah_application_activate (GApplication *app)
{
  SerahApplication *self = SERAH_APPLICATION (app);
  g_autoptr(GError) error = NULL;
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (app));
  if (window != NULL)
    {
      gtk_window_present (window);
      return;
    }
  if (self->store == NULL && !open_store (self, &error))
    {
      g_printerr ("serah: %s\n", error->message);
      show_fatal (self, error);
      return;
    }
  window = GTK_WINDOW (serah_window_new (self, self->store));
  gtk_window_present (window);
}

static int
serah_application_handle_local_options (GApplication *app, GVariantDict *options)
{
  SerahApplication *self = SERAH_APPLICATION (app);
  const char *db = NULL;

  if (g_variant_dict_lookup (options, "db", "^&ay", &db))
    self->db_path = g_canonicalize_filename (db, NULL);
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("serah %s\n", PACKAGE_VERSION);
      return 0;
    }
  return -1;
}

static void
serah_application_quit (GSimpleAction *action, GVariant *param, gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
}

static void
serah_application_startup (GApplication *app)
{
  static const GActionEntry entries[] = {
    { "quit", serah_application_quit },
  };
  static const char *const quit_accels[] = { "<Control>q", NULL };

  G_APPLICATION_CLASS (serah_application_parent_class)->startup (app);
  serah_a11y_watch_toplevels ();
  g_action_map_add_action_entries (G_ACTION_MAP (app), entries, G_N_ELEMENTS (entries), app);
  gtk_application_set_accels_for_action (GTK_APPLICATION (app), "app.quit", quit_accels);
}

static void
serah_application_finalize (GObject *object)
{
  SerahApplication *self = SERAH_APPLICATION (object);

  g_clear_object (&self->store);
  g_free (self->db_path);
  G_OBJECT_CLASS (serah_application_parent_class)->finalize (object);
}

static void
serah_application_class_init (SerahApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = serah_application_finalize;
  app_class->activate = serah_application_activate;
  app_class->startup = serah_application_startup;
  app_class->handle_local_options = serah_application_handle_local_options;
}

static void
serah_application_init (SerahApplication *self)
{
  static const GOptionEntry options[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, N_("Open the office database at PATH"), N_("PATH") },
    { "version", 0, 0, G_OPTION_ARG_NONE, NULL, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_application_add_main_option_entries (G_APPLICATION (self), options);
}
