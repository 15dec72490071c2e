/* test-gui-admin.c: the administrator's windows under Xvfb. The audit log window lists what
 * was recorded and its kind, operator and date filters choose rows; its CSV export writes
 * the rows shown and is recorded itself. The operators window adds the first administrator
 * without a PIN, then refuses changes until an administrator's PIN is right, counts a wrong
 * one, and adds, disables and re-PINs through the core (audited). Back up now writes a file
 * that serah_backup_check_candidate accepts; a restore needs the right PIN and brings the
 * backup's data back. The main menu opens the audit log for an administrator only. */
#include "config.h"

#include <adwaita.h>
#include <serah/admin/serah-audit-review.h>

#include "serah-audit-dialog-private.h"
#include "serah-backup-actions.h"
#include "serah-lock-view.h"
#include "serah-operators-dialog-private.h"
#include "serah-window-private.h"
#include "serah-test-gui.h"
#include "serah-test-fixture.h"
#include "register/serah-store-participants-private.h"

#define ADMIN_PIN   "246813"
#define OFFICER_PIN "975310"

static guint
count_events (SerahStore *store, const char *action, const char *operator_name,
              const char *subject)
{
  SerahAuditFilter filter = { .action = action };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = serah_audit_list (store, &filter, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = events->pdata[i];
      if ((operator_name == NULL || g_strcmp0 (e->operator_name, operator_name) == 0) &&
          (subject == NULL || g_strcmp0 (e->subject, subject) == 0))
        n++;
    }
  return n;
}

static void
record (SerahStore *store, const char *operator_name, const char *action, const char *subject)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (serah_audit_record (store, operator_name, action, subject, NULL, &error));
  g_assert_no_error (error);
}

/* ---- the audit log window ---- */

static guint
shown (SerahAuditDialog *dialog)
{
  return g_list_model_get_n_items (G_LIST_MODEL (dialog->model));
}

static guint
operator_position (SerahAuditDialog *dialog, const char *name)
{
  GListModel *names = G_LIST_MODEL (dialog->operators);

  for (guint i = 0; i < g_list_model_get_n_items (names); i++)
    if (g_strcmp0 (gtk_string_list_get_string (dialog->operators, i), name) == 0)
      return i;
  g_assert_not_reached ();
}

static char *
item_string (SerahAuditDialog *dialog, guint position, const char *property)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (dialog->model), position);
  char *value = NULL;

  g_object_get (item, property, &value, NULL);
  return value;
}

