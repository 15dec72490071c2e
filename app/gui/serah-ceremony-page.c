/* serah-ceremony-page.c: the "Acara" page of the main window. Shows the ceremony list (create,
 * choose) or, once a ceremony is active, its check-off screen (SerahCheckoffView). The active
 * ceremony is a setting of the office database, so the laptop reopens on it after a restart;
 * the "active-ceremony-name" property carries the ceremony in progress for a header. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>
#include <serah/store/serah-settings.h>

#include "serah-ceremony-page.h"
#include "serah-ceremony-create-dialog.h"
#include "serah-ceremony-items.h"
#include "serah-checkoff-view.h"

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

static void
store_changed (SerahCeremonyPage *self)
{
  g_autofree char *saved = NULL;

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
  serah_checkoff_view_reload (self->checkoff_view);
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

  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_CEREMONY_PAGE);
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
  gtk_widget_class_bind_template_callback (widget_class, ceremony_activated);

  gtk_widget_class_install_action (widget_class, "ceremony.new", NULL, action_new);
  gtk_widget_class_install_action (widget_class, "ceremony.choose", "x", action_choose);
  gtk_widget_class_install_action (widget_class, "ceremony.show-list", NULL, action_show_list);
  gtk_widget_class_install_action (widget_class, "ceremony.show-checkoff", NULL,
                                   action_show_checkoff);
  gtk_widget_class_install_action (widget_class, "ceremony.close", NULL, action_close);
}

static void
serah_ceremony_page_init (SerahCeremonyPage *self)
{
  g_autoptr(GtkSingleSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->ceremonies = g_list_store_new (SERAH_TYPE_CEREMONY_ITEM);
  selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->ceremonies)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_list_view_set_model (self->ceremony_view, GTK_SELECTION_MODEL (selection));
  show_list (self);
}
