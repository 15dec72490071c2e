/* serah-audit-dialog.c: Jejak Audit. The log is read once (and again on Refresh or after
 * an export) into a SerahAuditModel; the kind, operator and date filters only choose which
 * of those events the list shows, so changing them is instant and touches no database.
 * Exporting writes exactly the rows shown and records the export in the same log. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <serah/output/serah-format.h>
#include <glib/gi18n.h>
#include <serah/admin/serah-audit-review.h>
#include <serah/admin/serah-operators.h>
#include <serah/store/serah-settings.h>

#include "serah-a11y.h"
#include "serah-list-focus.h"
#include "serah-audit-dialog-private.h"
#include "serah-file-chooser.h"
#include "serah-server-desk.h"

G_DEFINE_FINAL_TYPE (SerahAuditDialog, serah_audit_dialog, ADW_TYPE_WINDOW)

/* Kinds of action a reviewer asks about; prefixes as in SerahAuditQuery. Exports gather
 * everything that carries personal data out of the database. */
typedef struct {
  const char *label;
  const char *prefixes[4];
} AuditKind;

static const AuditKind kinds[] = {
  { N_("All actions"), { NULL } },
  { N_("Sign-ins and operators"), { "operator.", NULL } },
  { N_("NIK views"), { "participant.", NULL } },
  { N_("Imports"), { "import.", NULL } },
  { N_("Exports"), { "export.", "station.export", NULL } },
  { N_("Printing and documents"), { "print.", "printer.", "paper.", NULL } },
  { N_("Ceremonies and handovers"), { "ceremony.", "handover.", NULL } },
  { N_("Station bundles"), { "station.", NULL } },
  { N_("Backups and restores"), { "backup.", "restore", NULL } },
};

SerahAuditDialog *
serah_audit_dialog_new (GtkWindow *parent, SerahStore *store, const char *operator_name)
{
  SerahAuditDialog *self = g_object_new (SERAH_TYPE_AUDIT_DIALOG, "transient-for", parent, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *office = NULL;

  g_return_val_if_fail (SERAH_IS_STORE (store), self);
  self->store = g_object_ref (store);
  self->operator_name = g_strdup (operator_name);
  office = serah_settings_get (store, "office-name");
  adw_window_title_set_subtitle (self->window_title, office);
  if (!serah_audit_dialog_reload (self, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  /* The rows are what one came for: arrow keys scroll them at once. */
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  return self;
}

/* ---- the filters ---- */

static const char *
selected_operator (SerahAuditDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->operator_dropdown);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return gtk_string_list_get_string (self->operators, selected);
}

static void
build_query (SerahAuditDialog *self, SerahAuditQuery *query)
{
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);

  *query = (SerahAuditQuery) { 0 };
  if (kind < G_N_ELEMENTS (kinds) && kinds[kind].prefixes[0] != NULL)
    query->prefixes = kinds[kind].prefixes;
  query->operator_name = selected_operator (self);
  if (self->since != NULL)
    query->since = g_date_time_to_unix (self->since);
  if (self->until != NULL)
    {
      /* The last day counts whole: up to the next midnight. */
      g_autoptr(GDateTime) end = g_date_time_add_days (self->until, 1);
      query->until = g_date_time_to_unix (end);
    }
}

/* The selection in words, kept with the export record so a reviewer knows what the file
 * covered. Codes and ISO dates: the log is read by people and scripts alike. */
static char *
describe_query (SerahAuditDialog *self, const SerahAuditQuery *query)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (query->prefixes != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", (char **) query->prefixes);
      g_string_append_printf (text, "action=%s ", joined);
    }
  if (query->operator_name != NULL)
    g_string_append_printf (text, "operator=%s ", query->operator_name);
  if (self->since != NULL)
    {
      g_autofree char *day = g_date_time_format (self->since, "%Y-%m-%d");
      g_string_append_printf (text, "from=%s ", day);
    }
  if (self->until != NULL)
    {
      g_autofree char *day = g_date_time_format (self->until, "%Y-%m-%d");
      g_string_append_printf (text, "to=%s ", day);
    }
  if (text->len == 0)
    return NULL;
  g_string_truncate (text, text->len - 1);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
update_count (SerahAuditDialog *self)
{
  guint shown = serah_audit_model_get_shown (self->model)->len;
  guint total = serah_audit_model_get_events (self->model)->len;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (ngettext ("%u event", "%u events", total), total);
  else
    /* TRANSLATORS: events shown by the filters, of all events in the log */
    text = g_strdup_printf (ngettext ("%u of %u event", "%u of %u events", total), shown, total);
  gtk_label_set_label (self->count_label, text);
  gtk_stack_set_visible_child_name (self->content_stack, shown > 0 ? "list" : "empty");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "audit.export", shown > 0);
}