static void
test_audit_lists_and_filters (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autofree char *csv_path = g_build_filename (dir, "audit.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *text = NULL;
  g_autofree char *details = serah_audit_details ("file", "/tmp/peserta.csv", "rows", "120",
                                                  NULL);
  SerahAuditDialog *dialog;

  record (store, "siti", "operator.sign-in", "siti");
  record (store, "budi", "participant.show-nik", "42");
  g_assert_true (serah_audit_record (store, "siti", "export.participants", "/tmp/peserta.csv",
                                     details, &error));
  record (store, "budi", "handover.undo", "uuid-1");
  record (store, "siti", "custom.thing", NULL);
  /* "Today" is the day the events were recorded on, read from the log itself, never from a
   * clock read around them (a run across midnight would see two days). */
  {
    g_autoptr(GPtrArray) events = serah_audit_list (store, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (events->len, ==, 5);
    today = g_date_time_new_from_unix_local (((SerahAuditEvent *) events->pdata[0])->at);
    tomorrow = g_date_time_add_days (today, 1);
    yesterday = g_date_time_add_days (today, -1);
  }

  dialog = serah_audit_dialog_new (NULL, store, "siti");
  gtk_window_present (GTK_WINDOW (dialog));
  run_until_idle ();

  /* Everything, newest first, with people's labels and the details as one line. */
  g_assert_cmpuint (shown (dialog), ==, 5);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->content_stack), ==, "list");
  g_assert_cmpstr (gtk_label_get_label (dialog->count_label), ==, "5 events");
  text = item_string (dialog, 0, "label");
  g_assert_cmpstr (text, ==, "custom.thing");   /* unknown code: shown as it is */
  g_clear_pointer (&text, g_free);
  text = item_string (dialog, 2, "label");
  g_assert_cmpstr (text, ==, "Export participants");
  g_clear_pointer (&text, g_free);
  text = item_string (dialog, 2, "details");
  g_assert_cmpstr (text, ==, "file: /tmp/peserta.csv · rows: 120");
  g_clear_pointer (&text, g_free);
  text = item_string (dialog, 3, "label");
  g_assert_cmpstr (text, ==, "Show NIK");
  g_clear_pointer (&text, g_free);
  text = item_string (dialog, 3, "operator");
  g_assert_cmpstr (text, ==, "budi");
  g_clear_pointer (&text, g_free);

  /* Kind: NIK views (the third kind). */
  gtk_drop_down_set_selected (dialog->kind_dropdown, 2);
  g_assert_cmpuint (shown (dialog), ==, 1);
  g_assert_cmpstr (gtk_label_get_label (dialog->count_label), ==, "1 of 5 events");
  /* Kind: exports. */
  gtk_drop_down_set_selected (dialog->kind_dropdown, 4);
  g_assert_cmpuint (shown (dialog), ==, 1);
  /* Operator, with every kind. */
  gtk_drop_down_set_selected (dialog->kind_dropdown, 0);
  gtk_drop_down_set_selected (dialog->operator_dropdown, operator_position (dialog, "budi"));
  g_assert_cmpuint (shown (dialog), ==, 2);
  /* And a kind budi has nothing of: the empty state, export off. */
  gtk_drop_down_set_selected (dialog->kind_dropdown, 4);
  g_assert_cmpuint (shown (dialog), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (dialog->content_stack), ==, "empty");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "audit.clear-filters", NULL));
  g_assert_cmpuint (shown (dialog), ==, 5);

  /* Date range, by whole local days. */
  serah_audit_dialog_set_range (dialog, tomorrow, NULL);
  g_assert_cmpuint (shown (dialog), ==, 0);
  serah_audit_dialog_set_range (dialog, NULL, yesterday);
  g_assert_cmpuint (shown (dialog), ==, 0);
  serah_audit_dialog_set_range (dialog, today, today);
  g_assert_cmpuint (shown (dialog), ==, 5);
  serah_audit_dialog_set_range (dialog, yesterday, today);
  g_assert_cmpuint (shown (dialog), ==, 5);

  /* The export writes the rows shown and is recorded, under who was looking. */
  gtk_drop_down_set_selected (dialog->operator_dropdown, operator_position (dialog, "siti"));
  g_assert_cmpuint (shown (dialog), ==, 3);
  g_assert_true (serah_audit_dialog_export_to (dialog, csv_path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  g_assert_true (g_str_has_prefix (csv, "\xEF\xBB\xBF" "id,waktu,petugas,tindakan,keterangan,subjek,rincian\r\n"));
  g_assert_nonnull (strstr (csv, ",siti,export.participants,Export participants,/tmp/peserta.csv,"));
  g_assert_null (strstr (csv, "budi"));
  g_assert_cmpuint (count_events (store, "export.audit", "siti", csv_path), ==, 1);
  /* ...and shown at once (siti's filter stays: 3 + the export). */
  g_assert_cmpuint (shown (dialog), ==, 4);
  text = item_string (dialog, 0, "label");
  g_assert_cmpstr (text, ==, "Export audit log");

  /* A file that cannot be written is not recorded as exported. */
  {
    g_autofree char *bad = g_build_filename (dir, "no-such-folder", "x.csv", NULL);
    g_assert_false (serah_audit_dialog_export_to (dialog, bad, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_cmpuint (count_events (store, "export.audit", NULL, bad), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (dialog));
  run_until_idle ();
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* ---- the operators window ---- */

static gboolean
work_done (gpointer data)
{
  SerahOperatorsDialog *dialog = data;
  return dialog->work_source == 0 && dialog->work == SERAH_OPERATORS_WORK_NONE;
}

static void
fill_new_operator (SerahOperatorsDialog *dialog, const char *name, const char *full_name,
                   guint role_row, const char *pin)
{
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_name_row), name);
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_full_name_row), full_name);
  adw_combo_row_set_selected (dialog->new_role_row, role_row);
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_pin_row), pin);
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_pin_again_row), pin);
}

