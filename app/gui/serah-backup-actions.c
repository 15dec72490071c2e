/* serah-backup-actions.c: backing up and restoring from the main menu.
 *
 * Both run the database work in a GTask thread that opens its own connection to the office
 * database (as the report and import workers do): SQLite's backup API reads a consistent
 * snapshot there while the window's connection goes on serving the pages.
 *
 * After a restore the application quits, and says so first. The window's store, the
 * application's, every page's caches and the lock screen all hold what was read from the
 * database that was replaced; starting again is the one way that leaves none of it stale. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/output/serah-format.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <serah/admin/serah-audit.h>
#include <serah/store/serah-backup.h>
#include <serah/admin/serah-operators.h>

#include "serah-backup-actions.h"
#include "serah-file-chooser.h"
#include "serah-window.h"

/* ---- the work ---- */

typedef struct {
  SerahStore *ui_store; /* only for serah_store_open_like: never queried here */
  char *path;          /* backup: destination; restore: candidate */
  char *operator_name;
  char *pin;
  char *replace_office; /* restore of another office: both names, as confirmed */
  char *with_office;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_clear_object (&job->ui_store);
  g_free (job->path);
  g_free (job->operator_name);
  if (job->pin != NULL)
    memset (job->pin, 0, strlen (job->pin));
  g_free (job->pin);
  g_free (job->replace_office);
  g_free (job->with_office);
  g_free (job);
}

static BackupJob *
backup_job_new (SerahStore *store, const char *path, const char *operator_name,
                const char *pin)
{
  BackupJob *job = g_new0 (BackupJob, 1);

  job->ui_store = g_object_ref (store);
  job->path = g_strdup (path);
  job->operator_name = g_strdup (operator_name);
  job->pin = g_strdup (pin);
  return job;
}

static void
backup_now_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  /* This thread's own connection: the UI's handle must never be used from here. */
  g_autoptr(SerahStore) store = serah_store_open_like (job->ui_store, &error);
  g_autofree char *bytes = NULL;
  g_autofree char *details = NULL;
  GStatBuf st;

  if (store == NULL || !serah_backup_create (store, job->path, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  bytes = g_strdup_printf ("%" G_GOFFSET_FORMAT,
                           g_stat (job->path, &st) == 0 ? (goffset) st.st_size : (goffset) -1);
  details = serah_audit_details ("bytes", bytes, NULL);
  /* A copy of everybody's data that the log does not know of must not stay behind. */
  if (!serah_audit_record (store, job->operator_name, "backup.create", job->path, details,
                           &error))
    {
      g_remove (job->path);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* The three kinds of work start the same way: data for a worker thread, tagged. */
static void
run_in_thread (gpointer source_tag, gpointer data, GDestroyNotify free_data,
               GTaskThreadFunc thread_func, GCancellable *cancellable,
               GAsyncReadyCallback callback, gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, data, free_data);
  g_task_run_in_thread (task, thread_func);
}

void
serah_backup_now_async (SerahStore *store, const char *dest, const char *operator_name,
                        GCancellable *cancellable, GAsyncReadyCallback callback,
                        gpointer user_data)
{
  g_return_if_fail (SERAH_IS_STORE (store) && dest != NULL);

  run_in_thread (serah_backup_now_async, backup_job_new (store, dest, operator_name, NULL),
                 (GDestroyNotify) backup_job_free, backup_now_thread, cancellable, callback,
                 user_data);
}

gboolean
serah_backup_now_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

void
serah_backup_summary_free (SerahBackupSummary *self)
{
  if (self == NULL)
    return;
  g_free (self->path);
  g_free (self->database_id);
  g_free (self->office_name);
  g_free (self);
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);
      g_remove (child);
    }
  g_rmdir (dir);
}

/* Opening a store migrates and may write; only a throw-away copy is opened. */
static gboolean
read_copy (const char *candidate, SerahBackupSummary *summary, GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("serah-restore-XXXXXX", error);
  g_autofree char *copy = NULL;
  g_autoptr(GFile) from = NULL;
  g_autoptr(GFile) to = NULL;
  g_autoptr(SerahStore) store = NULL;
  gboolean ok = FALSE;

  if (dir == NULL)
    return FALSE;
  copy = g_build_filename (dir, "candidate.db", NULL);
  from = g_file_new_for_path (candidate);
  to = g_file_new_for_path (copy);
  if (g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, error) &&
      (store = serah_store_open (copy, error)) != NULL)
    {
      summary->participants = serah_participants_count (store);
      summary->office_name = serah_settings_get (store, "office-name");
      ok = TRUE;
    }
  g_clear_object (&store);
  remove_tree (dir);
  return ok;
}

