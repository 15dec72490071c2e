/* serah-print-sender.c: the printer side of printing. Serah's print job writes a PDF and
 * records its cards; this hands that very PDF to the printer the person chose in the system
 * dialog, so the paper carries exactly the serials and QR codes that were recorded. */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <errno.h>
#include <math.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <gtk/gtkunixprint.h>

#include "serah-print-sender.h"

struct _SerahPrintDestination
{
  char             *title;
  GtkPrinter       *printer;
  GtkPrintSettings *settings;
  GtkPageSetup     *page_setup;
};

void
serah_print_destination_free (SerahPrintDestination *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_clear_object (&self->printer);
  g_clear_object (&self->settings);
  g_clear_object (&self->page_setup);
  g_free (self);
}

/* The sheet's paper, named as the standard size when it is one (printers know A4). */
static GtkPageSetup *
page_setup_for_sheet (SerahSheet *sheet)
{
  GtkPageSetup *setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  GtkPaperSize *paper;
  double w, h;

  serah_sheet_get_paper_size (sheet, &w, &h);
  if (fabs (w - gtk_paper_size_get_width (a4, GTK_UNIT_MM)) < 0.5 &&
      fabs (h - gtk_paper_size_get_height (a4, GTK_UNIT_MM)) < 0.5)
    paper = gtk_paper_size_copy (a4);
  else
    paper = gtk_paper_size_new_custom (serah_sheet_get_name (sheet), serah_sheet_get_title (sheet),
                                       w, h, GTK_UNIT_MM);
  gtk_page_setup_set_paper_size_and_default_margins (setup, paper);
  gtk_page_setup_set_orientation (setup, GTK_PAGE_ORIENTATION_PORTRAIT);
  gtk_paper_size_free (paper);
  return setup;
}

static void
on_dialog_response (GtkDialog *dialog, int response, gpointer user_data)
{
  g_autoptr(GTask) task = user_data;
  GtkPrintUnixDialog *print_dialog = GTK_PRINT_UNIX_DIALOG (dialog);
  SerahPrintDestination *dest;

  if (response != GTK_RESPONSE_OK)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Printing cancelled."));
      return;
    }
  dest = g_new0 (SerahPrintDestination, 1);
  dest->title = g_strdup (g_task_get_task_data (task));
  dest->printer = g_object_ref (gtk_print_unix_dialog_get_selected_printer (print_dialog));
  dest->settings = gtk_print_unix_dialog_get_settings (print_dialog);
  dest->page_setup = g_object_ref (gtk_print_unix_dialog_get_page_setup (print_dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  if (!gtk_printer_accepts_pdf (dest->printer))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               _("The printer “%s” does not accept PDF documents. Save the "
                                 "cards as PDF and print that file instead."),
                               gtk_printer_get_name (dest->printer));
      serah_print_destination_free (dest);
      return;
    }
  g_task_return_pointer (task, dest, (GDestroyNotify) serah_print_destination_free);
}

void
serah_print_destination_choose_async (GtkWindow *parent, const char *title, SerahSheet *sheet,
                                      gboolean duplex, GCancellable *cancellable,
                                      GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GtkPageSetup) setup = page_setup_for_sheet (sheet);
  g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  GtkWidget *dialog = gtk_print_unix_dialog_new (title, parent);

  g_task_set_source_tag (task, serah_print_destination_choose_async);
  g_task_set_task_data (task, g_strdup (title), g_free);
  gtk_print_unix_dialog_set_page_setup (GTK_PRINT_UNIX_DIALOG (dialog), setup);
  /* The paper size goes with the job (a queue without a media option would otherwise print
   * a CR80 card centred on A4), and a PDF whose backs follow its fronts is meant for
   * long-edge duplex (DuplexNoTumble): preset, so that nobody has to remember it. */
  gtk_print_settings_set_paper_size (settings, gtk_page_setup_get_paper_size (setup));
  gtk_print_settings_set_orientation (settings, gtk_page_setup_get_orientation (setup));
  gtk_print_settings_set_duplex (settings, duplex ? GTK_PRINT_DUPLEX_HORIZONTAL
                                                  : GTK_PRINT_DUPLEX_SIMPLEX);
  gtk_print_unix_dialog_set_settings (GTK_PRINT_UNIX_DIALOG (dialog), settings);
  /* The PDF already has its pages: no scaling or n-up by us, PDF is what we send. */
  gtk_print_unix_dialog_set_manual_capabilities (GTK_PRINT_UNIX_DIALOG (dialog),
                                                 GTK_PRINT_CAPABILITY_GENERATE_PDF |
                                                 GTK_PRINT_CAPABILITY_COPIES |
                                                 GTK_PRINT_CAPABILITY_COLLATE);
  gtk_window_set_modal (GTK_WINDOW (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_dialog_response), task);
  gtk_window_present (GTK_WINDOW (dialog));
}

