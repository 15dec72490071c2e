/* serah-participants-page.c: Peserta, the participant register page.
 *
 * The list is a GtkColumnView over SerahParticipantList, a lazy model holding only the ids
 * that match the search; the store answers the search through its indexes, so typing stays
 * quick with a hundred thousand people. Importing a CSV file runs in a GTask thread on its
 * own SerahStore connection (SQLite handles are opened NOMUTEX and stay in the thread that
 * opened them); the page shows progress with a Cancel button, reloads the list when the
 * worker is done, then shows the import report. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <serah/store/serah-changes.h>

#include "serah-card-change-confirm.h"
#include "serah-import-dialog.h"
#include "serah-import-mapping.h"
#include "serah-participant-item.h"
#include "serah-participants-page.h"
#include "serah-window.h"

/* What the worker thread owns. progress is written by the worker and read by the UI. */
typedef struct
{
  SerahStore *ui_store; /* only for serah_store_open_like: never queried here */
  char *csv_path;
  char *operator_name; /* recorded in the audit log with the import */
  char **mappings;     /* FIELD=HEADER, chosen in the mapping window (issue 11), or NULL */
  gint  permille;    /* atomic; -1 until the importer reports */
  gboolean confirm_card_changes; /* issue 17: the administrator confirmed new card numbers */
} ImportJob;

struct _SerahParticipantsPage
{
  AdwBin                parent_instance;

  SerahStore           *store;
  gint64                total;              /* participants in the store */
  GError               *load_error;         /* the last search or reload failure */

  GCancellable         *import_cancellable; /* set while an import runs */
  ImportJob            *import_job;         /* owned by the running GTask */
  GApplication         *held_app;           /* kept running until the worker is done */
  guint                 progress_source;

  /* template */
  AdwToastOverlay      *toast_overlay;
  GtkSearchEntry       *search_entry;
  GtkLabel             *count_label;
  GtkRevealer          *import_revealer;
  GtkLabel             *import_label;
  GtkProgressBar       *import_progress;
  GtkStack             *stack;
  AdwStatusPage        *no_match_status;
  AdwStatusPage        *error_status;
  SerahParticipantList *participants;
  GtkSingleSelection   *selection;    /* hardening (issue 6): for "show NIK" */
  GtkWidget            *column_view;
};

G_DEFINE_FINAL_TYPE (SerahParticipantsPage, serah_participants_page, ADW_TYPE_BIN)

enum { PROP_0, PROP_STORE, PROP_MODEL, PROP_IMPORTING, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void
import_job_free (ImportJob *job)
{
  g_clear_object (&job->ui_store);
  g_free (job->csv_path);
  g_free (job->operator_name);
  g_strfreev (job->mappings);
  g_free (job);
}

static void
update_count (SerahParticipantsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  const char *query = serah_participant_list_get_query (self->participants);
  g_autofree char *shown = serah_format_count (n);
  g_autofree char *text = NULL;

  if (query[0] == '\0')
    /* TRANSLATORS: %s is a number such as 1,234. */
    text = g_strdup_printf (ngettext ("%s participant", "%s participants", n), shown);
  else if (serah_participant_list_get_more (self->participants))
    {
      g_autofree char *total = serah_format_count (self->total);
      /* TRANSLATORS: a search that matched more people than the list shows (issue #10):
       * "5,000+ of 1,000,000 participants"; typing more narrows it. */
      text = g_strdup_printf (ngettext ("%s+ of %s participant", "%s+ of %s participants",
                                        (gulong) self->total),
                              shown, total);
    }
  else
    {
      g_autofree char *total = serah_format_count (self->total);
      /* TRANSLATORS: search results: "12 of 2,000 participants". */
      text = g_strdup_printf (ngettext ("%s of %s participant", "%s of %s participants",
                                        (gulong) self->total),
                              shown, total);
    }
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->count_label),
                               serah_participant_list_get_more (self->participants)
                                 ? _("More people match than the list shows: type more of the "
                                     "name or number to narrow the search.")
                                 : NULL);
}

