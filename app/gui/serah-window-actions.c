/* serah-window-actions.c: the main menu of the window (Jejak Audit, Petugas, Cadangkan
 * Sekarang…, Pulihkan dari Cadangan…, Tentang Serah). The audit log, operators and
 * backups are an administrator's: each action first finds who is acting and refuses,
 * with a toast saying why, anyone else. */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-audit-dialog.h"
#include "serah-backup-actions.h"
#include "serah-operators-dialog.h"
#include "serah-window-private.h"

/* The sign-in (lock screen) is another area's work and lands on its own branch; its
 * properties are looked up by name so this file works with and without it. */
static gboolean
has_property (SerahWindow *self, const char *name)
{
  return g_object_class_find_property (G_OBJECT_GET_CLASS (self), name) != NULL;
}

char *
serah_window_dup_acting_operator (SerahWindow *self, SerahRole *role, gboolean *name_fixed)
{
  SerahStore *store = serah_window_get_store (self);
  g_autofree char *name = NULL;
  gboolean locked = FALSE;
  int window_role = 0;

  g_return_val_if_fail (SERAH_IS_WINDOW (self), NULL);

  *role = 0;
  *name_fixed = FALSE;
  if (has_property (self, "locked"))
    g_object_get (self, "locked", &locked, NULL);
  if (locked)
    return NULL;

  if (has_property (self, "operator-name") && has_property (self, "operator-role"))
    {
      g_object_get (self, "operator-name", &name, "operator-role", &window_role, NULL);
      *role = (SerahRole) window_role;
      *name_fixed = TRUE;
      return g_steal_pointer (&name);
    }

  /* No sign-in in this build: the computer account, judged by the core's rules. */
  name = g_strdup (g_get_user_name ());
  if (store == NULL)
    return g_steal_pointer (&name);
  if (serah_operators_count (store, NULL) == 0)
    *role = SERAH_ROLE_ADMIN;
  else
    {
      g_autoptr(SerahOperator) op = serah_operators_get (store, name, NULL);
      if (op != NULL && !op->disabled)
        *role = op->role;
    }
  return g_steal_pointer (&name);
}

/* The administrator acting in the window, or NULL after a toast saying why not. */
static char *
require_admin (SerahWindow *self, const char *what, gboolean *name_fixed)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  SerahRole role;
  gboolean fixed;

  if (serah_window_get_store (self) == NULL)
    return NULL;
  name = serah_window_dup_acting_operator (self, &role, &fixed);
  if (name_fixed != NULL)
    *name_fixed = fixed;
  if (name != NULL && role >= SERAH_ROLE_ADMIN)
    return g_steal_pointer (&name);

  /* TRANSLATORS: %s is what was refused, such as "The audit log" */
  text = name == NULL ? g_strdup_printf (_("%s: sign in first."), what)
                      : g_strdup_printf (_("%s needs an administrator."), what);
  serah_window_toast (self, text);
  return NULL;
}

static void
audit_log_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  g_autofree char *name = require_admin (self, _("The audit log"), NULL);

  if (name != NULL)
    gtk_window_present (GTK_WINDOW (serah_audit_dialog_new (GTK_WINDOW (self),
                                                            serah_window_get_store (self),
                                                            name)));
}

static void
operators_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  g_autofree char *name = NULL;
  SerahRole role;
  gboolean fixed;

  if (serah_window_get_store (self) == NULL)
    return;
  /* Without a sign-in in the window, the dialog's PIN check is the gate: any administrator
   * may type their name there. With one, only an administrator opens it. */
  name = serah_window_dup_acting_operator (self, &role, &fixed);
  if (fixed || name == NULL)
    {
      g_clear_pointer (&name, g_free);
      name = require_admin (self, _("Managing operators"), &fixed);
      if (name == NULL)
        return;
    }
  gtk_window_present (GTK_WINDOW (serah_operators_dialog_new (GTK_WINDOW (self),
                                                              serah_window_get_store (self),
                                                              name, fixed)));
}

static void
backup_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  /* A backup carries every participant's data out of the database. */
  g_autofree char *name = require_admin (self, _("Backing up"), NULL);

  if (name != NULL)
    serah_backup_actions_back_up (GTK_WINDOW (self), serah_window_get_store (self), name);
}

static void
restore_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  g_autofree char *name = require_admin (self, _("Restoring a backup"), NULL);

  if (name != NULL)
    serah_backup_actions_restore (GTK_WINDOW (self), serah_window_get_store (self), name);
}

static void
about_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const char *const developers[] = { "Serah developers", NULL };

  adw_show_about_window (GTK_WINDOW (widget),
                         "application-name", "Serah",
                         "application-icon", APPLICATION_ID,
                         "version", PACKAGE_VERSION,
                         "developer-name", C_("about", "Serah developers"),
                         "developers", developers,
                         "comments", _("Prints national health insurance cards (JKN-KIS) and "
                                       "records every card handed over at distribution "
                                       "ceremonies. Works offline: personal data stays on "
                                       "this computer unless someone exports it."),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

void
serah_window_class_install_admin_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.audit-log", NULL, audit_log_action);
  gtk_widget_class_install_action (widget_class, "win.operators", NULL, operators_action);
  gtk_widget_class_install_action (widget_class, "win.backup", NULL, backup_action);
  gtk_widget_class_install_action (widget_class, "win.restore", NULL, restore_action);
  gtk_widget_class_install_action (widget_class, "win.about", NULL, about_action);
}