static void
test_operators_first_admin (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(SerahOperator) siti = NULL;
  g_autoptr(GError) error = NULL;
  SerahOperatorsDialog *dialog;

  dialog = serah_operators_dialog_new (NULL, store, "petugas-pc", FALSE);
  gtk_window_present (GTK_WINDOW (dialog));
  run_until_idle ();

  /* No operator yet: no PIN asked, the first one must be an administrator. */
  g_assert_true (dialog->bootstrap);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->auth_group)));
  g_assert_cmpuint (adw_combo_row_get_selected (dialog->new_role_row), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->new_role_row)));

  /* Two different PINs: said before any hashing. */
  fill_new_operator (dialog, "Siti", "Siti Aminah", 0, ADMIN_PIN);
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_pin_again_row), "246814");
  g_assert_cmpstr (gtk_label_get_label (dialog->add_message), ==,
                   "The PINs are not the same. Type the same PIN in both fields.");
  /* A weak PIN: the core's rule, shown as it is typed. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_pin_row), "123456");
  gtk_editable_set_text (GTK_EDITABLE (dialog->new_pin_again_row), "");
  g_assert_cmpstr (gtk_label_get_label (dialog->add_message), !=, "");

  fill_new_operator (dialog, "Siti", "Siti Aminah", 0, ADMIN_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.add", NULL));
  wait_until (work_done, dialog);

  siti = serah_operators_get (store, "siti", &error);
  g_assert_no_error (error);
  g_assert_nonnull (siti);
  g_assert_cmpint (siti->role, ==, SERAH_ROLE_ADMIN);
  g_assert_cmpstr (siti->full_name, ==, "Siti Aminah");
  g_assert_cmpstr (siti->created_by, ==, "petugas-pc");
  g_assert_cmpuint (count_events (store, "operator.add", "petugas-pc", "siti"), ==, 1);
  /* The PIN entries are emptied; whoever made the administrator goes on as them. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->new_pin_row)), ==, "");
  g_assert_false (dialog->bootstrap);
  g_assert_cmpstr (dialog->actor, ==, "siti");
  g_assert_cmpuint (dialog->rows->len, ==, 1);

  gtk_window_destroy (GTK_WINDOW (dialog));
  run_until_idle ();
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_operators_need_admin_pin (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(SerahOperator) budi = NULL;
  g_autoptr(SerahOperator) siti = NULL;
  g_autoptr(GError) error = NULL;
  SerahOperatorsDialog *dialog;

  g_assert_true (serah_operators_add (store, "siti", "Siti Aminah", SERAH_ROLE_ADMIN, ADMIN_PIN,
                                      NULL, &error));
  g_assert_no_error (error);

  dialog = serah_operators_dialog_new (NULL, store, "siti", TRUE);
  gtk_window_present (GTK_WINDOW (dialog));
  run_until_idle ();
  g_assert_false (dialog->bootstrap);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->auth_group)));
  /* The name is the one signed in: only the PIN is asked. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog->admin_name_row)));

  /* Before the PIN: no change goes through. */
  fill_new_operator (dialog, "budi", "Budi Santoso", 1, OFFICER_PIN);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.add", NULL);
  wait_until (work_done, dialog);
  g_assert_null (serah_operators_get (store, "budi", NULL));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (dialog->add_group)));

  /* A wrong PIN is refused, said, and counted by the core. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->admin_pin_row), "135792");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.authorize", NULL));
  wait_until (work_done, dialog);
  g_assert_null (dialog->actor);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog->auth_message)));
  g_assert_cmpuint (count_events (store, "operator.pin-refused", "siti", NULL), ==, 1);
  siti = serah_operators_get (store, "siti", NULL);
  g_assert_cmpint (siti->failed_attempts, ==, 1);
  g_clear_pointer (&siti, serah_operator_free);
  g_assert_null (serah_operators_get (store, "budi", NULL));

  /* The right one: changes are recorded under siti. */
  gtk_editable_set_text (GTK_EDITABLE (dialog->admin_pin_row), ADMIN_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.authorize", NULL));
  wait_until (work_done, dialog);
  g_assert_cmpstr (dialog->actor, ==, "siti");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (dialog->admin_pin_row)), ==, "");
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (dialog->add_group)));

  fill_new_operator (dialog, "budi", "Budi Santoso", 1, OFFICER_PIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.add", NULL));
  wait_until (work_done, dialog);
  budi = serah_operators_get (store, "budi", &error);
  g_assert_nonnull (budi);
  g_assert_cmpint (budi->role, ==, SERAH_ROLE_OFFICER);
  g_assert_cmpuint (count_events (store, "operator.add", "siti", "budi"), ==, 1);
  g_assert_cmpuint (dialog->rows->len, ==, 2);
  g_clear_pointer (&budi, serah_operator_free);

  /* Disable budi; the last administrator cannot be disabled. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.set-enabled",
                                             "(sb)", "budi", FALSE));
  budi = serah_operators_get (store, "budi", NULL);
  g_assert_true (budi->disabled);
  g_assert_cmpuint (count_events (store, "operator.disable", "siti", "budi"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.set-enabled", "(sb)", "siti",
                              FALSE);
  siti = serah_operators_get (store, "siti", NULL);
  g_assert_false (siti->disabled);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "operators.set-enabled",
                                             "(sb)", "budi", TRUE));
  g_clear_pointer (&budi, serah_operator_free);
  budi = serah_operators_get (store, "budi", NULL);
  g_assert_false (budi->disabled);

  /* A new PIN for budi, as the Set PIN dialog hands it over; the old one stops working. */
  serah_operators_dialog_set_pin (dialog, "budi", "864209");
  wait_until (work_done, dialog);
  g_assert_cmpuint (count_events (store, "operator.pin", "siti", "budi"), ==, 1);
  g_clear_pointer (&budi, serah_operator_free);
  budi = serah_operators_authenticate (store, "budi", "864209", &error);
  g_assert_no_error (error);
  g_assert_nonnull (budi);

  gtk_window_destroy (GTK_WINDOW (dialog));
  run_until_idle ();
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

/* ---- backups ---- */

typedef struct {
  gboolean      done;
  GAsyncResult *result;
} Wait;

static void
on_done (GObject *source, GAsyncResult *result, gpointer data)
{
  Wait *wait = data;
  wait->result = g_object_ref (result);
  wait->done = TRUE;
}

static gboolean
wait_done (gpointer data)
{
  return ((Wait *) data)->done;
}

static void
test_backup_now (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *db_path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &db_path);
  g_autofree char *dest = g_build_filename (dir, "cadangan.db", NULL);
  g_autoptr(SerahBackupSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  Wait wait = { 0 };
  int version = 0;

  g_assert_true (serah_demo_populate (store, 20, &error));
  g_assert_true (serah_store_set_setting (store, "office-name", "Dinkes Pandeglang", &error));

  serah_backup_now_async (store, dest, "siti", NULL, on_done, &wait);
  wait_until (wait_done, &wait);
  g_assert_true (serah_backup_now_finish (wait.result, &error));
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wait.done = FALSE;

  g_assert_true (serah_backup_check_candidate (dest, &version, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (version, ==, serah_store_get_latest_schema_version ());
  g_assert_cmpstr (id, ==, serah_store_get_database_id (store));
  g_assert_cmpuint (count_events (store, "backup.create", "siti", dest), ==, 1);

  /* What the restore confirmation shows of it, read from a copy. */
  serah_backup_inspect_async (dest, NULL, on_done, &wait);
  wait_until (wait_done, &wait);
  summary = serah_backup_inspect_finish (wait.result, &error);
  g_assert_no_error (error);
  g_clear_object (&wait.result);
  wait.done = FALSE;
  g_assert_cmpint (summary->participants, ==, 20);
  g_assert_cmpstr (summary->office_name, ==, "Dinkes Pandeglang");
  g_assert_cmpint (summary->schema_version, ==, version);
  g_assert_cmpint (summary->modified, >, 0);

  /* Nothing is overwritten, and nothing recorded for it. */
  serah_backup_now_async (store, dest, "siti", NULL, on_done, &wait);
  wait_until (wait_done, &wait);
  g_assert_false (serah_backup_now_finish (wait.result, &error));
  g_assert_error (error, SERAH_BACKUP_ERROR, SERAH_BACKUP_ERROR_EXISTS);
  g_clear_error (&error);
  g_clear_object (&wait.result);
  g_assert_cmpuint (count_events (store, "backup.create", NULL, NULL), ==, 1);

  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

static void
test_restore_needs_pin (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *db_path = NULL;
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &db_path);
  g_autofree char *dest = g_build_filename (dir, "cadangan.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *saved_to = NULL;
  g_autoptr(SerahStore) reopened = NULL;
  g_autoptr(SerahParticipant) extra = serah_test_participant ("3201010101010099", "0000000000099",
                                                              "Tambahan", "Cikole");
  Wait wait = { 0 };

  g_assert_true (serah_demo_populate (store, 10, &error));
  g_assert_true (serah_operators_add (store, "siti", NULL, SERAH_ROLE_ADMIN, ADMIN_PIN, NULL,
                                      &error));
  g_assert_true (serah_backup_create (store, dest, &error));
  g_assert_true (serah_store_upsert_participant (store, extra, 0, NULL, &error));
  g_assert_cmpint (serah_store_count_participants (store), ==, 11);

  /* A wrong PIN: nothing changes, the attempt is counted. */
  serah_backup_restore_async (store, dest, "siti", "135792", NULL, on_done, &wait);
  wait_until (wait_done, &wait);
  g_assert_null (serah_backup_restore_finish (wait.result, &error));
  g_assert_error (error, SERAH_OPERATORS_ERROR, SERAH_OPERATORS_ERROR_WRONG_PIN);
  g_clear_error (&error);
  g_clear_object (&wait.result);
  wait.done = FALSE;
  g_assert_cmpint (serah_store_count_participants (store), ==, 11);
  g_assert_cmpuint (count_events (store, "operator.pin-refused", "siti", NULL), ==, 1);

  /* The right one: the backup's ten are back, the restore is in the restored log. */
  serah_backup_restore_async (store, dest, "siti", ADMIN_PIN, NULL, on_done, &wait);
  wait_until (wait_done, &wait);
  saved_to = serah_backup_restore_finish (wait.result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (saved_to);
  g_assert_true (g_file_test (saved_to, G_FILE_TEST_EXISTS));
  g_clear_object (&wait.result);
  g_clear_object (&store);
  reopened = serah_store_open (db_path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (serah_store_count_participants (reopened), ==, 10);
  g_assert_cmpuint (count_events (reopened, "restore", "siti", NULL), ==, 1);

  g_clear_object (&reopened);
  serah_test_rm_rf (dir);
}

/* ---- restoring another office's database (issue 17) ---- */

typedef struct {
  const char       *heading;  /* the dialog looked for: its heading starts so */
  AdwMessageDialog *found;
} DialogSearch;

static gboolean
message_dialog_shown (gpointer data)
{
  DialogSearch *search = data;
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          g_str_has_prefix (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (window)),
                            search->heading))
        {
          search->found = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }
  return FALSE;
}

static AdwMessageDialog *
wait_for_message_dialog (const char *heading)
{
  DialogSearch search = { heading, NULL };

  wait_until (message_dialog_shown, &search);
  return search.found;
}

static GtkWidget *
find_button (GtkWidget *widget, const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the dialog's button as a person would (the dialog closes itself then). */
static void
click (AdwMessageDialog *dialog, const char *label)
{
  GtkWidget *button = find_button (GTK_WIDGET (dialog), label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  /* A pointer click moves the focus to the button first (focus-on-click). */
  gtk_widget_grab_focus (button);
  run_until_idle ();
  g_signal_emit_by_name (button, "clicked");
}

static char *
office_of (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SerahStore) store = serah_store_open (db_path, &error);

  g_assert_no_error (error);
  return serah_store_get_setting (store, "office-name");
}

/* The real dialogs of the main menu's restore, from the chosen file on: a backup of another
 * office is asked about by a dialog that names both offices and keeps this one by default;
 * declining changes nothing; confirming with the PIN restores it. */
static void
test_restore_other_office_dialog (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autofree char *db_path = NULL;
  g_autofree char *lebak_path = g_build_filename (dir, "lebak.db", NULL);
  g_autoptr(SerahStore) store = serah_test_open_store (dir, &db_path);
  g_autoptr(GError) error = NULL;
  GtkWindow *parent = GTK_WINDOW (gtk_window_new ());
  AdwMessageDialog *dialog;
  GtkWidget *pin_row;
  g_autofree char *office = NULL;

  g_assert_true (serah_demo_populate (store, 10, &error));
  g_assert_true (serah_store_set_setting (store, "office-name", "Dinkes Pandeglang", &error));
  g_assert_true (serah_operators_add (store, "siti", NULL, SERAH_ROLE_ADMIN, ADMIN_PIN, NULL,
                                      &error));
  {
    g_autoptr(SerahStore) lebak = serah_store_open (lebak_path, &error);
    g_assert_no_error (error);
    g_assert_true (serah_demo_populate (lebak, 5, &error));
    g_assert_true (serah_store_set_setting (lebak, "office-name", "Dinkes Lebak", &error));
  }
  gtk_window_present (parent);

  /* Asked, naming both; the default and the Escape answer keep this office's database. */
  serah_backup_actions_restore_file (parent, store, "siti", lebak_path);
  dialog = wait_for_message_dialog ("Replace");
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Dinkes Pandeglang"));
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Dinkes Lebak"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Dinkes Lebak"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Dinkes Pandeglang"));
  g_assert_cmpstr (adw_message_dialog_get_default_response (dialog), ==, "cancel");
  g_assert_cmpstr (adw_message_dialog_get_close_response (dialog), ==, "cancel");
  g_assert_true (adw_message_dialog_has_response (dialog, "replace-office"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "replace-office"));
  click (dialog, "_Keep This Office's Database");
  run_until_idle ();
  g_assert_false (message_dialog_shown (&(DialogSearch) { "Replace", NULL }));
  g_assert_cmpint (serah_store_count_participants (store), ==, 10);
  office = office_of (db_path);
  g_assert_cmpstr (office, ==, "Dinkes Pandeglang");
  g_clear_pointer (&office, g_free);

  /* Confirmed with the administrator's PIN: Lebak's database replaces this one. */
  serah_backup_actions_restore_file (parent, store, "siti", lebak_path);
  dialog = wait_for_message_dialog ("Replace");
  pin_row = find_descendant (adw_message_dialog_get_extra_child (dialog),
                             ADW_TYPE_PASSWORD_ENTRY_ROW);
  g_assert_nonnull (pin_row);
  gtk_editable_set_text (GTK_EDITABLE (pin_row), ADMIN_PIN);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "replace-office"));
  click (dialog, "_Replace With Another Office");
  dialog = wait_for_message_dialog ("Backup Restored");
  /* Serah closes after a restore: without an application, the parent window goes (held
   * here until the dialog has let go of it). */
  g_object_ref (parent);
  click (dialog, "_Close Serah");
  run_until_idle ();
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);
        g_assert_true (w != parent);
      }
  }
  g_object_unref (parent);

  g_clear_object (&store);
  office = office_of (db_path);
  g_assert_cmpstr (office, ==, "Dinkes Lebak");
  serah_test_rm_rf (dir);
}

