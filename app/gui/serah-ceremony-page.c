/* serah-ceremony-page.c: the "Acara" page of the main window. Shows the ceremony list (create,
 * choose) or, once a ceremony is active, its check-off screen (SerahCheckoffView). The active
 * ceremony is a setting of the office database, so the laptop reopens on it after a restart;
 * the "active-ceremony-name" property carries the ceremony in progress for a header. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-settings.h>
#include <serah/store/serah-changes.h>

#include "serah-list-focus.h"
#include "serah-ceremony-page.h"
#include "serah-ceremony-create-dialog.h"
#include "serah-ceremony-items.h"
#include "serah-checkoff-view.h"
#include "serah-ceremony-paper.h"
#include "serah-file-chooser.h"
#include "serah-window.h"

#define ACTIVE_CEREMONY_SETTING "active-ceremony"

struct _SerahCeremonyPage
{
  GtkWidget          parent_instance;

  SerahStore        *store;
  gint64             active_ceremony;
  char              *active_name;
  GListStore        *ceremonies;

  GtkStack          *page_stack;
  GtkStack          *list_stack;
  GtkListView       *ceremony_view;
  GtkWidget         *back_button;
  SerahCheckoffView *checkoff_view;

  /* The paper being written (daftar tanda terima, berita acara), NULL when none. */
  GCancellable      *paper_cancellable;
  GtkRevealer       *paper_bar;
  GtkLabel          *paper_label;
  GtkProgressBar    *paper_progress;
  guint              paper_pulse;
};

G_DEFINE_FINAL_TYPE (SerahCeremonyPage, serah_ceremony_page, GTK_TYPE_WIDGET)

enum {
  PROP_0, PROP_STORE, PROP_ACTIVE_CEREMONY, PROP_ACTIVE_CEREMONY_NAME,
  PROP_OPERATOR,   /* hardening (issue 6) */
  N_PROPS
};
static GParamSpec *properties[N_PROPS];

static void
reload_list (SerahCeremonyPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (self->store != NULL)
    {
      list = serah_ceremony_list (self->store, &error);
      if (list == NULL)
        g_warning ("ceremonies: %s", error->message);
    }
  for (guint i = 0; list != NULL && i < list->len; i++)
    g_ptr_array_add (items, serah_ceremony_item_new (g_ptr_array_index (list, i)));
  g_list_store_splice (self->ceremonies, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->ceremonies)), items->pdata,
                       items->len);
  gtk_stack_set_visible_child_name (self->list_stack, items->len > 0 ? "list" : "empty");
}

static void
show_list (SerahCeremonyPage *self)
{
  reload_list (self);
  gtk_widget_set_visible (self->back_button, self->active_ceremony > 0);
  gtk_stack_set_visible_child_name (self->page_stack, "list");
}

static void
show_checkoff (SerahCeremonyPage *self)
{
  if (self->active_ceremony <= 0)
    {
      show_list (self);
      return;
    }
  gtk_stack_set_visible_child_name (self->page_stack, "checkoff");
  serah_checkoff_view_focus_scan (self->checkoff_view);
}

gint64
serah_ceremony_page_get_active_ceremony (SerahCeremonyPage *self)
{
  g_return_val_if_fail (SERAH_IS_CEREMONY_PAGE (self), 0);
  return self->active_ceremony;
}

/* Takes the ceremony without remembering it (used when reading the setting back). */
static void
take_active_ceremony (SerahCeremonyPage *self, gint64 ceremony_id)
{
  g_autoptr(SerahCeremony) ceremony = NULL;

  if (self->store != NULL && ceremony_id > 0)
    ceremony = serah_ceremony_get (self->store, ceremony_id, NULL);
  if (ceremony == NULL)
    ceremony_id = 0;

  g_free (self->active_name);
  self->active_name = ceremony ? g_strdup (ceremony->name) : NULL;
  self->active_ceremony = ceremony_id;
  g_object_set (self->checkoff_view, "ceremony-id", ceremony_id, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_CEREMONY]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTIVE_CEREMONY_NAME]);
  if (ceremony_id > 0)
    show_checkoff (self);
  else
    show_list (self);
}

