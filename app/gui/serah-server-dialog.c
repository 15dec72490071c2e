/* serah-server-dialog.c: the office server (server kantor) in the main menu: link this desk
 * with the server's address, the desk's login and password, the secure-connection mode and
 * the office's certificate; its state (online or not, and why; what waits to be sent);
 * unlink. Everything that touches the network runs in the desk's worker
 * (serah-server-desk.c), so the window never freezes on a server that does not answer; the
 * dialog shows a spinner meanwhile. Refusals are shown as the core words them (wrong
 * password, certificate refused, stale schema), and nothing is stored when linking fails. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <serah/output/serah-format.h>

#include "serah-file-chooser.h"
#include "serah-server-desk.h"
#include "serah-server-dialog.h"

/* libpq's sslmode words, in the order of the dropdown, with what they mean in the UI. */
static const struct {
  const char *mode;
  const char *label;
} sslmodes[] = {
  { "prefer", N_("If the server offers it (prefer)") },
  { "require", N_("Always, without checking the certificate (require)") },
  { "verify-ca", N_("Always, checking the office certificate (verify-ca)") },
  { "verify-full", N_("Always, checking the certificate and the name (verify-full)") },
  { "disable", N_("Never (disable)") },
};

struct _SerahServerDialog
{
  AdwWindow             parent_instance;

  SerahStore           *store;
  SerahServerDesk      *desk;
  char                 *operator_name;
  char                 *ca_file;
  char                 *error;
  gboolean              busy;

  GtkLabel             *message_label;
  GtkSpinner           *spinner;
  AdwActionRow         *state_row;
  GtkImage             *state_icon;
  AdwActionRow         *pending_row;
  AdwActionRow         *unlink_row;
  AdwPreferencesGroup  *link_group;
  AdwEntryRow          *url_row;
  AdwEntryRow          *user_row;
  AdwPasswordEntryRow  *password_row;
  AdwComboRow          *sslmode_row;
  GtkStringList        *sslmode_labels;
  AdwActionRow         *ca_row;
};

G_DEFINE_FINAL_TYPE (SerahServerDialog, serah_server_dialog, ADW_TYPE_WINDOW)

enum { PROP_0, PROP_BUSY, N_PROPS };
static GParamSpec *properties[N_PROPS];

static void query_status (SerahServerDialog *self);

static void
set_busy (SerahServerDialog *self, gboolean busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.link", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "server.unlink", !busy);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

/* A label, not a toast: a refusal must stay readable while the operator fixes the form. */
static void
show_message (SerahServerDialog *self, const char *text, gboolean is_error)
{
  GtkWidget *label = GTK_WIDGET (self->message_label);

  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (label, text != NULL);
  gtk_widget_remove_css_class (label, is_error ? "success" : "error");
  gtk_widget_add_css_class (label, is_error ? "error" : "success");
}

static void
show_error (SerahServerDialog *self, const GError *error)
{
  g_free (self->error);
  self->error = g_strdup (error->message);
  show_message (self, error->message, TRUE);
}

/* ---- state ---- */

static void
show_state (SerahServerDialog *self, const SerahServerStatus *status)
{
  gboolean linked = serah_server_desk_get_linked (self->desk);
  gboolean online = serah_server_desk_get_online (self->desk);
  const char *message = serah_server_desk_get_message (self->desk);
  g_autofree char *subtitle = NULL;

  if (!linked)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row), _("Not linked"));
      subtitle = g_strdup (_("This desk works on its own database only."));
    }
  else if (online)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row),
                                     _("Linked, connected"));
      subtitle = status != NULL && status->conninfo != NULL
        ? g_strdup_printf (_("%s, as %s"), status->conninfo,
                           status->desk != NULL ? status->desk : "?")
        : NULL;
    }
  else
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->state_row),
                                     _("Linked, not connected: recording on this desk"));
      subtitle = g_strdup (message);
    }
  adw_action_row_set_subtitle (self->state_row, subtitle != NULL ? subtitle : "");
  gtk_image_set_from_icon_name (self->state_icon, online ? "network-server-symbolic"
                                                         : "network-offline-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->unlink_row), linked);
  gtk_widget_set_visible (GTK_WIDGET (self->link_group), !linked);
  gtk_widget_set_visible (GTK_WIDGET (self->pending_row), linked && status != NULL);
  if (linked && status != NULL)
    {
      g_autofree char *handovers = serah_format_count (status->pending_handovers);
      g_autofree char *undos = serah_format_count (status->pending_undos);
      g_autofree char *pending = NULL;

      /* TRANSLATORS: handovers and undos recorded here that the server has not received yet */
      pending = g_strdup_printf (_("%s handovers, %s undos"), handovers, undos);
      adw_action_row_set_subtitle (self->pending_row, pending);
    }
}

