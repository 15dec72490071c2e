/* serah-print-page-run.c: printing from the print page, to a PDF or to a printer, with a
 * progress bar and Cancel.
 *
 * Both paths run the core print job in its worker thread (serah_print_job_run_async opens its
 * own SQLite connection there), which writes the PDF and records the run and every card's
 * serial in one transaction. For a printer, the system print dialog comes first; the job's
 * finished PDF is then handed to that printer as it is (GtkPrintJob with a source file), so
 * what the printer gets is exactly the recorded cards with their real QR codes. (A
 * GtkPrintOperation would need the core to draw recorded pages into GTK's cairo_t, page by
 * page; the job only writes whole PDFs.) */
#define G_LOG_DOMAIN "serah-gui"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "serah-calibration-dialog.h"
#include "serah-print-page-private.h"
#include "serah-reprint-dialog.h"
#include "serah-print-sender.h"
#include "serah-window.h"

typedef struct {
  SerahPrintPage *page;
  char           *path;
  SerahPrintDestination *destination; /* NULL: the PDF is the result */
} RunData;

static void
run_data_free (RunData *data)
{
  g_clear_object (&data->page);
  g_free (data->path);
  g_clear_pointer (&data->destination, serah_print_destination_free);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RunData, run_data_free)

static void
set_busy (SerahPrintPage *self, gboolean busy)
{
  g_clear_object (&self->cancellable);
  if (busy)
    {
      self->cancellable = g_cancellable_new ();
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_progress_bar_set_text (self->progress_bar, _("Starting…"));
    }
  serah_print_page_update_actions (self);
}

static void
on_progress (guint done, guint total, gpointer user_data)
{
  SerahPrintPage *self = user_data;
  g_autofree char *text = NULL;

  if (self->progress_bar == NULL)
    return;
  /* TRANSLATORS: cards drawn so far, of the total */
  text = g_strdup_printf (_("%u of %u cards"), done, total);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static char *
describe_result (const SerahPrintResult *result)
{
  GString *text = g_string_new (NULL);

  /* TRANSLATORS: print run id, cards, sheets */
  g_string_printf (text, _("Print run #%lld: %u cards on %u sheets (serials %lld–%lld)."),
                   (long long) result->run_id, result->cards, result->sheets,
                   (long long) result->first_serial, (long long) result->last_serial);
  /* What was printed knowingly: the same counts as the run's audit record. */
  if (result->fit_problems > 0)
    {
      g_string_append_c (text, ' ');
      g_string_append_printf (text, g_dngettext (NULL, "%u text shortened to fit",
                                                 "%u texts shortened to fit",
                                                 result->fit_problems),
                              result->fit_problems);
      g_string_append_c (text, '.');
    }
  return g_string_free (text, FALSE);
}

static gboolean
is_cancel (const GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, SERAH_PRINT_ERROR, SERAH_PRINT_ERROR_CANCELLED);
}

static void
on_sent (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RunData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (!serah_print_destination_send_finish (result, &error))
    {
      /* The cards are recorded; keep the PDF so nothing has to be printed twice. */
      g_autofree char *heading = g_strdup_printf (_("The printer did not take the cards. They "
                                                    "are recorded; print the PDF “%s” instead."),
                                                  data->path);
      serah_print_page_show_error (data->page, heading, error);
      return;
    }
  g_unlink (data->path);
}

static void
on_run_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(RunData) data = user_data;
  SerahPrintPage *self = data->page;
  g_autoptr(GError) error = NULL;
  SerahPrintResult out = { 0 };
  g_autofree char *summary = NULL;
  SerahPrintDestination *destination;
  const char *path;

  set_busy (self, FALSE);
  if (!serah_print_job_run_finish (SERAH_PRINT_JOB (source), result, &out, &error))
    {
      if (is_cancel (error))
        serah_print_page_toast (self, _("Printing cancelled. No card was recorded."));
      else
        serah_print_page_show_error (self, _("Cannot print the cards"), error);
      return;
    }

  serah_print_page_refresh (self);
  summary = describe_result (&out);
  if (data->destination == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("%s Saved to %s"), summary, data->path);
      serah_print_page_toast (self, text);
      return;
    }
  serah_print_page_toast (self, summary);
  destination = data->destination;
  path = data->path;
  serah_print_destination_send_async (destination, path, NULL, on_sent, g_steal_pointer (&data));
}