static void
inspect_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  const char *candidate = task_data;
  g_autoptr(SerahBackupSummary) summary = g_new0 (SerahBackupSummary, 1);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  summary->path = g_strdup (candidate);
  if (!serah_backup_check_candidate (candidate, &summary->schema_version,
                                     &summary->database_id, &error) ||
      !read_copy (candidate, summary, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  summary->modified = g_stat (candidate, &st) == 0 ? (gint64) st.st_mtime : 0;
  g_task_return_pointer (task, g_steal_pointer (&summary),
                         (GDestroyNotify) serah_backup_summary_free);
}

void
serah_backup_inspect_async (const char *candidate, GCancellable *cancellable,
                            GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (candidate != NULL);

  run_in_thread (serah_backup_inspect_async, g_strdup (candidate), g_free, inspect_thread,
                 cancellable, callback, user_data);
}

SerahBackupSummary *
serah_backup_inspect_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
restore_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  BackupJob *job = task_data;
  g_autoptr(GError) error = NULL;
  /* This thread's own connection: the UI's handle must never be used from here. */
  g_autoptr(SerahStore) store = serah_store_open_like (job->ui_store, &error);
  g_autoptr(SerahOperator) op = NULL;
  g_autoptr(SerahStore) fresh = NULL;
  char *saved_to = NULL;

  /* The PIN is checked on the database being replaced, as the CLI's restore does; a wrong
   * one is counted there before anything changes. */
  if (store != NULL)
    op = serah_operators_authorize (store, job->operator_name, job->pin, SERAH_ROLE_ADMIN,
                                    &error);
  /* Another office's database is restored only when the person confirmed both names: the
   * core refuses it otherwise (SERAH_BACKUP_ERROR_OTHER_OFFICE). */
  if (op != NULL)
    fresh = serah_backup_restore_confirmed (store, job->path, job->replace_office,
                                            job->with_office, op->name, &saved_to, &error);
  if (fresh == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, saved_to, g_free);
}

void
serah_backup_restore_async (SerahStore *store, const char *candidate,
                            const char *operator_name, const char *pin,
                            GCancellable *cancellable, GAsyncReadyCallback callback,
                            gpointer user_data)
{
  serah_backup_restore_other_office_async (store, candidate, NULL, NULL, operator_name, pin,
                                           cancellable, callback, user_data);
}

void
serah_backup_restore_other_office_async (SerahStore *store, const char *candidate,
                                         const char *replace_office, const char *with_office,
                                         const char *operator_name, const char *pin,
                                         GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data)
{
  BackupJob *job;

  g_return_if_fail (SERAH_IS_STORE (store) && candidate != NULL);

  job = backup_job_new (store, candidate, operator_name, pin);
  job->replace_office = g_strdup (replace_office);
  job->with_office = g_strdup (with_office);
  /* Tagged as a restore: serah_backup_restore_finish takes either. */
  run_in_thread (serah_backup_restore_async, job, (GDestroyNotify) backup_job_free,
                 restore_thread, cancellable, callback, user_data);
}

char *
serah_backup_restore_finish (GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the flows ---- */

/* What a flow needs across its dialogs and the worker. */
typedef struct {
  GtkWindow          *parent;
  SerahStore         *store;
  char               *operator_name;
  SerahBackupSummary *summary;
  GtkEditable        *pin_entry;   /* in the confirmation, when a PIN is needed */
  char               *replace_office, *with_office; /* a backup of another office */
} Flow;

static void
flow_free (Flow *flow)
{
  g_clear_object (&flow->parent);
  g_clear_object (&flow->store);
  g_free (flow->operator_name);
  serah_backup_summary_free (flow->summary);
  g_free (flow->replace_office);
  g_free (flow->with_office);
  g_free (flow);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Flow, flow_free)

static Flow *
flow_new (GtkWindow *parent, SerahStore *store, const char *operator_name)
{
  Flow *flow = g_new0 (Flow, 1);

  flow->parent = g_object_ref (parent);
  flow->store = g_object_ref (store);
  flow->operator_name = g_strdup (operator_name ? operator_name : g_get_user_name ());
  return flow;
}

static GtkWidget *
message_new (GtkWindow *parent, const char *heading, const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  return dialog;
}

static void
show_message (GtkWindow *parent, const char *heading, const char *body)
{
  gtk_window_present (GTK_WINDOW (message_new (parent, heading, body)));
}

static void
on_backup_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!serah_backup_now_finish (result, &error))
    {
      show_message (flow->parent, _("Backup Failed"), error->message);
      return;
    }
  text = g_strdup_printf (_("Backup written to “%s”."), flow->summary->path);
  if (SERAH_IS_WINDOW (flow->parent))
    serah_window_toast (SERAH_WINDOW (flow->parent), text);
  else
    show_message (flow->parent, _("Backup Written"), text);
}