void
serah_ceremony_page_set_active_ceremony (SerahCeremonyPage *self, gint64 ceremony_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_return_if_fail (SERAH_IS_CEREMONY_PAGE (self));

  take_active_ceremony (self, ceremony_id);
  if (self->store == NULL)
    return;
  value = g_strdup_printf ("%" G_GINT64_FORMAT, self->active_ceremony);
  if (!serah_settings_set (self->store, ACTIVE_CEREMONY_SETTING, value, &error))
    g_warning ("ceremonies: cannot remember the active ceremony: %s", error->message);
}

/* Handovers, undos, merges and new ceremonies change the list's counts. */
static void
on_store_changes (SerahCeremonyPage *self, guint what)
{
  /* Only while the list is on screen: during a check-off every handover announces itself,
   * and counting every ceremony after each scan would slow the desk. show_list reads the
   * list afresh anyway. */
  if ((what & (SERAH_CHANGE_HANDOVERS | SERAH_CHANGE_CEREMONIES | SERAH_CHANGE_PARTICIPANTS)) &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->page_stack), "list") == 0)
    reload_list (self);
}

static void
store_changed (SerahCeremonyPage *self)
{
  g_autofree char *saved = NULL;

  if (self->store != NULL)
    g_signal_connect_object (serah_changes_for_store (self->store), "changed",
                             G_CALLBACK (on_store_changes), self, G_CONNECT_SWAPPED);

  g_object_set (self->checkoff_view, "store", self->store, NULL);
  if (self->store != NULL)
    saved = serah_settings_get (self->store, ACTIVE_CEREMONY_SETTING);
  take_active_ceremony (self, saved ? g_ascii_strtoll (saved, NULL, 10) : 0);
}

static void
ceremony_activated (SerahCeremonyPage *self, guint position)
{
  g_autoptr(SerahCeremonyItem) item =
    g_list_model_get_item (G_LIST_MODEL (self->ceremonies), position);

  if (item != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "ceremony.choose", "x",
                                serah_ceremony_item_get_ceremony (item)->id);
}

static void
ceremony_created (SerahCeremonyCreateDialog *dialog, gint64 ceremony_id, SerahCeremonyPage *self)
{
  serah_ceremony_page_set_active_ceremony (self, ceremony_id);
  serah_changes_emit (self->store, SERAH_CHANGE_CEREMONIES);
}

static void
close_confirmed (AdwMessageDialog *dialog, const char *response, SerahCeremonyPage *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "close-ceremony") != 0)
    {
      serah_checkoff_view_focus_scan (self->checkoff_view);
      return;
    }
  if (!serah_ceremony_close (self->store, self->active_ceremony, NULL, &error))
    {
      GtkWidget *failed = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                                  _("The Ceremony Was Not Closed"),
                                                  error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (failed), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (failed));
    }
  else
    serah_changes_emit (self->store, SERAH_CHANGE_CEREMONIES);
  serah_checkoff_view_reload (self->checkoff_view);
}

/* ---- paper: daftar tanda terima and berita acara ---- */

static gboolean
paper_pulse (gpointer data)
{
  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (data));
  return G_SOURCE_CONTINUE;
}

static void
set_paper_busy (SerahCeremonyPage *self, gboolean busy, const char *what)
{
  if (what != NULL)
    gtk_label_set_label (self->paper_label, what);
  gtk_revealer_set_reveal_child (self->paper_bar, busy);
  g_clear_handle_id (&self->paper_pulse, g_source_remove);
  if (busy)
    self->paper_pulse = g_timeout_add (120, paper_pulse, self->paper_progress);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ceremony.paper", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ceremony.cancel-paper", busy);
}