/* ---- the main menu ---- */

static SerahAuditDialog *
find_audit_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (SERAH_IS_AUDIT_DIALOG (window))
        return SERAH_AUDIT_DIALOG (window);
    }
  return NULL;
}

static void
sign_in (SerahWindow *window, const char *name, SerahRole role)
{
  GtkWidget *lock_view = find_descendant (GTK_WIDGET (window), SERAH_TYPE_LOCK_VIEW);

  /* What the lock screen says once a PIN was right. */
  g_signal_emit_by_name (lock_view, "signed-in", name, (int) role, FALSE);
  run_until_idle ();
}

static void
test_menu_needs_admin (void)
{
  g_autofree char *dir = serah_test_tmpdir ();
  g_autoptr(SerahStore) store = serah_test_open_store (dir, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  SerahAuditDialog *audit;
  SerahWindow *window;
  SerahRole role;

  record (store, NULL, "backup.create", "/tmp/x.db");

  /* No operator: the computer account acts as administrator. */
  window = serah_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  run_until_idle ();
  name = serah_window_dup_acting_operator (window, &role);
  g_assert_cmpstr (name, ==, g_get_user_name ());
  g_assert_cmpint (role, ==, SERAH_ROLE_ADMIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.audit-log", NULL));
  run_until_idle ();
  audit = find_audit_dialog ();
  g_assert_nonnull (audit);
  g_assert_cmpuint (shown (audit), ==, 1);
  gtk_window_destroy (GTK_WINDOW (audit));
  /* Petugas without operators: the lock screen's first-administrator form. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.operators", NULL));
  run_until_idle ();
  g_assert_true (serah_window_get_locked (window));
  gtk_window_destroy (GTK_WINDOW (window));
  run_until_idle ();

  /* With operators the window opens locked: nobody may look. */
  g_assert_true (serah_operators_add (store, "siti", NULL, SERAH_ROLE_ADMIN, ADMIN_PIN, NULL,
                                      &error));
  g_assert_true (serah_operators_add (store, "budi", NULL, SERAH_ROLE_OFFICER, OFFICER_PIN,
                                      "siti", &error));
  window = serah_window_new (NULL, store);
  gtk_window_present (GTK_WINDOW (window));
  run_until_idle ();
  g_clear_pointer (&name, g_free);
  g_assert_null (serah_window_dup_acting_operator (window, &role));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.audit-log", NULL);
  run_until_idle ();
  g_assert_null (find_audit_dialog ());

  /* A ceremony officer is refused; an administrator is let in. */
  sign_in (window, "budi", SERAH_ROLE_OFFICER);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.audit-log", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.operators", NULL);
  run_until_idle ();
  g_assert_null (find_audit_dialog ());
  sign_in (window, "siti", SERAH_ROLE_ADMIN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.audit-log", NULL));
  run_until_idle ();
  audit = find_audit_dialog ();
  g_assert_nonnull (audit);
  g_assert_cmpstr (audit->operator_name, ==, "siti");
  gtk_window_destroy (GTK_WINDOW (audit));

  gtk_window_destroy (GTK_WINDOW (window));
  run_until_idle ();
  g_clear_object (&store);
  serah_test_rm_rf (dir);
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/serah/gui-admin/audit-lists-and-filters", test_audit_lists_and_filters);
  g_test_add_func ("/serah/gui-admin/operators-first-admin", test_operators_first_admin);
  g_test_add_func ("/serah/gui-admin/operators-need-admin-pin", test_operators_need_admin_pin);
  g_test_add_func ("/serah/gui-admin/backup-now", test_backup_now);
  g_test_add_func ("/serah/gui-admin/restore-needs-pin", test_restore_needs_pin);
  g_test_add_func ("/serah/gui-admin/restore-other-office-dialog",
                   test_restore_other_office_dialog);
  g_test_add_func ("/serah/gui-admin/menu-needs-admin", test_menu_needs_admin);
  return g_test_run ();
}