static void
on_backup_file_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);
  SerahStore *store;
  const char *operator_name;

  if (path == NULL)
    return;
  flow->summary = g_new0 (SerahBackupSummary, 1);
  flow->summary->path = g_strdup (path);
  /* Arguments are read before the flow moves to the callback (no order among them). */
  store = flow->store;
  operator_name = flow->operator_name;
  serah_backup_now_async (store, path, operator_name, NULL, on_backup_done,
                          g_steal_pointer (&flow));
}

static GtkFileFilter *
database_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Serah backups (*.db)"));
  gtk_file_filter_add_suffix (filter, "db");
  return filter;
}

void
serah_backup_actions_back_up (GtkWindow *parent, SerahStore *store, const char *operator_name)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M");
  g_autofree char *base = g_path_get_basename (serah_store_get_path (store));
  g_autofree char *stem = g_str_has_suffix (base, ".db")
    ? g_strndup (base, strlen (base) - 3) : g_strdup (base);
  /* TRANSLATORS: file name of a backup: database name, "cadangan" (backup), date */
  g_autofree char *name = g_strdup_printf (_("%s-backup-%s.db"), stem, stamp);
  g_autoptr(GtkFileFilter) filter = database_filter ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SERAH_IS_STORE (store));

  chooser = serah_file_chooser_new (parent, _("Back Up the Database"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Back Up"), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_backup_file_chosen),
                    flow_new (parent, store, operator_name));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- restore ---- */

static void
on_restored_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  GtkWindow *parent = user_data;
  GtkApplication *app = gtk_window_get_application (parent);

  if (app != NULL)
    g_application_quit (G_APPLICATION (app));
  else
    gtk_window_destroy (parent);
}

static void
on_restore_done (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_to = serah_backup_restore_finish (result, &error);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (saved_to == NULL)
    {
      show_message (flow->parent, _("Not Restored"), error->message);
      return;
    }
  body = g_strdup_printf (_("The database was restored from “%s”. The database as it was "
                            "before is kept in “%s”.\n\nSerah closes now. Open it again to "
                            "work with the restored database."),
                          flow->summary->path, saved_to);
  dialog = adw_message_dialog_new (flow->parent, _("Backup Restored"), body);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Close Serah"));
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "quit");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_restored_response), flow->parent,
                           0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_confirm_response (AdwMessageDialog *dialog, const char *response, gpointer user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autofree char *pin = NULL;
  SerahStore *store;
  const char *candidate, *operator_name;

  if (g_strcmp0 (response, "restore") != 0 && g_strcmp0 (response, "replace-office") != 0)
    return;
  /* Kept on the dialog as it is typed: by the time "response" reaches this handler the
   * dialog may have torn its rows down already. */
  if (flow->pin_entry != NULL)
    pin = g_strdup (g_object_get_data (G_OBJECT (dialog), "serah-pin"));
  store = flow->store;
  candidate = flow->summary->path;
  operator_name = flow->operator_name;
  if (g_strcmp0 (response, "replace-office") == 0)
    {
      const char *replace_office = flow->replace_office, *with_office = flow->with_office;
      serah_backup_restore_other_office_async (store, candidate, replace_office, with_office,
                                               operator_name, pin, NULL, on_restore_done,
                                               g_steal_pointer (&flow));
    }
  else
    serah_backup_restore_async (store, candidate, operator_name, pin, NULL, on_restore_done,
                                g_steal_pointer (&flow));
  if (pin != NULL)
    memset (pin, 0, strlen (pin));
}

static void
free_secret (gpointer text)
{
  if (text != NULL)
    memset (text, 0, strlen (text));
  g_free (text);
}

static void
on_confirm_pin_changed (GtkEditable *entry, AdwMessageDialog *dialog)
{
  g_object_set_data_full (G_OBJECT (dialog), "serah-pin",
                          g_strdup (gtk_editable_get_text (entry)), free_secret);
  adw_message_dialog_set_response_enabled (dialog,
                                           g_object_get_data (G_OBJECT (dialog),
                                                              "serah-confirm-response"),
                                           *gtk_editable_get_text (entry) != '\0');
}