static void
apply_filters (SerahAuditDialog *self)
{
  SerahAuditQuery query;

  build_query (self, &query);
  serah_audit_model_apply (self->model, &query);
  update_count (self);
}

static void
on_filter_changed (SerahAuditDialog *self)
{
  if (self->freeze == 0)
    apply_filters (self);
}

static void
set_date_label (GtkMenuButton *button, GDateTime *day)
{
  g_autofree char *iso = day ? g_date_time_format (day, "%Y-%m-%d") : NULL;
  g_autofree char *text = iso ? serah_format_date (iso) : NULL;

  gtk_menu_button_set_label (button, text ? text : _("Any date"));
}

static void
show_calendar_day (SerahAuditDialog *self, GtkCalendar *calendar, GDateTime *day)
{
  g_autoptr(GDateTime) today = NULL;

  self->freeze++;
  if (day == NULL)
    day = today = g_date_time_new_now_local ();
  gtk_calendar_select_day (calendar, day);
  self->freeze--;
}

void
serah_audit_dialog_set_range (SerahAuditDialog *self, GDateTime *since, GDateTime *until)
{
  g_return_if_fail (SERAH_IS_AUDIT_DIALOG (self));

  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  /* Whole local days: the time of day a calendar or a caller carries does not count. */
  if (since != NULL)
    self->since = g_date_time_new_local (g_date_time_get_year (since),
                                         g_date_time_get_month (since),
                                         g_date_time_get_day_of_month (since), 0, 0, 0);
  if (until != NULL)
    self->until = g_date_time_new_local (g_date_time_get_year (until),
                                         g_date_time_get_month (until),
                                         g_date_time_get_day_of_month (until), 0, 0, 0);
  set_date_label (self->since_button, self->since);
  set_date_label (self->until_button, self->until);
  show_calendar_day (self, self->since_calendar, self->since);
  show_calendar_day (self, self->until_calendar, self->until);
  apply_filters (self);
}

static void
on_since_day_selected (SerahAuditDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) until = NULL;

  if (self->freeze > 0)
    return;
  day = gtk_calendar_get_date (self->since_calendar);
  /* A start after the end leaves the end open rather than showing nothing. */
  if (self->until != NULL && g_date_time_compare (day, self->until) <= 0)
    until = g_date_time_ref (self->until);
  serah_audit_dialog_set_range (self, day, until);
  gtk_popover_popdown (self->since_popover);
}

static void
on_until_day_selected (SerahAuditDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) since = NULL;

  if (self->freeze > 0)
    return;
  day = gtk_calendar_get_date (self->until_calendar);
  if (self->since != NULL && g_date_time_compare (self->since, day) <= 0)
    since = g_date_time_ref (self->since);
  serah_audit_dialog_set_range (self, since, day);
  gtk_popover_popdown (self->until_popover);
}

static void
since_any_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (widget);

  serah_audit_dialog_set_range (self, NULL, self->until);
  gtk_popover_popdown (self->since_popover);
}

static void
until_any_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (widget);

  serah_audit_dialog_set_range (self, self->since, NULL);
  gtk_popover_popdown (self->until_popover);
}

static void
clear_filters_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (widget);

  /* One pass over the events for the whole reset, not one per widget. */
  self->freeze++;
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->operator_dropdown, 0);
  self->freeze--;
  serah_audit_dialog_set_range (self, NULL, NULL);
}

/* ---- reading the log ---- */

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return g_utf8_collate (*(const char *const *) a, *(const char *const *) b);
}

