/* serah-window-private.h: what serah-window.c shares with serah-window-actions.c. */
#pragma once

#include <serah/serah-operators.h>

#include "serah-window.h"

G_BEGIN_DECLS

/* The main menu's actions: win.audit-log, win.operators, win.backup, win.restore and
 * win.about. Called from serah_window_class_init. */
void  serah_window_class_install_admin_actions (GtkWidgetClass *widget_class);

/* Who is acting in the window and as what: the signed-in operator (the window's
 * "operator-name" and "operator-role" properties) where the window has a sign-in;
 * otherwise the computer account, an administrator while the database has no operator and
 * otherwise whatever role the operator of that name has (0 for none). *name_fixed tells
 * whether the name comes from a sign-in. Returns NULL while the window is locked. */
char *serah_window_dup_acting_operator (SerahWindow *self,
                                        SerahRole   *role,
                                        gboolean    *name_fixed);

G_END_DECLS