static char *
describe_summary (Flow *flow)
{
  const SerahBackupSummary *s = flow->summary;
  g_autoptr(GDateTime) modified = g_date_time_new_from_unix_local (s->modified);
  g_autofree char *when = modified ? serah_format_date_time (modified, FALSE) : NULL;
  g_autofree char *file = g_path_get_basename (s->path);
  g_autoptr(GString) text = g_string_new (NULL);

  g_string_append_printf (text, _("File: %s"), file);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Saved: %s"), when ? when : "—");
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Office: %s"), s->office_name ? s->office_name : "—");
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Participants: %d"), (int) s->participants);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Database version: %d (this Serah: %d)"), s->schema_version,
                          serah_store_get_latest_schema_version ());
  g_string_append (text, "\n\n");
  if (flow->with_office != NULL)
    {
      /* Issue 17: both offices by name, and what replacing one by the other does. */
      g_string_append_printf (text,
                              _("This backup is of another office, “%s”, not of “%s” open "
                                "now. After the restore, every card printed for “%s” verifies "
                                "as another office's, and its handovers are gone from this "
                                "computer."),
                              flow->with_office, flow->replace_office, flow->replace_office);
      g_string_append (text, "\n\n");
    }
  g_string_append (text, _("Everything in the database open now is replaced by this backup; "
                           "it is first saved as an automatic backup. Serah closes after the "
                           "restore."));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
on_inspected (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  const char *response = "restore";
  GtkWidget *dialog;

  flow->summary = serah_backup_inspect_finish (result, &error);
  if (flow->summary == NULL)
    {
      show_message (flow->parent, _("This File Cannot Be Restored"), error->message);
      return;
    }
  if (g_strcmp0 (flow->summary->database_id, serah_store_get_database_id (flow->store)) != 0)
    {
      const SerahBackupSummary *s = flow->summary;
      /* The names the core checks: serah_backup_office_label of each database. */
      flow->replace_office = serah_backup_office_label (flow->store);
      flow->with_office = g_strdup (s->office_name != NULL && *s->office_name
                                      ? s->office_name : s->database_id);
    }
  body = describe_summary (flow);
  if (flow->with_office != NULL)
    {
      g_autofree char *heading = g_strdup_printf (_("Replace “%s” With “%s”?"),
                                                  flow->replace_office, flow->with_office);
      dialog = adw_message_dialog_new (flow->parent, heading, body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Keep This Office's Database"),
                                        "replace-office", _("_Replace With Another Office"),
                                        NULL);
      response = "replace-office";
    }
  else
    {
      dialog = adw_message_dialog_new (flow->parent, _("Restore This Backup?"), body);
      adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                        "cancel", _("_Cancel"), "restore", _("_Restore"), NULL);
    }
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), response,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  /* With operators, the administrator confirms with a PIN, as for the CLI's restore. */
  if (serah_operators_count (flow->store, NULL) > 0)
    {
      GtkWidget *list = gtk_list_box_new ();
      GtkWidget *entry = adw_password_entry_row_new ();
      /* TRANSLATORS: %s is the administrator's sign-in name */
      g_autofree char *title = g_strdup_printf (_("PIN of %s"), flow->operator_name);

      /* A row, not a GtkPasswordEntry (GTK 4.8 warns when one is destroyed focused). Enter
       * does not restore: the default answer of a destructive question is Cancel. */
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), title);
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      gtk_list_box_append (GTK_LIST_BOX (list), entry);
      adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), list);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), response, FALSE);
      g_object_set_data (G_OBJECT (dialog), "serah-confirm-response", (gpointer) response);
      g_signal_connect_object (entry, "changed", G_CALLBACK (on_confirm_pin_changed), dialog, 0);
      flow->pin_entry = GTK_EDITABLE (entry);
    }
  g_signal_connect (dialog, "response", G_CALLBACK (on_confirm_response), g_steal_pointer (&flow));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_restore_file_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr(Flow) flow = user_data;
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);

  if (path != NULL)
    serah_backup_inspect_async (path, NULL, on_inspected, g_steal_pointer (&flow));
}

void
serah_backup_actions_restore_file (GtkWindow *parent, SerahStore *store,
                                   const char *operator_name, const char *path)
{
  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SERAH_IS_STORE (store));
  g_return_if_fail (path != NULL);

  serah_backup_inspect_async (path, NULL, on_inspected, flow_new (parent, store, operator_name));
}

void
serah_backup_actions_restore (GtkWindow *parent, SerahStore *store, const char *operator_name)
{
  g_autofree char *dir = NULL;
  g_autoptr(GtkFileFilter) filter = database_filter ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (SERAH_IS_STORE (store));

  chooser = serah_file_chooser_new (parent, _("Restore from a Backup"),
                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), filter);
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  /* Start where the automatic backups are: the usual way back after a mistake. */
  dir = serah_backup_get_dir (store);
  if (g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GFile) folder = g_file_new_for_path (dir);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }
  g_signal_connect (chooser, "response", G_CALLBACK (on_restore_file_chosen),
                    flow_new (parent, store, operator_name));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