/* Everyone who appears in the log or may sign in, sorted; keeps the one chosen. */
static void
rebuild_operator_list (SerahAuditDialog *self, GPtrArray *events)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GPtrArray) operators = serah_operators_list (self->store, NULL);
  g_autofree char *keep = g_strdup (selected_operator (self));
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = events->pdata[i];
      if (e->operator_name != NULL && g_hash_table_add (seen, e->operator_name))
        g_ptr_array_add (names, e->operator_name);
    }
  for (guint i = 0; operators != NULL && i < operators->len; i++)
    {
      const SerahOperator *op = operators->pdata[i];
      if (g_hash_table_add (seen, op->name))
        g_ptr_array_add (names, op->name);
    }
  g_ptr_array_sort (names, compare_names);

  gtk_string_list_append (list, _("All operators"));
  for (guint i = 0; i < names->len; i++)
    {
      gtk_string_list_append (list, names->pdata[i]);
      if (g_strcmp0 (keep, names->pdata[i]) == 0)
        selected = i + 1;
    }
  /* Setting the model fires notify::selected; the caller applies the filters once. */
  self->freeze++;
  g_set_object (&self->operators, list);
  gtk_drop_down_set_model (self->operator_dropdown, G_LIST_MODEL (list));
  gtk_drop_down_set_selected (self->operator_dropdown, selected);
  self->freeze--;
}

static void
show_events (SerahAuditDialog *self, GPtrArray *events)
{
  SerahAuditQuery query;

  rebuild_operator_list (self, events);
  build_query (self, &query);
  serah_audit_model_set_events (self->model, events, &query);
  update_count (self);
}

static guint
count_desks (GPtrArray *events)
{
  g_autoptr(GHashTable) desks = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < events->len; i++)
    {
      const SerahAuditEvent *e = events->pdata[i];
      if (e->desk != NULL)
        g_hash_table_add (desks, e->desk);
    }
  return g_hash_table_size (desks);
}

/* One read of the office's log: the dialog (a reference) and which read it was. */
typedef struct {
  SerahAuditDialog *self;
  guint             reads;
} OfficeRead;

static void
office_log_ready (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autofree OfficeRead *read = data;
  g_autoptr(SerahAuditDialog) self = read->self;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint reads = read->reads;

  events = serah_server_desk_office_log_finish (SERAH_SERVER_DESK (source), result, &error);
  /* Closed meanwhile, or a newer read started (Refresh): this answer is not wanted. */
  if (self->store == NULL || reads != self->office_reads)
    return;
  self->office_pending = FALSE;
  if (events == NULL)
    {
      /* The short line on screen, the server's words (several lines from libpq) in its
       * tooltip, as the check-off's server line does. */
      text = g_strdup (_("Only this desk's log: the office's log cannot be read from the office "
                         "server now (the reason is in this line's tooltip)."));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), error->message);
      gtk_label_set_text (self->source_label, text);
      return;
    }
  self->office_shown = TRUE;
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->source_label), NULL);
  show_events (self, events);
  gtk_column_view_column_set_visible (self->desk_column, TRUE);
  text = g_strdup_printf (ngettext ("The whole office's log, from the office server (%u desk).",
                                    "The whole office's log, from the office server (%u desks).",
                                    count_desks (events)),
                          count_desks (events));
  gtk_label_set_text (self->source_label, text);
}

gboolean
serah_audit_dialog_reload (SerahAuditDialog *self, GError **error)
{
  g_autoptr(GPtrArray) events = NULL;

  g_return_val_if_fail (SERAH_IS_AUDIT_DIALOG (self), FALSE);

  /* This desk's log at once (it is local), then, on a linked desk, the office's from the
   * server in the desk's worker: the window never waits for the network. */
  events = serah_audit_list (self->store, NULL, error);
  if (events == NULL)
    return FALSE;
  self->office_shown = FALSE;
  self->office_pending = FALSE;
  gtk_column_view_column_set_visible (self->desk_column, FALSE);
  show_events (self, events);
  self->office_reads++;
  if (serah_server_is_linked (self->store))
    {
      OfficeRead *read = g_new0 (OfficeRead, 1);

      read->self = g_object_ref (self);
      read->reads = self->office_reads;
      self->office_pending = TRUE;
      gtk_label_set_text (self->source_label,
                          _("This desk's log; reading the whole office's log from the office "
                            "server…"));
      serah_server_desk_office_log_async (serah_server_desk_for_store (self->store),
                                          office_log_ready, read);
    }
  else
    gtk_label_set_text (self->source_label, _("The log of this desk."));
  return TRUE;
}