static void
start_run (SerahPrintPage *self, const char *path, SerahPrintDestination *destination)
{
  g_autoptr(SerahPrintJob) job = NULL;
  g_autoptr(GError) error = NULL;
  RunData *data;

  if (self->cancellable != NULL)
    return;
  job = serah_print_page_make_job (self, &error);
  if (job == NULL)
    {
      serah_print_page_show_error (self, _("Cannot print the cards"), error);
      g_clear_pointer (&destination, serah_print_destination_free);
      return;
    }
  /* hardening (issue 6): the run is recorded under the signed-in operator. */
  serah_print_job_set_operator (job, serah_window_operator_for (GTK_WIDGET (self)));

  data = g_new0 (RunData, 1);
  data->page = g_object_ref (self);
  data->path = g_strdup (path);
  data->destination = destination;
  set_busy (self, TRUE);
  serah_print_job_run_async (job, path, on_progress, g_object_ref (self), g_object_unref,
                             self->cancellable, on_run_done, data);
}

void
serah_print_page_export_pdf_to (SerahPrintPage *self, const char *path)
{
  g_return_if_fail (SERAH_IS_PRINT_PAGE (self));
  g_return_if_fail (path != NULL);

  start_run (self, path, NULL);
}

static char *
suggested_pdf_name (SerahPrintPage *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  /* TRANSLATORS: file name of a PDF of cards: template name and date */
  return g_strdup_printf (_("cards-%s-%s.pdf"), serah_card_template_get_name (self->card), date);
}

static gboolean
write_batch_pdf (const char *path, gpointer user_data, GError **error)
{
  serah_print_page_export_pdf_to (SERAH_PRINT_PAGE (user_data), path);
  return TRUE;
}

void
serah_print_page_export_pdf (SerahPrintPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *name = NULL;

  if (self->card == NULL || self->cancellable != NULL)
    return;
  name = suggested_pdf_name (self);
  serah_print_sender_save_pdf (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                               _("Save the Cards as PDF"), name, write_batch_pdf,
                               g_object_ref (self), g_object_unref);
}

static void
on_printer_chosen (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SerahPrintPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  SerahPrintDestination *destination;

  destination = serah_print_destination_choose_finish (result, &error);
  if (destination == NULL)
    {
      if (error != NULL && !is_cancel (error))
        serah_print_page_show_error (self, _("Cannot print the cards"), error);
      return;
    }
  path = serah_print_destination_make_spool_path (&error);
  if (path == NULL)
    {
      serah_print_page_show_error (self, _("Cannot print the cards"), error);
      serah_print_destination_free (destination);
      return;
    }
  start_run (self, path, destination);
}

void
serah_print_page_print (SerahPrintPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *title = NULL;

  if (self->sheet == NULL || self->card == NULL || self->cancellable != NULL)
    return;
  title = g_strdup_printf (_("Serah: %s"), serah_card_template_get_title (self->card));
  serah_print_destination_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, title,
                                        self->sheet,
                                        serah_card_template_has_back (self->card) &&
                                          gtk_switch_get_active (self->duplex_switch),
                                        NULL, on_printer_chosen, g_object_ref (self));
}

void
serah_print_page_cancel (SerahPrintPage *self)
{
  if (self->cancellable == NULL)
    return;
  gtk_progress_bar_set_text (self->progress_bar, _("Cancelling…"));
  g_cancellable_cancel (self->cancellable);
}

/* ---- one card, and the printer's calibration ---- */

static void
on_reprinted (SerahReprintDialog *dialog, const char *summary, SerahPrintPage *self)
{
  serah_print_page_toast (self, summary);
  serah_print_page_refresh (self);
}

void
serah_print_page_reprint (SerahPrintPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(SerahPrinterProfile) profile = serah_print_page_get_profile (self);
  SerahReprintDialog *dialog;

  if (self->store == NULL || self->card == NULL || self->sheet == NULL)
    return;
  dialog = serah_reprint_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->store, self->card, self->sheet, profile);
  g_signal_connect_object (dialog, "reprinted", G_CALLBACK (on_reprinted), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_profile_saved (SerahCalibrationDialog *dialog, const char *name, SerahPrintPage *self)
{
  g_autofree char *text = g_strdup_printf (_("Printer profile “%s” saved."), name);

  serah_print_page_select_profile (self, name);
  serah_print_page_toast (self, text);
}

void
serah_print_page_calibrate (SerahPrintPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(SerahPrinterProfile) profile = serah_print_page_get_profile (self);
  SerahCalibrationDialog *dialog;

  if (self->store == NULL || self->sheet == NULL)
    return;
  dialog = serah_calibration_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         self->store, self->sheet, profile);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_profile_saved), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