static void
paper_written (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(SerahCeremonyPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  int pages = serah_ceremony_paper_write_finish (result, &error);

  g_clear_object (&self->paper_cancellable);
  if (self->paper_bar == NULL) /* the page was disposed meanwhile */
    return;
  set_paper_busy (self, FALSE, NULL);
  if (pages > 0)
    message = g_strdup_printf (ngettext ("Saved (%d page). Open it to print.",
                                         "Saved (%d pages). Open it to print.", pages), pages);
  else if (g_error_matches (error, SERAH_PAPER_ERROR, SERAH_PAPER_ERROR_CANCELLED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    message = g_strdup (_("Cancelled: no file was written."));
  else
    message = g_strdup_printf (_("The paper was not written: %s"), error->message);
  gtk_label_set_label (self->paper_label, message);
  if (SERAH_IS_WINDOW (root))
    serah_window_toast (SERAH_WINDOW (root), message);
}

gboolean
serah_ceremony_page_write_paper (SerahCeremonyPage *self, SerahPaperKind kind, const char *path)
{
  g_return_val_if_fail (SERAH_IS_CEREMONY_PAGE (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->paper_cancellable != NULL || self->store == NULL || self->active_ceremony <= 0)
    return FALSE;
  self->paper_cancellable = g_cancellable_new ();
  set_paper_busy (self, TRUE, kind == SERAH_PAPER_TANDA_TERIMA
                                ? _("Writing the receipt list (daftar tanda terima)…")
                                : _("Writing the handover report (berita acara)…"));
  serah_ceremony_paper_write_async (serah_store_get_path (self->store), self->active_ceremony,
                                    kind, serah_window_operator_for (GTK_WIDGET (self)), path,
                                    self->paper_cancellable, paper_written,
                                    g_object_ref (self));
  return TRUE;
}

gboolean
serah_ceremony_page_get_paper_busy (SerahCeremonyPage *self)
{
  g_return_val_if_fail (SERAH_IS_CEREMONY_PAGE (self), FALSE);
  return self->paper_cancellable != NULL;
}

typedef struct {
  SerahCeremonyPage *page;
  SerahPaperKind     kind;
} PaperChoice;

static void
paper_path_chosen (GtkNativeDialog *chooser, int response, gpointer user_data)
{
  PaperChoice *choice = user_data;
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);

  if (path != NULL)
    serah_ceremony_page_write_paper (choice->page, choice->kind, path);
  g_object_unref (choice->page);
  g_free (choice);
}

static void
action_paper (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (widget);
  g_autoptr(SerahCeremony) ceremony = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *file_name = NULL;
  GtkFileChooserNative *chooser;
  PaperChoice *choice;
  SerahPaperKind kind;

  if (!serah_paper_kind_from_string (g_variant_get_string (param, NULL), &kind) ||
      self->store == NULL || self->active_ceremony <= 0)
    return;
  ceremony = serah_ceremony_get (self->store, self->active_ceremony, NULL);
  file_name = serah_ceremony_paper_file_name (kind, ceremony ? ceremony->date : NULL);
  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  chooser = serah_file_chooser_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                    kind == SERAH_PAPER_TANDA_TERIMA
                                      ? _("Save the Receipt List")
                                      : _("Save the Handover Report"),
                                    GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), file_name);
  choice = g_new0 (PaperChoice, 1);
  choice->page = g_object_ref (self);
  choice->kind = kind;
  g_signal_connect (chooser, "response", G_CALLBACK (paper_path_chosen), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
action_cancel_paper (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (widget);

  if (self->paper_cancellable != NULL)
    g_cancellable_cancel (self->paper_cancellable);
}

/* ---- actions ---- */

static void
action_new (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (widget);
  SerahCeremonyCreateDialog *dialog =
    serah_ceremony_create_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), self->store);

  g_signal_connect_object (dialog, "created", G_CALLBACK (ceremony_created), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
action_choose (GtkWidget *widget, const char *name, GVariant *param)
{
  serah_ceremony_page_set_active_ceremony (SERAH_CEREMONY_PAGE (widget), g_variant_get_int64 (param));
}

static void
action_show_list (GtkWidget *widget, const char *name, GVariant *param)
{
  show_list (SERAH_CEREMONY_PAGE (widget));
}

static void
action_show_checkoff (GtkWidget *widget, const char *name, GVariant *param)
{
  show_checkoff (SERAH_CEREMONY_PAGE (widget));
}

static void
action_close (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->active_ceremony <= 0)
    return;
  body = g_strdup_printf (_("After closing “%s”, no handover or undo can be recorded in it. "
                            "Import the bundles of the other stations first."),
                          self->active_name);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Close This Ceremony?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "close-ceremony", _("C_lose Ceremony"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "close-ceremony",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_confirmed), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---- GObject ---- */

static void
serah_ceremony_page_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ACTIVE_CEREMONY:
      g_value_set_int64 (value, self->active_ceremony);
      break;
    case PROP_ACTIVE_CEREMONY_NAME:
      g_value_set_string (value, self->active_name);
      break;
    case PROP_OPERATOR:
      g_object_get_property (G_OBJECT (self->checkoff_view), "operator", value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_ceremony_page_set_property (GObject *object, guint prop_id, const GValue *value,
                                  GParamSpec *pspec)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      if (self->store != NULL && self->store != g_value_get_object (value))
        g_signal_handlers_disconnect_by_data (serah_changes_for_store (self->store), self);
      if (g_set_object (&self->store, g_value_get_object (value)))
        {
          store_changed (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ACTIVE_CEREMONY:
      serah_ceremony_page_set_active_ceremony (self, g_value_get_int64 (value));
      break;
    case PROP_OPERATOR:
      /* The check-off screen records handovers and undos under this name. */
      g_object_set_property (G_OBJECT (self->checkoff_view), "operator", value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_ceremony_page_dispose (GObject *object)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (object);

  /* A paper still being written finishes cancelled; its callback holds a reference. */
  if (self->paper_cancellable != NULL)
    g_cancellable_cancel (self->paper_cancellable);
  g_clear_handle_id (&self->paper_pulse, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_CEREMONY_PAGE);
  {
    GtkWidget *child;
    /* The box holding the paper bar and the stack is not a bound child. */
    while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
      gtk_widget_unparent (child);
  }
  g_clear_object (&self->ceremonies);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (serah_ceremony_page_parent_class)->dispose (object);
}

static void
serah_ceremony_page_finalize (GObject *object)
{
  SerahCeremonyPage *self = SERAH_CEREMONY_PAGE (object);

  g_free (self->active_name);
  G_OBJECT_CLASS (serah_ceremony_page_parent_class)->finalize (object);
}

static void
serah_ceremony_page_class_init (SerahCeremonyPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = serah_ceremony_page_get_property;
  object_class->set_property = serah_ceremony_page_set_property;
  object_class->dispose = serah_ceremony_page_dispose;
  object_class->finalize = serah_ceremony_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, SERAH_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_CEREMONY] =
    g_param_spec_int64 ("active-ceremony", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTIVE_CEREMONY_NAME] =
    g_param_spec_string ("active-ceremony-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* hardening (issue 6): the signed-in operator (the window binds its operator-name). */
  properties[PROP_OPERATOR] =
    g_param_spec_string ("operator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (SERAH_TYPE_CHECKOFF_VIEW);
  g_type_ensure (SERAH_TYPE_CEREMONY_ITEM);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-ceremony-page.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, page_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, ceremony_view);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, checkoff_view);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, paper_bar);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, paper_label);
  gtk_widget_class_bind_template_child (widget_class, SerahCeremonyPage, paper_progress);
  gtk_widget_class_bind_template_callback (widget_class, ceremony_activated);

  gtk_widget_class_install_action (widget_class, "ceremony.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "ceremony.choose", "x", action_choose);
  gtk_widget_class_install_action (widget_class, "ceremony.show-list", NULL, action_show_list);
  gtk_widget_class_install_action (widget_class, "ceremony.show-checkoff", NULL,
                                   action_show_checkoff);
  gtk_widget_class_install_action (widget_class, "ceremony.close", NULL, action_close);
  gtk_widget_class_install_action (widget_class, "ceremony.paper", "s", action_paper);
  gtk_widget_class_install_action (widget_class, "ceremony.cancel-paper", NULL,
                                   action_cancel_paper);
}

static void
serah_ceremony_page_init (SerahCeremonyPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  serah_list_focus_one_tab_stop (GTK_WIDGET (self->ceremony_view));
  self->ceremonies = g_list_store_new (SERAH_TYPE_CEREMONY_ITEM);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->ceremonies)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->ceremony_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ceremony.cancel-paper", FALSE);
  show_list (self);
}
