/* serah-window-actions.c: the main menu of the window (Jejak Audit, Petugas, Cadangkan
 * Sekarang…, Pulihkan dari Cadangan…, Server Kantor…, Tentang Serah). The audit log, operators and
 * backups are an administrator's: each action takes the operator signed in to the window
 * and refuses, with a toast saying why, anyone else (and everyone while it is locked). */
#define G_LOG_DOMAIN "serah"

#include "config.h"

#include <glib/gi18n.h>

#include "serah-audit-dialog.h"
#include "serah-backup-actions.h"
#include "serah-operators-dialog.h"
#include "serah-server-dialog.h"
#include "serah-window-private.h"

char *
serah_window_dup_acting_operator (SerahWindow *self, SerahRole *role)
{
  g_return_val_if_fail (SERAH_IS_WINDOW (self), NULL);

  *role = 0;
  /* The menu stays in the header bar while the lock screen covers the pages. */
  if (serah_window_get_locked (self) || serah_window_get_operator_name (self) == NULL)
    return NULL;
  *role = serah_window_get_operator_role (self);
  return g_strdup (serah_window_get_operator_name (self));
}

/* The administrator acting in the window, or NULL after a toast saying why not. */
static char *
require_admin (SerahWindow *self, const char *what)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  SerahRole role;

  if (serah_window_get_store (self) == NULL)
    return NULL;
  name = serah_window_dup_acting_operator (self, &role);
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
  g_autofree char *name = require_admin (self, _("The audit log"));

  if (name != NULL)
    gtk_window_present (GTK_WINDOW (serah_audit_dialog_new (GTK_WINDOW (self),
                                                            serah_window_get_store (self),
                                                            name)));
}

static void
operators_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  SerahStore *store = serah_window_get_store (self);
  g_autofree char *name = NULL;

  if (store == NULL)
    return;
  /* No operator yet: the lock screen's first-administrator form makes one and signs them
   * in, which this dialog could not do for the window. */
  if (serah_operators_count (store, NULL) == 0)
    {
      gtk_widget_activate_action (widget, "win.setup-operators", NULL);
      return;
    }
  name = require_admin (self, _("Managing operators"));
  if (name != NULL)
    gtk_window_present (GTK_WINDOW (serah_operators_dialog_new (GTK_WINDOW (self), store,
                                                                name, TRUE)));
}

static void
backup_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  /* A backup carries every participant's data out of the database. */
  g_autofree char *name = require_admin (self, _("Backing up"));

  if (name != NULL)
    serah_backup_actions_back_up (GTK_WINDOW (self), serah_window_get_store (self), name);
}

static void
restore_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  g_autofree char *name = require_admin (self, _("Restoring a backup"));

  if (name != NULL)
    serah_backup_actions_restore (GTK_WINDOW (self), serah_window_get_store (self), name);
}

/* issue 16: linking the desk to the office server decides where its records go. */
static void
office_server_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  SerahWindow *self = SERAH_WINDOW (widget);
  g_autofree char *name = require_admin (self, _("The office server"));

  if (name != NULL)
    gtk_window_present (GTK_WINDOW (serah_server_dialog_new (GTK_WINDOW (self),
                                                             serah_window_get_store (self),
                                                             name)));
}

static void
about_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  static const char *const developers[] = { "Serah developers", NULL };
  /* The icon ships in the resource bundle (/id/go/dinkes/Serah/icons, which GtkApplication
   * adds to the icon theme), so it shows from the build tree too. */
  const char *icon = APPLICATION_ID;

  adw_show_about_window (GTK_WINDOW (widget),
                         "application-name", "Serah",
                         "application-icon", icon,
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
  gtk_widget_class_install_action (widget_class, "win.office-server", NULL, office_server_action);
}