/* Chooses between the list and the empty states. */
static void
update_view (SerahParticipantsPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->participants));
  const char *query = serah_participant_list_get_query (self->participants);

  update_count (self);
  if (self->load_error != NULL)
    {
      /* Status page descriptions are Pango markup. */
      g_autofree char *escaped = g_markup_escape_text (self->load_error->message, -1);
      adw_status_page_set_description (self->error_status, escaped);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (self->total == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else if (n == 0)
    {
      g_autofree char *escaped = g_markup_escape_text (query, -1);
      g_autofree char *text =
        g_strdup_printf (_("Nobody matches “%s”. Search by part of the name, or by the first "
                           "digits of the NIK or of the card number."),
                         escaped);
      adw_status_page_set_description (self->no_match_status, text);
      gtk_stack_set_visible_child_name (self->stack, "no-match");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "list");
}

/* Reads the store afresh: after the store is set and after an import. */
static void
reload (SerahParticipantsPage *self)
{
  g_clear_error (&self->load_error);
  self->total = self->store ? serah_participants_count (self->store) : 0;
  if (serah_participant_list_get_store (self->participants) != self->store)
    serah_participant_list_set_store (self->participants, self->store, &self->load_error);
  else
    serah_participant_list_refresh (self->participants, &self->load_error);
  update_view (self);
}

static void
on_search_changed (SerahParticipantsPage *self, GtkSearchEntry *entry)
{
  g_clear_error (&self->load_error);
  serah_participant_list_set_query (self->participants,
                                    gtk_editable_get_text (GTK_EDITABLE (entry)),
                                    &self->load_error);
  update_view (self);
}

static void
on_stop_search (SerahParticipantsPage *self, GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* ---- import ---- */

static void
import_progress (goffset done, goffset total, gpointer user_data)
{
  ImportJob *job = user_data;

  if (total > 0)
    g_atomic_int_set (&job->permille, (gint) CLAMP (done * 1000 / total, 0, 1000));
}

static void
import_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  ImportJob *job = task_data;
  g_autoptr(SerahStore) store = NULL;
  g_autoptr(GError) error = NULL;
  SerahImportReport *report;
  SerahImportOptions options = { .progress = import_progress, .progress_data = job,
                                 .operator_name = job->operator_name,
                                 .mappings = (const char *const *) job->mappings,
                                 .confirm_card_changes = job->confirm_card_changes };

  /* This thread's own connection: the UI's handle must never be used from here. */
  store = serah_store_open_like (job->ui_store, &error);
  if (store == NULL || !serah_backup_before_import (store, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  report = serah_import_file (store, job->csv_path, &options, cancellable, &error);
  if (report == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, report, (GDestroyNotify) serah_import_report_free);
}

static gboolean
pulse_import_progress (gpointer user_data)
{
  SerahParticipantsPage *self = user_data;
  gint permille = g_atomic_int_get (&self->import_job->permille);

  if (permille < 0)
    gtk_progress_bar_pulse (self->import_progress);
  else
    gtk_progress_bar_set_fraction (self->import_progress, permille / 1000.0);
  return G_SOURCE_CONTINUE;
}

static void
set_importing (SerahParticipantsPage *self, gboolean importing)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.import",
                                 !importing &&
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.cancel-import", importing);
  gtk_revealer_set_reveal_child (self->import_revealer, importing);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTING]);
}

static void
show_import_refused_with (SerahParticipantsPage *self, const char *heading, const char *message)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_import_refused (SerahParticipantsPage *self, const GError *error)
{
  show_import_refused_with (self, _("File Not Imported"), error->message);
}

static void import_path (SerahParticipantsPage *self, const char *path, const char *basename,
                         const char *const *mappings, gboolean confirm_card_changes);

typedef struct {
  SerahParticipantsPage *page; /* a weak pointer */
  char                  *path;
  char                 **mappings; /* the same mapping as the first pass (issue 11) */
} CardChangeRetry;

static void
card_change_retry_free (gpointer data)
{
  CardChangeRetry *retry = data;

  g_clear_weak_pointer (&retry->page);
  g_free (retry->path);
  g_strfreev (retry->mappings);
  g_free (retry);
}

/* The administrator confirmed the new card numbers: the same file again, confirming. */
static void
on_card_changes_confirmed (gpointer data)
{
  CardChangeRetry *retry = data;
  g_autofree char *basename = g_path_get_basename (retry->path);

  if (retry->page != NULL)
    import_path (retry->page, retry->path, basename, (const char *const *) retry->mappings, TRUE);
}