static void
status_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SerahServerDialog) self = data;
  g_autoptr(SerahServerStatus) status = NULL;
  g_autoptr(GError) error = NULL;

  status = serah_server_desk_status_finish (SERAH_SERVER_DESK (source), result, &error);
  set_busy (self, FALSE);
  if (status == NULL)
    show_error (self, error);
  show_state (self, status);
}

static void
query_status (SerahServerDialog *self)
{
  show_state (self, NULL);
  if (!serah_server_desk_get_linked (self->desk))
    return;
  set_busy (self, TRUE);
  serah_server_desk_status_async (self->desk, status_done, g_object_ref (self));
}

/* ---- the form ---- */

static gboolean
is_uri (const char *text)
{
  return g_str_has_prefix (text, "postgresql://") || g_str_has_prefix (text, "postgres://");
}

/* Adds key=value to a libpq URI (escaped) or a key=value string (quoted). */
static void
add_param (GString *url, gboolean uri, const char *key, const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (uri)
    {
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
      g_string_append_c (url, strchr (url->str, '?') != NULL ? '&' : '?');
      g_string_append_printf (url, "%s=%s", key, escaped);
    }
  else
    {
      g_string_append_printf (url, " %s='", key);
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '\'' || *p == '\\')
            g_string_append_c (url, '\\');
          g_string_append_c (url, *p);
        }
      g_string_append_c (url, '\'');
    }
}

char *
serah_server_dialog_dup_url (SerahServerDialog *self)
{
  g_autofree char *base = NULL;
  const char *user;
  guint mode;
  GString *url;
  gboolean uri;

  g_return_val_if_fail (SERAH_IS_SERVER_DIALOG (self), NULL);

  base = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  uri = is_uri (base);
  url = g_string_new (base);
  user = gtk_editable_get_text (GTK_EDITABLE (self->user_row));
  add_param (url, uri, "user", user);
  mode = adw_combo_row_get_selected (self->sslmode_row);
  /* "prefer" is libpq's default: the address may name its own mode then. */
  if (mode > 0 && mode < G_N_ELEMENTS (sslmodes))
    add_param (url, uri, "sslmode", sslmodes[mode].mode);
  add_param (url, uri, "sslrootcert", self->ca_file);
  return g_string_free (url, FALSE);
}

void
serah_server_dialog_set_fields (SerahServerDialog *self, const char *url, const char *user,
                                const char *password, const char *sslmode, const char *ca_file)
{
  g_return_if_fail (SERAH_IS_SERVER_DIALOG (self));

  if (url != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (user != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
  if (password != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
  for (guint i = 0; sslmode != NULL && i < G_N_ELEMENTS (sslmodes); i++)
    if (g_strcmp0 (sslmode, sslmodes[i].mode) == 0)
      adw_combo_row_set_selected (self->sslmode_row, i);
  if (ca_file != NULL)
    {
      g_free (self->ca_file);
      self->ca_file = g_strdup (ca_file);
      adw_action_row_set_subtitle (self->ca_row, ca_file);
    }
}

static void
ca_chosen (GtkNativeDialog *chooser, int response, SerahServerDialog *self)
{
  g_autofree char *path = serah_file_chooser_take_path (chooser, response);

  if (path != NULL)
    serah_server_dialog_set_fields (self, NULL, NULL, NULL, NULL, path);
}

static void
choose_ca_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahServerDialog *self = SERAH_SERVER_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  gtk_file_filter_set_name (filter, _("Certificates (PEM)"));
  gtk_file_filter_add_pattern (filter, "*.crt");
  gtk_file_filter_add_pattern (filter, "*.pem");
  chooser = serah_file_chooser_new (GTK_WINDOW (self), _("Office Certificate"),
                                    GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), filter);
  g_signal_connect_object (chooser, "response", G_CALLBACK (ca_chosen), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ---- link and unlink ---- */

static void
link_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SerahServerDialog) self = data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!serah_server_desk_link_finish (SERAH_SERVER_DESK (source), result, &error))
    {
      show_error (self, error);
      show_state (self, NULL);
      return;
    }
  g_clear_pointer (&self->error, g_free);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_message (self, _("This desk is linked to the office server."), FALSE);
  query_status (self);
}

static void
link_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahServerDialog *self = SERAH_SERVER_DIALOG (widget);
  g_autofree char *url = NULL;
  const char *password;

  if (self->busy)
    return;
  if (*gtk_editable_get_text (GTK_EDITABLE (self->url_row)) == '\0')
    {
      g_autoptr(GError) error =
        g_error_new_literal (SERAH_SERVER_ERROR, SERAH_SERVER_ERROR_INVALID,
                             _("Type the office server's address first, such as "
                               "postgresql://server.kantor/serah."));
      show_error (self, error);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }
  url = serah_server_dialog_dup_url (self);
  password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
  set_busy (self, TRUE);
  serah_server_desk_link_async (self->desk, url, *password != '\0' ? password : NULL,
                                self->operator_name, link_done, g_object_ref (self));
}