SerahPrintDestination *
serah_print_destination_choose_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
serah_print_destination_make_spool_path (GError **error)
{
  g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), "serah", NULL);
  g_autofree char *name = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved));
      return NULL;
    }
  name = g_strdup_printf ("print-%" G_GINT64_FORMAT ".pdf", g_get_real_time ());
  return g_build_filename (dir, name, NULL);
}

static void
on_job_sent (GtkPrintJob *job, gpointer user_data, const GError *error)
{
  GTask *task = user_data;

  if (error != NULL)
    g_task_return_error (task, g_error_copy (error));
  else
    g_task_return_boolean (task, TRUE);
}

void
serah_print_destination_send_async (SerahPrintDestination *self, const char *path,
                                    GCancellable *cancellable, GAsyncReadyCallback callback,
                                    gpointer user_data)
{
  g_autoptr(GtkPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, serah_print_destination_send_async);
  job = gtk_print_job_new (self->title, self->printer, self->settings, self->page_setup);
  if (!gtk_print_job_set_source_file (job, path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  gtk_print_job_send (job, on_job_sent, task, g_object_unref);
}

gboolean
serah_print_destination_send_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---- one-shot PDFs (a reprinted card, the calibration page) ---- */

typedef struct {
  GtkWindow             *parent;
  char                  *title;
  SerahPdfWriter         writer;
  gpointer               user_data;
  GDestroyNotify         destroy;
  char                  *path;
  SerahPrintDestination *destination;
} OneShot;

static void
one_shot_free (OneShot *shot)
{
  if (shot->destroy != NULL)
    shot->destroy (shot->user_data);
  g_clear_object (&shot->parent);
  g_free (shot->title);
  g_free (shot->path);
  g_clear_pointer (&shot->destination, serah_print_destination_free);
  g_free (shot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OneShot, one_shot_free)

static OneShot *
one_shot_new (GtkWindow *parent, const char *title, SerahPdfWriter writer, gpointer user_data,
              GDestroyNotify destroy)
{
  OneShot *shot = g_new0 (OneShot, 1);

  shot->parent = parent ? g_object_ref (parent) : NULL;
  shot->title = g_strdup (title);
  shot->writer = writer;
  shot->user_data = user_data;
  shot->destroy = destroy;
  return shot;
}

void
serah_print_sender_show_error (GtkWindow *parent, const char *heading, const GError *error)
{
  GtkWidget *dialog;

  g_message ("%s: %s", heading, error->message);
  dialog = adw_message_dialog_new (parent, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_one_shot_pdf_chosen (GtkNativeDialog *dialog, int response, gpointer user_data)
{
  g_autoptr(OneShot) shot = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (path != NULL && !shot->writer (path, shot->user_data, &error))
        serah_print_sender_show_error (shot->parent, shot->title, error);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
}

void
serah_print_sender_save_pdf (GtkWindow *parent, const char *title, const char *suggested_name,
                             SerahPdfWriter writer, gpointer user_data, GDestroyNotify destroy)
{
  OneShot *shot = one_shot_new (parent, title, writer, user_data, destroy);
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                        _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), suggested_name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (on_one_shot_pdf_chosen), shot);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
on_one_shot_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(OneShot) shot = user_data;
  g_autoptr(GError) error = NULL;

  if (!serah_print_destination_send_finish (result, &error))
    serah_print_sender_show_error (shot->parent, shot->title, error);
  else
    g_unlink (shot->path);
}

static void
on_one_shot_printer_chosen (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(OneShot) shot = user_data;
  g_autoptr(GError) error = NULL;

  shot->destination = serah_print_destination_choose_finish (result, &error);
  if (shot->destination != NULL)
    shot->path = serah_print_destination_make_spool_path (&error);
  if (shot->path != NULL && shot->writer (shot->path, shot->user_data, &error))
    {
      SerahPrintDestination *destination = shot->destination;
      const char *path = shot->path;
      serah_print_destination_send_async (destination, path, NULL, on_one_shot_sent,
                                          g_steal_pointer (&shot));
      return;
    }
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    serah_print_sender_show_error (shot->parent, shot->title, error);
}

void
serah_print_sender_print_pdf (GtkWindow *parent, const char *title, SerahSheet *sheet,
                              SerahPdfWriter writer, gpointer user_data, GDestroyNotify destroy)
{
  OneShot *shot = one_shot_new (parent, title, writer, user_data, destroy);

  serah_print_destination_choose_async (parent, title, sheet, FALSE, NULL,
                                        on_one_shot_printer_chosen,
                                        shot);
}
