/* serah-station-actions.c: the GUI side of station bundles. Export: a save chooser, then
 * serah_station_export. Import: an open chooser, the bundle's header for confirmation
 * (serah_station_inspect), the merge, and what it changed, with a way to the conflicts.
 * Bundles are small (one ceremony's events), so the core calls run on the UI thread. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "serah-station-actions.h"
#include "serah-ceremony-items.h"

#define BUNDLE_SUFFIX ".serah-bundle"

typedef struct {
  GtkWindow            *parent;
  SerahStore           *store;
  gint64                ceremony_id;
  char                 *station;
  char                 *operator_name;
  char                 *path;
  SerahStationBundleInfo *info;
  GtkFileChooserNative *chooser;
  SerahStationDoneFunc  done;
  gpointer              user_data;
  GDestroyNotify        destroy;
} StationJob;

static void
station_job_finish (StationJob *job, const char *message, gint64 conflicts)
{
  if (job->done != NULL)
    job->done (job->user_data, SERAH_STATION_FINISHED, message, conflicts);
  if (job->destroy != NULL)
    job->destroy (job->user_data);
  g_clear_object (&job->parent);
  g_clear_object (&job->store);
  g_clear_object (&job->chooser);
  g_clear_pointer (&job->info, serah_station_bundle_info_free);
  g_free (job->station);
  g_free (job->operator_name);
  g_free (job->path);
  g_free (job);
}

static StationJob *
station_job_new (GtkWindow *parent, SerahStore *store, gint64 ceremony_id,
                 const char *operator_name, SerahStationDoneFunc done, gpointer user_data,
                 GDestroyNotify destroy)
{
  StationJob *job = g_new0 (StationJob, 1);

  job->operator_name = g_strdup (operator_name);
  job->parent = parent ? g_object_ref (parent) : NULL;
  job->store = g_object_ref (store);
  job->ceremony_id = ceremony_id;
  job->done = done;
  job->user_data = user_data;
  job->destroy = destroy;
  return job;
}

static GtkFileFilter *
bundle_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Serah station bundles"));
  gtk_file_filter_add_pattern (filter, "*" BUNDLE_SUFFIX);
  return filter;
}

/* A dialog that only informs; the job ends when it closes. */
static void
inform (StationJob *job, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (job->parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- export ---- */

static void
export_chosen (GtkNativeDialog *chooser, int response, StationJob *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStationBundleInfo) info = NULL;
  g_autofree char *message = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      station_job_finish (job, NULL, 0);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job->path = file ? g_file_get_path (file) : NULL;
  if (job->path == NULL)
    {
      inform (job, _("Bundle Not Saved"), _("Choose a folder on this computer or a USB stick."));
      station_job_finish (job, NULL, 0);
      return;
    }
  info = serah_station_export (job->store, job->ceremony_id, job->station, job->operator_name,
                               job->path, &error);
  if (info == NULL)
    {
      inform (job, _("Bundle Not Saved"), error->message);
      station_job_finish (job, NULL, 0);
      return;
    }
  {
    g_autofree char *base = g_path_get_basename (job->path);
    /* TRANSLATORS: handovers, undos, file name */
    message = g_strdup_printf (_("Bundle saved: %d handovers and %d undos in %s"),
                               (int) info->handovers, (int) info->undos, base);
  }
  station_job_finish (job, message, 0);
}

void
serah_station_export_bundle (GtkWindow *parent, SerahStore *store, gint64 ceremony_id,
                             const char *station, const char *operator_name,
                             SerahStationDoneFunc done, gpointer user_data, GDestroyNotify destroy)
{
  StationJob *job = station_job_new (parent, store, ceremony_id, operator_name, done, user_data,
                                     destroy);
  g_autoptr(GtkFileFilter) filter = bundle_filter ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M");
  g_autofree char *name = NULL;

  job->station = g_strdup (station);
  name = g_strdup_printf ("stasiun-%s-%s" BUNDLE_SUFFIX, station ? station : g_get_host_name (),
                          stamp);
  g_strdelimit (name, "/\\: ", '-');
  job->chooser = gtk_file_chooser_native_new (_("Export This Station’s Bundle"), parent,
                                              GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                              _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (job->chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  g_signal_connect (job->chooser, "response", G_CALLBACK (export_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}

/* ---- import ---- */

static void
import_reviewed (AdwMessageDialog *dialog, const char *response, StationJob *job)
{
  gboolean review = g_strcmp0 (response, "review") == 0;
  g_autofree char *message =
    g_strdup_printf (_("Bundle merged: %d new handovers, %d new undos"),
                     (int) job->info->new_handovers, (int) job->info->new_undos);

  station_job_finish (job, message,
                      review && job->info->ceremony_id == job->ceremony_id
                        ? job->info->conflicts : 0);
}

static void
import_confirmed (AdwMessageDialog *confirm, const char *response, StationJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  SerahStationBundleInfo *info;
  GtkWidget *dialog;

  if (g_strcmp0 (response, "import") != 0)
    {
      station_job_finish (job, NULL, 0);
      return;
    }
  info = serah_station_import (job->store, job->path, job->operator_name, &error);
  if (info == NULL)
    {
      inform (job, _("Bundle Not Imported"), error->message);
      station_job_finish (job, NULL, 0);
      return;
    }
  g_clear_pointer (&job->info, serah_station_bundle_info_free);
  job->info = info;
  if (job->done != NULL)
    job->done (job->user_data, SERAH_STATION_MERGED, NULL, 0);

  g_string_append_printf (body, _("New here: %d handovers and %d undos (the rest was known "
                                  "already)."), (int) info->new_handovers, (int) info->new_undos);
  g_string_append (body, "\n\n");
  if (info->conflicts > 0)
    g_string_append_printf (body, ngettext ("%d person received a card at two stations. Review "
                                            "the conflict and undo the wrong handover.",
                                            "%d people received a card at two stations. Review "
                                            "the conflicts and undo the wrong handovers.",
                                            (unsigned long) info->conflicts),
                            (int) info->conflicts);
  else
    g_string_append (body, _("No conflicts: nobody received a card at two stations."));
  if (info->ceremony_id != job->ceremony_id)
    {
      g_string_append (body, "\n\n");
      g_string_append_printf (body, _("The bundle belongs to the ceremony “%s”, not the one on "
                                      "screen."), info->ceremony_name);
    }

  dialog = adw_message_dialog_new (job->parent, _("Bundle Merged"), body->str);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  if (info->conflicts > 0 && info->ceremony_id == job->ceremony_id)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "review",
                                       _("_Review Conflicts"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "review",
                                                  ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "review");
    }
  g_signal_connect (dialog, "response", G_CALLBACK (import_reviewed), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_chosen (GtkNativeDialog *chooser, int response, StationJob *job)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *date = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (response != GTK_RESPONSE_ACCEPT)
    {
      station_job_finish (job, NULL, 0);
      return;
    }
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  job->path = file ? g_file_get_path (file) : NULL;
  job->info = job->path ? serah_station_inspect (job->path, &error) : NULL;
  if (job->info == NULL)
    {
      inform (job, _("Not a Station Bundle"),
              error ? error->message : _("Choose a file on this computer or a USB stick."));
      station_job_finish (job, NULL, 0);
      return;
    }

  exported = serah_format_time (job->info->exported_at);
  date = serah_format_iso_date (job->info->ceremony_date);
  /* TRANSLATORS: ceremony name, its date, export time, handovers, undos */
  body = g_strdup_printf (_("Ceremony: %s (%s)\nExported: %s\nContains %d handovers and %d "
                            "undos.\n\nMerging is safe to repeat: events already here are not "
                            "counted twice."),
                          job->info->ceremony_name, date, exported, (int) job->info->handovers,
                          (int) job->info->undos);
  {
    g_autofree char *heading = g_strdup_printf (_("Import the Bundle of Station %s?"),
                                                job->info->station);
    dialog = adw_message_dialog_new (job->parent, heading, body);
  }
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "import", _("_Import"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "import",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "import");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (import_confirmed), job);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
serah_station_import_bundle (GtkWindow *parent, SerahStore *store, gint64 ceremony_id,
                             const char *operator_name, SerahStationDoneFunc done,
                             gpointer user_data, GDestroyNotify destroy)
{
  StationJob *job = station_job_new (parent, store, ceremony_id, operator_name, done, user_data,
                                     destroy);
  g_autoptr(GtkFileFilter) filter = bundle_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GFile) home = g_file_new_for_path (g_get_home_dir ());

  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  job->chooser = gtk_file_chooser_native_new (_("Import a Bundle From Another Station"), parent,
                                              GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                              _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (job->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  /* A bundle copied by hand may have lost its name; let any file be chosen. */
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (job->chooser), all);
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (job->chooser), filter);
  /* Start in the home folder, not in "Recent": bundles arrive on USB sticks (in the side bar)
   * or in a folder of their own. */
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (job->chooser), home, NULL);
  g_signal_connect (job->chooser, "response", G_CALLBACK (import_chosen), job);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (job->chooser));
}