static void
unlink_done (GObject *source, GAsyncResult *result, gpointer data)
{
  g_autoptr(SerahServerDialog) self = data;
  g_autoptr(GError) error = NULL;

  set_busy (self, FALSE);
  if (!serah_server_desk_unlink_finish (SERAH_SERVER_DESK (source), result, &error))
    show_error (self, error);
  else
    show_message (self, _("This desk is no longer linked. Its records stay here."), FALSE);
  show_state (self, NULL);
}

static void
unlink_action (GtkWidget *widget, const char *name, GVariant *param)
{
  SerahServerDialog *self = SERAH_SERVER_DIALOG (widget);

  if (self->busy)
    return;
  set_busy (self, TRUE);
  serah_server_desk_unlink_async (self->desk, self->operator_name, unlink_done,
                                  g_object_ref (self));
}

static void
desk_changed (SerahServerDialog *self)
{
  if (!self->busy)
    show_state (self, NULL);
}

/* ---- the object ---- */

SerahServerDialog *
serah_server_dialog_new (GtkWindow *parent, SerahStore *store, const char *operator_name)
{
  SerahServerDialog *self;

  g_return_val_if_fail (SERAH_IS_STORE (store), NULL);

  self = g_object_new (SERAH_TYPE_SERVER_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->desk = g_object_ref (serah_server_desk_for_store (store));
  self->operator_name = g_strdup (operator_name);
  g_signal_connect_object (self->desk, "notify::online", G_CALLBACK (desk_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->desk, "notify::linked", G_CALLBACK (desk_changed), self,
                           G_CONNECT_SWAPPED);
  query_status (self);
  return self;
}

gboolean
serah_server_dialog_get_busy (SerahServerDialog *self)
{
  g_return_val_if_fail (SERAH_IS_SERVER_DIALOG (self), FALSE);
  return self->busy;
}

const char *
serah_server_dialog_get_error (SerahServerDialog *self)
{
  g_return_val_if_fail (SERAH_IS_SERVER_DIALOG (self), NULL);
  return self->error;
}

static void
serah_server_dialog_dispose (GObject *object)
{
  SerahServerDialog *self = SERAH_SERVER_DIALOG (object);

  g_clear_object (&self->desk);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), SERAH_TYPE_SERVER_DIALOG);
  G_OBJECT_CLASS (serah_server_dialog_parent_class)->dispose (object);
}

static void
serah_server_dialog_finalize (GObject *object)
{
  SerahServerDialog *self = SERAH_SERVER_DIALOG (object);

  g_free (self->operator_name);
  g_free (self->ca_file);
  g_free (self->error);
  G_OBJECT_CLASS (serah_server_dialog_parent_class)->finalize (object);
}

static void
serah_server_dialog_get_property (GObject *object, guint prop_id, GValue *value,
                                  GParamSpec *pspec)
{
  SerahServerDialog *self = SERAH_SERVER_DIALOG (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
serah_server_dialog_class_init (SerahServerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = serah_server_dialog_dispose;
  object_class->finalize = serah_server_dialog_finalize;
  object_class->get_property = serah_server_dialog_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/id/go/dinkes/Serah/serah-server-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, state_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, state_icon);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, pending_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, unlink_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, link_group);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, sslmode_row);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, sslmode_labels);
  gtk_widget_class_bind_template_child (widget_class, SerahServerDialog, ca_row);

  gtk_widget_class_install_action (widget_class, "server.link", NULL, link_action);
  gtk_widget_class_install_action (widget_class, "server.unlink", NULL, unlink_action);
  gtk_widget_class_install_action (widget_class, "server.choose-ca", NULL, choose_ca_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

/* libadwaita 1.2's password row has an icon-only "show the password" button with no
 * accessible name: a screen reader announces it as "GtkImage" (issue 12). */
static void
name_icon_buttons (GtkWidget *widget, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_BUTTON (child) && gtk_button_get_label (GTK_BUTTON (child)) == NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (child), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        name, -1);
      name_icon_buttons (child, name);
    }
}

static void
serah_server_dialog_init (SerahServerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  name_icon_buttons (GTK_WIDGET (self->password_row), _("Show the password"));
  for (guint i = 0; i < G_N_ELEMENTS (sslmodes); i++)
    gtk_string_list_append (self->sslmode_labels, _(sslmodes[i].label));
}