static void
import_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (source);
  g_autoptr(SerahImportReport) report = NULL;
  ImportJob *job;
  g_autoptr(GError) error = NULL;
  GtkRoot *root;

  report = g_task_propagate_pointer (G_TASK (result), &error);
  job = g_task_get_task_data (G_TASK (result));

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_object (&self->import_cancellable);
  self->import_job = NULL;
  if (self->held_app != NULL)
    {
      g_application_release (self->held_app);
      g_clear_object (&self->held_app);
    }

  /* The page left its window meanwhile (the window closed): nobody to tell. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (self->stack == NULL || root == NULL)
    return;

  set_importing (self, FALSE);
  if (report != NULL)
    {
      /* This list (on_store_changes) and the Cetak, Acara and Laporan pages read these
       * people again. */
      serah_changes_emit (self->store, SERAH_CHANGE_PARTICIPANTS);
      /* Issue 17: rows that would change a card number wait for the administrator, over the
       * report (a second import, confirming, if they say so). */
      gboolean ask = !job->confirm_card_changes && serah_card_change_count (report) > 0;
      SerahImportDialog *dialog = serah_import_dialog_new (GTK_WINDOW (root),
                                                           g_steal_pointer (&report));

      /* The rejected rows are saved through the audited core call (issue 11). */
      serah_import_dialog_set_store (dialog, self->store);
      gtk_window_present (GTK_WINDOW (dialog));
      if (ask)
        {
          CardChangeRetry *retry = g_new0 (CardChangeRetry, 1);
          g_set_weak_pointer (&retry->page, self);
          retry->path = g_strdup (job->csv_path);
          retry->mappings = g_strdupv (job->mappings);
          serah_card_change_confirm (GTK_WINDOW (dialog), serah_import_dialog_get_report (dialog),
                                     on_card_changes_confirmed, retry, card_change_retry_free);
        }
    }
  else
    {
      /* A big list is committed in slices: a cancel or a failure half way may keep the rows
       * saved before it; the core's message says whether, how many, and how to finish. */
      reload (self);
      serah_changes_emit (self->store, SERAH_CHANGE_PARTICIPANTS);
      if (g_error_matches (error, SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_CANCELLED) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      else
        show_import_refused (self, error);
    }
}

/* ---- hardening (issue 6): show NIK ---- */

static void
update_show_nik (SerahParticipantsPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.show-nik",
                                 gtk_single_selection_get_selected_item (self->selection) != NULL &&
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
}

void
serah_participants_page_update_actions (SerahParticipantsPage *self)
{
  g_return_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.import",
                                 self->import_cancellable == NULL &&
                                 serah_window_role_allows (GTK_WIDGET (self), SERAH_ROLE_ADMIN));
  update_show_nik (self);
}

/* A deliberate look at one full NIK: administrators only, recorded before it is shown. */
static void
show_nik_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (widget);
  SerahParticipantItem *item = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(SerahParticipant) p = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subject = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  const char *operator_name = serah_window_operator_for (widget);
  GtkWidget *dialog;

  if (item == NULL || self->store == NULL ||
      !serah_window_require_role (widget, SERAH_ROLE_ADMIN, _("Showing a full NIK")))
    return;
  p = serah_participants_get (self->store, serah_participant_item_get_id (item), &error);
  if (p != NULL)
    {
      subject = g_strdup_printf ("%" G_GINT64_FORMAT, p->id);
      serah_audit_record (self->store, operator_name, "participant.show-nik", subject, NULL, &error);
    }
  if (error != NULL || p == NULL)
    {
      show_import_refused_with (self, _("NIK Not Shown"),
                                error ? error->message : _("This participant is no longer in the register."));
      return;
    }
  heading = g_strdup_printf (_("NIK of %s"), p->name);
  body = g_markup_printf_escaped ("<span size=\"xx-large\" font_features=\"tnum\">%.4s %.4s %.4s %.4s</span>\n\n%s",
                                  p->nik, p->nik + 4, p->nik + 8, p->nik + 12,
                                  _("This look was recorded in the audit log under your name."));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, NULL);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), TRUE);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
serah_participants_page_import_file (SerahParticipantsPage *self, GFile *file)
{
  serah_participants_page_import_file_mapped (self, file, NULL);
}

/* issue 11: the mapping window first; the import starts when the person confirms it. */
static void
on_mapping_import (SerahImportMapping *mapping, GStrv mappings, SerahParticipantsPage *self)
{
  g_autoptr(GFile) file = g_object_steal_data (G_OBJECT (mapping), "serah-file");

  if (file != NULL)
    serah_participants_page_import_file_mapped (self, file, (const char *const *) mappings);
}

void
serah_participants_page_review_file (SerahParticipantsPage *self, GFile *file)
{
  SerahImportMapping *mapping;
  GtkRoot *root;

  g_return_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->import_cancellable != NULL || self->store == NULL ||
      !serah_window_require_role (GTK_WIDGET (self), SERAH_ROLE_ADMIN, _("Importing")))
    return;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  mapping = serah_import_mapping_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                      self->store, file);
  g_object_set_data_full (G_OBJECT (mapping), "serah-file", g_object_ref (file), g_object_unref);
  g_signal_connect_object (mapping, "import", G_CALLBACK (on_mapping_import), self, 0);
  gtk_window_present (GTK_WINDOW (mapping));
}