static void
refresh_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!serah_audit_dialog_reload (self, &error))
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

/* ---- export ---- */

gboolean
serah_audit_dialog_export_to (SerahAuditDialog *self, const char *path, GError **error)
{
  g_autofree char *filter_text = NULL;
  SerahAuditQuery query;

  g_return_val_if_fail (SERAH_IS_AUDIT_DIALOG (self), FALSE);

  build_query (self, &query);
  filter_text = describe_query (self, &query);
  if (!serah_audit_export_csv (self->store, serah_audit_model_get_shown (self->model), path,
                               self->operator_name, filter_text, error))
    return FALSE;
  /* The export is an event of its own: show it. */
  return serah_audit_dialog_reload (self, error);
}

static void
on_export_response (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  g_autoptr(SerahAuditDialog) self = user_data;
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  guint rows = serah_audit_model_get_shown (self->model)->len;

  if (path == NULL)
    return;
  if (!serah_audit_dialog_export_to (self, path, &error))
    message = g_strdup (error->message);
  else
    message = g_strdup_printf (ngettext ("%u event exported to “%s”.",
                                         "%u events exported to “%s”.", rows),
                               rows, path);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

static void
export_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *name = g_date_time_format (now, "jejak-audit-%Y%m%d-%H%M.csv");
  g_autoptr(GtkFileFilter) csv = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (csv, _("CSV files"));
  gtk_file_filter_add_suffix (csv, "csv");
  chooser = serah_file_chooser_new (GTK_WINDOW (self), _("Export Audit Log"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), csv);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- the object ---- */

static void
serah_audit_dialog_dispose (GObject *object)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_AUDIT_DIALOG);
  g_clear_object (&self->operators);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_audit_dialog_parent_class)->dispose (object);
}

static void
serah_audit_dialog_finalize (GObject *object)
{
  SerahAuditDialog *self = SERAH_AUDIT_DIALOG (object);

  g_free (self->operator_name);
  g_clear_pointer (&self->since, g_date_time_unref);
  g_clear_pointer (&self->until, g_date_time_unref);
  G_OBJECT_CLASS (serah_audit_dialog_parent_class)->finalize (object);
}

static void
serah_audit_dialog_class_init (SerahAuditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_audit_dialog_dispose;
  object_class->finalize = serah_audit_dialog_finalize;

  g_type_ensure (SERAH_TYPE_AUDIT_MODEL);
  g_type_ensure (SERAH_TYPE_AUDIT_ITEM);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-audit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, model);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, operator_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, since_button);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, until_button);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, since_popover);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, until_popover);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, since_calendar);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, count_label);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, column_view);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, desk_column);
  gtk_widget_class_bind_template_child (widget_class, SerahAuditDialog, source_label);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_since_day_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_until_day_selected);

  gtk_widget_class_install_action (widget_class, "audit.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "audit.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "audit.since-any", NULL, since_any_action);
  gtk_widget_class_install_action (widget_class, "audit.until-any", NULL, until_any_action);
  gtk_widget_class_install_action (widget_class, "audit.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "audit.refresh", NULL);
}

static void
serah_audit_dialog_init (SerahAuditDialog *self)
{
  g_autoptr(GtkStringList) kind_labels = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->column_view));
  serah_a11y_name_drop_down (self->kind_dropdown, _("Kind"));
  serah_a11y_name_drop_down (self->operator_dropdown, _("Operator"));
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    gtk_string_list_append (kind_labels, _(kinds[i].label));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kind_labels));
  set_date_label (self->since_button, NULL);
  set_date_label (self->until_button, NULL);
}