void
serah_participants_page_import_file_mapped (SerahParticipantsPage *self, GFile *file,
                                            const char *const *mappings)
{
  g_autofree char *path = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  path = g_file_get_path (file);
  basename = g_file_get_basename (file);
  if (path == NULL)
    {
      g_autoptr(GError) error =
        g_error_new (SERAH_IMPORT_ERROR, SERAH_IMPORT_ERROR_UNREADABLE,
                     _("Only files on this computer can be imported. Copy the file to a "
                       "folder first."));
      show_import_refused (self, error);
      return;
    }
  import_path (self, path, basename, mappings, FALSE);
}

static void
import_path (SerahParticipantsPage *self, const char *path, const char *basename,
             const char *const *mappings, gboolean confirm_card_changes)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  GtkRoot *root;
  ImportJob *job;

  if (self->import_cancellable != NULL || self->store == NULL ||
      !serah_window_require_role (GTK_WIDGET (self), SERAH_ROLE_ADMIN, _("Importing")))
    return;

  job = g_new0 (ImportJob, 1);
  /* hardening (issue 6): recorded in the audit log with the import. */
  job->operator_name = g_strdup (serah_window_operator_for (GTK_WIDGET (self)));
  job->ui_store = g_object_ref (self->store);
  job->csv_path = g_strdup (path);
  job->mappings = g_strdupv ((char **) mappings);
  job->permille = -1;
  job->confirm_card_changes = confirm_card_changes;

  self->import_cancellable = g_cancellable_new ();
  self->import_job = job;

  /* Closing the last window while the worker writes would end the process mid-transaction;
   * hold the application until the worker has committed or rolled back. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root) && gtk_window_get_application (GTK_WINDOW (root)) != NULL)
    {
      self->held_app = G_APPLICATION (g_object_ref (gtk_window_get_application (GTK_WINDOW (root))));
      g_application_hold (self->held_app);
    }

  label = g_strdup_printf (_("Importing “%s”…"), basename);
  gtk_label_set_text (self->import_label, label);
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  self->progress_source = g_timeout_add (100, pulse_import_progress, self);
  set_importing (self, TRUE);

  task = g_task_new (self, self->import_cancellable, import_done, NULL);
  g_task_set_source_tag (task, serah_participants_page_import_file);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
serah_participants_page_get_importing (SerahParticipantsPage *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self), FALSE);
  return self->import_cancellable != NULL;
}

static void
on_import_chooser_response (SerahParticipantsPage *self, int response, GtkNativeDialog *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      if (file != NULL)
        serah_participants_page_review_file (self, file);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Import Participants"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_OPEN, C_("import", "_Import"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);

  /* office data (issue 11): the core reads XLSX and ODS lists directly. */
  gtk_file_filter_set_name (csv, C_("import", "Participant lists (CSV, XLSX, ODS)"));
  gtk_file_filter_add_suffix (csv, "csv");
  gtk_file_filter_add_suffix (csv, "txt");
  gtk_file_filter_add_suffix (csv, "xlsx");
  gtk_file_filter_add_suffix (csv, "ods");
  gtk_file_filter_add_mime_type (csv, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv);
  gtk_file_filter_set_name (all, C_("import", "All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);

  g_signal_connect_object (chooser, "response", G_CALLBACK (on_import_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
cancel_import_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
focus_search_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* ---- GObject ---- */

GtkWidget *
serah_participants_page_new (SerahStore *store)
{
  return g_object_new (SERAH_TYPE_PARTICIPANTS_PAGE, "store", store, NULL);
}

SerahStore *
serah_participants_page_get_store (SerahParticipantsPage *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self), NULL);
  return self->store;
}

static void
on_store_changes (SerahParticipantsPage *self, guint what)
{
  if (what & SERAH_CHANGE_PARTICIPANTS)
    reload (self);
}

void
serah_participants_page_set_store (SerahParticipantsPage *self, SerahStore *store)
{
  g_return_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self));
  g_return_if_fail (store == NULL || SERAH_IS_STORE (store));

  if (self->store != NULL && self->store != store)
    g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
  if (!g_set_object (&self->store, store))
    return;
  /* Participants written elsewhere in the window (this page's import, a restore, a merge)
   * reach the list through the change hub: a count and a window, cheap at any size. */
  if (store != NULL)
    g_signal_connect_object (serah_changes_for_store (store), "changed",
                             G_CALLBACK (on_store_changes), self, G_CONNECT_SWAPPED);
  reload (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

SerahParticipantList *
serah_participants_page_get_model (SerahParticipantsPage *self)
{
  g_return_val_if_fail (SERAH_IS_PARTICIPANTS_PAGE (self), NULL);
  return self->participants;
}

static void
serah_participants_page_map (GtkWidget *widget)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (widget);

  GTK_WIDGET_CLASS (serah_participants_page_parent_class)->map (widget);
  /* Coming to this page means looking someone up: be ready for typing. */
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
serah_participants_page_unroot (GtkWidget *widget)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (widget);

  /* Out of its window nobody sees the import finish: roll it back instead. */
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  GTK_WIDGET_CLASS (serah_participants_page_parent_class)->unroot (widget);
}

static void
serah_participants_page_get_property (GObject *object, guint prop_id, GValue *value,
                                      GParamSpec *pspec)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->participants);
      break;
    case PROP_IMPORTING:
      g_value_set_boolean (value, serah_participants_page_get_importing (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_participants_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                      GParamSpec *pspec)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      serah_participants_page_set_store (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_participants_page_dispose (GObject *object)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (object);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);
  /* AdwBin holds its child itself: let it unparent the child before the template lets go,
   * or AdwBin's own dispose would unparent a finalised widget. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_PARTICIPANTS_PAGE);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_participants_page_parent_class)->dispose (object);
}

static void
serah_participants_page_finalize (GObject *object)
{
  SerahParticipantsPage *self = SERAH_PARTICIPANTS_PAGE (object);

  g_clear_error (&self->load_error);
  G_OBJECT_CLASS (serah_participants_page_parent_class)->finalize (object);
}

static void
serah_participants_page_class_init (SerahParticipantsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = serah_participants_page_get_property;
  object_class->set_property = serah_participants_page_set_property;
  object_class->dispose = serah_participants_page_dispose;
  object_class->finalize = serah_participants_page_finalize;
  widget_class->map = serah_participants_page_map;
  widget_class->unroot = serah_participants_page_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, SERAH_TYPE_PARTICIPANT_LIST,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_IMPORTING] =
    g_param_spec_boolean ("importing", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The cell templates name these types; the builder must know them when it parses. */
  g_type_ensure (SERAH_TYPE_PARTICIPANT_ITEM);
  g_type_ensure (SERAH_TYPE_PARTICIPANT_LIST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-participants-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, import_revealer);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, import_label);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, no_match_status);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, error_status);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, participants);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, SerahParticipantsPage, column_view);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_stop_search);

  gtk_widget_class_install_action (widget_class, "participants.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "participants.cancel-import", NULL,
                                   cancel_import_action);
  gtk_widget_class_install_action (widget_class, "participants.focus-search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "participants.import", NULL);
  /* hardening (issue 6) */
  gtk_widget_class_install_action (widget_class, "participants.show-nik", NULL, show_nik_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "participants.focus-search", NULL);
}

/* The list is one Tab stop (issue #12, item 10): GTK 4.8's list views make every row a Tab
 * stop (45 presses to get past one screen). Tab and Shift+Tab inside the list leave it: the
 * column view is briefly made unfocusable, so the window's focus chain skips to the widget
 * after (or before) it; the arrow keys still move between rows. */
static gboolean
on_list_key_pressed (GtkEventControllerKey *controller, guint keyval, guint keycode,
                     GdkModifierType state, SerahParticipantsPage *self)
{
  GtkRoot *root = gtk_widget_get_root (self->column_view);
  GtkDirectionType direction;

  if (keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
    direction = (state & GDK_SHIFT_MASK) ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD;
  else if (keyval == GDK_KEY_ISO_Left_Tab)
    direction = GTK_DIR_TAB_BACKWARD;
  else
    return GDK_EVENT_PROPAGATE;
  if (root == NULL || (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)))
    return GDK_EVENT_PROPAGATE;
  gtk_widget_set_can_focus (self->column_view, FALSE);
  if (!gtk_widget_child_focus (GTK_WIDGET (root), direction))
    /* Nothing after the list in the chain: wrap round, as Tab does. */
    gtk_widget_child_focus (GTK_WIDGET (root), direction);
  gtk_widget_set_can_focus (self->column_view, TRUE);
  return GDK_EVENT_STOP;
}

static void
serah_participants_page_init (SerahParticipantsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Typing anywhere on the page (the list has the focus, say) goes to the search. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_list_key_pressed), self);
    gtk_widget_add_controller (self->column_view, keys);
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "participants.cancel-import", FALSE);
  /* hardening (issue 6) */
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (update_show_nik),
                           self, G_CONNECT_SWAPPED);
  update_show_nik (self);
  update_view (self);
}
